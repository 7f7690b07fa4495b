// An inspector's review of one call: item overrides with a reason, timestamped comments, the score with the
// overrides applied, and submitting it. SQL functions taking a Db; every write is followed by db.checkpoint()
// before it resolves, so the UI says "saved" only once the change is on disk (DESIGN §8). No Svelte here.
import type { Db } from '../db/types';

export type Result = 'pass' | 'fail' | 'na';
export const RESULTS: readonly Result[] = ['pass', 'fail', 'na'];

export interface ReviewKey {
	call_id: string;
	rubric_id: string;
	rubric_version: number;
}

export interface ReviewRow {
	inspector: string | null;
	status: 'draft' | 'submitted';
	score: number | null;
	submitted_at: string | null;
	updated_at: string;
}

export interface Override {
	item_id: string;
	override_result: Result;
	reason: string;
	updated_at: string;
}

export interface ReviewComment {
	comment_id: string;
	call_id: string;
	at_s: number | null;
	text: string;
	created_at: string;
}

export interface LoadedReview {
	review: ReviewRow | null;
	overrides: Override[];
	comments: ReviewComment[];
}

/** A change the store refuses, with a reason the UI can name (i18n key). */
export class ReviewError extends Error {
	constructor(
		readonly code: 'reason_required' | 'text_required' | 'bad_result' | 'submitted',
		message: string
	) {
		super(message);
	}
}

const NOW = `strftime(now()::TIMESTAMP, '%Y-%m-%d %H:%M:%S')::TIMESTAMP`;
const TS = (col: string) => `strftime(${col}, '%Y-%m-%d %H:%M:%S') AS ${col}`;
// The workspace's inspector name (app_settings.inspector_name, plain text; review-exchange/) marks who made a
// review from its first change, so files merged from several inspectors say who reviewed what.
const INSPECTOR = `(SELECT value FROM app_settings WHERE key = 'inspector_name')`;
const keyParams = (k: ReviewKey) => [k.call_id, k.rubric_id, k.rubric_version];

export async function loadReview(db: Db, key: ReviewKey): Promise<LoadedReview> {
	const [r, o, c] = await Promise.all([
		db.query<ReviewRow>(
			`SELECT inspector, status, score, ${TS('submitted_at')}, ${TS('updated_at')} FROM reviews
			WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?`,
			keyParams(key)
		),
		db.query<Override>(
			`SELECT item_id, override_result, reason, ${TS('updated_at')} FROM review_items
			WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? ORDER BY item_id`,
			keyParams(key)
		),
		listComments(db, key.call_id)
	]);
	return { review: r.rows[0] ?? null, overrides: o.rows, comments: c };
}

export async function listComments(db: Db, callId: string): Promise<ReviewComment[]> {
	const { rows } = await db.query<ReviewComment>(
		`SELECT comment_id, call_id, at_s, text, ${TS('created_at')} FROM review_comments
		WHERE call_id = ? ORDER BY at_s NULLS LAST, created_at, comment_id`,
		[callId]
	);
	return rows;
}

async function status(db: Db, key: ReviewKey): Promise<ReviewRow['status'] | null> {
	const { rows } = await db.query<{ status: ReviewRow['status'] }>(
		'SELECT status FROM reviews WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?',
		keyParams(key)
	);
	return rows[0]?.status ?? null;
}

/** The review row exists (as a draft) and its updated_at moves; refuses when it is already submitted. */
async function touchDraft(db: Db, key: ReviewKey): Promise<void> {
	if ((await status(db, key)) === 'submitted') throw new ReviewError('submitted', 'the review is submitted; reopen it to change it');
	await db.query(
		`INSERT INTO reviews (call_id, rubric_id, rubric_version, inspector, status, updated_at)
		VALUES (?, ?, ?, ${INSPECTOR}, 'draft', ${NOW})
		ON CONFLICT (call_id, rubric_id, rubric_version) DO UPDATE SET updated_at = excluded.updated_at,
			inspector = coalesce(reviews.inspector, excluded.inspector)`,
		keyParams(key)
	);
}

/** Replace the automatic result of one item; a reason is required. */
export async function setOverride(db: Db, key: ReviewKey, itemId: string, result: Result, reason: string): Promise<void> {
	const why = reason.trim();
	if (!RESULTS.includes(result)) throw new ReviewError('bad_result', `unknown result ${result}`);
	if (!why) throw new ReviewError('reason_required', 'an override needs a reason');
	await touchDraft(db, key);
	await db.query(
		`INSERT INTO review_items (call_id, rubric_id, rubric_version, item_id, override_result, reason, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ${NOW})
		ON CONFLICT (call_id, rubric_id, rubric_version, item_id)
		DO UPDATE SET override_result = excluded.override_result, reason = excluded.reason, updated_at = excluded.updated_at`,
		[...keyParams(key), itemId, result, why]
	);
	await db.checkpoint();
}

export async function clearOverride(db: Db, key: ReviewKey, itemId: string): Promise<void> {
	await touchDraft(db, key);
	await db.query('DELETE FROM review_items WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? AND item_id = ?', [...keyParams(key), itemId]);
	await db.checkpoint();
}

/** A comment at a playback time (seconds; null without a recording). */
export async function addComment(db: Db, callId: string, atS: number | null, text: string, id: string = crypto.randomUUID()): Promise<ReviewComment> {
	const body = text.trim();
	if (!body) throw new ReviewError('text_required', 'a comment needs text');
	const at = atS == null || !Number.isFinite(atS) ? null : Math.round(atS * 10) / 10;
	await db.query(`INSERT INTO review_comments (comment_id, call_id, at_s, text, created_at) VALUES (?, ?, ?, ?, ${NOW})`, [id, callId, at, body]);
	await db.checkpoint();
	const { rows } = await db.query<ReviewComment>(`SELECT comment_id, call_id, at_s, text, ${TS('created_at')} FROM review_comments WHERE comment_id = ?`, [id]);
	return rows[0];
}

export async function deleteComment(db: Db, commentId: string): Promise<void> {
	await db.query('DELETE FROM review_comments WHERE comment_id = ?', [commentId]);
	await db.checkpoint();
}

/** Submit with the score as shown (overrides applied); it stays frozen until the review is reopened. */
export async function submitReview(db: Db, key: ReviewKey, inspector: string, score: number | null): Promise<void> {
	await touchDraft(db, key);
	await db.query(
		`UPDATE reviews SET status = 'submitted', inspector = coalesce(?, inspector), score = ?, submitted_at = ${NOW}, updated_at = ${NOW}
		WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?`,
		[inspector.trim() || null, score, ...keyParams(key)]
	);
	await db.checkpoint();
}

/** Back to a draft so it can be changed; the overrides and comments stay. */
export async function reopenReview(db: Db, key: ReviewKey): Promise<void> {
	await db.query(
		`UPDATE reviews SET status = 'draft', updated_at = ${NOW} WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?`,
		keyParams(key)
	);
	await db.checkpoint();
}

export interface ScoredItem {
	id: string;
	weight: number;
	critical: boolean;
}

export interface ReviewScore {
	score: number | null;
	passed: boolean | null;
	critical_failed: boolean;
}

/**
 * The call's score with overrides applied, by the rubric's maths (DESIGN §5, scoring/compile.ts scoreSelectSql):
 * 100 × earned / possible over applicable items (N/A excluded); any critical fail → 0; passed = score ≥ pass mark.
 * Items without a finding and without an override do not count (the scorer left them out).
 */
export function reviewScore(items: ScoredItem[], results: Map<string, Result>, overrides: Map<string, Result>, passMark: number): ReviewScore {
	let earned = 0;
	let possible = 0;
	let criticalFailed = false;
	for (const it of items) {
		const r = overrides.get(it.id) ?? results.get(it.id);
		if (!r || r === 'na') continue;
		possible += it.weight;
		if (r === 'pass') earned += it.weight;
		else if (it.critical) criticalFailed = true;
	}
	const score = criticalFailed ? 0 : possible > 0 ? (100 * earned) / possible : null;
	return { score, passed: score == null ? null : score >= passMark, critical_failed: criticalFailed };
}
