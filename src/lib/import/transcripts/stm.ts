// NIST STM (time-aligned reference transcript: `file channel speaker start end [<labels>] text`) → segments,
// and recognition of RTTM (diarization without text), which the pipeline imports as voice activity (voice/rttm.ts).
// STM: https://github.com/usnistgov/SCTK/blob/master/doc/infmts.htm#L74 ; RTTM: NIST RT-09 eval plan.
import { splitLines } from './cue-text';
import { CallCollector, fileStem, rejectedFile, type ParsedTranscript } from './types';
import type { ImportIssue } from '../types';
import { issue } from '../reasons';

const STM_LINE = /^(\S+)\s+(\S+)\s+(\S+)\s+(\d+(?:\.\d*)?)\s+(\d+(?:\.\d*)?)(?:\s+(<[^>]*>))?(?:\s+(.*))?$/;
const RTTM_LINE = /^(SPEAKER|SPKR-INFO|LEXEME|NON-SPEECH|NON-LEX|SEGMENT)\s+\S+\s+\S+\s+\S+\s+\S+\s/;

function contentLines(text: string): { line: number; text: string }[] {
	return splitLines(text)
		.map((t, i) => ({ line: i + 1, text: t.trim() }))
		.filter((l) => l.text !== '' && !l.text.startsWith(';;'));
}

export function isRttm(text: string): boolean {
	const lines = contentLines(text).slice(0, 20);
	return lines.length > 0 && lines.every((l) => RTTM_LINE.test(l.text));
}

export function isStm(text: string): boolean {
	const lines = contentLines(text).slice(0, 20);
	return lines.length > 0 && !isRttm(text) && lines.every((l) => STM_LINE.test(l.text));
}

/** RTTM given to the transcript importer: it has no words; the import pipeline reads it as voice activity instead. */
export function parseRttm(): ParsedTranscript {
	return rejectedFile(
		'rttm',
		issue(null, 'rttm_not_transcript', 'RTTM holds speaker turns without words: it is imported as voice activity, not as a transcript')
	);
}

export function parseStm(name: string, text: string): ParsedTranscript {
	const format = 'stm';
	const lines = contentLines(text);
	if (lines.length === 0) return rejectedFile(format, issue(null, 'stm_empty_file', 'empty file: no STM lines'));
	const recordings = new Set(lines.map((l) => STM_LINE.exec(l.text)?.[1]).filter(Boolean));
	// One recording per file is the usual case: the call is the file (so it matches the audio by name);
	// an STM covering several recordings gives one call per recording id.
	const callOf = (rec: string) => (recordings.size > 1 ? rec : fileStem(name));
	const out = new CallCollector();
	const errors: ImportIssue[] = [];
	let total = 0;
	for (const l of lines) {
		total++;
		const m = STM_LINE.exec(l.text);
		if (!m) {
			errors.push(issue(l.line, 'stm_bad_line', 'not an STM line: expected "file channel speaker start end [<labels>] text"'));
			continue;
		}
		const [, rec, channel, speaker, start, end, , words = ''] = m;
		const spoken = words.trim();
		if (spoken === '' || /^ignore_time_segment_in_scoring$/i.test(spoken)) {
			errors.push(
				spoken
					? issue(l.line, 'stm_ignored_segment', 'segment marked ignore_time_segment_in_scoring')
					: issue(l.line, 'empty_text', 'empty text')
			);
			continue;
		}
		out.add(callOf(rec), { speaker_label: speaker, channel, start_s: Number(start), end_s: Number(end), text: spoken, line: l.line });
	}
	return { format, calls: out.calls(), errors, warnings: [], rows_total: total };
}
