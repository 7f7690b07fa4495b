// Amazon Transcribe batch output (`results.items` with string-typed times) → segments: by speaker_labels
// segments, by channel_labels (one sentence per segment per channel), or, without either, by audio_segments
// or sentences with the speaker unknown. Call Analytics / Contact Lens outputs are in contact-lens.ts.
// Format: https://docs.aws.amazon.com/transcribe/latest/dg/diarization.html and …/channel-id.html
import { tidy } from './cue-text';
import { CallCollector, fileStem, UNKNOWN_SPEAKER, type ParsedTranscript } from './types';
import type { JsonSource } from './json-source';
import type { ImportIssue } from '../types';
import { issue } from '../reasons';

type Obj = Record<string, unknown>;

interface Item {
	start: number | null;
	end: number | null;
	content: string;
	isPunct: boolean;
	speaker: string | null;
	channel: string | null;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isTranscribe(v: unknown): boolean {
	return isObj(v) && isObj(v.results) && (Array.isArray(v.results.items) || Array.isArray(v.results.transcripts));
}

function num(v: unknown): number | null {
	const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
	return Number.isFinite(n) ? n : null;
}

function toItem(raw: unknown): Item | null {
	if (!isObj(raw)) return null;
	const alt = Array.isArray(raw.alternatives) && isObj(raw.alternatives[0]) ? raw.alternatives[0] : null;
	const content = typeof alt?.content === 'string' ? alt.content : '';
	return {
		start: num(raw.start_time),
		end: num(raw.end_time),
		content,
		isPunct: raw.type === 'punctuation',
		speaker: typeof raw.speaker_label === 'string' ? raw.speaker_label : null,
		channel: typeof raw.channel_label === 'string' ? raw.channel_label : null
	};
}

/** Words joined with spaces, punctuation glued to the word before. */
function join(items: Item[]): string {
	let s = '';
	for (const it of items) s += (it.isPunct || s === '' ? '' : ' ') + it.content;
	return tidy(s);
}

interface Run {
	label: string;
	channel: string | null;
	items: Item[];
	start?: number | null;
	end?: number | null;
}

/** Cuts a word stream into sentences (after . ? !), the unit a reviewer reads. */
function sentences(items: Item[], label: string, channel: string | null): Run[] {
	const runs: Run[] = [];
	let cur: Item[] = [];
	for (const it of items) {
		cur.push(it);
		if (it.isPunct && /[.?!。？！]/.test(it.content)) {
			runs.push({ label, channel, items: cur });
			cur = [];
		}
	}
	if (cur.some((i) => !i.isPunct)) runs.push({ label, channel, items: cur });
	return runs;
}

export function parseTranscribe(name: string, src: JsonSource): ParsedTranscript {
	const root = src.value as Obj;
	const results = root.results as Obj;
	// The job name is often reused for many files ("my-first-transcription-job"); the file name is the call.
	const callId = fileStem(name);
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	const rawItems = Array.isArray(results.items) ? results.items : [];
	const items = rawItems.map(toItem).filter((i): i is Item => i !== null);
	const out = new CallCollector();
	let runs: Run[] = [];
	const format = 'transcribe';

	const speakerLabels =
		isObj(results.speaker_labels) && Array.isArray(results.speaker_labels.segments) ? results.speaker_labels.segments.filter(isObj) : null;
	const channelLabels =
		isObj(results.channel_labels) && Array.isArray(results.channel_labels.channels) ? results.channel_labels.channels.filter(isObj) : null;

	if (speakerLabels && speakerLabels.length > 0) {
		// Each word goes to the speaker segment whose time span holds its start; punctuation follows its word.
		runs = speakerLabels.map((s) => ({
			label: String(s.speaker_label ?? UNKNOWN_SPEAKER),
			channel: null,
			items: [],
			start: num(s.start_time),
			end: num(s.end_time)
		}));
		let k = 0;
		let last: Run | null = null;
		for (const it of items) {
			if (it.isPunct || it.start === null) {
				last?.items.push(it);
				continue;
			}
			while (k < runs.length - 1 && (runs[k].end ?? Infinity) < it.start && (runs[k + 1].start ?? 0) <= it.start) k++;
			let target = runs[k];
			// Words carry their speaker in newer outputs; trust it over timing when the two disagree.
			if (it.speaker && target.label !== it.speaker) {
				const j = runs.findIndex(
					(r, idx) => idx >= k - 1 && r.label === it.speaker && (r.start ?? 0) <= it.start! && it.start! <= (r.end ?? Infinity)
				);
				if (j >= 0) target = runs[j];
			}
			target.items.push(it);
			last = target;
		}
	} else if (channelLabels && channelLabels.length > 0) {
		for (const ch of channelLabels) {
			const label = String(ch.channel_label ?? UNKNOWN_SPEAKER);
			const chItems = (Array.isArray(ch.items) ? ch.items : []).map(toItem).filter((i): i is Item => i !== null);
			runs.push(...sentences(chItems, label, label));
		}
		const startOf = (r: Run) => r.items.find((i) => i.start !== null)?.start ?? Infinity;
		runs.sort((a, b) => startOf(a) - startOf(b));
	} else {
		warnings.push(
			issue(
				null,
				'transcribe_no_speakers',
				'no speaker_labels or channel_labels: speakers are unknown (run Transcribe with speaker or channel identification)'
			)
		);
		const audio = Array.isArray(results.audio_segments) ? results.audio_segments.filter(isObj) : [];
		if (audio.length > 0) {
			runs = audio.map((a) => ({
				label: UNKNOWN_SPEAKER,
				channel: null,
				items: [
					{
						start: num(a.start_time),
						end: num(a.end_time),
						content: String(a.transcript ?? ''),
						isPunct: false,
						speaker: null,
						channel: null
					}
				],
				start: num(a.start_time),
				end: num(a.end_time)
			}));
		} else if (items.length > 0) {
			runs = sentences(items, UNKNOWN_SPEAKER, null);
		} else {
			const texts = Array.isArray(results.transcripts) ? results.transcripts.filter(isObj).map((t) => String(t.transcript ?? '')) : [];
			runs = texts.map((t) => ({
				label: UNKNOWN_SPEAKER,
				channel: null,
				items: [{ start: null, end: null, content: t, isPunct: false, speaker: null, channel: null }]
			}));
		}
	}

	let n = 0;
	for (const r of runs) {
		n++;
		const text = join(r.items);
		if (!text) {
			errors.push(issue(null, 'transcribe_empty_segment', `segment ${n} (${r.label}): empty text`, { n, label: r.label }));
			continue;
		}
		const timed = r.items.filter((i) => i.start !== null);
		const start = r.start ?? timed[0]?.start ?? null;
		const end = r.end ?? timed[timed.length - 1]?.end ?? null;
		out.add(callId, { speaker_label: r.label, channel: r.channel, start_s: start, end_s: end, text, line: null });
	}
	if (runs.length === 0) errors.push(issue(null, 'transcribe_no_words', 'no words in the transcript'));
	return { format, calls: out.calls(), errors, warnings, rows_total: runs.length };
}
