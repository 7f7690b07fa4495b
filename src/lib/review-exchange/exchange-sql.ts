// Reviews in and out of a workspace: the records to export (reviews, their overrides, comments) for all or a
// filtered set of calls; merging an imported file (new reviews inserted, identical ones skipped, differing ones
// kept as conflicts for a decision, comments united by comment_id); the conflicts and their resolution; the
// paged list of reviews (the inspector's name is review/inspector-sql.ts). Plain SQL over a Db; every write ends with db.checkpoint().
// The file formats themselves are csv.ts / parquet.ts.
import type { Db, Param, Statement } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import { REVIEW_FINDINGS_BACKFILL_SQL } from '../metrics/qa-score';
import { bulkInsert } from '../db/bulk';
import { COLUMN_NAMES, type ExchangeIssue, type ExchangeRecord } from './records';
import { APPEAL_COUNTS_SQL, appealIssues, DROP_APPEAL_STAGING, mergeAppealsSql, stageAppeals } from './exchange-appeals-sql';

export const PAGE_SIZE = 50;

const TS = (expr: string, as: string) => `strftime(${expr}, '%Y-%m-%d %H:%M:%S') AS ${as}`;
const KEY = (a: string, b: string) =>
	`${a}.call_id = ${b}.call_id AND ${a}.rubric_id = ${b}.rubric_id AND ${a}.rubric_version = ${b}.rubric_version`;

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

// ---------- conflicts ----------

export interface ReviewVersion {
	inspector: string | null;
	status: 'draft' | 'submitted';
	score: number | null;
	submitted_at: string | null;
	updated_at: string;
	overrides: { item_id: string; override_result: string; reason: string }[];
}

export interface Conflict {
	conflict_id: string;
	call_id: string;
	rubric_id: string;
	rubric_version: number;
	source_file: string;
	agent_name: string | null;
	/** the workspace's review; null if it was deleted since */
	mine: ReviewVersion | null;
	theirs: ReviewVersion;
}

export interface ConflictPage {
	rows: Conflict[];
	total: number;
	page: number;
	pages: number;
}

export async function listConflicts(db: Db, page: number): Promise<ConflictPage> {
	const { rows: cnt } = await db.query<{ n: number }>('SELECT count(*) AS n FROM review_conflicts');
	const total = Number(cnt[0]?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	type Flat = {
		conflict_id: string;
		call_id: string;
		rubric_id: string;
		rubric_version: number;
		source_file: string;
		agent_name: string | null;
	} & Record<string, unknown>;
	const { rows } = await db.query<Flat>(
		`SELECT x.conflict_id, x.call_id, x.rubric_id, x.rubric_version, x.source_file, c.agent_name,
			x.inspector AS t_inspector, x.status AS t_status, x.score AS t_score, ${TS('x.submitted_at', 't_submitted_at')}, ${TS('x.updated_at', 't_updated_at')},
			r.call_id IS NOT NULL AS has_mine, r.inspector AS m_inspector, r.status AS m_status, r.score AS m_score,
			${TS('r.submitted_at', 'm_submitted_at')}, ${TS('r.updated_at', 'm_updated_at')}
		FROM review_conflicts x LEFT JOIN reviews r ON ${KEY('r', 'x')} LEFT JOIN calls c ON c.call_id = x.call_id
		ORDER BY x.call_id, x.imported_at, x.source_file, x.conflict_id
		LIMIT ${PAGE_SIZE} OFFSET ?`,
		[(p - 1) * PAGE_SIZE]
	);
	const ids = rows.map((r) => r.conflict_id);
	type Item = { conflict_id: string; side: 'm' | 't'; item_id: string; override_result: string; reason: string };
	const { rows: items } = ids.length
		? await db.query<Item>(
				`SELECT conflict_id, 't' AS side, item_id, override_result, reason FROM review_conflict_items WHERE conflict_id IN (${ids.map(() => '?').join(',')})
				UNION ALL
				SELECT x.conflict_id, 'm', i.item_id, i.override_result, i.reason FROM review_conflicts x JOIN review_items i ON ${KEY('i', 'x')}
				WHERE x.conflict_id IN (${ids.map(() => '?').join(',')})
				ORDER BY conflict_id, side, item_id`,
				[...ids, ...ids]
			)
		: { rows: [] as Item[] };
	const itemsOf = (id: string, side: 'm' | 't') =>
		items
			.filter((i) => i.conflict_id === id && i.side === side)
			.map(({ item_id, override_result, reason }) => ({ item_id, override_result, reason }));
	const version = (r: Flat, side: 'm' | 't'): ReviewVersion => ({
		inspector: r[`${side}_inspector`] as string | null,
		status: r[`${side}_status`] as ReviewVersion['status'],
		score: r[`${side}_score`] as number | null,
		submitted_at: r[`${side}_submitted_at`] as string | null,
		updated_at: r[`${side}_updated_at`] as string,
		overrides: itemsOf(r.conflict_id, side)
	});
	return {
		rows: rows.map((r) => ({
			conflict_id: r.conflict_id,
			call_id: r.call_id,
			rubric_id: r.rubric_id,
			rubric_version: Number(r.rubric_version),
			source_file: r.source_file,
			agent_name: r.agent_name,
			mine: r.has_mine ? version(r, 'm') : null,
			theirs: version(r, 't')
		})),
		total,
		page: p,
		pages
	};
}

export type Difference =
	| { field: 'inspector' | 'status' | 'score' | 'submitted_at'; mine: string | number | null; theirs: string | number | null }
	| {
			field: 'override';
			item_id: string;
			mine: { result: string; reason: string } | null;
			theirs: { result: string; reason: string } | null;
	  };

/** What differs between the two versions of a review, field by field and override by override. */
export function describeDifferences(mine: ReviewVersion | null, theirs: ReviewVersion): Difference[] {
	const out: Difference[] = [];
	const m = mine ?? { inspector: null, status: null, score: null, submitted_at: null, overrides: [] };
	for (const field of ['inspector', 'status', 'score', 'submitted_at'] as const) {
		const a = m[field] ?? null;
		const b = theirs[field] ?? null;
		const same = field === 'score' && a != null && b != null ? Math.abs((a as number) - (b as number)) < 1e-6 : a === b;
		if (!same) out.push({ field, mine: a, theirs: b });
	}
	const ids = [...new Set([...m.overrides, ...theirs.overrides].map((o) => o.item_id))].sort();
	for (const id of ids) {
		const a = m.overrides.find((o) => o.item_id === id);
		const b = theirs.overrides.find((o) => o.item_id === id);
		if (a && b && a.override_result === b.override_result && a.reason === b.reason) continue;
		out.push({
			field: 'override',
			item_id: id,
			mine: a ? { result: a.override_result, reason: a.reason } : null,
			theirs: b ? { result: b.override_result, reason: b.reason } : null
		});
	}
	return out;
}

/** Decides one conflict: 'mine' drops the imported version; 'theirs' replaces the workspace's review and overrides with it. */
export async function resolveConflict(db: Db, conflictId: string, keep: 'mine' | 'theirs'): Promise<void> {
	await resolveWhere(db, { sql: 'conflict_id = ?', params: [conflictId] }, keep);
}

/** Decides every open conflict the same way; with 'theirs' and several files for one call, the latest-updated version wins. */
export async function resolveAllConflicts(db: Db, keep: 'mine' | 'theirs'): Promise<void> {
	await resolveWhere(db, { sql: 'TRUE', params: [] }, keep);
}

/** `where` is a condition on review_conflicts with its `?` parameters, bound in every statement that uses it. */
async function resolveWhere(db: Db, where: { sql: string; params: Param[] }, keep: 'mine' | 'theirs'): Promise<void> {
	const take: (Statement | string)[] =
		keep === 'theirs'
			? [
					{
						sql: `CREATE OR REPLACE TEMP TABLE xchg_pick AS SELECT * FROM review_conflicts WHERE ${where.sql}
					QUALIFY row_number() OVER (PARTITION BY call_id, rubric_id, rubric_version ORDER BY updated_at DESC, imported_at DESC, conflict_id DESC) = 1`,
						params: where.params
					},
					`DELETE FROM review_items i WHERE EXISTS (SELECT 1 FROM xchg_pick p WHERE ${KEY('p', 'i')})`,
					`DELETE FROM reviews r WHERE EXISTS (SELECT 1 FROM xchg_pick p WHERE ${KEY('p', 'r')})`,
					`INSERT INTO reviews (call_id, rubric_id, rubric_version, inspector, status, score, submitted_at, updated_at)
					SELECT call_id, rubric_id, rubric_version, inspector, status, score, submitted_at, updated_at FROM xchg_pick`,
					`INSERT INTO review_items (call_id, rubric_id, rubric_version, item_id, override_result, reason, updated_at)
					SELECT p.call_id, p.rubric_id, p.rubric_version, i.item_id, i.override_result, i.reason, i.updated_at
					FROM xchg_pick p JOIN review_conflict_items i USING (conflict_id)`,
					'DROP TABLE xchg_pick'
				]
			: [];
	await db.batch([
		...take,
		{
			sql: `DELETE FROM review_conflict_items WHERE conflict_id IN (SELECT conflict_id FROM review_conflicts WHERE ${where.sql})`,
			params: where.params
		},
		{ sql: `DELETE FROM review_conflicts WHERE ${where.sql}`, params: where.params }
	]);
	await db.checkpoint();
}
