// The KPIs of DESIGN §6 for one dashboard filter and the period of the same length just before it, in one
// parameterised query over call_facts. The KPIs themselves are defined in metrics/ (kpis.ts, definitions.ts); this
// module only picks the calls and complaints of the filter. Charts have their own builders (build-chart-sql.ts).
import type { Db, Param } from '../db/types';
import type { QaSource } from './qa-score';
import type { KpiKey } from './definitions';
import { CALL_PARTS, COMPLAINT_PARTS, COMPLAINT_PARTS_SQL, QA_PARTS, QA_PARTS_SQL, callPartsSql, partsSelect } from './kpis';
import { HAS_COMPLAINT_DATA, HAS_COMPLAINT_DATA_CTE, kpiRowSelect, partColumn, qaJoin, rubricParams, type KpiRow } from './kpi-row';
import { complaintDimensionWhere, dimensionWhere, periodBounds, previousPeriod, type DashboardFilter } from '../scope/filter';

export { DEFAULT_SL_THRESHOLD_S } from './kpis';
export { KPI_DEFINITIONS, KPI_KEYS, type KpiDefinition, type KpiFormat, type KpiKey } from './definitions';
export type { KpiRow } from './kpi-row';

export type KpiValues = Record<KpiKey, number | null>;

/** Counts behind the rates, so the UI can say "of how many" and why a KPI has no value (kpi-missing.ts). */
export interface KpiCounts {
	offered: number;
	handled: number;
	surveyed: number;
	scored: number;
	/** scored calls with a submitted review under the version (their QA score is the reviewed one unless "automatic only") */
	reviewed: number;
	complaints: number;
	/** answered calls with a ring time */
	ringKnown: number;
	/** calls whose abandoned flag is known */
	abandonKnown: number;
	/** handled calls with a talk, hold or wrap time */
	handleKnown: number;
	/** handled calls whose resolved flag is known */
	resolvedKnown: number;
	/** the period's complaints with a deadline, and those closed */
	complaintsWithDue: number;
	complaintsClosed: number;
	/** the workspace holds complaint records at all (else the complaint rate is unknown, not 0) */
	hasComplaintData: boolean;
}

export interface KpiPeriod {
	from: string;
	to: string;
	values: KpiValues;
	counts: KpiCounts;
}

export interface KpiResult {
	current: KpiPeriod;
	previous: KpiPeriod;
}

export interface KpiOptions {
	/** rubric version whose scores give the QA KPIs; none: QA KPIs are null */
	rubric?: { id: string; version: number } | null;
	/** reviewed scores where reviewed (default) or the automatic ones only (metrics/qa-score.ts) */
	qaSource?: QaSource;
	slThresholdS?: number;
}

/** The one KPI query: rows 'current' and 'previous', every KPI by its metrics/ definition. Pure; every user value is a `?` parameter. */
export function buildKpiSql(filter: DashboardFilter, opts: KpiOptions = {}): { sql: string; params: Param[] } {
	const prev = previousPeriod(filter.from, filter.to);
	const dims = dimensionWhere(filter, 'c');
	const comp = complaintDimensionWhere(filter);
	const calls = callPartsSql(opts.slThresholdS);
	const sql = `WITH p(period, t0, t1) AS (
		VALUES ('current', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP)), ('previous', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))
	),
	kc AS (
		SELECT p.period,
		${partsSelect(CALL_PARTS, (x) => calls[x])},
		${partsSelect(QA_PARTS, (x) => QA_PARTS_SQL[x])}
		FROM call_facts c JOIN p ON c.started_at >= p.t0 AND c.started_at < p.t1
		${qaJoin(opts.qaSource)}
		WHERE ${dims.sql}
		GROUP BY p.period
	),
	km AS (
		SELECT p.period,
		${partsSelect(COMPLAINT_PARTS, (x) => COMPLAINT_PARTS_SQL[x])}
		FROM complaints k JOIN p ON k.received_at >= p.t0 AND k.received_at < p.t1
		LEFT JOIN calls lc ON lc.call_id = k.call_id
		WHERE ${comp.sql}
		GROUP BY p.period
	),
	${HAS_COMPLAINT_DATA_CTE}
	SELECT p.period, ${kpiRowSelect(partColumn({ calls: 'kc', qa: 'kc', complaints: 'km' }), HAS_COMPLAINT_DATA)}
	FROM p LEFT JOIN kc ON kc.period = p.period LEFT JOIN km ON km.period = p.period`;
	const params: Param[] = [
		...periodBounds(filter.from, filter.to),
		...periodBounds(prev.from, prev.to),
		...rubricParams(opts.rubric),
		...dims.params,
		...comp.params
	];
	return { sql, params };
}

const num = (v: unknown): number | null => (v == null ? null : Number(v));

function toPeriod(r: KpiRow | undefined, from: string, to: string): KpiPeriod {
	return {
		from,
		to,
		counts: {
			offered: Number(r?.offered ?? 0),
			handled: Number(r?.handled ?? 0),
			surveyed: Number(r?.surveyed ?? 0),
			scored: Number(r?.scored ?? 0),
			reviewed: Number(r?.reviewed ?? 0),
			complaints: Number(r?.complaints ?? 0),
			ringKnown: Number(r?.ring_n ?? 0),
			abandonKnown: Number(r?.abandon_n ?? 0),
			handleKnown: Number(r?.handle_n ?? 0),
			resolvedKnown: Number(r?.resolved_n ?? 0),
			complaintsWithDue: Number(r?.with_due ?? 0),
			complaintsClosed: Number(r?.closed ?? 0),
			hasComplaintData: r?.has_complaint_data === true
		},
		values: {
			volume: num(r?.volume),
			serviceLevel: num(r?.service_level),
			asa: num(r?.asa),
			abandonment: num(r?.abandonment),
			aht: num(r?.aht),
			resolution: num(r?.resolution),
			fcr: num(r?.fcr),
			csatMean: num(r?.csat_mean),
			csatPct: num(r?.csat_pct),
			qaAvg: num(r?.qa_avg),
			qaPass: num(r?.qa_pass),
			complaintRate: num(r?.complaint_rate),
			complaintSla: num(r?.complaint_sla),
			followUp: num(r?.follow_up)
		}
	};
}

export async function queryKpis(db: Db, filter: DashboardFilter, opts: KpiOptions = {}): Promise<KpiResult> {
	const { sql, params } = buildKpiSql(filter, opts);
	return kpiResultFromRows((await db.query<KpiRow>(sql, params)).rows, filter);
}

/** The KPI result from the query's 'current' and 'previous' rows. */
export function kpiResultFromRows(rows: KpiRow[], filter: DashboardFilter): KpiResult {
	const prev = previousPeriod(filter.from, filter.to);
	return {
		current: toPeriod(
			rows.find((r) => r.period === 'current'),
			filter.from,
			filter.to
		),
		previous: toPeriod(
			rows.find((r) => r.period === 'previous'),
			prev.from,
			prev.to
		)
	};
}
