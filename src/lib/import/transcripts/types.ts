// What every transcript parser returns, before speakers are mapped to roles and rows reach the database.
// Parsers are pure functions of (file name, text): no DOM, no Node APIs, no throwing.
import type { ImportIssue } from '../types';
import { centreTimeZone, wallClockIn } from '../../centre-time/zone';

export interface ParsedSegment {
	call_id: string;
	/** Order in the source, 0-based within the call. */
	seq: number;
	/** Speaker as found in the source ('' never: 'unknown' when the source names nobody). */
	speaker_label: string;
	/** Audio channel when the source says (Transcribe ch_0/ch_1, STM channel), else null. */
	channel: string | null;
	start_s: number | null;
	end_s: number | null;
	text: string;
	/** 1-based source line of the cue/turn, null when unknown. */
	line: number | null;
}

export interface ParsedCall {
	call_id: string;
	segments: ParsedSegment[];
	/** When the file says when the call started: 'YYYY-MM-DD HH:MM:SS[.fff]', UTC for epoch/`Z` times. */
	started_at?: string | null;
	/** When the format says the channel (Contact Lens VOICE/CHAT); otherwise it follows from the turns' times. */
	channel?: 'phone' | 'chat' | null;
}

export interface ParsedTranscript {
	format: string;
	calls: ParsedCall[];
	/** Rejected cues/turns (line + reason), or the whole file (line null). */
	errors: ImportIssue[];
	warnings: ImportIssue[];
	/** Cues/turns found, loaded or not. */
	rows_total: number;
}

/** Label used when the source names no speaker (SRT without `Name:`, Transcribe without diarization). */
export const UNKNOWN_SPEAKER = 'unknown';

/** File name without folders and without its extension(s) like `.transcript.json`. */
export function fileStem(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? name;
	return base.replace(/(\.(transcript|metadata))?\.[A-Za-z0-9]+$/i, '') || base;
}

/** A transcript rejected as a whole, for one issue (see reasons.ts for its code). */
export function rejectedFile(format: string, issue: ImportIssue): ParsedTranscript {
	return { format, calls: [], errors: [issue], warnings: [], rows_total: 0 };
}

/**
 * An epoch in milliseconds (a UTC instant) as the centre's wall-clock time 'YYYY-MM-DD HH:MM:SS', the form every
 * other call time is stored in (centre-time/zone.ts); null when it is not a plausible time.
 */
export function centreTimestamp(ms: number): string | null {
	if (!Number.isFinite(ms) || ms < Date.UTC(1990, 0, 1) || ms > Date.UTC(2100, 0, 1)) return null;
	return wallClockIn(ms, centreTimeZone());
}

/** Collects segments per call in source order and numbers them. */
export class CallCollector {
	#calls = new Map<string, ParsedSegment[]>();
	#facts = new Map<string, Pick<ParsedCall, 'started_at' | 'channel'>>();

	/** What the file says about the call itself (start time, channel). */
	describe(callId: string, facts: Pick<ParsedCall, 'started_at' | 'channel'>): void {
		this.#facts.set(callId, { ...this.#facts.get(callId), ...facts });
	}

	add(callId: string, s: Omit<ParsedSegment, 'call_id' | 'seq'>): void {
		let list = this.#calls.get(callId);
		if (!list) this.#calls.set(callId, (list = []));
		list.push({ call_id: callId, seq: list.length, ...s });
	}

	/** Calls in first-seen order; a call whose every turn was rejected is left out. */
	calls(): ParsedCall[] {
		return [...this.#calls].map(([call_id, segments]) => ({ call_id, segments, ...this.#facts.get(call_id) }));
	}
}
