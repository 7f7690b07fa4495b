// Generic JSON dialogues → segments: a list of turns, a list of dialogues ({id, turns|messages|content…}),
// a list of turn lists, an object keyed by dialogue id, or the Azure conversation request wrapper. Turns
// are {speaker|role|sender…, text|content|utterances…, times?}, [speaker, text] pairs, or MobileCS
// {"[SPEAKER 1]": …, "[SPEAKER 2]": …} pairs. Vendor formats with their own shape live in their own files.
import { tidy } from './cue-text';
import { CallCollector, fileStem, centreTimestamp, type ParsedTranscript } from './types';
import type { JsonSource } from './json-source';
import type { ImportIssue } from '../types';
import { issue } from '../reasons';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const SPEAKER_KEYS = [
	'speaker',
	'role',
	'sender',
	'participantId',
	'participant_id',
	'speaker_role',
	'speaker_label',
	'participant',
	'from',
	'author',
	'who'
];
// human_transcript first: Harper Valley keeps the ASR guess in `transcript` next to the human one.
const TEXT_KEYS = ['human_transcript', 'text', 'content', 'utterance', 'utterances', 'transcript', 'message', 'body', 'display'];
// `original` before `delexed` (ABCD keeps both); `content` only when it is a list (MobileCS v2).
const TURN_LIST_KEYS = [
	'turns',
	'original',
	'messages',
	'dialogue',
	'dialog',
	'conversationItems',
	'utterances',
	'content',
	'log',
	'conversation',
	'transcript',
	'segments'
];
const ID_KEYS = ['call_id', 'id', 'dialog_id', 'dialogue_id', 'dialogId', 'conversation_id', 'conversationId', 'convo_id', 'session_id'];
const COLLECTION_KEYS = ['conversations', 'dialogues', 'dialogs', 'calls', 'data', 'items'];
const PAIR_KEY = /^\[?\s*speaker\s*\d+\s*\]?$/i;
// Non-speech tags some corpora write into the text; they are not words anybody said.
const NOISE = /\[(noise|laughter|laugh|vocalized-noise|silence|breath|cough|music|inaudible)\]|<(noise|laughter|silence)>/gi;

interface Turn {
	label: string;
	text: string;
	start: number | null;
	end: number | null;
	channel: string | null;
	line: number | null;
	/** Epoch ms at which the call started, when the turn says (Harper Valley: start_timestamp_ms − start_ms). */
	callStartMs: number | null;
}

function num(v: unknown): number | null {
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
	return Number.isFinite(n) ? n : null;
}

const CJK = /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;

/** STC3 splits a turn into several utterances: space-join for English, no space between CJK. */
export function joinUtterances(parts: string[]): string {
	let s = '';
	for (const p of parts.map((x) => tidy(x)).filter(Boolean)) {
		s += s === '' || CJK.test(s[s.length - 1]) || CJK.test(p[0]) ? p : ' ' + p;
	}
	return s;
}

function textOf(v: unknown): string | null {
	if (typeof v === 'string') return v;
	if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return joinUtterances(v as string[]);
	return null;
}

function timesOf(o: Obj): { start: number | null; end: number | null } {
	const ms = num(o.start_ms) ?? num(o.offset_ms) ?? num(o.begin_ms);
	if (ms !== null) {
		const endMs = num(o.end_ms) ?? (num(o.duration_ms) !== null ? ms + num(o.duration_ms)! : null);
		return { start: ms / 1000, end: endMs === null ? null : endMs / 1000 };
	}
	const start = num(o.start) ?? num(o.start_s) ?? num(o.start_time) ?? num(o.begin);
	const end =
		num(o.end) ?? num(o.end_s) ?? num(o.end_time) ?? (start !== null && num(o.duration) !== null ? start + num(o.duration)! : null);
	return { start, end };
}

/** The turns one element of a turn list holds (a pair holds two), or null when it is not a turn at all. */
function turnsOf(x: unknown, src: JsonSource): Turn[] | null {
	const line = typeof x === 'object' && x !== null ? (src.lines.get(x) ?? null) : null;
	if (Array.isArray(x)) {
		if (x.length >= 2 && typeof x[0] === 'string' && typeof x[1] === 'string')
			return [{ label: x[0], text: x[1], start: null, end: null, channel: null, line, callStartMs: null }];
		return null;
	}
	if (!isObj(x)) return null;
	const pairKeys = Object.keys(x).filter((k) => PAIR_KEY.test(k));
	if (pairKeys.length > 0 && pairKeys.every((k) => typeof x[k] === 'string' || x[k] == null))
		return pairKeys.map((k) => ({ label: k, text: String(x[k] ?? ''), start: null, end: null, channel: null, line, callStartMs: null }));
	const sk = SPEAKER_KEYS.find((k) => typeof x[k] === 'string' || typeof x[k] === 'number');
	if (!sk) return null;
	let text: string | null = null;
	for (const k of TEXT_KEYS) if ((text = textOf(x[k])) !== null) break;
	if (text === null) return null;
	const channel = x.channel_index ?? x.channel;
	const wallMs = num(x.start_timestamp_ms);
	const callStartMs = wallMs !== null ? wallMs - (num(x.start_ms) ?? 0) : null;
	return [
		{
			label: String(x[sk]),
			text,
			...timesOf(x),
			channel: typeof channel === 'number' || typeof channel === 'string' ? String(channel) : null,
			line,
			callStartMs
		}
	];
}

function isTurnList(v: unknown, src: JsonSource): v is unknown[] {
	if (!Array.isArray(v) || v.length === 0) return false;
	const probe = v.slice(0, 5);
	return probe.filter((x) => turnsOf(x, src) !== null).length > probe.length / 2;
}

interface Dialogue {
	id: string | null;
	turns: unknown[];
}

function dialogueOf(v: unknown, src: JsonSource): Dialogue | null {
	if (isTurnList(v, src)) return { id: null, turns: v };
	if (!isObj(v)) return null;
	const key = TURN_LIST_KEYS.find((k) => isTurnList(v[k], src));
	if (!key) return null;
	const idKey = ID_KEYS.find((k) => typeof v[k] === 'string' || typeof v[k] === 'number');
	return { id: idKey ? String(v[idKey]) : null, turns: v[key] as unknown[] };
}

/** The dialogues a JSON document holds, or null when it is not a turns/dialogues file. */
export function findDialogues(src: JsonSource): Dialogue[] | null {
	const v = src.value;
	if (isTurnList(v, src)) return [{ id: null, turns: v }];
	if (Array.isArray(v)) {
		const ds = v.slice(0, 5).map((x) => dialogueOf(x, src));
		if (ds.some((d) => d !== null)) return v.map((x) => dialogueOf(x, src) ?? { id: null, turns: [] });
		return null;
	}
	if (!isObj(v)) return null;
	const own = dialogueOf(v, src);
	if (own) return [own];
	// Wrappers: Azure Language `analysisInput.conversations`, or a top-level `conversations`/`dialogues` list.
	for (const holder of [isObj(v.analysisInput) ? v.analysisInput : null, v]) {
		if (!holder) continue;
		for (const k of COLLECTION_KEYS) {
			const list = holder[k];
			if (Array.isArray(list) && list.slice(0, 5).some((x) => dialogueOf(x, src)))
				return list.map((x) => dialogueOf(x, src) ?? { id: null, turns: [] });
		}
	}
	// Object keyed by dialogue id (KddRES).
	const entries = Object.entries(v);
	if (entries.length > 0 && entries.slice(0, 5).every(([, d]) => dialogueOf(d, src))) {
		return entries.map(([k, d]) => ({ ...(dialogueOf(d, src) ?? { turns: [] }), id: k }));
	}
	return null;
}

export function parseJsonTurns(name: string, src: JsonSource): ParsedTranscript {
	const format = 'json_turns';
	const dialogues = findDialogues(src) ?? [];
	const stem = fileStem(name);
	const out = new CallCollector();
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	let total = 0;
	const many = dialogues.length > 1;
	dialogues.forEach((d, di) => {
		const callId = d.id ?? (many ? `${stem}#${di + 1}` : stem);
		const where = (ti: number) => (many ? `dialogue ${di + 1} (${callId}), turn ${ti + 1}` : `turn ${ti + 1}`);
		// The localised text names the turn the same way: "dialogue 2 (id), turn 3" or "turn 3".
		const whereParams = (ti: number): Record<string, string | number> =>
			many ? { dialogue: di + 1, call: callId, turn: ti + 1 } : { turn: ti + 1 };
		if (d.turns.length === 0) {
			total++;
			errors.push(
				many
					? issue(null, 'dialogue_no_turns', `dialogue ${di + 1}: no turns found`, { dialogue: di + 1 })
					: issue(null, 'file_no_turns', 'file: no turns found')
			);
			return;
		}
		let callStartMs: number | null = null;
		d.turns.forEach((raw, ti) => {
			const turns = turnsOf(raw, src);
			if (!turns) {
				total++;
				const line = typeof raw === 'object' && raw ? (src.lines.get(raw) ?? null) : null;
				errors.push(
					issue(line, many ? 'dialogue_not_a_turn' : 'not_a_turn', `${where(ti)}: not a turn (no speaker and text)`, whereParams(ti))
				);
				return;
			}
			for (const t of turns) {
				total++;
				if (t.callStartMs !== null) callStartMs = Math.min(callStartMs ?? t.callStartMs, t.callStartMs);
				const hadNoise = NOISE.test(t.text);
				NOISE.lastIndex = 0;
				const text = tidy(t.text.replace(NOISE, ' '));
				if (!text) {
					const label = turns.length > 1 ? ` ${t.label}` : '';
					errors.push(
						issue(
							t.line,
							many
								? hadNoise
									? 'dialogue_turn_only_noise'
									: 'dialogue_turn_empty_text'
								: hadNoise
									? 'json_turn_only_noise'
									: 'json_turn_empty_text',
							`${where(ti)}${label}: empty text${hadNoise ? ' (only non-speech tags such as [noise])' : ''}`,
							{
								...whereParams(ti),
								label
							}
						)
					);
					continue;
				}
				out.add(callId, { speaker_label: t.label, channel: t.channel, start_s: t.start, end_s: t.end, text, line: t.line });
			}
		});
		if (callStartMs !== null) out.describe(callId, { started_at: centreTimestamp(callStartMs) });
	});
	if (dialogues.length === 0) errors.push(issue(null, 'no_dialogues', 'no dialogues or turns found'));
	return { format, calls: out.calls(), errors, warnings, rows_total: total };
}
