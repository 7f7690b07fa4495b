// Every KPI of DESIGN §6 defined once, as a ratio of additive parts:
//   parts  counts and sums over call_facts `c` (call-facts.ts), the QA score relation `q` (metrics/qa-score.ts) and
//          complaints `k`; every part is a count or a sum, so a per-day rollup can store it and any filter re-sums it
//   KPIS   each KPI as numerator ÷ denominator (× scale) of those parts; NULL when the denominator is 0 — no input
//          data is never 0
// The dashboard (raw SQL, the rollups and their in-memory cube), the leaderboard, the agent page and the report all
// build their figures from here: kpiSql() in SQL and kpiValue() in TS, both reading the same KPIS table.
// Texts of the definitions: definitions.ts. No Svelte, no DOM.
import type { KpiKey } from './definitions';

export const DEFAULT_SL_THRESHOLD_S = 15;

/** Parts over call_facts `c`. */
export const CALL_PARTS = [
	'offered',
	'handled',
	'abandoned',
	'abandon_n',
	'within_sl',
	'ring_n',
	'ring_sum',
	'handle_n',
	'handle_sum',
	'resolved',
	'resolved_n',
	'fcr',
	'surveyed',
	'csat_sum',
	'satisfied'
] as const;
/** Parts over the QA score relation `q` (LEFT JOINed: a call without a score adds nothing). */
export const QA_PARTS = ['scored_n', 'score_sum', 'passed_n', 'passed', 'reviewed_n'] as const;
/** Parts over complaints `k`. */
export const COMPLAINT_PARTS = ['complaints', 'with_due', 'on_time', 'closed', 'followed_up'] as const;

export type CallPart = (typeof CALL_PARTS)[number];
export type QaPart = (typeof QA_PARTS)[number];
export type ComplaintPart = (typeof COMPLAINT_PARTS)[number];
export type Part = CallPart | QaPart | ComplaintPart;
export type Parts = Record<Part, number>;

/** A complaint `k` resolved by its deadline (the complaint-SLA rule: an unresolved one is late). */
export const COMPLAINT_ON_TIME_SQL = `k.resolved_at <= k.due_at`;

function threshold(slThresholdS: number): number {
	const thr = Number(slThresholdS);
	if (!Number.isFinite(thr)) throw new Error('service-level threshold must be a number');
	return thr;
}

/** Each call part as an aggregate over call_facts aliased `c`; the service-level threshold is a checked number. */
export function callPartsSql(slThresholdS = DEFAULT_SL_THRESHOLD_S): Record<CallPart, string> {
	const handled = 'NOT c.is_abandoned';
	return {
		offered: 'count(*)',
		handled: `count(*) FILTER (WHERE ${handled})`,
		abandoned: 'count(*) FILTER (WHERE c.is_abandoned)',
		abandon_n: 'count(c.abandoned)',
		within_sl: `count(*) FILTER (WHERE ${handled} AND c.ring_s <= ${threshold(slThresholdS)})`,
		ring_n: `count(c.ring_s) FILTER (WHERE ${handled})`,
		ring_sum: `sum(c.ring_s) FILTER (WHERE ${handled})`,
		handle_n: `count(c.handle_s) FILTER (WHERE ${handled})`,
		handle_sum: `sum(c.handle_s) FILTER (WHERE ${handled})`,
		resolved: `count(*) FILTER (WHERE ${handled} AND c.resolved IS TRUE)`,
		resolved_n: `count(c.resolved) FILTER (WHERE ${handled})`,
		fcr: `count(*) FILTER (WHERE ${handled} AND c.resolved IS TRUE AND NOT c.has_repeat)`,
		surveyed: 'count(c.csat)',
		csat_sum: 'sum(c.csat)',
		satisfied: 'count(*) FILTER (WHERE c.csat >= 4)'
	};
}

/** Each QA part as an aggregate over the QA score relation aliased `q` (score, passed, is_reviewed). */
export const QA_PARTS_SQL: Record<QaPart, string> = {
	scored_n: 'count(q.score)',
	score_sum: 'sum(q.score)',
	passed_n: 'count(q.passed)',
	passed: 'count(*) FILTER (WHERE q.passed)',
	reviewed_n: 'count(*) FILTER (WHERE q.is_reviewed)'
};

/** Each complaint part as an aggregate over complaints aliased `k`. */
export const COMPLAINT_PARTS_SQL: Record<ComplaintPart, string> = {
	complaints: 'count(*)',
	with_due: 'count(k.due_at)',
	on_time: `count(*) FILTER (WHERE ${COMPLAINT_ON_TIME_SQL})`,
	closed: 'count(k.resolved_at)',
	followed_up: 'count(*) FILTER (WHERE k.resolved_at IS NOT NULL AND k.followed_up_at IS NOT NULL)'
};

/** `sql AS name` for each part of `names`, e.g. the SELECT list of a rollup or a per-period CTE. */
export const partsSelect = <P extends Part>(names: readonly P[], sql: (p: P) => string): string =>
	names.map((p) => `${sql(p)} AS ${p}`).join(',\n\t\t');

/** `sum(alias.part) AS part` for each part: re-summing stored parts (rollups). */
export const sumPartsSelect = (names: readonly Part[], alias: string): string => partsSelect(names, (p) => `sum(${alias}.${p})`);

interface Formula {
	num: Part;
	/** none: the KPI is the numerator itself (a count), NULL when 0 */
	den?: Part;
	scale?: number;
	/** NULL when the workspace holds no complaint records at all (no data is not "no complaints") */
	needsComplaintData?: boolean;
}

/** The one definition of every KPI. */
export const KPIS: Record<KpiKey, Formula> = {
	volume: { num: 'offered' },
	serviceLevel: { num: 'within_sl', den: 'ring_n' },
	asa: { num: 'ring_sum', den: 'ring_n' },
	abandonment: { num: 'abandoned', den: 'abandon_n' },
	aht: { num: 'handle_sum', den: 'handle_n' },
	resolution: { num: 'resolved', den: 'resolved_n' },
	fcr: { num: 'fcr', den: 'resolved_n' },
	csatMean: { num: 'csat_sum', den: 'surveyed' },
	csatPct: { num: 'satisfied', den: 'surveyed' },
	qaAvg: { num: 'score_sum', den: 'scored_n' },
	qaPass: { num: 'passed', den: 'passed_n' },
	complaintRate: { num: 'complaints', den: 'offered', scale: 100, needsComplaintData: true },
	complaintSla: { num: 'on_time', den: 'with_due' },
	followUp: { num: 'followed_up', den: 'closed' }
};

/** The output column of each KPI in query rows. */
export const KPI_COLUMN = {
	volume: 'volume',
	serviceLevel: 'service_level',
	asa: 'asa',
	abandonment: 'abandonment',
	aht: 'aht',
	resolution: 'resolution',
	fcr: 'fcr',
	csatMean: 'csat_mean',
	csatPct: 'csat_pct',
	qaAvg: 'qa_avg',
	qaPass: 'qa_pass',
	complaintRate: 'complaint_rate',
	complaintSla: 'complaint_sla',
	followUp: 'follow_up'
} as const satisfies Record<KpiKey, string>;
export type KpiColumn<K extends KpiKey = KpiKey> = (typeof KPI_COLUMN)[K];

/**
 * A KPI in SQL, given the SQL of each part (an aggregate, a column of summed parts, a sum over a rollup) and, for
 * the complaint rate, the SQL of "the workspace holds complaint records".
 */
export function kpiSql(key: KpiKey, part: (p: Part) => string, hasComplaintData = 'true'): string {
	const f = KPIS[key];
	if (!f.den) return `nullif(${part(f.num)}, 0)`;
	const ratio = `${f.scale ? `${f.scale}.0 * ` : ''}coalesce(${part(f.num)}, 0)::DOUBLE / nullif(${part(f.den)}, 0)`;
	return f.needsComplaintData ? `CASE WHEN ${hasComplaintData} THEN ${ratio} END` : ratio;
}

/** `kpiSql AS column` for each KPI of `keys`. */
export const kpisSelect = (keys: readonly KpiKey[], part: (p: Part) => string, hasComplaintData = 'true'): string =>
	keys.map((k) => `${kpiSql(k, part, hasComplaintData)} AS ${KPI_COLUMN[k]}`).join(',\n\t\t');

/** A KPI from summed parts in TS (the dashboard's in-memory cube): the same formula as kpiSql. */
export function kpiValue(key: KpiKey, parts: Partial<Record<Part, number | null>>, hasComplaintData = true): number | null {
	const f = KPIS[key];
	const num = Number(parts[f.num] ?? 0);
	if (!f.den) return num === 0 ? null : num;
	if (f.needsComplaintData && !hasComplaintData) return null;
	const den = Number(parts[f.den] ?? 0);
	return den === 0 ? null : ((f.scale ?? 1) * num) / den;
}
