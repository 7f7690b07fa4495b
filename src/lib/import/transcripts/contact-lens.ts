// Amazon Connect Contact Lens analysis output (voice and chat) and Transcribe Call Analytics output: both
// keep a top-level `Transcript[]` of turns with a participant and text. Not the plain Transcribe format.
// https://docs.aws.amazon.com/connect/latest/adminguide/contact-lens-example-output-files.html
import { tidy } from './cue-text';
import { CallCollector, fileStem, UNKNOWN_SPEAKER, centreTimestamp, type ParsedTranscript } from './types';
import type { JsonSource } from './json-source';
import type { ImportIssue } from '../types';
import { issue } from '../reasons';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isContactLensLike(v: unknown): boolean {
	return (
		isObj(v) &&
		Array.isArray(v.Transcript) &&
		v.Transcript.some((t) => isObj(t) && ('ParticipantId' in t || 'ParticipantRole' in t) && ('Content' in t || 'Type' in t))
	);
}

/** Contact Lens names its Version VOICE-…/CHAT-…; Transcribe Call Analytics has no such field. */
export function contactLensFormat(v: Obj | string): 'contact_lens' | 'transcribe_call_analytics' {
	if (typeof v === 'string')
		return /"Version"\s*:\s*"(VOICE|CHAT)-/.test(v) || /"CustomerMetadata"\s*:/.test(v) ? 'contact_lens' : 'transcribe_call_analytics';
	return (typeof v.Version === 'string' && /^(VOICE|CHAT)-/.test(v.Version)) || isObj(v.CustomerMetadata) || typeof v.Channel === 'string'
		? 'contact_lens'
		: 'transcribe_call_analytics';
}

export function parseContactLens(name: string, src: JsonSource): ParsedTranscript {
	const root = src.value as Obj;
	const format = contactLensFormat(root);
	const meta = isObj(root.CustomerMetadata) ? root.CustomerMetadata : null;
	const callId = typeof meta?.ContactId === 'string' && meta.ContactId ? meta.ContactId : fileStem(name);
	const turns = (root.Transcript as unknown[]).filter(isObj);
	const isChat = root.Channel === 'CHAT' || turns.some((t) => 'AbsoluteTime' in t && !('BeginOffsetMillis' in t));
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	const out = new CallCollector();
	// Chat items carry wall-clock AbsoluteTime only. Times are made relative to the first item (the customer
	// joining = start of the contact), so chat response times are comparable with voice; chat messages have
	// no duration, so end_s stays null.
	const t0 = isChat ? Math.min(...turns.map((t) => Date.parse(String(t.AbsoluteTime ?? ''))).filter(Number.isFinite)) : NaN;
	let total = 0;
	let events = 0;
	for (let i = 0; i < turns.length; i++) {
		const t = turns[i];
		const line = src.lines.get(t) ?? null;
		if (
			t.Type === 'EVENT' ||
			(isChat && typeof t.Content !== 'string' && typeof t.ContentType === 'string' && t.ContentType.includes('.event.'))
		) {
			events++;
			continue;
		}
		total++;
		const text = typeof t.Content === 'string' ? tidy(t.Content) : '';
		const role = typeof t.ParticipantRole === 'string' ? t.ParticipantRole : typeof t.ParticipantId === 'string' ? t.ParticipantId : '';
		if (!text) {
			errors.push(issue(line, 'turn_empty_text', `turn ${i + 1}: empty text`, { turn: i + 1 }));
			continue;
		}
		if (!role)
			warnings.push(issue(line, 'turn_no_speaker', `turn ${i + 1}: no ParticipantRole or ParticipantId; speaker unknown`, { turn: i + 1 }));
		let start: number | null;
		let end: number | null = null;
		if (isChat) {
			const at = Date.parse(String(t.AbsoluteTime ?? ''));
			start = Number.isFinite(at) && Number.isFinite(t0) ? (at - t0) / 1000 : null;
		} else {
			start = typeof t.BeginOffsetMillis === 'number' ? t.BeginOffsetMillis / 1000 : null;
			end = typeof t.EndOffsetMillis === 'number' ? t.EndOffsetMillis / 1000 : null;
			if (start === null)
				warnings.push(issue(line, 'turn_no_offset', `turn ${i + 1}: no BeginOffsetMillis; time unknown`, { turn: i + 1 }));
		}
		const channel = typeof t.ChannelId === 'string' ? t.ChannelId : null;
		out.add(callId, { speaker_label: role || UNKNOWN_SPEAKER, channel, start_s: start, end_s: end, text, line });
	}
	// The channel is the file's own word; a chat's first message (AbsoluteTime, UTC) is when the contact started,
	// stored as the centre's wall-clock time.
	out.describe(callId, { channel: isChat ? 'chat' : 'phone', started_at: isChat ? centreTimestamp(t0) : null });
	if (events)
		warnings.push(
			issue(
				null,
				'chat_events_skipped',
				`${events} chat event(s) (participant joined/left, chat ended) are not messages and were skipped`,
				{ n: events }
			)
		);
	if (total === 0) errors.push(issue(null, 'no_turns_in_transcript', 'Transcript holds no turns'));
	return { format, calls: out.calls(), errors, warnings, rows_total: total };
}
