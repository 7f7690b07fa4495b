// WebVTT → segments: one segment per `<v Name>` voice span of each cue (same times when a cue holds two
// voices), markup and karaoke timestamps dropped. Cue settings, NOTE/STYLE/REGION blocks are ignored.
// Spec: https://www.w3.org/TR/webvtt1/ (cue text parsing §6.4; we keep only text and voices).
import { blocks, decodeEntities, parseClock, parseTiming, speakerPrefix, splitLines, tidy } from './cue-text';
import { CallCollector, fileStem, rejectedFile, UNKNOWN_SPEAKER, type ParsedTranscript } from './types';
import type { ImportIssue } from '../types';
import { issue } from '../reasons';

export function isWebVtt(text: string): boolean {
	return /^\uFEFF?WEBVTT(?:[ \t]|\r?\n|$)/.test(text);
}

interface VoiceRun {
	voice: string | null;
	text: string;
}

/**
 * Splits cue text into voice runs. Text outside any `<v>` span (after a `</v>`, or `<i>Laughter</i>` on the
 * next line) stays with the voice before it, or the one after it at the start of a cue: it is what that
 * speaker's caption showed.
 */
export function voiceRuns(cueText: string): VoiceRun[] {
	const runs: VoiceRun[] = [];
	let voice: string | null = null;
	let buf = '';
	const flush = () => {
		const text = tidy(decodeEntities(buf));
		buf = '';
		if (!text) return;
		const last = runs[runs.length - 1];
		if (voice === null && last) last.text += ' ' + text;
		else if (last && last.voice === voice) last.text += ' ' + text;
		else runs.push({ voice, text });
	};
	const re = /<([^>]*)(>|$)/g;
	let at = 0;
	for (let m = re.exec(cueText); m; m = re.exec(cueText)) {
		buf += cueText.slice(at, m.index);
		at = m.index + m[0].length;
		const tag = m[1];
		const start = /^v(?:\.[^\s]*)?(?:[ \t\n]+([\s\S]*))?$/.exec(tag);
		if (start && m[2] === '>') {
			flush();
			voice = tidy(start[1] ?? '');
		} else if (/^\/v\s*$/.test(tag)) {
			flush();
			voice = null;
		} else if (start) {
			// `<v Name` never closed: per the spec the rest of the cue is the tag, so nothing is spoken.
			flush();
			voice = tidy(start[1] ?? '');
		}
		if (m[0].length === 0) re.lastIndex++;
	}
	buf += cueText.slice(at);
	flush();
	// Text before the first voice of the cue belongs to that voice.
	if (runs.length > 1 && runs[0].voice === null) {
		runs[1].text = runs[0].text + ' ' + runs[1].text;
		runs.shift();
	}
	return runs;
}

export function parseWebVtt(name: string, text: string): ParsedTranscript {
	const format = 'webvtt';
	if (text.trim() === '') return rejectedFile(format, issue(null, 'no_cues', 'empty file: no cues'));
	if (!isWebVtt(text)) return rejectedFile(format, issue(1, 'vtt_not_webvtt', 'not a WebVTT file: line 1 must start with "WEBVTT"'));
	const lines = splitLines(text);
	// The header runs to the first blank line (title after WEBVTT, `Kind:`/`Language:` metadata).
	let i = 1;
	while (i < lines.length && lines[i].trim() !== '') i++;
	const callId = fileStem(name);
	const out = new CallCollector();
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	let total = 0;
	for (const b of blocks(lines, i)) {
		if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(b.lines[0])) continue;
		total++;
		const t = b.lines[0].includes('-->') ? 0 : b.lines.length > 1 && b.lines[1].includes('-->') ? 1 : -1;
		if (t < 0) {
			const text = b.lines[0].trim().slice(0, 60);
			errors.push(issue(b.line, 'vtt_missing_timeframe', `missing timeframe: no "start --> end" line before "${text}"`, { text }));
			continue;
		}
		const timing = parseTiming(b.lines[t])!;
		const start = parseClock(timing.start);
		const end = parseClock(timing.end);
		const timingLine = b.line + t;
		if (!start || !end || start.sep !== '.' || end.sep !== '.') {
			errors.push(
				issue(timingLine, 'vtt_invalid_timeframe', `invalid timeframe "${b.lines[t].trim()}": expected [hh:]mm:ss.mmm --> [hh:]mm:ss.mmm`, {
					text: b.lines[t].trim()
				})
			);
			continue;
		}
		const body = b.lines.slice(t + 1);
		const stray = body.findIndex((l) => l.includes('-->'));
		if (stray >= 0) {
			const text = body[stray].trim();
			errors.push(
				issue(
					timingLine + 1 + stray,
					'vtt_second_timing',
					`cue text holds a second timing line "${text}" (a blank line is missing between cues)`,
					{ text }
				)
			);
			continue;
		}
		if (end.seconds < start.seconds)
			warnings.push(
				issue(timingLine, 'vtt_ends_before_start', `cue ends (${end.seconds}s) before it starts (${start.seconds}s); kept as given`, {
					end: end.seconds,
					start: start.seconds
				})
			);
		const runs = voiceRuns(body.join('\n'));
		if (runs.length === 0) {
			const unclosed = /<v[^>]*$/.test(body.join('\n'));
			errors.push(
				unclosed
					? issue(b.line, 'vtt_unclosed_voice', 'empty text (a "<v" voice tag is never closed with ">")')
					: issue(b.line, 'empty_text', 'empty text')
			);
			continue;
		}
		// A cue holding two voices becomes two segments with the same times: count both as found.
		total += runs.length - 1;
		for (const r of runs) {
			let label = r.voice || UNKNOWN_SPEAKER;
			let spoken = r.text;
			if (r.voice === null) {
				const p = speakerPrefix(r.text);
				if (p) ({ label, text: spoken } = p);
			}
			out.add(callId, { speaker_label: label, channel: null, start_s: start.seconds, end_s: end.seconds, text: spoken, line: b.line });
		}
	}
	if (total === 0) return rejectedFile(format, issue(null, 'vtt_header_only', 'no cues: the file holds only a header'));
	return { format, calls: out.calls(), errors, warnings, rows_total: total };
}
