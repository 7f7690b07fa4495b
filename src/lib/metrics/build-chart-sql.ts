// SQL behind the overview charts, one builder per chart, each aggregated in SQL so a chart never receives more
// than a bounded number of rows (DESIGN §7): trend buckets, ten score bins, the top checklist items, 7×24 cells.
import type { Db, Param } from '../db/types';
import { DEFAULT_SL_THRESHOLD_S, callPartsSql, COMPLAINT_ON_TIME_SQL, kpiSql, type Part } from './kpis';
import { complaintDimensionWhere, dimensionWhere, periodBounds, periodDays, type DashboardFilter } from '../scope/filter';
import { qaScoresRelation, type QaSource } from './qa-score';

export type Grain = 'day' | 'week' | 'month';
export const GRAINS: Grain[] = ['day', 'week', 'month'];
/** Most checklist items a Pareto chart shows. */
export const PARETO_LIMIT = 20;

type Rubric = { id: string; version: number } | null | undefined;
type Sql = { sql: string; params: Param[] };

/** The finest grain that keeps a trend at or under ~92 points. */
export function autoGrain(from: string, to: string): Grain {
	const days = periodDays(from, to);
	return days <= 92 ? 'day' : days <= 92 * 7 ? 'week' : 'month';
}

function callsIn(filter: DashboardFilter): Sql {
	const dims = dimensionWhere(filter, 'c');
	return {
		sql: `c.started_at >= CAST(? AS TIMESTAMP) AND c.started_at < CAST(? AS TIMESTAMP) AND ${dims.sql}`,
		params: [...periodBounds(filter.from, filter.to), ...dims.params]
	};
}

export interface TrendRow {
	/** first day of the bucket within the period, 'YYYY-MM-DD' */
	bucket: string;
	/** last day of the bucket within the period */
	bucket_end: string;
	volume: number;
	/** null when the bucket's answered calls have no ring time: the chart leaves a gap */
	service_level: number | null;
	/** null when no call of the bucket was surveyed */
	csat_mean: number | null;
}

const GRAIN_SQL: Record<Grain, string> = { day: 'day', week: 'week', month: 'month' };
const GRAIN_STEP: Record<Grain, string> = { day: 'INTERVAL 1 DAY', week: 'INTERVAL 7 DAY', month: 'INTERVAL 1 MONTH' };

export function buildTrendSql(filter: DashboardFilter, grain: Grain, slThresholdS = DEFAULT_SL_THRESHOLD_S): Sql {
	const w = callsIn(filter);
	const parts = callPartsSql(slThresholdS);
	const part = (p: Part) => parts[p as keyof typeof parts];
	// The grain is one of three fixed words (GRAIN_SQL), never user text.
	return {
		// Buckets are clipped to the period, so a week or month that starts before it drills down to the period only.
		sql: `SELECT strftime(greatest(b, CAST(? AS TIMESTAMP)), '%Y-%m-%d') AS bucket,
			strftime(least(b + ${GRAIN_STEP[grain]} - INTERVAL 1 DAY, CAST(? AS TIMESTAMP)), '%Y-%m-%d') AS bucket_end,
			volume, service_level, csat_mean
		FROM (
			SELECT date_trunc('${GRAIN_SQL[grain]}', c.started_at) AS b,
				${parts.offered} AS volume,
				${kpiSql('serviceLevel', part)} AS service_level,
				${kpiSql('csatMean', part)} AS csat_mean
			FROM call_facts c WHERE ${w.sql}
			GROUP BY b
		) ORDER BY b LIMIT 400`,
		params: [filter.from, filter.to, ...w.params]
	};
}

export interface ScoreBinRow {
	/** 0..9: scores [bin*10, bin*10+10), 100 in bin 9 */
	bin: number;
	calls: number;
}

export function buildQaDistributionSql(filter: DashboardFilter, rubric: Rubric, qaSource: QaSource = 'reviewed'): Sql {
	const w = callsIn(filter);
	return {
		sql: `SELECT least(floor(s.score / 10), 9)::INTEGER AS bin, count(*) AS calls
		FROM calls c JOIN ${qaScoresRelation(qaSource)} s ON s.call_id = c.call_id AND s.rubric_id = ? AND s.rubric_version = ?
		WHERE s.score IS NOT NULL AND ${w.sql}
		GROUP BY bin ORDER BY bin`,
		params: [rubric?.id ?? '', rubric?.version ?? -1, ...w.params]
	};
}

export interface ItemFailureRow {
	item_id: string;
	/** calls where the item applied (pass or fail) */
	applied: number;
	failed: number;
	fail_rate: number;
}

export function buildItemFailureSql(filter: DashboardFilter, rubric: Rubric): Sql {
	const w = callsIn(filter);
	return {
		sql: `SELECT f.item_id, count(*) FILTER (WHERE f.result <> 'na') AS applied, count(*) FILTER (WHERE f.result = 'fail') AS failed,
			count(*) FILTER (WHERE f.result = 'fail')::DOUBLE / nullif(count(*) FILTER (WHERE f.result <> 'na'), 0) AS fail_rate
		FROM calls c JOIN findings f ON f.call_id = c.call_id AND f.rubric_id = ? AND f.rubric_version = ?
		WHERE ${w.sql}
		GROUP BY f.item_id HAVING count(*) FILTER (WHERE f.result = 'fail') > 0
		ORDER BY failed DESC, f.item_id LIMIT ${PARETO_LIMIT}`,
		params: [rubric?.id ?? '', rubric?.version ?? -1, ...w.params]
	};
}

export interface HeatCellRow {
	/** ISO weekday: 1 Monday … 7 Sunday */
	weekday: number;
	hour: number;
	calls: number;
}

export function buildHeatmapSql(filter: DashboardFilter): Sql {
	const w = callsIn(filter);
	return {
		sql: `SELECT isodow(c.started_at)::INTEGER AS weekday, hour(c.started_at)::INTEGER AS hour, count(*) AS calls
		FROM calls c WHERE ${w.sql} GROUP BY ALL ORDER BY weekday, hour`,
		params: w.params
	};
}

export interface ComplaintCellRow {
	category: string;
	/** 1 general, 2 serious, 3 major; 0 when unknown */
	severity: number;
	complaints: number;
	/** resolved by due_at */
	on_time: number;
	/** with a due_at (the SLA base) */
	with_due: number;
}

/** Most complaint categories a chart shows (the rest are summed into the last, '…'). */
export const COMPLAINT_CATEGORY_LIMIT = 12;

/** Complaints received in the period by category × severity, with how many were resolved by their deadline. */
export function buildComplaintsSql(filter: DashboardFilter): Sql {
	const comp = complaintDimensionWhere(filter);
	return {
		sql: `WITH k AS (
			SELECT coalesce(k.category, '—') AS category, coalesce(k.severity, 0)::INTEGER AS severity,
				k.due_at IS NOT NULL AS has_due, ${COMPLAINT_ON_TIME_SQL} AS is_on_time
			FROM complaints k LEFT JOIN calls lc ON lc.call_id = k.call_id
			WHERE k.received_at >= CAST(? AS TIMESTAMP) AND k.received_at < CAST(? AS TIMESTAMP) AND ${comp.sql}
		),
		ranked AS (SELECT category, row_number() OVER (ORDER BY count(*) DESC, category) AS rank FROM k GROUP BY category)
		SELECT CASE WHEN r.rank < ${COMPLAINT_CATEGORY_LIMIT} THEN k.category ELSE '…' END AS category, k.severity,
			count(*) AS complaints, count(*) FILTER (WHERE k.is_on_time) AS on_time, count(*) FILTER (WHERE k.has_due) AS with_due
		FROM k JOIN ranked r USING (category)
		GROUP BY ALL ORDER BY min(r.rank), k.severity`,
		params: [...periodBounds(filter.from, filter.to), ...comp.params]
	};
}

export interface CsatBinRow {
	/** 1..5 */
	csat: number;
	calls: number;
}

export function buildCsatDistributionSql(filter: DashboardFilter): Sql {
	const w = callsIn(filter);
	return {
		sql: `SELECT c.csat::INTEGER AS csat, count(*) AS calls FROM calls c WHERE c.csat BETWEEN 1 AND 5 AND ${w.sql} GROUP BY ALL ORDER BY csat`,
		params: w.params
	};
}

export interface DashboardCharts {
	trend: TrendRow[];
	scoreBins: ScoreBinRow[];
	items: ItemFailureRow[];
	heat: HeatCellRow[];
	complaints: ComplaintCellRow[];
	csat: CsatBinRow[];
}

const numeric = <T>(rows: T[], keys: (keyof T)[]): T[] =>
	rows.map((r) => {
		const o = { ...r };
		for (const k of keys) if (o[k] != null) (o[k] as unknown) = Number(o[k]);
		return o;
	});

export async function queryCharts(
	db: Db,
	filter: DashboardFilter,
	grain: Grain,
	rubric: Rubric,
	slThresholdS?: number,
	qaSource: QaSource = 'reviewed'
): Promise<DashboardCharts> {
	const run = async <T>(q: Sql) => (await db.query<T>(q.sql, q.params)).rows;
	const trend = await run<TrendRow>(buildTrendSql(filter, grain, slThresholdS));
	const scoreBins = await run<ScoreBinRow>(buildQaDistributionSql(filter, rubric, qaSource));
	const items = await run<ItemFailureRow>(buildItemFailureSql(filter, rubric));
	const heat = await run<HeatCellRow>(buildHeatmapSql(filter));
	const complaints = await run<ComplaintCellRow>(buildComplaintsSql(filter));
	const csat = await run<CsatBinRow>(buildCsatDistributionSql(filter));
	return numericCharts({ trend, scoreBins, items, heat, complaints, csat });
}

/** Chart rows with their counts and rates as numbers (DuckDB sums come back as big integers). */
export function numericCharts({ trend, scoreBins, items, heat, complaints, csat }: DashboardCharts): DashboardCharts {
	return {
		trend: numeric(trend, ['volume', 'service_level', 'csat_mean']),
		scoreBins: numeric(scoreBins, ['bin', 'calls']),
		items: numeric(items, ['applied', 'failed', 'fail_rate']),
		heat: numeric(heat, ['weekday', 'hour', 'calls']),
		complaints: numeric(complaints, ['severity', 'complaints', 'on_time', 'with_due']),
		csat: numeric(csat, ['csat', 'calls'])
	};
}

/** Distinct teams, queues and channels for the filter pickers (bounded). */
export async function queryDimensions(db: Db): Promise<{ teams: string[]; queues: string[]; channels: string[]; latest: string | null }> {
	const pick = async (col: 'team' | 'queue' | 'channel') =>
		(await db.query<{ v: string }>(`SELECT DISTINCT ${col} AS v FROM calls WHERE ${col} IS NOT NULL ORDER BY v LIMIT 200`)).rows.map(
			(r) => r.v
		);
	const { rows } = await db.query<{ latest: string | null }>(`SELECT strftime(max(started_at), '%Y-%m-%d') AS latest FROM calls`);
	return { teams: await pick('team'), queues: await pick('queue'), channels: await pick('channel'), latest: rows[0]?.latest ?? null };
}
