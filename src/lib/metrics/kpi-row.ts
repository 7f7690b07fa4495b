// One row of KPI figures (counts of inputs and every KPI) for a period or any group, as the dashboard, the rollups
// and the cube return it, built from the parts of kpis.ts: in SQL (kpiRowSelect) or in TS from summed parts
// (kpiRowFromParts). Also the join of a call's QA score. No Svelte, no DOM.
import type { Param } from '../db/types';
import { qaScoresRelation, type QaSource } from './qa-score';
import { KPI_KEYS } from './definitions';
import { COMPLAINT_PARTS, KPI_COLUMN, QA_PARTS, kpiValue, kpisSelect, type KpiColumn, type Part, type Parts } from './kpis';

/** The input counts a KPI row carries, so the UI can say "of how many" and why a KPI has no value. */
const COUNT_PART = {
	offered: 'offered',
	handled: 'handled',
	surveyed: 'surveyed',
	scored: 'passed_n',
	reviewed: 'reviewed_n',
	complaints: 'complaints',
	ring_n: 'ring_n',
	abandon_n: 'abandon_n',
	handle_n: 'handle_n',
	resolved_n: 'resolved_n',
	with_due: 'with_due',
	closed: 'closed'
} as const satisfies Record<string, Part>;

type CountColumn = keyof typeof COUNT_PART;

export type KpiRow = { period: 'current' | 'previous'; has_complaint_data: boolean } & Record<CountColumn, number> &
	Record<KpiColumn, number | null>;

/**
 * The SELECT list of a KPI row: each count (0 when absent) and each KPI, given the SQL of each part (e.g. a column
 * of a per-period CTE) and of "the workspace holds complaint records".
 */
export function kpiRowSelect(part: (p: Part) => string, hasComplaintData: string): string {
	const counts = Object.entries(COUNT_PART).map(([col, p]) => `coalesce(${part(p)}, 0) AS ${col}`);
	return [...counts, `${hasComplaintData} AS has_complaint_data`, kpisSelect(KPI_KEYS, part, hasComplaintData)].join(',\n\t\t');
}

/** A part's column in the CTEs of a KPI query, given the alias holding the call, QA and complaint parts. */
export const partColumn =
	(aliases: { calls: string; qa: string; complaints: string }) =>
	(p: Part): string =>
		`${(COMPLAINT_PARTS as readonly string[]).includes(p) ? aliases.complaints : (QA_PARTS as readonly string[]).includes(p) ? aliases.qa : aliases.calls}.${p}`;

/** The KPI row of summed parts, in TS (the dashboard's in-memory cube). */
export function kpiRowFromParts(period: KpiRow['period'], parts: Parts, hasComplaintData: boolean): KpiRow {
	const counts = Object.fromEntries(Object.entries(COUNT_PART).map(([col, p]) => [col, parts[p]]));
	const values = Object.fromEntries(KPI_KEYS.map((k) => [KPI_COLUMN[k], kpiValue(k, parts, hasComplaintData)]));
	return { period, has_complaint_data: hasComplaintData, ...counts, ...values } as KpiRow;
}

/** Whether the workspace holds complaint records at all, as a CTE `k_has(has_data)`. */
export const HAS_COMPLAINT_DATA_CTE = `k_has AS (SELECT count(*) > 0 AS has_data FROM complaints)`;
export const HAS_COMPLAINT_DATA = `(SELECT has_data FROM k_has)`;

/**
 * The QA score `q` of call_facts `c` under one rubric version, from the relation of `source`; LEFT, so calls
 * without a score stay (they add nothing to the QA parts). Its two `?` are rubricParams().
 */
export const qaJoin = (source: QaSource = 'reviewed') =>
	`LEFT JOIN ${qaScoresRelation(source)} q ON q.call_id = c.call_id AND q.rubric_id = ? AND q.rubric_version = ?`;
export const rubricParams = (rubric: { id: string; version: number } | null | undefined): Param[] => [
	rubric?.id ?? '',
	rubric?.version ?? -1
];
