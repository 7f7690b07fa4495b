// Reviews in and out of a workspace: the records to export (reviews, their overrides, comments) for all or a
// filtered set of calls; merging an imported file (new reviews inserted, identical ones skipped, differing ones
// kept as conflicts for a decision, comments united by comment_id); the
// paged list of reviews (the inspector's name is review/inspector-sql.ts); the conflicts are conflicts-sql.ts. Plain SQL over a
// Db; every write ends with db.checkpoint().
// The file formats themselves are csv.ts / parquet.ts.
import type { Db, Param } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import { REVIEW_FINDINGS_BACKFILL_SQL } from '../metrics/qa-score';
import { bulkInsert } from '../db/bulk';
import { COLUMN_NAMES, type ExchangeIssue, type ExchangeRecord } from './records';
import { KEY, TS } from './review-key-sql';
import { APPEAL_COUNTS_SQL, appealIssues, DROP_APPEAL_STAGING, mergeAppealsSql, stageAppeals } from './exchange-appeals-sql';

export const PAGE_SIZE = 50;

// ---------- the reviews list and export filter ----------

export interface ReviewFilter {
	status?: 'draft' | 'submitted' | null;
	inspector?: string | null;
	/** call id or agent, a substring */
	q?: string | null;
	/** only reviews with an open conflict */
	isConflicted?: boolean;
}

function filterWhere(f: ReviewFilter): { sql: string; params: Param[] } {
	const parts = ['TRUE'];
	const params: Param[] = [];
	if (f.status) {
		parts.push('r.status = ?');
		params.push(f.status);
	}
	if (f.inspector) {
		parts.push('r.inspector = ?');
		params.push(f.inspector);
	}
	const q = f.q?.trim();
	if (q) {
		const like = `%${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
		parts.push(`(r.call_id ILIKE ? ESCAPE '\\' OR c.agent_name ILIKE ? ESCAPE '\\' OR c.agent_id ILIKE ? ESCAPE '\\')`);
		params.push(like, like, like);
	}
	if (f.isConflicted) {
		parts.push(
			'EXISTS (SELECT 1 FROM review_conflicts x WHERE x.call_id = r.call_id AND x.rubric_id = r.rubric_id AND x.rubric_version = r.rubric_version)'
		);
	}
	return { sql: parts.join(' AND '), params };
}

export interface ReviewListRow {
	call_id: string;
	rubric_id: string;
	rubric_version: number;
	started_at: string | null;
	agent_name: string | null;
	agent_id: string | null;
	inspector: string | null;
	status: 'draft' | 'submitted';
	score: number | null;
	auto_score: number | null;
	overrides: number;
	comments: number;
	updated_at: string;
	conflicts: number;
}

export interface ReviewListPage {
	rows: ReviewListRow[];
	total: number;
	page: number;
	pages: number;
	/** inspectors named in this workspace's reviews, for the filter */
	inspectors: string[];
	/** open conflicts in the whole workspace */
	openConflicts: number;
}

export async function listReviews(db: Db, filter: ReviewFilter, page: number): Promise<ReviewListPage> {
	const w = filterWhere(filter);
	const { rows: head } = await db.query<{ n: number; conflicts: number; inspectors: string[] | null }>(
		`SELECT (SELECT count(*) FROM reviews r LEFT JOIN calls c USING (call_id) WHERE ${w.sql}) AS n,
			(SELECT count(*) FROM review_conflicts) AS conflicts,
			(SELECT list(DISTINCT inspector ORDER BY inspector) FROM reviews WHERE inspector IS NOT NULL) AS inspectors`,
		w.params
	);
	const total = Number(head[0]?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	const { rows } = await db.query<ReviewListRow>(
		`SELECT r.call_id, r.rubric_id, r.rubric_version, ${TS('c.started_at', 'started_at')}, c.agent_name, c.agent_id,
			r.inspector, r.status, r.score,
			(SELECT max(s.score) FROM scores s WHERE s.call_id = r.call_id AND s.rubric_id = r.rubric_id AND s.rubric_version = r.rubric_version) AS auto_score,
			(SELECT count(*) FROM review_items i WHERE i.call_id = r.call_id AND i.rubric_id = r.rubric_id AND i.rubric_version = r.rubric_version) AS overrides,
			(SELECT count(*) FROM review_comments m WHERE m.call_id = r.call_id) AS comments,
			${TS('r.updated_at', 'updated_at')},
			(SELECT count(*) FROM review_conflicts x WHERE x.call_id = r.call_id AND x.rubric_id = r.rubric_id AND x.rubric_version = r.rubric_version) AS conflicts
		FROM reviews r LEFT JOIN calls c USING (call_id)
		WHERE ${w.sql}
		ORDER BY r.updated_at DESC, r.call_id, r.rubric_id, r.rubric_version
		LIMIT ${PAGE_SIZE} OFFSET ?`,
		[...w.params, (p - 1) * PAGE_SIZE]
	);
	return {
		rows: rows.map((r) => ({ ...r, overrides: Number(r.overrides), comments: Number(r.comments), conflicts: Number(r.conflicts) })),
		total,
		page: p,
		pages,
		inspectors: head[0]?.inspectors ?? [],
		openConflicts: Number(head[0]?.conflicts ?? 0)
	};
}

// ---------- export ----------

/** One SELECT list of the whole file layout: the given expressions, NULL for every column the record type leaves empty. */
function recordColumns(v: Partial<Record<keyof ExchangeRecord, string>>): string {
	return COLUMN_NAMES.map((n) => `${v[n as keyof ExchangeRecord] ?? 'NULL'} AS ${n}`).join(', ');
}

/**
 * The records of every review matching the filter, their overrides, the appeals against them with each appealed
 * item and its decision, and the comments on those calls (all comments when there is no filter, including calls
 * commented on without a review). Sorted so a file diff reads well.
 */
export async function exportRecords(db: Db, filter: ReviewFilter = {}): Promise<ExchangeRecord[]> {
	const w = filterWhere(filter);
	const isAll = !filter.status && !filter.inspector && !filter.q?.trim() && !filter.isConflicted;
	const picked = `SELECT r.call_id, r.rubric_id, r.rubric_version FROM reviews r LEFT JOIN calls c USING (call_id) WHERE ${w.sql}`;
	const key = (t: string) => ({ call_id: `${t}.call_id`, rubric_id: `${t}.rubric_id`, rubric_version: `${t}.rubric_version` });
	const time = (expr: string) => `strftime(${expr}, '%Y-%m-%d %H:%M:%S')`;
	const { rows } = await db.query<ExchangeRecord>(
		`WITH picked AS (${picked})
		SELECT ${recordColumns({
			record_type: `'review'`,
			...key('r'),
			inspector: 'r.inspector',
			status: 'r.status',
			score: 'r.score',
			submitted_at: time('r.submitted_at'),
			updated_at: time('r.updated_at'),
			at_s: 'NULL::DOUBLE'
		})}, 0 AS k, '' AS sub
		FROM reviews r SEMI JOIN picked p ON ${KEY('p', 'r')}
		UNION ALL
		SELECT ${recordColumns({
			record_type: `'override'`,
			...key('i'),
			updated_at: time('i.updated_at'),
			item_id: 'i.item_id',
			override_result: 'i.override_result',
			reason: 'i.reason'
		})}, 1, i.item_id
		FROM review_items i SEMI JOIN picked p ON ${KEY('p', 'i')}
		UNION ALL
		SELECT ${recordColumns({
			record_type: `'appeal'`,
			...key('a'),
			reason: 'a.reason',
			appeal_id: 'a.appeal_id',
			appellant: 'a.appellant',
			filed_at: time('a.filed_at')
		})}, 2, ${time('a.filed_at')} || a.appeal_id
		FROM appeals a SEMI JOIN picked p ON ${KEY('p', 'a')}
		UNION ALL
		SELECT ${recordColumns({
			record_type: `'appeal_item'`,
			call_id: 'a.call_id',
			item_id: 'x.item_id',
			appeal_id: 'x.appeal_id',
			result_before: 'x.result_before',
			decision: 'x.decision',
			result_after: 'x.result_after',
			decision_reason: 'x.decision_reason',
			decided_by: 'x.decided_by',
			decided_at: time('x.decided_at')
		})}, 3, x.appeal_id || chr(0) || x.item_id
		FROM appeal_items x JOIN appeals a USING (appeal_id) SEMI JOIN picked p ON ${KEY('p', 'a')}
		UNION ALL
		SELECT ${recordColumns({
			record_type: `'comment'`,
			call_id: 'm.call_id',
			comment_id: 'm.comment_id',
			at_s: 'm.at_s',
			text: 'm.text',
			created_at: time('m.created_at')
		})}, 4, ${time('m.created_at')} || m.comment_id
		FROM review_comments m WHERE ${isAll ? 'TRUE' : 'm.call_id IN (SELECT call_id FROM picked)'}
		ORDER BY call_id, k, rubric_id, rubric_version, sub`,
		w.params
	);
	return rows.map(({ k: _k, sub: _s, ...r }: ExchangeRecord & { k?: number; sub?: string }) => ({
		...r,
		rubric_version: r.rubric_version == null ? null : Number(r.rubric_version)
	}));
}

// ---------- import ----------

export interface ImportCounts {
	reviewsNew: number;
	reviewsSame: number;
	conflicts: number;
	/** the same differing review was already waiting for a decision (a file imported twice) */
	conflictsKnown: number;
	overridesNew: number;
	commentsNew: number;
	commentsSame: number;
	/** appeals this workspace did not have (with their items and any decisions) */
	appealsNew: number;
	/** appeals already here, nothing new in them */
	appealsSame: number;
	/** decisions on appealed items this workspace had as undecided */
	decisionsNew: number;
}

export interface ImportReport {
	file: string;
	rowsTotal: number;
	rowsLoaded: number;
	rowsRejected: number;
	counts: ImportCounts;
	issues: ExchangeIssue[];
}

/**
 * What makes two reviews of a call the same: who, status, score, when submitted, and every override with its
 * reason. updated_at is not compared (saving the same thing twice is not a difference).
 */
function signatureSql(reviews: string, items: string, by: 'key' | 'conflict' = 'key'): string {
	const itemKey = by === 'key' ? 'call_id, rubric_id, rubric_version' : 'conflict_id';
	return `SELECT ${by === 'conflict' ? 'r.conflict_id, ' : ''}r.call_id, r.rubric_id, r.rubric_version,
		concat_ws(chr(31), coalesce(r.inspector, ''), r.status, coalesce(CAST(round(r.score, 6) AS VARCHAR), ''),
			coalesce(strftime(r.submitted_at, '%Y-%m-%d %H:%M:%S'), ''), coalesce(it.items, '')) AS sig
		FROM ${reviews} r LEFT JOIN (
			SELECT ${itemKey}, string_agg(concat_ws(chr(30), item_id, override_result, reason), chr(29) ORDER BY item_id) AS items
			FROM ${items} GROUP BY ${itemKey}
		) it USING (${itemKey})`;
}

const STAGE_REVIEWS = `CREATE OR REPLACE TEMP TABLE xchg_reviews (call_id VARCHAR, rubric_id VARCHAR, rubric_version INTEGER, inspector VARCHAR,
	status VARCHAR, score DOUBLE, submitted_at TIMESTAMP, updated_at TIMESTAMP)`;
const STAGE_ITEMS = `CREATE OR REPLACE TEMP TABLE xchg_items (call_id VARCHAR, rubric_id VARCHAR, rubric_version INTEGER, item_id VARCHAR,
	override_result VARCHAR, reason VARCHAR, updated_at TIMESTAMP)`;
const STAGE_COMMENTS = `CREATE OR REPLACE TEMP TABLE xchg_comments (comment_id VARCHAR, call_id VARCHAR, at_s DOUBLE, text VARCHAR, created_at TIMESTAMP)`;

/**
 * Merges one file's valid records into the workspace: new reviews (with their overrides) are inserted; a review
 * equal to the workspace's is skipped; a differing one is stored in review_conflicts for the lead to decide, and
 * nothing of the workspace's is changed. Comments are united by comment_id; appeals by appeal_id
 * (exchange-appeals-sql.ts), decisions never rewritten.
 */
export async function importRecords(
	db: Db,
	file: string,
	records: readonly ExchangeRecord[],
	rowsTotal: number,
	fileIssues: ExchangeIssue[] = []
): Promise<ImportReport> {
	const issues = [...fileIssues];
	const rev = records.filter((r) => r.record_type === 'review');
	const ovr = records.filter((r) => r.record_type === 'override');
	const com = records.filter((r) => r.record_type === 'comment');
	await db.query(`${STAGE_REVIEWS}; ${STAGE_ITEMS}; ${STAGE_COMMENTS};`);
	try {
		await bulkInsert(
			db,
			'xchg_reviews',
			['call_id', 'rubric_id', 'rubric_version', 'inspector', 'status', 'score', 'submitted_at', 'updated_at'],
			rev.map((r) => [r.call_id, r.rubric_id, r.rubric_version, r.inspector, r.status, r.score, r.submitted_at, r.updated_at])
		);
		await bulkInsert(
			db,
			'xchg_items',
			['call_id', 'rubric_id', 'rubric_version', 'item_id', 'override_result', 'reason', 'updated_at'],
			ovr.map((r) => [r.call_id, r.rubric_id, r.rubric_version, r.item_id, r.override_result, r.reason, r.updated_at])
		);
		await bulkInsert(
			db,
			'xchg_comments',
			['comment_id', 'call_id', 'at_s', 'text', 'created_at'],
			com.map((r) => [r.comment_id, r.call_id, r.at_s, r.text, r.created_at])
		);
		await stageAppeals(db, records);

		// Calls this workspace does not have: the records still load (the calls may be imported later), with a warning.
		const { rows: unknown } = await db.query<{ call_id: string }>(
			`SELECT DISTINCT call_id FROM (SELECT call_id FROM xchg_reviews UNION ALL SELECT call_id FROM xchg_comments)
			WHERE call_id NOT IN (SELECT call_id FROM calls) ORDER BY call_id`
		);
		for (const u of unknown) issues.push({ file, row: null, severity: 'warning', code: 'unknown_call', value: u.call_id });

		await db.query(`CREATE OR REPLACE TEMP TABLE xchg_class AS
			WITH theirs AS (${signatureSql('xchg_reviews', 'xchg_items')}),
			mine AS (${signatureSql('reviews', 'review_items')}),
			pending AS (${signatureSql('review_conflicts', 'review_conflict_items', 'conflict')})
			SELECT t.call_id, t.rubric_id, t.rubric_version, t.sig,
				CASE WHEN m.call_id IS NULL THEN 'new'
					WHEN m.sig = t.sig THEN 'same'
					WHEN EXISTS (SELECT 1 FROM pending p WHERE ${KEY('p', 't')} AND p.sig = t.sig) THEN 'known'
					ELSE 'conflict' END AS kind,
				gen_random_uuid()::VARCHAR AS conflict_id
			FROM theirs t LEFT JOIN mine m ON ${KEY('m', 't')}`);

		await db.batch([
			`INSERT INTO reviews (call_id, rubric_id, rubric_version, inspector, status, score, submitted_at, updated_at)
				SELECT x.call_id, x.rubric_id, x.rubric_version, x.inspector, x.status, x.score, x.submitted_at, x.updated_at
				FROM xchg_reviews x JOIN xchg_class k ON ${KEY('k', 'x')} WHERE k.kind = 'new'`,
			`INSERT INTO review_items (call_id, rubric_id, rubric_version, item_id, override_result, reason, updated_at)
				SELECT x.call_id, x.rubric_id, x.rubric_version, x.item_id, x.override_result, x.reason, x.updated_at
				FROM xchg_items x JOIN xchg_class k ON ${KEY('k', 'x')} WHERE k.kind = 'new'`,
			{
				sql: `INSERT INTO review_conflicts (conflict_id, call_id, rubric_id, rubric_version, source_file, inspector, status, score, submitted_at, updated_at, imported_at)
				SELECT k.conflict_id, x.call_id, x.rubric_id, x.rubric_version, ?, x.inspector, x.status, x.score, x.submitted_at, x.updated_at, ${centreNowSql()}
				FROM xchg_reviews x JOIN xchg_class k ON ${KEY('k', 'x')} WHERE k.kind = 'conflict'`,
				params: [file]
			},
			`INSERT INTO review_conflict_items (conflict_id, item_id, override_result, reason, updated_at)
				SELECT k.conflict_id, x.item_id, x.override_result, x.reason, x.updated_at
				FROM xchg_items x JOIN xchg_class k ON ${KEY('k', 'x')} WHERE k.kind = 'conflict'`,
			`CREATE OR REPLACE TEMP TABLE xchg_comment_class AS
				SELECT x.comment_id, CASE WHEN m.comment_id IS NULL THEN 'new'
					WHEN m.call_id = x.call_id AND m.text = x.text AND m.at_s IS NOT DISTINCT FROM x.at_s THEN 'same' ELSE 'differs' END AS kind
				FROM xchg_comments x LEFT JOIN review_comments m USING (comment_id)`,
			`INSERT INTO review_comments (comment_id, call_id, at_s, text, created_at)
				SELECT x.comment_id, x.call_id, x.at_s, x.text, x.created_at FROM xchg_comments x JOIN xchg_comment_class k USING (comment_id) WHERE k.kind = 'new'`,
			...mergeAppealsSql(file),
			// The new reviews' calls' automatic results, which their scores are computed from (metrics/qa-score.ts).
			...REVIEW_FINDINGS_BACKFILL_SQL
		]);
		const { rows: differs } = await db.query<{ comment_id: string }>(
			`SELECT comment_id FROM xchg_comment_class WHERE kind = 'differs' ORDER BY comment_id`
		);
		for (const d of differs) issues.push({ file, row: null, severity: 'warning', code: 'comment_differs', value: d.comment_id });
		issues.push(...(await appealIssues(db, file)));
		const { rows: c } = await db.query<Record<string, number>>(`SELECT
			(SELECT count(*) FROM xchg_class WHERE kind = 'new') AS reviews_new,
			(SELECT count(*) FROM xchg_class WHERE kind = 'same') AS reviews_same,
			(SELECT count(*) FROM xchg_class WHERE kind = 'conflict') AS conflicts,
			(SELECT count(*) FROM xchg_class WHERE kind = 'known') AS known,
			(SELECT count(*) FROM xchg_items x JOIN xchg_class k ON ${KEY('k', 'x')} WHERE k.kind = 'new') AS overrides_new,
			(SELECT count(*) FROM xchg_comment_class WHERE kind = 'new') AS comments_new,
			(SELECT count(*) FROM xchg_comment_class WHERE kind <> 'new') AS comments_same,
			${APPEAL_COUNTS_SQL}`);
		const n = (k: string) => Number(c[0][k] ?? 0);
		await db.checkpoint();
		const rejected = new Set(issues.filter((i) => i.severity === 'error' && i.row != null).map((i) => i.row)).size;
		return {
			file,
			rowsTotal,
			rowsLoaded: records.length,
			rowsRejected: rejected,
			counts: {
				reviewsNew: n('reviews_new'),
				reviewsSame: n('reviews_same'),
				conflicts: n('conflicts'),
				conflictsKnown: n('known'),
				overridesNew: n('overrides_new'),
				commentsNew: n('comments_new'),
				commentsSame: n('comments_same'),
				appealsNew: n('appeals_new'),
				appealsSame: n('appeals_same'),
				decisionsNew: n('decisions_new')
			},
			issues
		};
	} finally {
		await db.query(
			'DROP TABLE IF EXISTS xchg_reviews; DROP TABLE IF EXISTS xchg_items; DROP TABLE IF EXISTS xchg_comments; DROP TABLE IF EXISTS xchg_class; DROP TABLE IF EXISTS xchg_comment_class; ' +
				DROP_APPEAL_STAGING
		);
	}
}
