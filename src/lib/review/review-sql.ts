// An inspector's review of one call: item overrides with a reason, timestamped comments, the score with the
// overrides applied (read from the SQL definition in metrics/qa-score.ts, never computed here), starting a review
// from one under an older rubric version, and submitting it. SQL functions taking a Db; every write is followed by db.checkpoint()
// before it resolves, so the UI says "saved" only once the change is on disk (DESIGN §8). No Svelte here.
import type { Db } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import { reviewFindingsRefreshSql } from '../metrics/qa-score';

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

// The centre's wall-clock time now (centre-time/zone.ts), not DuckDB's now() (UTC in both backends).
const NOW = () => centreNowSql();
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

/** The call's comments by playback time; comments made in the same second keep the order they were made (rowid). */
export async function listComments(db: Db, callId: string): Promise<ReviewComment[]> {
	const { rows } = await db.query<ReviewComment>(
		`SELECT comment_id, call_id, at_s, text, ${TS('created_at')} FROM review_comments
		WHERE call_id = ? ORDER BY at_s NULLS LAST, created_at, rowid`,
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

/**
 * The review row exists (as a draft) and its updated_at moves; refuses when it is already submitted. A new review
 * gets a copy of the call's automatic results (review_findings), which its score is computed from.
 */
async function touchDraft(db: Db, key: ReviewKey): Promise<void> {
	const before = await status(db, key);
	if (before === 'submitted') throw new ReviewError('submitted', 'the review is submitted; reopen it to change it');
	await db.query(
		`INSERT INTO reviews (call_id, rubric_id, rubric_version, inspector, status, updated_at, started_at)
		VALUES (?, ?, ?, ${INSPECTOR}, 'draft', ${NOW()}, ${NOW()})
		ON CONFLICT (call_id, rubric_id, rubric_version) DO UPDATE SET updated_at = excluded.updated_at,
			inspector = coalesce(reviews.inspector, excluded.inspector)`,
		keyParams(key)
	);
	if (before === null)
		await db.batch(
			reviewFindingsRefreshSql('r.call_id = ? AND r.rubric_id = ? AND r.rubric_version = ?').map((sql) => ({ sql, params: keyParams(key) }))
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
		VALUES (?, ?, ?, ?, ?, ?, ${NOW()})
		ON CONFLICT (call_id, rubric_id, rubric_version, item_id)
		DO UPDATE SET override_result = excluded.override_result, reason = excluded.reason, updated_at = excluded.updated_at`,
		[...keyParams(key), itemId, result, why]
	);
	await db.checkpoint();
}

export async function clearOverride(db: Db, key: ReviewKey, itemId: string): Promise<void> {
	await touchDraft(db, key);
	await db.query('DELETE FROM review_items WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? AND item_id = ?', [
		...keyParams(key),
		itemId
	]);
	await db.checkpoint();
}

/** A comment at a playback time (seconds; null without a recording). */
export async function addComment(
	db: Db,
	callId: string,
	atS: number | null,
	text: string,
	id: string = crypto.randomUUID()
): Promise<ReviewComment> {
	const body = text.trim();
	if (!body) throw new ReviewError('text_required', 'a comment needs text');
	const at = atS == null || !Number.isFinite(atS) ? null : Math.round(atS * 10) / 10;
	await db.query(`INSERT INTO review_comments (comment_id, call_id, at_s, text, created_at) VALUES (?, ?, ?, ?, ${NOW()})`, [
		id,
		callId,
		at,
		body
	]);
	await db.checkpoint();
	const { rows } = await db.query<ReviewComment>(
		`SELECT comment_id, call_id, at_s, text, ${TS('created_at')} FROM review_comments WHERE comment_id = ?`,
		[id]
	);
	return rows[0];
}

export async function deleteComment(db: Db, commentId: string): Promise<void> {
	await db.query('DELETE FROM review_comments WHERE comment_id = ?', [commentId]);
	await db.checkpoint();
}

/**
 * Submit: the review stops changing until it is reopened, and from now on the call's QA score is the reviewed one
 * (call_qa_scores). The score at this moment is recorded in reviews.score, which review files carry to other
 * workspaces; the screens compute it live from the findings and overrides (review_scores).
 */
export async function submitReview(db: Db, key: ReviewKey, inspector: string): Promise<void> {
	await touchDraft(db, key);
	await db.query(
		`UPDATE reviews SET status = 'submitted', inspector = coalesce(?, inspector),
			score = (SELECT s.score FROM review_scores s WHERE s.call_id = reviews.call_id AND s.rubric_id = reviews.rubric_id AND s.rubric_version = reviews.rubric_version),
			submitted_at = ${NOW()}, updated_at = ${NOW()}
		WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?`,
		[inspector.trim() || null, ...keyParams(key)]
	);
	await db.checkpoint();
}

/** Back to a draft so it can be changed; the overrides and comments stay. */
export async function reopenReview(db: Db, key: ReviewKey): Promise<void> {
	await db.query(
		`UPDATE reviews SET status = 'draft', updated_at = ${NOW()} WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?`,
		keyParams(key)
	);
	await db.checkpoint();
}

export interface ReviewScore {
	score: number | null;
	passed: boolean | null;
	critical_failed: boolean;
}

/** One checklist item as the review judges it (metrics/qa-score.ts review_item_results). */
export interface ReviewedItem {
	item_id: string;
	auto_result: Result | null;
	/** the inspector's result, when the item is overridden */
	override_result: Result | null;
	/** the result an appeal's decision overturned the item to (appeals/), which the reviewed result follows */
	appeal_result: Result | null;
	result: Result | null;
	points: number | null;
	max_points: number | null;
}

/**
 * The call's score with the review's overrides applied, by the one SQL definition of the scoring rule
 * (review_scores, metrics/qa-score.ts); the automatic score while the call has no review yet. Null when the call
 * has no score for this version.
 */
export async function reviewedScore(db: Db, key: ReviewKey, hasReview = true): Promise<ReviewScore | null> {
	const automatic = `SELECT score, passed, critical_failed FROM scores s WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?
			AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.call_id = s.call_id AND r.rubric_id = s.rubric_id AND r.rubric_version = s.rubric_version)`;
	// `hasReview` false (the caller has just read that there is none): only the automatic score, without planning the
	// review views (30–60 ms a call page in the browser with 200k calls).
	const { rows } = await db.query<ReviewScore>(
		hasReview
			? `SELECT score, passed, critical_failed FROM review_scores WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?
		UNION ALL
		${automatic}
		LIMIT 1`
			: `${automatic} LIMIT 1`,
		hasReview ? [...keyParams(key), ...keyParams(key)] : keyParams(key)
	);
	const r = rows[0];
	return r ? { score: r.score ?? null, passed: r.passed ?? null, critical_failed: r.critical_failed === true } : null;
}

/** Each item of the review with its reviewed result and points; empty while the call has no review. */
export async function reviewedItems(db: Db, key: ReviewKey): Promise<ReviewedItem[]> {
	const { rows } = await db.query<ReviewedItem>(
		`SELECT item_id, auto_result, override_result, appeal_result, result, points, max_points FROM review_item_results
		WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? ORDER BY ordinal`,
		keyParams(key)
	);
	return rows;
}

/** A review of the call under one version of a rubric, with its score by the scoring rule. */
export interface VersionReview {
	rubric_version: number;
	inspector: string | null;
	status: ReviewRow['status'];
	submitted_at: string | null;
	score: number | null;
	overrides: number;
}

/** The call's reviews under every version of `rubricId`, newest version first. */
export async function listCallReviews(db: Db, callId: string, rubricId: string): Promise<VersionReview[]> {
	// Most calls have no review: a plain look at reviews first spares planning the review score view (30–60 ms in the
	// browser with 200k calls, on every call page).
	const any = await db.query('SELECT 1 FROM reviews WHERE call_id = ? AND rubric_id = ? LIMIT 1', [callId, rubricId]);
	if (any.rows.length === 0) return [];
	const { rows } = await db.query<VersionReview>(
		`SELECT r.rubric_version, r.inspector, r.status, strftime(r.submitted_at, '%Y-%m-%d %H:%M:%S') AS submitted_at, s.score,
			(SELECT count(*) FROM review_items o WHERE o.call_id = r.call_id AND o.rubric_id = r.rubric_id AND o.rubric_version = r.rubric_version) AS overrides
		FROM reviews r LEFT JOIN review_scores s USING (call_id, rubric_id, rubric_version)
		WHERE r.call_id = ? AND r.rubric_id = ? ORDER BY r.rubric_version DESC`,
		[callId, rubricId]
	);
	return rows.map((r) => ({ ...r, rubric_version: Number(r.rubric_version), overrides: Number(r.overrides) }));
}

/**
 * Starts (or continues) the review of `to` from the review of `from` (an older rubric version): a draft of `to`
 * with `from`'s overrides of the items `to` still has, unless `to` already overrides them. Returns how many were
 * taken over and how many were left behind because the item is gone.
 */
export async function startReviewFrom(db: Db, from: ReviewKey, to: ReviewKey): Promise<{ copied: number; dropped: number }> {
	await touchDraft(db, to);
	const { rows } = await db.query<{ copied: number; dropped: number }>(
		`SELECT count(*) FILTER (WHERE i.item_id IS NOT NULL AND t.item_id IS NULL) AS copied, count(*) FILTER (WHERE i.item_id IS NULL) AS dropped
		FROM review_items o
		LEFT JOIN rubric_items i ON i.rubric_id = ? AND i.rubric_version = ? AND i.item_id = o.item_id
		LEFT JOIN review_items t ON t.call_id = o.call_id AND t.rubric_id = ? AND t.rubric_version = ? AND t.item_id = o.item_id
		WHERE o.call_id = ? AND o.rubric_id = ? AND o.rubric_version = ?`,
		[to.rubric_id, to.rubric_version, to.rubric_id, to.rubric_version, ...keyParams(from)]
	);
	await db.query(
		`INSERT INTO review_items (call_id, rubric_id, rubric_version, item_id, override_result, reason, updated_at)
		SELECT ?, ?, ?, o.item_id, o.override_result, o.reason, ${NOW()}
		FROM review_items o JOIN rubric_items i ON i.rubric_id = ? AND i.rubric_version = ? AND i.item_id = o.item_id
		WHERE o.call_id = ? AND o.rubric_id = ? AND o.rubric_version = ?
		ON CONFLICT (call_id, rubric_id, rubric_version, item_id) DO NOTHING`,
		[...keyParams(to), to.rubric_id, to.rubric_version, ...keyParams(from)]
	);
	await db.checkpoint();
	return { copied: Number(rows[0]?.copied ?? 0), dropped: Number(rows[0]?.dropped ?? 0) };
}
