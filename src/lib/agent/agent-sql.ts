// What the agent page shows beyond the leaderboard row: weekly trends of the agent against its team, the checklist
// items the agent fails more often than the team, the calls that failed them, and the complaints naming the agent.
// Every query is bounded (weeks, items, LIMITs). Pure SQL builders over Db; no DOM.
import type { Db, Param } from '../db/types';
import { dimensionWhere, periodBounds, type DashboardFilter } from '../scope/filter';
import { COMPLAINT_ON_TIME_SQL, QA_PARTS_SQL, callPartsSql, kpisSelect, type Part } from '../metrics/kpis';
import { qaJoin, rubricParams } from '../metrics/kpi-row';
import { agentKeySql } from '../metrics/call-facts';
import { qaScoresRelation, type QaSource } from '../metrics/qa-score';

type Rubric = { id: string; version: number } | null | undefined;
type Dims = Pick<DashboardFilter, 'team' | 'queue' | 'channel'>;

export interface AgentScope {
	agentId: string;
	/** the agent's team: the comparison group */
	team: string | null;
	from: string;
	to: string;
	dims?: Dims;
	rubric?: Rubric;
	/** which QA score (metrics/qa-score.ts): reviewed where reviewed (default) or automatic only */
	qaSource?: QaSource;
	/** where the weekly trend starts (e.g. the previous period's first day); default `from` */
	trendFrom?: string;
}

/** Failed calls listed per weak item. */
export const CALLS_PER_ITEM = 5;
export const COMPLAINT_LIMIT = 100;

function callsIn(s: Pick<AgentScope, 'from' | 'to' | 'dims'>): { sql: string; params: Param[] } {
	const dims = dimensionWhere(s.dims ?? {}, 'c');
	return {
		sql: `c.started_at >= CAST(? AS TIMESTAMP) AND c.started_at < CAST(? AS TIMESTAMP) AND ${dims.sql}`,
		params: [...periodBounds(s.from, s.to), ...dims.params]
	};
}

export interface TrendPoint {
	/** Monday of the week, 'YYYY-MM-DD' */
	week: string;
	who: 'agent' | 'team';
	calls: number;
	qa_avg: number | null;
	csat_mean: number | null;
	aht: number | null;
}

/** Weekly QA score, CSAT and AHT of the agent and of its whole team (the agent included) over from..to. */
export function buildAgentTrendSql(s: AgentScope): { sql: string; params: Param[] } {
	const w = callsIn(s);
	const parts = { ...callPartsSql(), ...QA_PARTS_SQL };
	const part = (p: Part) => parts[p as keyof typeof parts];
	const measures = `${parts.offered} AS calls, ${kpisSelect(['qaAvg', 'csatMean', 'aht'], part)}`;
	const weekly = (who: 'agent' | 'team', col: string) => `SELECT date_trunc('week', c.started_at) AS wk, '${who}' AS who, ${measures}
			FROM call_facts c ${qaJoin(s.qaSource)}
			WHERE ${w.sql} AND ${col} = ? GROUP BY wk`;
	return {
		sql: `SELECT strftime(wk, '%Y-%m-%d') AS week, who, calls, qa_avg, csat_mean, aht FROM (
			${weekly('agent', 'c.agent_key')}
			UNION ALL
			${weekly('team', 'c.team')}
		) ORDER BY wk, who LIMIT 400`,
		params: [...rubricParams(s.rubric), ...w.params, s.agentId, ...rubricParams(s.rubric), ...w.params, s.team]
	};
}

export interface WeakItemRow {
	item_id: string;
	/** the agent's calls where the item applied, and failed */
	applied: number;
	failed: number;
	fail_rate: number | null;
	team_applied: number;
	team_failed: number;
	team_fail_rate: number | null;
	/** fail_rate − team_fail_rate: how much more often the agent fails it (percentage as a share) */
	gap: number | null;
}

/** Failure rate per checklist item, agent vs its team (agent included), items the agent failed at least once, largest gap first. */
export function buildWeakItemsSql(s: AgentScope): { sql: string; params: Param[] } {
	const w = callsIn(s);
	return {
		sql: `WITH r AS (
			SELECT f.item_id, ${agentKeySql('c')} = ? AS is_agent, c.team = ? AS is_team, f.result
			FROM calls c JOIN findings f ON f.call_id = c.call_id AND f.rubric_id = ? AND f.rubric_version = ?
			WHERE ${w.sql} AND (${agentKeySql('c')} = ? OR c.team = ?) AND f.result <> 'na'
		),
		g AS (
			SELECT item_id,
				count(*) FILTER (WHERE is_agent) AS applied,
				count(*) FILTER (WHERE is_agent AND result = 'fail') AS failed,
				count(*) FILTER (WHERE is_team) AS team_applied,
				count(*) FILTER (WHERE is_team AND result = 'fail') AS team_failed
			FROM r GROUP BY item_id
		)
		SELECT item_id, applied, failed, failed::DOUBLE / nullif(applied, 0) AS fail_rate,
			team_applied, team_failed, team_failed::DOUBLE / nullif(team_applied, 0) AS team_fail_rate,
			failed::DOUBLE / nullif(applied, 0) - coalesce(team_failed::DOUBLE / nullif(team_applied, 0), 0) AS gap
		FROM g WHERE failed > 0
		ORDER BY gap DESC NULLS LAST, failed DESC, item_id LIMIT 50`,
		params: [s.agentId, s.team, s.rubric?.id ?? '', s.rubric?.version ?? -1, ...w.params, s.agentId, s.team]
	};
}

export interface FailedCallRow {
	item_id: string;
	call_id: string;
	started_at: string;
	score: number | null;
	start_s: number | null;
	evidence: string | null;
	evidence_code: string | null;
	evidence_params: string | null;
	/** how many of the agent's calls failed the item in the period (the list shows CALLS_PER_ITEM) */
	total: number;
}

/** For each item, the agent's calls that failed it (lowest score first), CALLS_PER_ITEM each. */
export function buildFailedCallsSql(s: AgentScope, itemIds: string[]): { sql: string; params: Param[] } {
	const w = callsIn(s);
	const marks = itemIds.map(() => '?').join(', ') || 'NULL';
	return {
		sql: `SELECT item_id, call_id, started_at, score, start_s, evidence, evidence_code, evidence_params, total FROM (
			SELECT f.item_id, c.call_id, strftime(c.started_at, '%Y-%m-%d %H:%M') AS started_at, sc.score, f.start_s,
				f.evidence, f.evidence_code, f.evidence_params,
				count(*) OVER (PARTITION BY f.item_id) AS total,
				row_number() OVER (PARTITION BY f.item_id ORDER BY sc.score NULLS LAST, c.started_at DESC, c.call_id) AS n
			FROM calls c
			JOIN findings f ON f.call_id = c.call_id AND f.rubric_id = ? AND f.rubric_version = ? AND f.result = 'fail'
			LEFT JOIN ${qaScoresRelation(s.qaSource)} sc ON sc.call_id = c.call_id AND sc.rubric_id = f.rubric_id AND sc.rubric_version = f.rubric_version
			WHERE ${w.sql} AND ${agentKeySql('c')} = ? AND f.item_id IN (${marks})
		) WHERE n <= ${CALLS_PER_ITEM} ORDER BY item_id, n`,
		params: [s.rubric?.id ?? '', s.rubric?.version ?? -1, ...w.params, s.agentId, ...itemIds]
	};
}

export interface AgentComplaintRow {
	complaint_id: string;
	call_id: string | null;
	received_at: string;
	category: string | null;
	severity: number | null;
	status: string | null;
	title: string | null;
	/** not resolved by its deadline (the complaint-SLA rule: an unresolved one counts as late) */
	is_late: boolean;
	is_followed_up: boolean;
}

/** Complaints naming the agent received in from..to, newest first (COMPLAINT_LIMIT at most). */
export function buildAgentComplaintsSql(s: Pick<AgentScope, 'agentId' | 'from' | 'to'>): { sql: string; params: Param[] } {
	return {
		sql: `SELECT k.complaint_id, k.call_id, strftime(k.received_at, '%Y-%m-%d %H:%M') AS received_at, k.category, k.severity, k.status, k.title,
			k.due_at IS NOT NULL AND NOT coalesce(${COMPLAINT_ON_TIME_SQL}, false) AS is_late,
			k.followed_up_at IS NOT NULL AS is_followed_up
		FROM complaints k
		WHERE k.agent_id = ? AND k.received_at >= CAST(? AS TIMESTAMP) AND k.received_at < CAST(? AS TIMESTAMP)
		ORDER BY k.received_at DESC, k.complaint_id LIMIT ${COMPLAINT_LIMIT}`,
		params: [s.agentId, ...periodBounds(s.from, s.to)]
	};
}

export interface AgentDetail {
	trend: TrendPoint[];
	weakItems: WeakItemRow[];
	failedCalls: FailedCallRow[];
	complaints: AgentComplaintRow[];
}

/** Weak items whose calls the page lists. */
export const EXPLAINED_ITEMS = 5;

export async function queryAgentDetail(db: Db, s: AgentScope): Promise<AgentDetail> {
	const run = async <T>(q: { sql: string; params: Param[] }) => (await db.query<T>(q.sql, q.params)).rows;
	const trend = (await run<TrendPoint>(buildAgentTrendSql({ ...s, from: s.trendFrom ?? s.from }))).map((p) => ({
		...p,
		calls: Number(p.calls),
		qa_avg: p.qa_avg == null ? null : Number(p.qa_avg),
		csat_mean: p.csat_mean == null ? null : Number(p.csat_mean),
		aht: p.aht == null ? null : Number(p.aht)
	}));
	const weakItems = (await run<WeakItemRow>(buildWeakItemsSql(s))).map((r) => ({
		...r,
		applied: Number(r.applied),
		failed: Number(r.failed),
		team_applied: Number(r.team_applied),
		team_failed: Number(r.team_failed)
	}));
	const explained = weakItems
		.filter((r) => (r.gap ?? 0) > 0)
		.slice(0, EXPLAINED_ITEMS)
		.map((r) => r.item_id);
	const failedCalls = explained.length ? await run<FailedCallRow>(buildFailedCallsSql(s, explained)) : [];
	const complaints = await run<AgentComplaintRow>(buildAgentComplaintsSql(s));
	return { trend, weakItems, failedCalls, complaints };
}
