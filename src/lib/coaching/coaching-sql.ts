// Coaching sessions and their clips: create, list, edit, reorder, remove. SQL over the Db interface; a write of
// several statements is one transaction (two quick reorders never interleave), and every write is followed by
// db.checkpoint() before it resolves, so "saved" means on disk (DESIGN §8). Clip audio bytes live
// in OPFS (clip-audio.ts); this module only records their path. No Svelte here.
import type { Db, Queryable } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import type { Line } from './clip-span';

export type ClipLabel = 'good' | 'improve';
export const CLIP_LABELS: readonly ClipLabel[] = ['good', 'improve'];

export interface ItemLabel {
	zh: string;
	en: string;
}

export interface SessionSummary {
	session_id: string;
	title: string;
	audience: string | null;
	notes: string | null;
	imported_from: string | null;
	created_at: string;
	updated_at: string;
	clips: number;
	seconds: number;
}

export interface Clip {
	clip_id: string;
	session_id: string;
	position: number;
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
	audio_path: string | null;
	created_at: string;
}

/** What the caller supplies for a new clip; the id, position and time stamp are the store's. */
export interface NewClip {
	clip_id?: string;
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
	audio_path: string | null;
}

/** A change the store refuses, with a code the UI names (i18n `coach.error.<code>`). */
export class CoachingError extends Error {
	constructor(
		readonly code: 'title_required' | 'bad_label' | 'bad_span' | 'no_session',
		message: string
	) {
		super(message);
	}
}

// The centre's wall-clock time now (centre-time/zone.ts), not DuckDB's now() (UTC in both backends).
const NOW = () => centreNowSql();
const TS = (col: string) => `strftime(${col}, '%Y-%m-%d %H:%M:%S') AS ${col}`;

export const newId = (): string => globalThis.crypto.randomUUID();

/** The OPFS path a clip's audio is kept under. */
export const clipAudioPath = (clipId: string): string => `coaching/${clipId}.wav`;

export async function createSession(
	db: Db,
	s: { title: string; audience?: string | null; notes?: string | null; imported_from?: string | null; session_id?: string }
): Promise<string> {
	const title = s.title.trim();
	if (!title) throw new CoachingError('title_required', 'a coaching session needs a title');
	const id = s.session_id ?? newId();
	await db.query(
		`INSERT INTO coaching_sessions (session_id, title, audience, notes, imported_from, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ${NOW()}, ${NOW()})`,
		[id, title, s.audience?.trim() || null, s.notes?.trim() || null, s.imported_from ?? null]
	);
	await db.checkpoint();
	return id;
}

const SESSIONS_SQL = (where: string) => `SELECT s.session_id, s.title, s.audience, s.notes, s.imported_from,
		strftime(s.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(s.updated_at, '%Y-%m-%d %H:%M:%S') AS updated_at,
		count(c.clip_id)::INT AS clips, coalesce(sum(c.end_s - c.start_s), 0)::DOUBLE AS seconds
	FROM coaching_sessions s LEFT JOIN coaching_clips c ON c.session_id = s.session_id
	${where}
	GROUP BY ALL ORDER BY updated_at DESC, s.title`;

/** Sessions, most recently changed first, with their clip count and total length. */
export async function listSessions(db: Db): Promise<SessionSummary[]> {
	return (await db.query<SessionSummary>(SESSIONS_SQL(''))).rows;
}

export async function getSession(db: Db, sessionId: string): Promise<SessionSummary | null> {
	return (await db.query<SessionSummary>(SESSIONS_SQL('WHERE s.session_id = ?'), [sessionId])).rows[0] ?? null;
}

export async function updateSession(
	db: Db,
	sessionId: string,
	patch: { title?: string; audience?: string | null; notes?: string | null }
): Promise<void> {
	if (patch.title !== undefined && !patch.title.trim()) throw new CoachingError('title_required', 'a coaching session needs a title');
	await db.query(
		`UPDATE coaching_sessions SET title = coalesce(?, title), audience = CASE WHEN ? THEN ? ELSE audience END,
			notes = CASE WHEN ? THEN ? ELSE notes END, updated_at = ${NOW()} WHERE session_id = ?`,
		[
			patch.title?.trim() ?? null,
			patch.audience !== undefined,
			patch.audience?.trim() || null,
			patch.notes !== undefined,
			patch.notes?.trim() || null,
			sessionId
		]
	);
	await db.checkpoint();
}

export async function deleteSession(db: Db, sessionId: string): Promise<string[]> {
	const rows = await db.transaction(async (tx) => {
		const { rows } = await tx.query<{ audio_path: string }>(
			'SELECT audio_path FROM coaching_clips WHERE session_id = ? AND audio_path IS NOT NULL',
			[sessionId]
		);
		await tx.query('DELETE FROM coaching_clips WHERE session_id = ?', [sessionId]);
		await tx.query('DELETE FROM coaching_sessions WHERE session_id = ?', [sessionId]);
		return rows;
	});
	await db.checkpoint();
	return rows.map((r) => r.audio_path);
}

interface ClipRow extends Omit<Clip, 'excerpt' | 'item_label'> {
	excerpt: string | null;
	item_label: string | null;
}

function parseJson<T>(raw: string | null, fallback: T): T {
	if (!raw) return fallback;
	try {
		return JSON.parse(raw) as T;
	} catch {
		return fallback;
	}
}

/** A session's clips in their order. */
export async function listClips(db: Queryable, sessionId: string): Promise<Clip[]> {
	const { rows } = await db.query<ClipRow>(
		`SELECT clip_id, session_id, position, call_id, agent, team, start_s, end_s, label, item_id, item_label, note, excerpt, audio_path,
			${TS('created_at')}
		FROM coaching_clips WHERE session_id = ? ORDER BY position, created_at, clip_id`,
		[sessionId]
	);
	return rows.map((r) => ({
		...r,
		excerpt: parseJson<Line[]>(r.excerpt, []),
		item_label: parseJson<ItemLabel | null>(r.item_label, null)
	}));
}

/** Append a clip at the end of a session; returns its id. */
export async function addClip(db: Db, sessionId: string, c: NewClip): Promise<string> {
	if (!CLIP_LABELS.includes(c.label)) throw new CoachingError('bad_label', `unknown clip label ${c.label}`);
	if (c.start_s != null && (c.end_s == null || !(c.end_s > c.start_s)))
		throw new CoachingError('bad_span', 'a clip must end after it starts');
	const id = c.clip_id ?? newId();
	await db.transaction(async (tx) => {
		const { rows } = await tx.query<{ n: number; next: number }>(
			'SELECT (SELECT count(*) FROM coaching_sessions WHERE session_id = ?)::INT AS n, coalesce(max(position), 0)::INT + 1 AS next FROM coaching_clips WHERE session_id = ?',
			[sessionId, sessionId]
		);
		if (!rows[0]?.n) throw new CoachingError('no_session', `no coaching session ${sessionId}`);
		await tx.query(
			`INSERT INTO coaching_clips (clip_id, session_id, position, call_id, agent, team, start_s, end_s, label, item_id, item_label, note, excerpt, audio_path, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${NOW()})`,
			[
				id,
				sessionId,
				rows[0].next,
				c.call_id,
				c.agent,
				c.team,
				c.start_s,
				c.end_s,
				c.label,
				c.item_id,
				c.item_label ? JSON.stringify(c.item_label) : null,
				c.note?.trim() || null,
				JSON.stringify(c.excerpt),
				c.audio_path
			]
		);
		await touch(tx, sessionId);
	});
	await db.checkpoint();
	return id;
}

export async function updateClip(db: Db, clipId: string, patch: { label?: ClipLabel; note?: string | null }): Promise<void> {
	if (patch.label !== undefined && !CLIP_LABELS.includes(patch.label))
		throw new CoachingError('bad_label', `unknown clip label ${patch.label}`);
	await db.transaction(async (tx) => {
		await tx.query(`UPDATE coaching_clips SET label = coalesce(?, label), note = CASE WHEN ? THEN ? ELSE note END WHERE clip_id = ?`, [
			patch.label ?? null,
			patch.note !== undefined,
			patch.note?.trim() || null,
			clipId
		]);
		await touchOf(tx, clipId);
	});
	await db.checkpoint();
}

/** Remove a clip and close the gap in the order; returns its audio path for the caller to delete. */
export async function removeClip(db: Db, clipId: string): Promise<string | null> {
	const row = await db.transaction(async (tx) => {
		const { rows } = await tx.query<{ session_id: string; audio_path: string | null }>(
			'SELECT session_id, audio_path FROM coaching_clips WHERE clip_id = ?',
			[clipId]
		);
		const row = rows[0];
		if (!row) return null;
		await tx.query('DELETE FROM coaching_clips WHERE clip_id = ?', [clipId]);
		await renumber(
			tx,
			row.session_id,
			(await listClips(tx, row.session_id)).map((c) => c.clip_id)
		);
		await touch(tx, row.session_id);
		return row;
	});
	if (!row) return null;
	await db.checkpoint();
	return row.audio_path;
}

/**
 * Put a session's clips in the given order (positions 1..n). Ids not in the session are ignored; clips the list
 * leaves out keep their relative order after the listed ones, so a stale list never loses a clip.
 */
export async function reorderClips(db: Db, sessionId: string, order: string[]): Promise<void> {
	await db.transaction(async (tx) => {
		const current = (await listClips(tx, sessionId)).map((c) => c.clip_id);
		const known = new Set(current);
		const listed = [...new Set(order.filter((id) => known.has(id)))];
		const rest = current.filter((id) => !listed.includes(id));
		await renumber(tx, sessionId, [...listed, ...rest]);
		await touch(tx, sessionId);
	});
	await db.checkpoint();
}

/** The order after moving one clip by `by` places (−1 up, +1 down), clamped to the list. */
export function moved(order: string[], clipId: string, by: number): string[] {
	const from = order.indexOf(clipId);
	if (from < 0) return order;
	const to = Math.max(0, Math.min(order.length - 1, from + by));
	const out = order.filter((id) => id !== clipId);
	out.splice(to, 0, clipId);
	return out;
}

/** The order after dropping `clipId` where `targetId` is (drag and drop). */
export function droppedOn(order: string[], clipId: string, targetId: string): string[] {
	const to = order.indexOf(targetId);
	if (to < 0 || clipId === targetId) return order;
	return moved(order, clipId, to - order.indexOf(clipId));
}

async function renumber(db: Queryable, sessionId: string, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const values = ids.map(() => '(?, ?)').join(', ');
	await db.query(
		`UPDATE coaching_clips SET position = o.pos FROM (VALUES ${values}) o(id, pos) WHERE coaching_clips.clip_id = o.id AND coaching_clips.session_id = ?`,
		[...ids.flatMap((id, i) => [id, i + 1]), sessionId]
	);
}

async function touch(db: Queryable, sessionId: string): Promise<void> {
	await db.query(`UPDATE coaching_sessions SET updated_at = ${NOW()} WHERE session_id = ?`, [sessionId]);
}

async function touchOf(db: Queryable, clipId: string): Promise<void> {
	await db.query(
		`UPDATE coaching_sessions SET updated_at = ${NOW()} WHERE session_id = (SELECT session_id FROM coaching_clips WHERE clip_id = ?)`,
		[clipId]
	);
}
