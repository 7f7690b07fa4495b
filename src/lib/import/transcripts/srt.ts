// SubRip (.srt) → segments. SRT carries no speaker: a short `Name:` prefix names one, otherwise the
// label is 'unknown' (mapped to customer and flagged in the report, see speakers.ts).
import { blocks, parseClock, parseTiming, speakerPrefix, splitLines, stripSrtMarkup, tidy } from './cue-text';
import { CallCollector, fileStem, rejectedFile, UNKNOWN_SPEAKER, type ParsedTranscript } from './types';
import type { ImportIssue } from '../types';
import { issue } from '../reasons';

const TIMING = /^\s*\d+:\d+:\d+[,.]\d+\s*-->\s*\d+:\d+:\d+[,.]\d+/;

/** A file is SRT when its first block is `n` + timing line, or starts with a timing line. */
export function isSrt(text: string): boolean {
	const lines = splitLines(text);
	const first = blocks(lines)[0];
	if (!first) return false;
	if (TIMING.test(first.lines[0])) return true;
	return /^\d+$/.test(first.lines[0].trim()) && first.lines.length > 1 && TIMING.test(first.lines[1]);
}

/** A cue number line followed by an arrow line, or an arrow line first, whatever the times say. */
function isCueShaped(b: { lines: string[] }): boolean {
	return b.lines[0].includes('-->') || (/^\d+$/.test(b.lines[0].trim()) && b.lines.length > 1 && b.lines[1].includes('-->'));
}

export function parseSrt(name: string, text: string): ParsedTranscript {
	const format = 'srt';
	const lines = splitLines(text);
	const all = blocks(lines);
	if (all.length === 0) return rejectedFile(format, issue(null, 'no_cues', 'empty file: no cues'));
	// One bad cue at the top does not make the file something else: any of the first blocks shaped like a cue will do.
	if (!isSrt(text) && !all.slice(0, 5).some(isCueShaped))
		return rejectedFile(
			format,
			issue(
				all[0].line,
				'srt_not_srt',
				`not an SRT file: line ${all[0].line} "${all[0].lines[0].trim().slice(0, 40)}" is neither a cue number nor a "00:00:00,000 --> 00:00:00,000" timing line`,
				{
					line: all[0].line,
					text: all[0].lines[0].trim().slice(0, 40)
				}
			)
		);
	const callId = fileStem(name);
	const out = new CallCollector();
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	let total = 0;
	for (const b of all) {
		total++;
		const t = b.lines[0].includes('-->') ? 0 : b.lines.length > 1 && b.lines[1].includes('-->') ? 1 : -1;
		if (t < 0) {
			const isNumber = /^\d+$/.test(b.lines[0].trim());
			const what = isNumber ? `cue ${b.lines[0].trim()}` : `"${b.lines[0].trim().slice(0, 40)}"`;
			errors.push(
				issue(
					b.line,
					isNumber ? 'srt_missing_timeframe_cue' : 'srt_missing_timeframe_text',
					`missing timeframe: ${what} has no "start --> end" line`,
					{
						text: isNumber ? b.lines[0].trim() : b.lines[0].trim().slice(0, 40)
					}
				)
			);
			continue;
		}
		const timing = parseTiming(b.lines[t])!;
		const start = parseClock(timing.start);
		const end = parseClock(timing.end);
		if (!start || !end) {
			errors.push(
				issue(b.line + t, 'srt_invalid_timeframe', `invalid timeframe "${b.lines[t].trim()}": expected hh:mm:ss,mmm --> hh:mm:ss,mmm`, {
					text: b.lines[t].trim()
				})
			);
			continue;
		}
		// Many tools write '.' instead of ','; the time is unambiguous, so accept it and say so.
		if (start.sep === '.' || end.sep === '.')
			warnings.push(
				issue(b.line + t, 'srt_dot_millis', `"${b.lines[t].trim()}" uses "." instead of "," before the milliseconds; accepted`, {
					text: b.lines[t].trim()
				})
			);
		if (end.seconds < start.seconds)
			warnings.push(
				issue(b.line + t, 'srt_ends_before_start', `cue ends (${end.seconds}s) before it starts (${start.seconds}s); kept as given`, {
					start: start.seconds,
					end: end.seconds
				})
			);
		const raw = tidy(stripSrtMarkup(b.lines.slice(t + 1).join('\n')));
		if (!raw) {
			errors.push(issue(b.line, 'srt_no_caption', 'empty text: the cue has a timeframe but no caption'));
			continue;
		}
		const p = speakerPrefix(raw);
		out.add(callId, {
			speaker_label: p?.label ?? UNKNOWN_SPEAKER,
			channel: null,
			start_s: start.seconds,
			end_s: end.seconds,
			text: p?.text ?? raw,
			line: b.line
		});
	}
	return { format, calls: out.calls(), errors, warnings, rows_total: total };
}
