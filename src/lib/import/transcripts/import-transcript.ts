// Loads one transcript file into `segments`: decode, parse, map speakers, replace the calls' earlier
// segments, and fill the file report. Writing import_files/import_errors is the pipeline's job.
import { bulkInsert } from '../../db/bulk';
import { ensureSchema } from '../../db/schema';
import { decodeBytes } from '../encoding';
import type { Db } from '../../db/types';
import { emptyReport, type FileReport, type InputFile, type Speaker } from '../types';
import { issue } from '../reasons';
import { parseTranscript } from './sniff';
import { mapSpeakers, type SpeakerRule } from './speakers';
import { UNKNOWN_SPEAKER } from './types';

const SEGMENT_COLUMNS = ['call_id', 'seq', 'speaker', 'speaker_label', 'start_s', 'end_s', 'text', 'source_file'];

export async function importTranscript(
	db: Db,
	file: InputFile,
	opts: { rule?: SpeakerRule; overrides?: Record<string, Speaker> } = {}
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
			issue(null, 'unknown_speaker_attributed', `${unknown} segment(s) name no speaker in the source; attributed to ${roleOf.get(UNKNOWN_SPEAKER)} until you map "${UNKNOWN_SPEAKER}"`, {
				n: unknown,
				role: roleOf.get(UNKNOWN_SPEAKER) ?? 'customer',
				label: UNKNOWN_SPEAKER
			})
		);
	if (mapping.rule === 'first_speaker')
	{
		const map = mapping.map.map((m) => `${m.label} → ${m.role}`).join(', ');
		report.warnings.push(issue(null, 'first_speaker_agent', `speaker names are not role words; the first to speak in a call is taken as the agent (${map})`, { map }));
	}

	const rows = segments.map((s) => [s.call_id, s.seq, roleOf.get(s.speaker_label) ?? 'customer', s.speaker_label, s.start_s, s.end_s, s.text, file.name]);
	await ensureSchema(db);
	const ids = parsed.calls.map((c) => c.call_id);
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const inList = `call_id IN (${chunk.map(() => '?').join(', ')})`;
		// Re-importing a file replaces its calls silently; another file holding the same call ids is worth
		// saying (e.g. two subtitle files named sample.vtt / sample.srt, or a translation with the same ids).
		const { rows: clash } = await db.query<{ source_file: string; n: number }>(
			`SELECT source_file, count(DISTINCT call_id) AS n FROM segments WHERE ${inList} AND source_file IS DISTINCT FROM ? GROUP BY source_file`,
			[...chunk, file.name]
		);
		for (const c of clash)
			report.warnings.push(
				c.source_file === null
					? issue(null, 'replaced_calls_unknown_file', `replaced the segments of ${c.n} call(s) loaded earlier from an unknown file (same call ids)`, { n: Number(c.n) })
					: issue(null, 'replaced_calls', `replaced the segments of ${c.n} call(s) loaded earlier from ${c.source_file} (same call ids)`, { n: Number(c.n), file: c.source_file })
			);
		await db.query(`DELETE FROM segments WHERE ${inList}`, chunk);
	}
	report.rows_loaded = await bulkInsert(db, 'segments', SEGMENT_COLUMNS, rows);
	report.rows_rejected = Math.max(0, parsed.rows_total - report.rows_loaded);
	return report;
}
