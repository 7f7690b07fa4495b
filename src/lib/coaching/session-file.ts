// The `.callqa-session` file: one JSON document holding a coaching session, its clips in order, their transcript
// excerpts and notes, and each clip's cut audio (WAV, base64), so it opens in the app on another machine without
// the calls. Export, validation with reasons naming the file, and import. Audio bytes go through the given
// read/write functions (OPFS in the browser, a Map in tests). No DOM here.
import type { Db } from '../db/types';
import { readWavInfo } from '../recordings/wav';
import {
	addClip,
	clipAudioPath,
	CLIP_LABELS,
	createSession,
	getSession,
	listClips,
	newId,
	type ClipLabel,
	type ItemLabel
} from './coaching-sql';
import type { Line } from './clip-span';
import { errorMessage } from '../i18n/error-message';
import { maskForExport, MASKED, PRIVACY_META, privacyValue, type ExportPrivacy } from '../privacy/export-privacy';
import { fromBase64, toBase64 } from '../format/base64';

export const SESSION_FILE_FORMAT = 'callqa-session';
export const SESSION_FILE_VERSION = 1;
export const SESSION_FILE_EXT = '.callqa-session';

export interface SessionFileClip {
	call_id: string | null;
	agent: string | null;
	team: string | null;
	start_s: number | null;
	end_s: number | null;
	label: ClipLabel;
	item_id: string | null;
	item_label: ItemLabel | null;
	note: string | null;
	excerpt: Line[];
	/** the clip's audio as a WAV file, base64; null for a clip without a recording (chat) */
	audio: { mime: 'audio/wav'; base64: string } | null;
}

export interface SessionFile {
	format: typeof SESSION_FILE_FORMAT;
	version: number;
	exported_at: string;
	/** 'masked' (the default) or 'unmasked' (the exporting user chose to include customer numbers) */
	[PRIVACY_META]?: 'masked' | 'unmasked';
	session: { title: string; audience: string | null; notes: string | null };
	clips: SessionFileClip[];
}

export const SESSION_FILE_PROBLEMS = [
	'not_json',
	'not_session',
	'no_version',
	'newer_version',
	'bad_session',
	'no_clips',
	'clip_not_object',
	'clip_label',
	'clip_times',
	'clip_order',
	'clip_text',
	'clip_item_label',
	'clip_excerpt',
	'audio_not_base64',
	'audio_not_wav'
] as const;
export type SessionFileProblem = (typeof SESSION_FILE_PROBLEMS)[number];

/**
 * Why a file was refused: a code and params for the UI (`coach.fileError.<code>`), the file's name, and the
 * English detail (the message, and the fallback).
 */
export class SessionFileError extends Error {
	constructor(
		readonly code: SessionFileProblem,
		readonly file: string,
		readonly detail: string,
		readonly params: Record<string, string | number> = {}
	) {
		super(`${file}: ${detail}`);
	}
}

export type ReadAudio = (path: string) => Promise<Uint8Array | null>;
export type WriteAudio = (path: string, bytes: Uint8Array) => Promise<void>;

export { fromBase64, toBase64 };

/** A file name from the session's title: what a file system accepts, ending in .callqa-session. */
export function sessionFileName(title: string): string {
	const base =
		title
			// eslint-disable-next-line no-control-regex -- control characters are what a file name must not hold
			.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, 80) || 'coaching';
	return base + SESSION_FILE_EXT;
}

/** The session as a `.callqa-session` document (JSON text), audio included. */
/** The session as a file; notes and transcript excerpts masked unless `privacy` says otherwise (stated in the file). */
export async function exportSession(
	db: Db,
	sessionId: string,
	readAudio: ReadAudio,
	privacy: ExportPrivacy = MASKED
): Promise<{ fileName: string; text: string }> {
	const mask = <T extends string | null>(s: T) => maskForExport(s, privacy);
	const session = await getSession(db, sessionId);
	if (!session) throw new Error(`no coaching session ${sessionId}`);
	const clips: SessionFileClip[] = [];
	for (const c of await listClips(db, sessionId)) {
		const bytes = c.audio_path ? await readAudio(c.audio_path) : null;
		if (c.audio_path && !bytes)
			throw new Error(`the audio of clip ${c.position} (${c.call_id ?? c.clip_id}) is missing from browser storage`);
		clips.push({
			call_id: c.call_id,
			agent: c.agent,
			team: c.team,
			start_s: c.start_s,
			end_s: c.end_s,
			label: c.label,
			item_id: c.item_id,
			item_label: c.item_label,
			note: mask(c.note),
			excerpt: c.excerpt.map((l) => ({ ...l, text: mask(l.text) })),
			audio: bytes ? { mime: 'audio/wav', base64: toBase64(bytes) } : null
		});
	}
	const doc: SessionFile = {
		format: SESSION_FILE_FORMAT,
		version: SESSION_FILE_VERSION,
		exported_at: new Date().toISOString(),
		[PRIVACY_META]: privacyValue(privacy),
		session: { title: mask(session.title), audience: mask(session.audience), notes: mask(session.notes) },
		clips
	};
	return { fileName: sessionFileName(session.title), text: JSON.stringify(doc) };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const optNum = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));

/** Parse and check a session file; throws SessionFileError naming the file and what is wrong. */
export function parseSessionFile(fileName: string, text: string): SessionFile {
	let doc: unknown;
	try {
		doc = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		const why = errorMessage(e);
		throw new SessionFileError('not_json', fileName, `not a CallQA session file (it is not JSON: ${why})`, { why });
	}
	if (!isObj(doc) || doc.format !== SESSION_FILE_FORMAT)
		throw new SessionFileError('not_session', fileName, `not a CallQA session file (no "format": "${SESSION_FILE_FORMAT}")`);
	if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
		throw new SessionFileError('no_version', fileName, 'the file has no valid version number');
	}
	if (doc.version > SESSION_FILE_VERSION) {
		throw new SessionFileError(
			'newer_version',
			fileName,
			`made by a newer CallQA (file version ${doc.version}, this app reads up to ${SESSION_FILE_VERSION})`,
			{
				version: doc.version,
				max: SESSION_FILE_VERSION
			}
		);
	}
	const s = doc.session;
	if (!isObj(s) || typeof s.title !== 'string' || !s.title.trim() || !optStr(s.audience) || !optStr(s.notes)) {
		throw new SessionFileError('bad_session', fileName, 'the session has no title or its audience/notes are not text');
	}
	if (!Array.isArray(doc.clips)) throw new SessionFileError('no_clips', fileName, 'the session has no list of clips');
	const clips = doc.clips.map((c: unknown, i: number): SessionFileClip => {
		const n = i + 1;
		const bad = (code: SessionFileProblem, why: string, params: Record<string, string | number> = {}) =>
			new SessionFileError(code, fileName, `clip ${n}: ${why}`, { n, ...params });
		if (!isObj(c)) throw bad('clip_not_object', 'is not an object');
		if (!CLIP_LABELS.includes(c.label as ClipLabel))
			throw bad('clip_label', `label "${String(c.label)}" is not good or improve`, { label: String(c.label) });
		if (!optNum(c.start_s) || !optNum(c.end_s)) throw bad('clip_times', 'start_s/end_s are not numbers');
		if (c.start_s != null && (c.end_s == null || (c.end_s as number) <= (c.start_s as number)))
			throw bad('clip_order', 'it ends before it starts');
		for (const k of ['call_id', 'agent', 'team', 'item_id', 'note'] as const)
			if (!optStr(c[k])) throw bad('clip_text', `${k} is not text`, { field: k });
		const il = c.item_label;
		if (il != null && !(isObj(il) && typeof il.zh === 'string' && typeof il.en === 'string'))
			throw bad('clip_item_label', 'item_label is not {zh, en}');
		const ex = c.excerpt ?? [];
		if (
			!Array.isArray(ex) ||
			!ex.every((l) => isObj(l) && typeof l.text === 'string' && typeof l.speaker === 'string' && optNum(l.start_s) && optNum(l.end_s))
		) {
			throw bad('clip_excerpt', 'the transcript excerpt is not a list of {speaker, start_s, end_s, text}');
		}
		let audio: SessionFileClip['audio'] = null;
		if (c.audio != null) {
			const a = c.audio;
			if (!isObj(a) || typeof a.base64 !== 'string') throw bad('audio_not_base64', 'audio is not base64 WAV data');
			let bytes: Uint8Array;
			try {
				bytes = fromBase64(a.base64);
				readWavInfo(bytes);
			} catch (e) {
				const why = errorMessage(e);
				throw bad('audio_not_wav', `the audio is not a playable WAV (${why})`, { why });
			}
			audio = { mime: 'audio/wav', base64: a.base64 };
		}
		return {
			call_id: (c.call_id as string | null) ?? null,
			agent: (c.agent as string | null) ?? null,
			team: (c.team as string | null) ?? null,
			start_s: (c.start_s as number | null) ?? null,
			end_s: (c.end_s as number | null) ?? null,
			label: c.label as ClipLabel,
			item_id: (c.item_id as string | null) ?? null,
			item_label: (il as ItemLabel | null) ?? null,
			note: (c.note as string | null) ?? null,
			excerpt: (ex as Record<string, unknown>[]).map((l, j) => ({
				seq: typeof l.seq === 'number' ? l.seq : j + 1,
				speaker: l.speaker as string,
				start_s: (l.start_s as number | null) ?? null,
				end_s: (l.end_s as number | null) ?? null,
				text: l.text as string
			})),
			audio
		};
	});
	return {
		format: SESSION_FILE_FORMAT,
		version: doc.version,
		exported_at: typeof doc.exported_at === 'string' ? doc.exported_at : '',
		session: { title: s.title.trim(), audience: (s.audience as string | null) ?? null, notes: (s.notes as string | null) ?? null },
		clips
	};
}

/**
 * A new session from a checked file: audio written first (OPFS under coaching/<clip_id>.wav), then the rows, so a
 * session never points at audio that is not there. Importing the same file twice gives two sessions.
 */
export async function importSession(db: Db, fileName: string, doc: SessionFile, writeAudio: WriteAudio): Promise<string> {
	const prepared = [];
	for (const c of doc.clips) {
		const clipId = newId();
		let audioPath: string | null = null;
		if (c.audio) {
			audioPath = clipAudioPath(clipId);
			await writeAudio(audioPath, fromBase64(c.audio.base64));
		}
		prepared.push({ clipId, audioPath, c });
	}
	const sessionId = await createSession(db, { ...doc.session, imported_from: fileName });
	for (const { clipId, audioPath, c } of prepared) {
		const { audio, ...rest } = c;
		void audio;
		await addClip(db, sessionId, { ...rest, clip_id: clipId, audio_path: audioPath });
	}
	return sessionId;
}
