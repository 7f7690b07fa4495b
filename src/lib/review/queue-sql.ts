// The inspectors' review queue: a sampling plan (data, saved in review_plans) and the calls it drew (review_queue,
// with why each was drawn and its place in the queue). Drawing is SQL only and reproducible: within each agent ×
// ISO week the calls are ordered by md5(seed || call_id) and the first N taken. A call already queued, or already
// reviewed, is never drawn again, so drawing again after an import or for a wider period adds only new calls.
// No Svelte here; every write is followed by db.checkpoint().
import type { Db, Param } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import { addDays } from '../scope/filter';

export type DrawReason = 'sample' | 'complaint' | 'csat' | 'critical';
export const DRAW_REASONS: readonly DrawReason[] = ['sample', 'complaint', 'csat', 'critical'];

export interface SamplingPlan {
	plan_id: string;
	/** random calls per agent per ISO week (0: none) */
	per_agent_week: number;
	/** every call a complaint record points at */
	include_complaints: boolean;
	/** every call with a satisfaction score at or below this (null: none drawn for CSAT) */
	csat_max: number | null;
	/** every call whose automatic score has a critical fail under the active rubric version */
	include_critical: boolean;
	/** first / last day ('YYYY-MM-DD', both included) of the calls drawn from; null: open */
	date_from: string | null;
	date_to: string | null;
	seed: string;
}

export const DEFAULT_PLAN_ID = 'default';

export const DEFAULT_PLAN: SamplingPlan = {
	plan_id: DEFAULT_PLAN_ID,
	per_agent_week: 2,
	include_complaints: true,
	csat_max: 2,
	include_critical: true,
	date_from: null,
	date_to: null,
	seed: '1'
};

export interface RubricRef {
	id: string;
	version: number;
}

/** The plan's problems, by field (i18n keys under queue.invalid.*); empty when it can be saved. */
export function validatePlan(p: SamplingPlan): Partial<Record<keyof SamplingPlan, 'perAgentWeek' | 'csatMax' | 'dates' | 'seed'>> {
	const out: Partial<Record<keyof SamplingPlan, 'perAgentWeek' | 'csatMax' | 'dates' | 'seed'>> = {};
	if (!Number.isInteger(p.per_agent_week) || p.per_agent_week < 0 || p.per_agent_week > 1000) out.per_agent_week = 'perAgentWeek';
	if (p.csat_max != null && (!Number.isInteger(p.csat_max) || p.csat_max < 1 || p.csat_max > 5)) out.csat_max = 'csatMax';
	const isDay = (d: string | null) => d == null || /^\d{4}-\d{2}-\d{2}$/.test(d);
	if (!isDay(p.date_from) || !isDay(p.date_to) || (p.date_from && p.date_to && p.date_from > p.date_to)) out.date_to = 'dates';
	if (!p.seed.trim()) out.seed = 'seed';
	return out;
}

const DAY = (col: string) => `strftime(${col}, '%Y-%m-%d') AS ${col}`;

/** The saved plan, or the default one when none was saved yet. */
export async function loadPlan(db: Db, planId = DEFAULT_PLAN_ID): Promise<SamplingPlan> {
	const { rows } = await db.query<SamplingPlan>(
		`SELECT plan_id, per_agent_week, include_complaints, csat_max, include_critical, ${DAY('date_from')}, ${DAY('date_to')}, seed
		FROM review_plans WHERE plan_id = ?`,
		[planId]
	);
	return rows[0] ? { ...rows[0], per_agent_week: Number(rows[0].per_agent_week) } : { ...DEFAULT_PLAN, plan_id: planId };
}

export async function savePlan(db: Db, p: SamplingPlan): Promise<void> {
	const bad = Object.keys(validatePlan(p));
	if (bad.length) throw new Error(`invalid plan: ${bad.join(', ')}`);
	await db.query(
		`INSERT INTO review_plans (plan_id, per_agent_week, include_complaints, csat_max, include_critical, date_from, date_to, seed, updated_at)
		VALUES (?, ?, ?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), ?, ${centreNowSql()})
		ON CONFLICT (plan_id) DO UPDATE SET per_agent_week = excluded.per_agent_week, include_complaints = excluded.include_complaints,
			csat_max = excluded.csat_max, include_critical = excluded.include_critical, date_from = excluded.date_from,
			date_to = excluded.date_to, seed = excluded.seed, updated_at = excluded.updated_at`,
		[p.plan_id, p.per_agent_week, p.include_complaints, p.csat_max, p.include_critical, p.date_from, p.date_to, p.seed.trim()]
	);
	await db.checkpoint();
}

/**
 * The calls `plan` would add to its queue now, with why: per agent × ISO week the first N by md5(seed || call_id)
 * among answered calls (less the sampled calls already queued for that agent-week), plus every complaint-linked,
 * low-CSAT and critical-fail call. Calls already queued for the plan, or with a submitted review, are left out.
 */
function drawSql(plan: SamplingPlan, rubric: RubricRef | null): { sql: string; params: Param[] } {
	const params: Param[] = [];
	const range: string[] = [];
	if (plan.date_from) {
		range.push('c.started_at >= CAST(? AS TIMESTAMP)');
		params.push(`${plan.date_from} 00:00:00`);
	}
	if (plan.date_to) {
		range.push('c.started_at < CAST(? AS TIMESTAMP)');
		params.push(`${addDays(plan.date_to, 1)} 00:00:00`);
	}
	params.push(plan.plan_id);
	const candidates = `SELECT c.call_id, c.started_at, c.csat, coalesce(c.abandoned, false) AS abandoned,
			coalesce(c.agent_id, c.agent_name) AS agent, date_trunc('week', c.started_at) AS week
		FROM calls c
		WHERE ${range.length ? range.join(' AND ') + ' AND' : ''}
			c.call_id NOT IN (SELECT call_id FROM review_queue WHERE plan_id = ?)
			AND c.call_id NOT IN (SELECT call_id FROM reviews WHERE status = 'submitted')`;
	params.push(plan.plan_id);
	// Sampled calls already queued count against their agent-week's N, so drawing again adds nothing new there.
	const taken = `SELECT coalesce(c.agent_id, c.agent_name) AS agent, date_trunc('week', c.started_at) AS week, count(*) AS n
		FROM review_queue q JOIN calls c USING (call_id)
		WHERE q.plan_id = ? AND list_contains(q.reasons, 'sample') GROUP BY ALL`;
	params.push(plan.seed, plan.per_agent_week);
	const sample = `SELECT call_id, 'sample' AS reason FROM (
			SELECT k.call_id, k.agent, k.week, row_number() OVER (PARTITION BY k.agent, k.week ORDER BY md5(? || k.call_id)) AS rn
			FROM cand k WHERE NOT k.abandoned AND k.agent IS NOT NULL AND k.week IS NOT NULL
		) r LEFT JOIN taken t ON t.agent = r.agent AND t.week = r.week
		WHERE r.rn <= ? - coalesce(t.n, 0)`;
	const forced: string[] = [];
	if (plan.include_complaints)
		forced.push(`SELECT call_id, 'complaint' FROM cand WHERE call_id IN (SELECT call_id FROM complaints WHERE call_id IS NOT NULL)`);
	if (plan.csat_max != null) {
		forced.push(`SELECT call_id, 'csat' FROM cand WHERE csat <= ?`);
		params.push(plan.csat_max);
	}
	if (plan.include_critical && rubric) {
		forced.push(`SELECT call_id, 'critical' FROM cand WHERE call_id IN
			(SELECT call_id FROM scores WHERE rubric_id = ? AND rubric_version = ? AND critical_failed)`);
		params.push(rubric.id, rubric.version);
	}
	const sql = `WITH cand AS (${candidates}), taken AS (${taken}),
		picked AS (${[sample, ...forced].join(' UNION ALL ')})
		SELECT p.call_id, list_sort(list_distinct(list(p.reason))) AS reasons, min(k.started_at) AS started_at
		FROM picked p JOIN cand k USING (call_id) GROUP BY p.call_id`;
	return { sql, params };
}

export interface DrawResult {
	added: number;
	total: number;
}

/**
 * Draws the plan into its queue, appending after what is there. Must-review calls (critical, complaint, low
 * CSAT) come first, then the sample; each by start time.
 */
export async function drawQueue(db: Db, plan: SamplingPlan, rubric: RubricRef | null): Promise<DrawResult> {
	const draw = drawSql(plan, rubric);
	const before = (await queueProgress(db, plan.plan_id)).total;
	await db.query(
		`INSERT INTO review_queue (plan_id, call_id, reasons, position, drawn_at)
		SELECT ?, call_id, reasons,
			(SELECT coalesce(max(position), 0) FROM review_queue WHERE plan_id = ?)
				+ row_number() OVER (ORDER BY reasons = ['sample'], started_at NULLS LAST, call_id),
			${centreNowSql()}
		FROM (${draw.sql})`,
		[plan.plan_id, plan.plan_id, ...draw.params]
	);
	await db.checkpoint();
	const { total } = await queueProgress(db, plan.plan_id);
	return { added: total - before, total };
}

/** Empties the plan's queue (the reviews themselves stay). */
export async function clearQueue(db: Db, planId = DEFAULT_PLAN_ID): Promise<void> {
	await db.query('DELETE FROM review_queue WHERE plan_id = ?', [planId]);
	await db.checkpoint();
}

/**
 * "Reviewed" counts under one rubric version: a call is reviewed when a review of it under that version was
 * submitted (a review under an older version is shown as such, and the call waits to be reviewed under the active
 * one). Without a version (no active rubric yet): a submitted review under any version. Returns the condition on
 * the queue row `alias` and its parameters.
 */
function reviewed(alias: string, rubric: RubricRef | null | undefined): { sql: string; params: Param[] } {
	const base = `SELECT 1 FROM reviews r WHERE r.call_id = ${alias}.call_id AND r.status = 'submitted'`;
	return rubric
		? { sql: `EXISTS (${base} AND r.rubric_id = ? AND r.rubric_version = ?)`, params: [rubric.id, rubric.version] }
		: { sql: `EXISTS (${base})`, params: [] };
}

export interface QueueProgress {
	/** calls with a submitted review under the version counted */
	reviewed: number;
	total: number;
	/** the rubric version counted; null: any version */
	version: number | null;
	/** calls reviewed only under other versions of the rubric (not counted as reviewed) */
	reviewedElsewhere: number;
}

/** Reviewed = a review of the call was submitted under `rubric` (the active version); see reviewed(). */
export async function queueProgress(db: Db, planId = DEFAULT_PLAN_ID, rubric: RubricRef | null = null): Promise<QueueProgress> {
	const done = reviewed('q', rubric);
	const elsewhere = `NOT ${done.sql} AND EXISTS (SELECT 1 FROM reviews o WHERE o.call_id = q.call_id AND o.status = 'submitted')`;
	const { rows } = await db.query<{ reviewed: number; total: number; elsewhere: number }>(
		`SELECT count(*) FILTER (WHERE ${done.sql}) AS reviewed, count(*) AS total, count(*) FILTER (WHERE ${elsewhere}) AS elsewhere
		FROM review_queue q WHERE q.plan_id = ?`,
		[...done.params, ...done.params, planId]
	);
	return {
		reviewed: Number(rows[0]?.reviewed ?? 0),
		total: Number(rows[0]?.total ?? 0),
		version: rubric?.version ?? null,
		reviewedElsewhere: rubric ? Number(rows[0]?.elsewhere ?? 0) : 0
	};
}

export const QUEUE_PAGE_SIZE = 50;

export interface QueueRow {
	/** 1-based place in the queue */
	position: number;
	call_id: string;
	reasons: DrawReason[];
	started_at: string | null;
	agent_id: string | null;
	agent_name: string | null;
	team: string | null;
	csat: number | null;
	/** automatic score under the rubric version asked for */
	score: number | null;
	passed: boolean | null;
	/** the review under the rubric version asked for */
	review_status: 'draft' | 'submitted' | null;
	/** its score by the scoring rule (review_scores) */
	review_score: number | null;
	/** the newest other version of the rubric the call has a submitted review under, when none under this one */
	other_version: number | null;
}

export interface QueuePage {
	rows: QueueRow[];
	total: number;
	page: number;
	pages: number;
}

export interface QueueQuery {
	planId?: string;
	page: number;
	/** only calls without a submitted review */
	isOpenOnly?: boolean;
	rubric?: RubricRef | null;
}

/** One page of the queue in queue order; `page` is 1-based and clamped. */
export async function listQueue(db: Db, q: QueueQuery): Promise<QueuePage> {
	const planId = q.planId ?? DEFAULT_PLAN_ID;
	const done = reviewed('q', q.rubric);
	const open = q.isOpenOnly ? `AND NOT ${done.sql}` : '';
	const openParams = q.isOpenOnly ? done.params : [];
	const { rows: countRows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM review_queue q WHERE q.plan_id = ? ${open}`, [
		planId,
		...openParams
	]);
	const total = Number(countRows[0]?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(q.page) || 1), pages);
	const rid = q.rubric?.id ?? '';
	const ver = q.rubric?.version ?? -1;
	const { rows } = await db.query<QueueRow>(
		`SELECT q.position, q.call_id, q.reasons, strftime(c.started_at, '%Y-%m-%d %H:%M') AS started_at,
			c.agent_id, c.agent_name, c.team, c.csat, sc.score, sc.passed,
			r.status AS review_status, rs.score AS review_score,
			CASE WHEN r.status IS DISTINCT FROM 'submitted' THEN
				(SELECT max(o.rubric_version) FROM reviews o WHERE o.call_id = q.call_id AND o.rubric_id = ? AND o.status = 'submitted')
			END AS other_version
		FROM (SELECT * FROM review_queue q WHERE q.plan_id = ? ${open} ORDER BY q.position LIMIT ${QUEUE_PAGE_SIZE} OFFSET ?) q
		LEFT JOIN calls c USING (call_id)
		LEFT JOIN scores sc ON sc.call_id = q.call_id AND sc.rubric_id = ? AND sc.rubric_version = ?
		LEFT JOIN reviews r ON r.call_id = q.call_id AND r.rubric_id = ? AND r.rubric_version = ?
		LEFT JOIN review_scores rs ON rs.call_id = q.call_id AND rs.rubric_id = ? AND rs.rubric_version = ?
		ORDER BY q.position`,
		[rid, planId, ...openParams, (page - 1) * QUEUE_PAGE_SIZE, rid, ver, rid, ver, rid, ver]
	);
	return {
		rows: rows.map((r) => ({
			...r,
			position: Number(r.position),
			other_version: r.other_version == null ? null : Number(r.other_version)
		})),
		total,
		page,
		pages
	};
}

export interface QueuePlace {
	/** 1-based place of the call in the queue */
	position: number;
	total: number;
}

/** Where a call stands in the plan's queue; null when it is not queued. */
export async function queuePlace(db: Db, callId: string, planId = DEFAULT_PLAN_ID): Promise<QueuePlace | null> {
	const { rows } = await db.query<QueuePlace>(
		`SELECT position, total FROM (SELECT call_id, row_number() OVER (ORDER BY position) AS position, count(*) OVER () AS total
			FROM review_queue WHERE plan_id = ?) WHERE call_id = ?`,
		[planId, callId]
	);
	return rows[0] ? { position: Number(rows[0].position), total: Number(rows[0].total) } : null;
}

/**
 * The next queued call not yet reviewed (under `rubric`, see reviewed()) after `afterCallId` in queue order,
 * wrapping to the start; never `afterCallId` itself. Null when every other queued call is reviewed. Without
 * `afterCallId`: the first.
 */
export async function nextInQueue(
	db: Db,
	afterCallId: string | null,
	planId = DEFAULT_PLAN_ID,
	rubric: RubricRef | null = null
): Promise<string | null> {
	const done = reviewed('q', rubric);
	const { rows } = await db.query<{ call_id: string }>(
		`SELECT q.call_id FROM review_queue q
		WHERE q.plan_id = ? AND q.call_id IS DISTINCT FROM ? AND NOT ${done.sql}
		ORDER BY q.position <= coalesce((SELECT position FROM review_queue WHERE plan_id = ? AND call_id = ?), 0), q.position
		LIMIT 1`,
		[planId, afterCallId, ...done.params, planId, afterCallId]
	);
	return rows[0]?.call_id ?? null;
}
