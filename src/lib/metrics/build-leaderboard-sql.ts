// The agent (or team) leaderboard of one month or quarter: the KPIs of DESIGN §6 per agent, a composite index of
// the normalised KPIs with configurable weights, rank among agents with enough calls, and the rank of the period
// before. One parameterised query over call_facts; every KPI comes from metrics/kpis.ts, per agent instead of per
// filter (metrics/agreement.test.ts checks the figures against the dashboard's). No Svelte, no DOM.
import type { Db, Param } from '../db/types';
import { KPI_DEFINITIONS, type KpiDefinition, type KpiKey } from './definitions';
import {
	CALL_PARTS,
	COMPLAINT_PARTS_SQL,
	KPI_COLUMN,
	QA_PARTS,
	QA_PARTS_SQL,
	callPartsSql,
	kpisSelect,
	partsSelect,
	sumPartsSelect,
	type KpiColumn
} from './kpis';
import { ensureLeaderboardRollup } from './leaderboard-rollup';
import { RollupCancelled, type RollupBuildOptions } from './rollup-build';
import { HAS_COMPLAINT_DATA, HAS_COMPLAINT_DATA_CTE, partColumn, qaJoin, rubricParams } from './kpi-row';
import type { QaSource } from './qa-score';
import { complaintDimensionWhere, dimensionWhere, periodBounds, type DashboardFilter } from '../scope/filter';
import { previousOf, type Period } from '../scope/period';

/** The KPIs an agent is accountable for (service level and ASA happen before an agent answers). */
export type LeaderKey = Extract<
	KpiKey,
	'volume' | 'aht' | 'resolution' | 'fcr' | 'csatMean' | 'csatPct' | 'qaAvg' | 'qaPass' | 'complaintRate'
>;
export const LEADER_KEYS: LeaderKey[] = ['qaAvg', 'qaPass', 'csatMean', 'csatPct', 'resolution', 'fcr', 'aht', 'complaintRate', 'volume'];
export const LEADER_DEFINITIONS: Record<LeaderKey, KpiDefinition> = Object.fromEntries(
	KPI_DEFINITIONS.filter((d) => (LEADER_KEYS as string[]).includes(d.key)).map((d) => [d.key, d])
) as Record<LeaderKey, KpiDefinition>;

export type Weights = Record<LeaderKey, number>;

/** DESIGN §6: the composite weighs QA score, satisfaction, resolution and complaints; the rest start at 0. */
export const DEFAULT_WEIGHTS: Weights = {
	qaAvg: 40,
	qaPass: 0,
	csatMean: 0,
	csatPct: 25,
	resolution: 20,
	fcr: 0,
	aht: 0,
	complaintRate: 15,
	volume: 0
};
/** Agents with fewer calls than this per month of the period are listed but not ranked. */
export const DEFAULT_MIN_CALLS_PER_MONTH = 30;

export type Grouping = 'agent' | 'team';

export type LeaderValues = Record<LeaderKey, number | null>;

export interface LeaderPeriodRow {
	values: LeaderValues;
	/** calls handled by the agent (or team) in the period: the minimum-calls count */
	calls: number;
	surveyed: number;
	scored: number;
	/** scored calls whose QA score is a submitted review's */
	reviewed: number;
	complaints: number;
	/** 0..100; null when the agent is not ranked or has no value for any weighted KPI */
	composite: number | null;
	/** 1 = best; equal composites (to one decimal, as shown) share a rank; null when not ranked */
	rank: number | null;
	isRanked: boolean;
}

export interface LeaderRow {
	/** the agent key (agentKeySql: id, or name without one), or the team name */
	id: string;
	name: string;
	/** the agent's team in the period (the one most of its calls were in); the team itself for teams */
	team: string | null;
	current: LeaderPeriodRow;
	/** null when the agent had no calls in the previous period */
	previous: LeaderPeriodRow | null;
	/** previous rank − current rank: positive = moved up; null when either is unranked */
	rankChange: number | null;
}

export interface LeaderboardQuery {
	period: Period;
	/** team/queue/channel as on the dashboard (the period comes from `period`) */
	dims?: Pick<DashboardFilter, 'team' | 'queue' | 'channel'>;
	grouping?: Grouping;
	rubric?: { id: string; version: number } | null;
	/** reviewed scores where reviewed (default) or the automatic ones only (metrics/qa-score.ts) */
	qaSource?: QaSource;
	weights?: Weights;
	minCallsPerMonth?: number;
}

export interface Leaderboard {
	period: Period;
	previous: Period;
	/** the minimum number of calls in this period (per month × months) */
	minCalls: number;
	/** the workspace holds complaint records (else the complaint rate is unknown, not 0) */
	hasComplaintData: boolean;
	rows: LeaderRow[];
}

/** Minimum calls for a whole period: the monthly minimum times the months in it. */
export const minCallsFor = (period: Period, perMonth: number) => Math.max(0, Math.round(perMonth)) * period.months;

type Sql = { sql: string; params: Param[] };

const isAgentBoard = (q: LeaderboardQuery) => (q.grouping ?? 'agent') === 'agent';
/** The entity a row belongs to, over calls (or a rollup) aliased `alias`: the agent key or the team. */
const entityOf = (q: LeaderboardQuery, alias: string) => (isAgentBoard(q) ? `${alias}.agent_key` : `${alias}.team`);

/**
 * `kc`: per period (CTE p) and entity, its name and team and the call and QA parts, from call_facts and the QA
 * score relation. An agent's name and team are the ones most of its calls in the period carry.
 */
function rawCallsCte(q: LeaderboardQuery): Sql {
	const entity = entityOf(q, 'c');
	const isAgent = isAgentBoard(q);
	const dims = dimensionWhere(q.dims ?? {}, 'c');
	const calls = callPartsSql();
	return {
		sql: `kc AS (
		SELECT p.period, ${entity} AS entity_id,
			${isAgent ? 'mode(c.agent_name)' : 'c.team'} AS name,
			${isAgent ? 'mode(c.team)' : 'c.team'} AS team,
			${partsSelect(CALL_PARTS, (x) => calls[x])},
			${partsSelect(QA_PARTS, (x) => QA_PARTS_SQL[x])}
		FROM call_facts c JOIN p ON c.started_at >= p.t0 AND c.started_at < p.t1
		${qaJoin(q.qaSource)}
		WHERE ${entity} IS NOT NULL AND ${dims.sql}
		GROUP BY p.period, ${entity}
	)`,
		params: [...rubricParams(q.rubric), ...dims.params]
	};
}

/**
 * The same `kc` re-summed from the leaderboard rollups (month rows: a period's bounds are first days of months).
 * The name and team most calls carry are picked from the rows' call counts, ties by name (the raw query's mode()
 * picks any of them).
 */
function rollupCallsCte(q: LeaderboardQuery): Sql {
	const entity = entityOf(q, 'r');
	const isAgent = isAgentBoard(q);
	const dims = dimensionWhere(q.dims ?? {}, 'r');
	const inPeriod = `JOIN p ON r.month >= p.t0 AND r.month < p.t1 WHERE ${entity} IS NOT NULL AND ${dims.sql}`;
	const mostCalls = (col: string) =>
		`SELECT period, entity_id, first(${col} ORDER BY n DESC, ${col}) AS ${col}
		FROM (SELECT period, entity_id, ${col}, sum(offered) AS n FROM kr WHERE ${col} IS NOT NULL GROUP BY ALL) GROUP BY ALL`;
	// A period without QA rows: counts are 0 and sums NULL, as the aggregates over no rows give in the raw query.
	const isCount = (x: (typeof QA_PARTS)[number]) => QA_PARTS_SQL[x].startsWith('count(');
	return {
		sql: `kr AS (
		SELECT p.period, ${entity} AS entity_id, r.agent_name, r.team, ${sumPartsSelect(CALL_PARTS, 'r')}
		FROM lb_calls_rollup r ${inPeriod}
		GROUP BY ALL
	),
	kq AS (
		SELECT p.period, ${entity} AS entity_id, ${sumPartsSelect(QA_PARTS, 'r')}
		FROM lb_qa_rollup r ${inPeriod} AND r.source = ? AND r.rubric_id = ? AND r.rubric_version = ?
		GROUP BY ALL
	),
	${
		isAgent
			? `kn AS (${mostCalls('agent_name')}),
	kt AS (${mostCalls('team')}),`
			: ''
	}
	kc AS (
		SELECT kr.period, kr.entity_id,
			${isAgent ? 'any_value(kn.agent_name)' : 'kr.entity_id'} AS name,
			${isAgent ? 'any_value(kt.team)' : 'kr.entity_id'} AS team,
			${sumPartsSelect(CALL_PARTS, 'kr')},
			${partsSelect(QA_PARTS, (x) => (isCount(x) ? `coalesce(any_value(kq.${x}), 0)` : `any_value(kq.${x})`))}
		FROM kr
		LEFT JOIN kq ON kq.period = kr.period AND kq.entity_id = kr.entity_id
		${isAgent ? 'LEFT JOIN kn ON kn.period = kr.period AND kn.entity_id = kr.entity_id LEFT JOIN kt ON kt.period = kr.period AND kt.entity_id = kr.entity_id' : ''}
		GROUP BY kr.period, kr.entity_id
	)`,
		params: [...dims.params, ...dims.params, q.qaSource ?? 'reviewed', ...rubricParams(q.rubric)]
	};
}

// Each weighted KPI is scaled 0..100 among the ranked rows of the same period: 100 × (v − min) / (max − min) when
// higher is better, 100 × (max − v) / (max − min) when lower is better (AHT, complaints); all equal → 100. The
// composite is the weighted mean of the scaled KPIs the row has a value for. The column names come from this
// fixed table, never from user text; the weights are parameters.
// `from`: the leaderboard rollups (leaderboard-rollup.ts, built by ensureLeaderboardRollup) or the raw calls (the
// fallback when the rollups cannot be built, and the reference the rollup test compares with).
export function buildLeaderboardSql(q: LeaderboardQuery, from: 'rollup' | 'raw' = 'rollup'): Sql {
	const grouping = q.grouping ?? 'agent';
	const weights = q.weights ?? DEFAULT_WEIGHTS;
	const prev = previousOf(q.period);
	const comp = complaintDimensionWhere(q.dims ?? {});
	// A complaint counts for the agent it names; for a team, through its linked call, else its agent's team(s)
	// (the same rule as the dashboard's team filter, complaintDimensionWhere).
	const compEntity = grouping === 'agent' ? 'k.agent_id' : 'coalesce(lc.team, ag.team)';
	const compJoin =
		grouping === 'agent'
			? ''
			: 'LEFT JOIN (SELECT DISTINCT agent_id, team FROM calls WHERE team IS NOT NULL) ag ON lc.call_id IS NULL AND ag.agent_id = k.agent_id';
	const weighted = LEADER_KEYS.filter((k) => Number.isFinite(weights[k]) && weights[k] > 0);
	const scaled = weighted.map((k) => {
		const col = KPI_COLUMN[k];
		const lo = `min(${col}) FILTER (WHERE is_ranked) OVER (PARTITION BY period)`;
		const hi = `max(${col}) FILTER (WHERE is_ranked) OVER (PARTITION BY period)`;
		const up = LEADER_DEFINITIONS[k].isUpGood;
		return `CASE WHEN is_ranked AND ${col} IS NOT NULL THEN coalesce(100.0 * (${up ? `${col} - ${lo}` : `${hi} - ${col}`}) / nullif(${hi} - ${lo}, 0), 100.0) END AS n_${col}`;
	});
	const num = weighted.length ? weighted.map((k) => `? * coalesce(n_${KPI_COLUMN[k]}, 0)`).join(' + ') : 'NULL';
	const den = weighted.length ? weighted.map((k) => `CASE WHEN n_${KPI_COLUMN[k]} IS NULL THEN 0 ELSE ? END`).join(' + ') : '0';
	const weightParams = weighted.map((k) => weights[k]);
	const kc = from === 'rollup' ? rollupCallsCte(q) : rawCallsCte(q);
	const sql = `WITH p(period, t0, t1) AS (
		VALUES ('current', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP)), ('previous', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))
	),
	${kc.sql},
	km AS (
		SELECT p.period, ${compEntity} AS entity_id, ${COMPLAINT_PARTS_SQL.complaints} AS complaints
		FROM complaints k JOIN p ON k.received_at >= p.t0 AND k.received_at < p.t1
		LEFT JOIN calls lc ON lc.call_id = k.call_id
		${compJoin}
		WHERE ${comp.sql}
		GROUP BY ALL
	),
	${HAS_COMPLAINT_DATA_CTE},
	v AS (
		-- Every KPI by its one definition (metrics/kpis.ts) per row: a rate without input data is NULL.
		SELECT kc.period, kc.entity_id, kc.name, kc.team, kc.offered, kc.surveyed,
			kc.passed_n AS scored,
			kc.reviewed_n AS reviewed,
			coalesce(km.complaints, 0) AS complaints,
			${kpisSelect(LEADER_KEYS, partColumn({ calls: 'kc', qa: 'kc', complaints: 'km' }), HAS_COMPLAINT_DATA)},
			kc.offered >= ? AS is_ranked
		FROM kc
		LEFT JOIN km ON km.period = kc.period AND km.entity_id = kc.entity_id
	),
	n AS (
		SELECT v.*${scaled.length ? ',\n\t\t\t' + scaled.join(',\n\t\t\t') : ''}
		FROM v
	),
	c AS (
		SELECT n.*, CASE WHEN is_ranked THEN (${num}) / nullif(${den}, 0) END AS composite
		FROM n
	)
	SELECT period, entity_id, name, team, offered, surveyed, scored, reviewed, complaints,
		volume, aht, resolution, fcr, csat_mean, csat_pct, qa_avg, qa_pass, complaint_rate, is_ranked, composite,
		(SELECT has_data FROM k_has) AS has_complaint_data,
		CASE WHEN composite IS NOT NULL
			THEN rank() OVER (PARTITION BY period, composite IS NOT NULL ORDER BY round(composite, 1) DESC) END AS rank
	FROM c
	ORDER BY period, rank NULLS LAST, offered DESC, entity_id`;
	const params: Param[] = [
		...periodBounds(q.period.from, q.period.to),
		...periodBounds(prev.from, prev.to),
		...kc.params,
		...comp.params,
		minCallsFor(q.period, q.minCallsPerMonth ?? DEFAULT_MIN_CALLS_PER_MONTH),
		...weightParams,
		...weightParams
	];
	return { sql, params };
}

type Raw = Record<KpiColumn<LeaderKey>, number | null> & {
	period: 'current' | 'previous';
	entity_id: string;
	name: string | null;
	team: string | null;
	offered: number;
	surveyed: number;
	scored: number;
	reviewed: number;
	complaints: number;
	is_ranked: boolean;
	composite: number | null;
	rank: number | null;
	has_complaint_data: boolean;
};

const num = (v: unknown): number | null => (v == null ? null : Number(v));

function toPeriodRow(r: Raw): LeaderPeriodRow {
	const values = Object.fromEntries(LEADER_KEYS.map((k) => [k, num(r[KPI_COLUMN[k] as keyof Raw])])) as LeaderValues;
	return {
		values,
		calls: Number(r.offered),
		surveyed: Number(r.surveyed),
		scored: Number(r.scored),
		reviewed: Number(r.reviewed),
		complaints: Number(r.complaints),
		composite: num(r.composite),
		rank: num(r.rank),
		isRanked: r.is_ranked === true
	};
}

/**
 * The board of `q`: from the leaderboard rollups, rebuilt first when the data changed (`build`: its progress and
 * cancel), or from the raw calls when they cannot be built or the rebuild was cancelled (or when `from` says so: the
 * rollup test's reference).
 */
export async function queryLeaderboard(
	db: Db,
	q: LeaderboardQuery,
	from?: 'rollup' | 'raw',
	build?: RollupBuildOptions
): Promise<Leaderboard> {
	from ??= await ensureLeaderboardRollup(db, build).then(
		() => 'rollup' as const,
		(e) => {
			if (!(e instanceof RollupCancelled)) console.warn('leaderboard rollup unavailable, querying raw calls', e);
			return 'raw' as const;
		}
	);
	const { sql, params } = buildLeaderboardSql(q, from);
	const { rows } = await db.query<Raw>(sql, params);
	const prevById = new Map(rows.filter((r) => r.period === 'previous').map((r) => [r.entity_id, toPeriodRow(r)]));
	const out: LeaderRow[] = rows
		.filter((r) => r.period === 'current')
		.map((r) => {
			const current = toPeriodRow(r);
			const previous = prevById.get(r.entity_id) ?? null;
			return {
				id: r.entity_id,
				name: r.name ?? r.entity_id,
				team: r.team,
				current,
				previous,
				rankChange: current.rank != null && previous?.rank != null ? previous.rank - current.rank : null
			};
		});
	return {
		period: q.period,
		previous: previousOf(q.period),
		minCalls: minCallsFor(q.period, q.minCallsPerMonth ?? DEFAULT_MIN_CALLS_PER_MONTH),
		hasComplaintData: rows.length > 0 ? rows[0].has_complaint_data === true : false,
		rows: out
	};
}
