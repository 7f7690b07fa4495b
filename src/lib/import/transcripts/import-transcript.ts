// Loads one transcript file into `segments`: decode, parse, map speakers, commit the segments (commit-segments.ts:
// calls with a transcript from another file are replaced, skipped or held as the caller says; calls without a
// calls row get one) and fill the file report. Writing import_files/import_errors is the pipeline's job.
import { bulkInsert } from '../../db/bulk';
import { ensureSchema } from '../../db/schema';
import { decodeBytes } from '../encoding';
import type { Db } from '../../db/types';
import { emptyReport, type FileReport, type InputFile, type OnExisting, type Speaker } from '../types';
import type { CallHint } from '../call-rows';
import { applyCommit, commitSegments, SEGMENT_COLUMNS } from './commit-segments';
import { issue } from '../reasons';
import { parseTranscript } from './sniff';
import { mapSpeakers, type SpeakerRule } from './speakers';
import { UNKNOWN_SPEAKER } from './types';

let counter = 0;

export async function importTranscript(
	db: Db,
	file: InputFile,
	opts: { rule?: SpeakerRule; overrides?: Record<string, Speaker>; onExisting?: OnExisting } = {}
): Promise<FileReport> {
	const report = emptyReport(file.name, 'transcript');
	const { text, encoding } = decodeBytes(file.bytes);
	report.encoding = encoding;
	const parsed = parseTranscript(file.name, text);
	report.format = parsed.format;
	report.rows_total = parsed.rows_total;
	report.errors = parsed.errors;
	report.warnings = parsed.warnings;
	const segments = parsed.calls.flatMap((c) => c.segments);
	if (segments.length === 0) {
		report.rows_rejected = parsed.rows_total;
		if (parsed.errors.length === 0) report.errors.push(issue(null, 'no_segments', 'no segments found'));
		return report;
	}

	const mapping = mapSpeakers(parsed, opts.rule, opts.overrides);
	report.speaker_rule = mapping.rule;
	report.speaker_map = mapping.map;
	const roleOf = new Map(mapping.map.map((m) => [m.label, m.role]));
	const unknown = segments.filter((s) => s.speaker_label === UNKNOWN_SPEAKER).length;
	if (unknown > 0 && !(opts.overrides && UNKNOWN_SPEAKER in opts.overrides))
		report.warnings.push(
			issue(
				null,
				'unknown_speaker_attributed',
				`${unknown} segment(s) name no speaker in the source; attributed to ${roleOf.get(UNKNOWN_SPEAKER)} until you map "${UNKNOWN_SPEAKER}"`,
				{
					n: unknown,
					role: roleOf.get(UNKNOWN_SPEAKER) ?? 'customer',
					label: UNKNOWN_SPEAKER
				}
			)
		);
	if (mapping.rule === 'first_speaker') {
		const map = mapping.map.map((m) => `${m.label} → ${m.role}`).join(', ');
		report.warnings.push(
			issue(null, 'first_speaker_agent', `speaker names are not role words; the first to speak in a call is taken as the agent (${map})`, {
				map
			})
		);
	}

	const rows = segments.map((s) => [
		s.call_id,
		s.seq,
		roleOf.get(s.speaker_label) ?? 'customer',
		s.speaker_label,
		s.start_s,
		s.end_s,
		s.text,
		file.name
	]);
	await ensureSchema(db);
	const stage = `cqa_transcript_${Date.now().toString(36)}_${counter++}`;
	await db.query(`CREATE TEMP TABLE ${stage} AS SELECT ${SEGMENT_COLUMNS.join(', ')} FROM segments LIMIT 0`);
	try {
		await bulkInsert(db, stage, SEGMENT_COLUMNS, rows);
		const hints: CallHint[] = parsed.calls
			.filter((c) => c.started_at || c.channel)
			.map((c) => ({ call_id: c.call_id, started_at: c.started_at ?? null, channel: c.channel ?? null }));
		report.rows_rejected = Math.max(0, parsed.rows_total - rows.length);
		applyCommit(report, await commitSegments(db, stage, file.name, opts.onExisting ?? 'skip', hints));
	} finally {
		await db.query(`DROP TABLE IF EXISTS ${stage}`);
	}
	return report;
}
