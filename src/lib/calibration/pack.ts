// The two files of a calibration (校准): the pack the lead sends out (the session, its rubric items, each call's
// facts and transcript) and the answers each inspector sends back. Plain JSON with a format name, a version and a
// SHA-256 of the content, so a file from another tool, a newer version, a truncated download or an edited file is
// named as such before anything is read. Pure TS (Web Crypto, in browsers and Node 20); no Db.
import { ANSWERS, type Answer } from './agreement';

export const PACK_FORMAT = 'callqa-calibration-pack';
export const ANSWERS_FORMAT = 'callqa-calibration-answers';
export const FILE_VERSION = 1;

export interface PackItem {
	id: string;
	label: { zh: string; en: string };
	weight: number;
	critical: boolean;
}

export interface CallFacts {
	agent_name: string | null;
	team: string | null;
	channel: string | null;
	started_at: string | null;
	talk_s: number | null;
}

export interface PackSegment {
	speaker: string;
	start_s: number | null;
	end_s: number | null;
	text: string;
}

/** A recording carried in the pack (base64 of the file's bytes), when the lead's workspace had it and it fit. */
export interface PackAudio {
	name: string;
	mime: string;
	base64: string;
}

export interface PackCall {
	call_id: string;
	facts: CallFacts;
	segments: PackSegment[];
	audio?: PackAudio[];
}

export interface PackContent {
	session: {
		id: string;
		name: string;
		created_by: string | null;
		created_at: string;
		rubric: { id: string; version: number; name: string | null };
		items: PackItem[];
	};
	calls: PackCall[];
}

export interface AnswerRow {
	call_id: string;
	item_id: string;
	result: Answer;
	note: string | null;
}

export interface AnswersContent {
	session_id: string;
	session_name: string;
	inspector: string;
	answered_at: string;
	answers: AnswerRow[];
}

/** Why a file was refused; the UI says it with the file name (i18n cal.file.<code>). */
export class CalibrationFileError extends Error {
	constructor(
		readonly code: 'not_json' | 'wrong_format' | 'is_answers' | 'is_pack' | 'wrong_version' | 'tampered' | 'invalid',
		readonly file: string,
		readonly detail = ''
	) {
		super(`${file}: ${code}${detail ? ` (${detail})` : ''}`);
	}
}

async function sha256(text: string): Promise<string> {
	const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function write(format: string, content: object): Promise<string> {
	const body = JSON.stringify(content);
	return JSON.stringify({ format, version: FILE_VERSION, checksum: await sha256(body), content: JSON.parse(body) }, null, 1);
}

export const writePack = (content: PackContent): Promise<string> => write(PACK_FORMAT, content);
export const writeAnswers = (content: AnswersContent): Promise<string> => write(ANSWERS_FORMAT, content);

/** The content of a file of `format`, once its envelope and checksum hold. */
async function open(text: string, file: string, format: string): Promise<unknown> {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		throw new CalibrationFileError('not_json', file);
	}
	const env = json as { format?: unknown; version?: unknown; checksum?: unknown; content?: unknown };
	if (!env || typeof env !== 'object' || typeof env.format !== 'string') throw new CalibrationFileError('wrong_format', file);
	if (env.format !== format) {
		if (env.format === ANSWERS_FORMAT) throw new CalibrationFileError('is_answers', file);
		if (env.format === PACK_FORMAT) throw new CalibrationFileError('is_pack', file);
		throw new CalibrationFileError('wrong_format', file, env.format.slice(0, 60));
	}
	if (env.version !== FILE_VERSION) throw new CalibrationFileError('wrong_version', file, String(env.version));
	if (typeof env.checksum !== 'string' || env.content === undefined || (await sha256(JSON.stringify(env.content))) !== env.checksum)
		throw new CalibrationFileError('tampered', file);
	return env.content;
}

// ---- structure checks: each names the first path that is wrong ----

type Check = (v: unknown, path: string) => void;
function fail(file: string, path: string, want: string): never {
	throw new CalibrationFileError('invalid', file, `${path}: ${want}`);
}
const str =
	(file: string, nullable = false): Check =>
	(v, p) => {
		if (!(typeof v === 'string' && v.length > 0) && !(nullable && v === null)) fail(file, p, nullable ? 'text or null' : 'text');
	};
const num =
	(file: string, nullable = false): Check =>
	(v, p) => {
		if (!(typeof v === 'number' && Number.isFinite(v)) && !(nullable && v === null)) fail(file, p, nullable ? 'number or null' : 'number');
	};
function obj(v: unknown, p: string, file: string, fields: Record<string, Check>): void {
	if (!v || typeof v !== 'object' || Array.isArray(v)) fail(file, p, 'object');
	for (const [k, check] of Object.entries(fields)) check((v as Record<string, unknown>)[k], `${p}.${k}`);
}
function list(v: unknown, p: string, file: string, each: Check, min = 0): void {
	if (!Array.isArray(v) || v.length < min) fail(file, p, min > 0 ? `a list of at least ${min}` : 'a list');
	v.forEach((x, i) => each(x, `${p}[${i}]`));
}

export async function readPack(text: string, file: string): Promise<PackContent> {
	const c = await open(text, file, PACK_FORMAT);
	const s = str(file);
	obj(c, 'content', file, {
		session: (v, p) =>
			obj(v, p, file, {
				id: s,
				name: s,
				created_by: str(file, true),
				created_at: s,
				rubric: (r, rp) => obj(r, rp, file, { id: s, version: num(file), name: str(file, true) }),
				items: (l, lp) =>
					list(
						l,
						lp,
						file,
						(it, ip) =>
							obj(it, ip, file, {
								id: s,
								label: (x, xp) => obj(x, xp, file, { zh: s, en: s }),
								weight: num(file),
								critical: (b, bp) => typeof b !== 'boolean' && fail(file, bp, 'true or false')
							}),
						1
					)
			}),
		calls: (l, lp) =>
			list(
				l,
				lp,
				file,
				(call, cp) =>
					obj(call, cp, file, {
						call_id: s,
						facts: (f, fp) =>
							obj(f, fp, file, {
								agent_name: str(file, true),
								team: str(file, true),
								channel: str(file, true),
								started_at: str(file, true),
								talk_s: num(file, true)
							}),
						audio: (au, ap) =>
							au !== undefined &&
							list(au, ap, file, (x, xp) =>
								obj(x, xp, file, { name: s, mime: s, base64: (b, bp) => typeof b !== 'string' && fail(file, bp, 'base64 text') })
							),
						segments: (g, gp) =>
							list(g, gp, file, (seg, sp) =>
								obj(seg, sp, file, {
									speaker: s,
									start_s: num(file, true),
									end_s: num(file, true),
									text: (t, tp) => typeof t !== 'string' && fail(file, tp, 'text')
								})
							)
					}),
				1
			)
	});
	const pack = c as PackContent;
	const twice = (ids: string[]) => ids.find((x, i) => ids.indexOf(x) !== i);
	const item = twice(pack.session.items.map((i) => i.id));
	if (item !== undefined) fail(file, 'content.session.items', `item ${item} appears twice`);
	const call = twice(pack.calls.map((x) => x.call_id));
	if (call !== undefined) fail(file, 'content.calls', `call ${call} appears twice`);
	return pack;
}

export async function readAnswers(text: string, file: string): Promise<AnswersContent> {
	const c = await open(text, file, ANSWERS_FORMAT);
	const s = str(file);
	obj(c, 'content', file, {
		session_id: s,
		session_name: s,
		inspector: s,
		answered_at: s,
		answers: (l, lp) =>
			list(l, lp, file, (a, ap) =>
				obj(a, ap, file, {
					call_id: s,
					item_id: s,
					result: (r, rp) => !(ANSWERS as readonly unknown[]).includes(r) && fail(file, rp, ANSWERS.join(' | ')),
					note: str(file, true)
				})
			)
	});
	return c as AnswersContent;
}
