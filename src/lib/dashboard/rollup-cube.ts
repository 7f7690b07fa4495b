// The dashboard rollups held in memory (loaded once per data change by rollup-sql.ts loadRollupRows), and the
// overview's KPIs and charts summed from them in plain TS for a filter, with no round trip to DuckDB: planning
// even a small SQL statement in duckdb-wasm costs tens of ms, more than the budget allows for six charts.
// It re-sums the KPI parts the rollups store and applies the formulas of metrics/kpis.ts (kpiValue): no KPI is
// defined here. rollup-sql.test.ts checks equality with the raw SQL.
// No SQL, no DOM.
import { kpiResultFromRows, type KpiResult } from '../metrics/build-kpi-sql';
import {
	CALL_PARTS,
	COMPLAINT_PARTS,
	QA_PARTS,
	kpiValue,
	type CallPart,
	type ComplaintPart,
	type Part,
	type Parts,
	type QaPart
} from '../metrics/kpis';
import { kpiRowFromParts, type KpiRow } from '../metrics/kpi-row';
import {
	COMPLAINT_CATEGORY_LIMIT,
	PARETO_LIMIT,
	type ComplaintCellRow,
	type DashboardCharts,
	type Grain,
	type HeatCellRow,
	type ItemFailureRow,
	type TrendRow
} from '../metrics/build-chart-sql';
import { previousPeriod, type DashboardFilter } from '../scope/filter';
import type { QaSource } from '../metrics/qa-score';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of 'YYYY-MM-DD'. */
export const epochDay = (date: string): number => Math.round(Date.parse(date + 'T00:00:00Z') / DAY_MS);
const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday 1 (Monday) … 7 (Sunday); 1970-01-01 was a Thursday. */
const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

interface Dims {
	team: string | null;
	queue: string | null;
	channel: string | null;
}
/** A rollup row's day, as days since 1970-01-01. */
interface Dated extends Dims {
	day: number;
}
export interface CubeCallRow extends Dated, Record<CallPart, number> {
	csat_1: number;
	csat_2: number;
	csat_3: number;
	csat_4: number;
	csat_5: number;
}
export interface CubeHourRow extends Dated {
	hour: number;
	offered: number;
}
export interface CubeQaRow extends Dated, Record<QaPart, number> {
	/** which QA score the row sums (metrics/qa-score.ts) */
	source: QaSource;
	bin: number | null;
}
export interface CubeItemRow extends Dated {
	item_id: string;
	applied: number;
	failed: number;
}
export interface CubeComplaintRow extends Dated, Record<ComplaintPart, number> {
	category: string;
	severity: number;
	has_call: boolean;
	agent_teams: string[] | null;
}

/** The rollups of one workspace state; QA and item rows of one rubric version only. */
export interface RollupRows {
	calls: CubeCallRow[];
	hours: CubeHourRow[];
	qa: CubeQaRow[];
	items: CubeItemRow[];
	complaints: CubeComplaintRow[];
	/** the workspace holds complaint records at all (else the complaint rate is unknown) */
	hasComplaintData: boolean;
}

const share = (n: number, d: number): number | null => (d === 0 ? null : n / d);

function matcher(f: DashboardFilter): (r: Dims) => boolean {
	const { team, queue, channel } = f;
	return (r) => (!team || r.team === team) && (!queue || r.queue === queue) && (!channel || r.channel === channel);
}

/** filter.complaintDimensionWhere on a complaint rollup row. */
function complaintMatcher(f: DashboardFilter): (r: CubeComplaintRow) => boolean {
	const { team, queue, channel } = f;
	return (r) =>
		(!team || r.team === team || (!r.has_call && !!r.agent_teams?.includes(team))) &&
		(!queue || r.queue === queue) &&
		(!channel || r.channel === channel);
}

function sumWhere<T extends Dated>(rows: T[], from: number, to: number, keep: (r: T) => boolean, add: (r: T) => void): number {
	let n = 0;
	for (const r of rows) {
		if (r.day < from || r.day > to || !keep(r)) continue;
		add(r);
		n++;
	}
	return n;
}

/** Adds each of `names` of row `r` to `into` (a NULL sum adds nothing). */
function addParts<P extends Part>(into: Partial<Record<Part, number>>, names: readonly P[], r: Partial<Record<P, number | null>>): void {
	for (const p of names) into[p] = (into[p] ?? 0) + Number(r[p] ?? 0);
}

/** Every part 0, then the period's rollup rows summed in: the same parts the SQL rollup query re-sums. */
function kpiRow(rows: RollupRows, f: DashboardFilter, source: QaSource, period: 'current' | 'previous', from: string, to: string): KpiRow {
	const d0 = epochDay(from);
	const d1 = epochDay(to);
	const keep = matcher(f);
	const parts = Object.fromEntries([...CALL_PARTS, ...QA_PARTS, ...COMPLAINT_PARTS].map((p) => [p, 0])) as Parts;
	sumWhere(rows.calls, d0, d1, keep, (r) => addParts(parts, CALL_PARTS, r));
	sumWhere(
		rows.qa,
		d0,
		d1,
		(r) => r.source === source && keep(r),
		(r) => addParts(parts, QA_PARTS, r)
	);
	sumWhere(rows.complaints, d0, d1, complaintMatcher(f), (r) => addParts(parts, COMPLAINT_PARTS, r));
	return kpiRowFromParts(period, parts, rows.hasComplaintData);
}

/** The KPIs of buildKpiSql, summed from the rollups; QA KPIs from the rows of `source`. */
export function cubeKpis(rows: RollupRows, f: DashboardFilter, source: QaSource = 'reviewed'): KpiResult {
	const prev = previousPeriod(f.from, f.to);
	return kpiResultFromRows([kpiRow(rows, f, source, 'current', f.from, f.to), kpiRow(rows, f, source, 'previous', prev.from, prev.to)], f);
}

/** First day of the grain's bucket holding `day` (DuckDB date_trunc: ISO weeks start on Monday). */
function bucketStart(day: number, grain: Grain): number {
	if (grain === 'day') return day;
	if (grain === 'week') return day - (isoWeekday(day) - 1);
	return epochDay(isoDate(day).slice(0, 8) + '01');
}

/** Last day of the bucket starting on `start`. */
function bucketLast(start: number, grain: Grain): number {
	if (grain === 'day') return start;
	if (grain === 'week') return start + 6;
	const [y, m] = isoDate(start).split('-').map(Number);
	return Math.round(Date.UTC(y, m, 1) / DAY_MS) - 1;
}

/** Binary (code point) order of DuckDB's VARCHAR comparison; the texts here are in the Basic Multilingual Plane. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every overview chart of build-chart-sql.ts, summed from the rollups. */
export function cubeCharts(rows: RollupRows, f: DashboardFilter, grain: Grain, source: QaSource = 'reviewed'): DashboardCharts {
	const d0 = epochDay(f.from);
	const d1 = epochDay(f.to);
	const keep = matcher(f);

	const buckets = new Map<number, Partial<Record<Part, number>>>();
	const csat = [0, 0, 0, 0, 0];
	sumWhere(rows.calls, d0, d1, keep, (r) => {
		const b = bucketStart(r.day, grain);
		let t = buckets.get(b);
		if (!t) buckets.set(b, (t = {}));
		addParts(t, CALL_PARTS, r);
		csat[0] += r.csat_1;
		csat[1] += r.csat_2;
		csat[2] += r.csat_3;
		csat[3] += r.csat_4;
		csat[4] += r.csat_5;
	});
	const trend: TrendRow[] = [...buckets.entries()]
		.sort(([a], [b]) => a - b)
		.slice(0, 400)
		.map(([b, t]) => ({
			bucket: isoDate(Math.max(b, d0)),
			bucket_end: isoDate(Math.min(bucketLast(b, grain), d1)),
			volume: t.offered ?? 0,
			service_level: kpiValue('serviceLevel', t),
			csat_mean: kpiValue('csatMean', t)
		}));

	const bins = new Map<number, number>();
	sumWhere(
		rows.qa,
		d0,
		d1,
		(r) => r.source === source && keep(r),
		(r) => {
			if (r.bin != null) bins.set(r.bin, (bins.get(r.bin) ?? 0) + r.scored_n);
		}
	);

	const items = new Map<string, { applied: number; failed: number }>();
	sumWhere(rows.items, d0, d1, keep, (r) => {
		let t = items.get(r.item_id);
		if (!t) items.set(r.item_id, (t = { applied: 0, failed: 0 }));
		t.applied += r.applied;
		t.failed += r.failed;
	});
	const itemRows: ItemFailureRow[] = [...items.entries()]
		.filter(([, t]) => t.failed > 0)
		.sort(([a, ta], [b, tb]) => tb.failed - ta.failed || byText(a, b))
		.slice(0, PARETO_LIMIT)
		.map(([item_id, t]) => ({ item_id, applied: t.applied, failed: t.failed, fail_rate: share(t.failed, t.applied) as number }));

	const heat = new Map<number, number>();
	sumWhere(rows.hours, d0, d1, keep, (r) => {
		const cell = isoWeekday(r.day) * 24 + r.hour;
		heat.set(cell, (heat.get(cell) ?? 0) + r.offered);
	});
	const heatRows: HeatCellRow[] = [...heat.entries()]
		.sort(([a], [b]) => a - b)
		.map(([cell, calls]) => ({ weekday: Math.floor(cell / 24), hour: cell % 24, calls }));

	return {
		trend,
		scoreBins: [...bins.entries()].sort(([a], [b]) => a - b).map(([bin, calls]) => ({ bin, calls })),
		items: itemRows,
		heat: heatRows,
		complaints: complaintCells(rows.complaints, f, d0, d1),
		csat: csat.flatMap((calls, i) => (calls > 0 ? [{ csat: i + 1, calls }] : []))
	};
}

function complaintCells(rows: CubeComplaintRow[], f: DashboardFilter, d0: number, d1: number): ComplaintCellRow[] {
	const inPeriod: CubeComplaintRow[] = [];
	const perCategory = new Map<string, number>();
	sumWhere(rows, d0, d1, complaintMatcher(f), (r) => {
		inPeriod.push(r);
		perCategory.set(r.category, (perCategory.get(r.category) ?? 0) + r.complaints);
	});
	const rank = new Map([...perCategory.entries()].sort(([a, na], [b, nb]) => nb - na || byText(a, b)).map(([c], i) => [c, i + 1]));
	const cells = new Map<string, ComplaintCellRow & { rank: number }>();
	for (const r of inPeriod) {
		const rk = rank.get(r.category) as number;
		const category = rk < COMPLAINT_CATEGORY_LIMIT ? r.category : '…';
		const key = `${category}\u0000${r.severity}`;
		let cell = cells.get(key);
		if (!cell) cells.set(key, (cell = { category, severity: r.severity, complaints: 0, on_time: 0, with_due: 0, rank: rk }));
		cell.complaints += r.complaints;
		cell.on_time += r.on_time;
		cell.with_due += r.with_due;
		cell.rank = Math.min(cell.rank, rk);
	}
	return [...cells.values()].sort((a, b) => a.rank - b.rank || a.severity - b.severity).map(({ rank: _rank, ...cell }) => cell);
}
