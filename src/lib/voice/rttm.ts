// RTTM files (NIST Rich Transcription Time Marked: speaker turns without words, what diarisation tools such as
// pyannote write) imported as the voice activity of their call: SPEAKER lines become voice_activity spans, the
// call is found by the file name like a recording's (or by the RTTM's recording id when it holds several), and
// speaker names map to agent/customer by the transcripts' dictionary or, failing that, "who speaks first".
// Format: `SPEAKER <file> <channel> <start> <duration> <NA> <NA> <name> <NA> <NA>` (NIST RT-09 evaluation plan).
import type { Db } from '../db/types';
import { decodeBytes } from '../import/encoding';
import { issue } from '../import/reasons';
import { roleFromLabel, type SpeakerRule } from '../import/transcripts/speakers';
import { emptyReport, type FileReport, type InputFile, type Speaker } from '../import/types';
import { matchCall } from '../recordings/import-recording';
import { saveAnalysis, type VoiceSpan } from './activity-sql';

const SPEAKER_LINE = /^SPEAKER\s+(\S+)\s+(\S+)\s+(-?\d+(?:\.\d*)?(?:e-?\d+)?)\s+(\d+(?:\.\d*)?(?:e-?\d+)?)\s+\S+\s+\S+\s+(\S+)/i;
const OTHER_TYPE = /^(SPKR-INFO|LEXEME|NON-SPEECH|NON-LEX|SEGMENT|NOSCORE|NO_RT_METADATA)\b/i;

export interface RttmTurn {
	recording: string;
	speaker: string;
	start_s: number;
	end_s: number;
	line: number;
}

export interface ParsedRttm {
	turns: RttmTurn[];
	errors: { line: number; text: string }[];
	/** other RTTM record types (SPKR-INFO, LEXEME…) by type */
	skipped: Map<string, number>;
	rows_total: number;
}

export function parseRttm(text: string): ParsedRttm {
	const out: ParsedRttm = { turns: [], errors: [], skipped: new Map(), rows_total: 0 };
	text.split(/\r\n|\n|\r/).forEach((raw, i) => {
		const l = raw.trim();
		if (l === '' || l.startsWith(';;')) return;
		out.rows_total++;
		const m = SPEAKER_LINE.exec(l);
		if (m) {
			const start = Number(m[3]);
			const dur = Number(m[4]);
			if (Number.isFinite(start) && Number.isFinite(dur) && start >= 0 && dur > 0) {
				out.turns.push({ recording: m[1], speaker: m[5], start_s: start, end_s: Math.round((start + dur) * 1000) / 1000, line: i + 1 });
				return;
			}
		}
		const other = OTHER_TYPE.exec(l);
		if (other) out.skipped.set(other[1].toUpperCase(), (out.skipped.get(other[1].toUpperCase()) ?? 0) + 1);
		else out.errors.push({ line: i + 1, text: l });
	});
	return out;
}

/**
 * Speaker name → agent/customer for one call's turns: by the role dictionary when every name is a role word,
 * else the first to speak is the agent and everybody else the customer. `overrides` win.
 */
export function mapRttmSpeakers(
	turns: RttmTurn[],
	rule?: SpeakerRule,
	overrides: Record<string, Speaker> = {}
): { rule: SpeakerRule; map: { label: string; role: Speaker }[] } {
	const names = [...new Set([...turns].sort((a, b) => a.start_s - b.start_s).map((t) => t.speaker))];
	const chosen: SpeakerRule = rule ?? (names.every((n) => roleFromLabel(n) !== null) ? 'label' : 'first_speaker');
	return {
		rule: chosen,
		map: names.map((label, i) => ({
			label,
			role: overrides[label] ?? (chosen === 'label' ? (roleFromLabel(label) ?? 'customer') : i === 0 ? 'agent' : 'customer')
		}))
	};
}

/** Imports one RTTM file as voice activity (replacing the call's earlier voice activity). */
export async function importRttm(
	db: Db,
	file: InputFile,
	opts: { rule?: SpeakerRule; overrides?: Record<string, Speaker> } = {}
): Promise<FileReport> {
	const report = emptyReport(file.name, 'voice_activity');
	report.format = 'rttm';
	const { text, encoding } = decodeBytes(file.bytes);
	report.encoding = encoding;
	const parsed = parseRttm(text);
	report.rows_total = parsed.rows_total;
	for (const e of parsed.errors)
		report.errors.push(
			issue(e.line, 'rttm_bad_line', 'not an RTTM SPEAKER line: expected "SPEAKER file channel start duration <NA> <NA> name <NA> <NA>"')
		);
	if (parsed.skipped.size > 0) {
		const n = [...parsed.skipped.values()].reduce((a, b) => a + b, 0);
		const types = [...parsed.skipped.keys()].join(', ');
		report.warnings.push(
			issue(null, 'rttm_skipped_lines', `skipped ${n} RTTM line(s) that are not SPEAKER turns (${types})`, { n, types })
		);
	}
	if (parsed.turns.length === 0) {
		report.rows_rejected = parsed.rows_total;
		report.errors.push(issue(null, 'rttm_no_turns', 'no SPEAKER lines: the file holds no speech turns'));
		return report;
	}
	// One recording per file is the usual case: the call is the file (so it meets its audio by name).
	const recordings = [...new Set(parsed.turns.map((t) => t.recording))];
	const maps: { label: string; role: Speaker }[] = [];
	let rule: SpeakerRule = 'label';
	for (const rec of recordings) {
		const turns = parsed.turns.filter((t) => t.recording === rec);
		const match = await matchCall(db, recordings.length > 1 ? rec : file.name);
		if (!match.isKnown)
			report.warnings.push(
				issue(null, 'no_call_yet', `no call with id ${match.call_id} in the loaded call logs yet`, { id: match.call_id })
			);
		const mapping = mapRttmSpeakers(turns, opts.rule, opts.overrides);
		rule = mapping.rule;
		for (const m of mapping.map) if (!maps.some((x) => x.label === m.label)) maps.push(m);
		const roleOf = new Map(mapping.map.map((m) => [m.label, m.role]));
		const spans: VoiceSpan[] = [];
		for (const t of turns) {
			const role = roleOf.get(t.speaker);
			if (role === 'agent' || role === 'customer') spans.push({ speaker: role, start_s: t.start_s, end_s: t.end_s });
		}
		await saveAnalysis(
			db,
			{ call_id: match.call_id, source: 'rttm', files: file.name, status: 'done', duration_s: Math.max(...turns.map((t) => t.end_s)) },
			spans
		);
		report.rows_loaded += turns.length;
	}
	report.speaker_rule = rule;
	report.speaker_map = maps;
	if (rule === 'first_speaker') {
		const map = maps.map((m) => `${m.label} → ${m.role}`).join(', ');
		report.warnings.push(
			issue(null, 'rttm_first_speaker', `speaker names are not role words; the first to speak in a call is taken as the agent (${map})`, {
				map
			})
		);
	}
	report.rows_rejected = parsed.errors.length;
	return report;
}
