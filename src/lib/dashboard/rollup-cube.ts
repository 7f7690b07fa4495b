// The dashboard rollups held in memory (loaded once per data change by rollup-sql.ts loadRollupRows), and the
// overview's KPIs and charts summed from them in plain TS for a filter, with no round trip to DuckDB: planning
// even a small SQL statement in duckdb-wasm costs tens of ms, more than the budget allows for six charts.
// Same definitions as build-kpi-sql.ts / build-chart-sql.ts; rollup-sql.test.ts checks equality with the raw SQL.
// No SQL, no DOM.
import { kpiResultFromRows, type KpiResult, type KpiRow } from './build-kpi-sql';
import {
	COMPLAINT_CATEGORY_LIMIT,
	PARETO_LIMIT,
	type ComplaintCellRow,
	type DashboardCharts,
	type Grain,
	type HeatCellRow,
	type ItemFailureRow,
	type TrendRow
} from './build-chart-sql';
import { previousPeriod, type DashboardFilter } from './filter';
import type { QaSource } from '../scoring/qa-score';

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
export interface CubeCallRow extends Dated {
	offered: number;
	handled: number;
	abandoned: number;
	abandon_n: number;
	within_sl: number;
	ring_n: number;
	ring_sum: number | null;
	handle_n: number;
	handle_sum: number | null;
	resolved: number;
	resolved_n: number;
	fcr: number;
	surveyed: number;
	csat_sum: number | null;
	satisfied: number;
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
export interface CubeQaRow extends Dated {
	/** which QA score the row sums (scoring/qa-score.ts) */
	source: QaSource;
	bin: number | null;
	scored_n: number;
	score_sum: number | null;
	passed_n: number;
	passed: number;
	reviewed_n: number;
}
export interface CubeItemRow extends Dated {
	item_id: string;
	applied: number;
	failed: number;
}
export interface CubeComplaintRow extends Dated {
	category: string;
	severity: number;
	has_call: boolean;
	agent_teams: string[] | null;
	complaints: number;
	with_due: number;
	on_time: number;
	closed: number;
	followed_up: number;
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
		(!team || r.team === team || (!r.has_call && !!r.agent_teams?.includes(team))) && (!queue || r.queue === queue) && (!channel || r.channel === channel);
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

function kpiRow(rows: RollupRows, f: DashboardFilter, source: QaSource, period: 'current' | 'previous', from: string, to: string): KpiRow {
	const d0 = epochDay(from);
	const d1 = epochDay(to);
	const keep = matcher(f);
	const c = { offered: 0, handled: 0, abandoned: 0, abandon_n: 0, within_sl: 0, ring_n: 0, ring_sum: 0, handle_n: 0, handle_sum: 0, resolved: 0, resolved_n: 0, fcr: 0, surveyed: 0, csat_sum: 0, satisfied: 0 };
	const hasCalls =
		sumWhere(rows.calls, d0, d1, keep, (r) => {
			c.offered += r.offered;
			c.handled += r.handled;
			c.abandoned += r.abandoned;
			c.abandon_n += r.abandon_n;
			c.within_sl += r.within_sl;
			c.ring_n += r.ring_n;
			c.ring_sum += r.ring_sum ?? 0;
			c.handle_n += r.handle_n;
			c.handle_sum += r.handle_sum ?? 0;
			c.resolved += r.resolved;
			c.resolved_n += r.resolved_n;
			c.fcr += r.fcr;
			c.surveyed += r.surveyed;
			c.csat_sum += r.csat_sum ?? 0;
			c.satisfied += r.satisfied;
		}) > 0;
	const q = { scored_n: 0, score_sum: 0, passed_n: 0, passed: 0, reviewed_n: 0 };
	sumWhere(rows.qa, d0, d1, (r) => r.source === source && keep(r), (r) => {
		q.scored_n += r.scored_n;
		q.score_sum += r.score_sum ?? 0;
		q.passed_n += r.passed_n;
		q.passed += r.passed;
		q.reviewed_n += r.reviewed_n;
	});
	const k = { complaints: 0, with_due: 0, on_time: 0, closed: 0, followed_up: 0 };
	sumWhere(rows.complaints, d0, d1, complaintMatcher(f), (r) => {
		k.complaints += r.complaints;
		k.with_due += r.with_due;
		k.on_time += r.on_time;
		k.closed += r.closed;
		k.followed_up += r.followed_up;
	});
	return {
		period,
		offered: c.offered,
		handled: c.handled,
		surveyed: c.surveyed,
		scored: q.passed_n,
		reviewed: q.reviewed_n,
		complaints: k.complaints,
		ring_n: c.ring_n,
		abandon_n: c.abandon_n,
		handle_n: c.handle_n,
		resolved_n: c.resolved_n,
		with_due: k.with_due,
		closed: k.closed,
		has_complaint_data: rows.hasComplaintData,
		volume: hasCalls && c.offered > 0 ? c.offered : null,
		service_level: share(c.within_sl, c.ring_n),
		asa: share(c.ring_sum, c.ring_n),
		abandonment: share(c.abandoned, c.abandon_n),
		aht: share(c.handle_sum, c.handle_n),
		resolution: share(c.resolved, c.resolved_n),
		fcr: share(c.fcr, c.resolved_n),
		csat_mean: share(c.csat_sum, c.surveyed),
		csat_pct: share(c.satisfied, c.surveyed),
		qa_avg: share(q.score_sum, q.scored_n),
		qa_pass: share(q.passed, q.passed_n),
		complaint_rate: rows.hasComplaintData ? share(100 * k.complaints, c.offered) : null,
		complaint_sla: share(k.on_time, k.with_due),
		follow_up: share(k.followed_up, k.closed)
	};
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

	const buckets = new Map<number, { volume: number; within: number; ringKnown: number; csat: number; surveyed: number }>();
	const csat = [0, 0, 0, 0, 0];
	sumWhere(rows.calls, d0, d1, keep, (r) => {
		const b = bucketStart(r.day, grain);
		let t = buckets.get(b);
		if (!t) buckets.set(b, (t = { volume: 0, within: 0, ringKnown: 0, csat: 0, surveyed: 0 }));
		t.volume += r.offered;
		t.within += r.within_sl;
		t.ringKnown += r.ring_n;
		t.csat += r.csat_sum ?? 0;
		t.surveyed += r.surveyed;
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
			volume: t.volume,
			service_level: share(t.within, t.ringKnown),
			csat_mean: share(t.csat, t.surveyed)
		}));

	const bins = new Map<number, number>();
	sumWhere(rows.qa, d0, d1, (r) => r.source === source && keep(r), (r) => {
		if (r.bin != null) bins.set(r.bin, (bins.get(r.bin) ?? 0) + r.scored_n);
	});

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
	const heatRows: HeatCellRow[] = [...heat.entries()].sort(([a], [b]) => a - b).map(([cell, calls]) => ({ weekday: Math.floor(cell / 24), hour: cell % 24, calls }));

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
