// The dashboard's pre-aggregated tables (schema.ts, "dashboard rollup" block) and the overview queries that read
// them instead of raw calls, so a filter change on 1M calls stays within DESIGN §7's 150 ms. The rollups hold
// the KPI parts of metrics/kpis.ts (counts and sums over call_facts) per day × team × queue × channel (and per
// hour, rubric version, score bin, checklist item); a filter re-sums them and applies the same KPI formulas, so
// every KPI and chart equals the raw-SQL one (rollup-sql.test.ts checks that). They are rebuilt whenever a
// fingerprint of the source tables changes (ensureRollup); the raw builders in build-kpi-sql.ts and
// build-chart-sql.ts are the fallback.
import type { Db, Param } from '../db/types';
import { kpiResultFromRows, type KpiOptions, type KpiResult } from '../metrics/build-kpi-sql';
import { QA_SOURCES, qaScoresRelation, type QaSource } from '../metrics/qa-score';
import {
	CALL_PARTS,
	COMPLAINT_PARTS,
	COMPLAINT_PARTS_SQL,
	DEFAULT_SL_THRESHOLD_S,
	QA_PARTS,
	QA_PARTS_SQL,
	callPartsSql,
	kpiSql,
	partsSelect,
	sumPartsSelect,
	type Part
} from '../metrics/kpis';
import { HAS_COMPLAINT_DATA, HAS_COMPLAINT_DATA_CTE, kpiRowSelect, partColumn, type KpiRow } from '../metrics/kpi-row';
import {
	COMPLAINT_CATEGORY_LIMIT,
	PARETO_LIMIT,
	type ComplaintCellRow,
	type CsatBinRow,
	type DashboardCharts,
	type Grain,
	type HeatCellRow,
	type ItemFailureRow,
	type ScoreBinRow,
	type TrendRow,
	numericCharts
} from '../metrics/build-chart-sql';
import { previousPeriod, type DashboardFilter } from '../scope/filter';
import { ensureRollupSet, type RollupBuildOptions } from '../metrics/rollup-build';
export { RollupCancelled } from '../metrics/rollup-build';
import type { CubeCallRow, CubeComplaintRow, CubeHourRow, CubeItemRow, CubeQaRow, RollupRows } from './rollup-cube';

/** Bump when the rollup definitions change, so existing workspaces rebuild them. */
export const ROLLUP_VERSION = 3;

type Rubric = { id: string; version: number } | null | undefined;
type Sql = { sql: string; params: Param[] };

/** The CSAT distribution's columns of dash_calls_rollup (a chart, not a KPI): calls rated 1 … 5. */
const CSAT_BINS = [1, 2, 3, 4, 5];

/**
 * The statements that rebuild the QA score rollup from the QA score views (metrics/qa-score.ts): one set of rows per
 * score source, so the "automatic only" toggle is a filter, not a rebuild. Rebuilt alone when only reviews changed.
 * They read calls, not call_facts: the QA parts need none of its facts, and its repeat-contact window doubled the cost.
 */
export function buildQaRollupSql(): string[] {
	const perSource = QA_SOURCES.map(
		(source) => `INSERT INTO dash_qa_rollup (source, rubric_id, rubric_version, day, team, queue, channel, bin, ${QA_PARTS.join(', ')})
	SELECT '${source}', q.rubric_id, q.rubric_version, c.started_at::DATE AS day, c.team, c.queue, c.channel,
		CASE WHEN q.score IS NOT NULL THEN least(floor(q.score / 10), 9)::INTEGER END AS bin,
		${partsSelect(QA_PARTS, (p) => QA_PARTS_SQL[p])}
	FROM calls c JOIN ${qaScoresRelation(source)} q ON q.call_id = c.call_id WHERE c.started_at IS NOT NULL GROUP BY ALL`
	);
	return ['DELETE FROM dash_qa_rollup', ...perSource];
}

/** The statements that rebuild every rollup from calls, scores, reviews, findings and complaints (run in one transaction). */
export function buildRollupSql(slThresholdS = DEFAULT_SL_THRESHOLD_S): string[] {
	const calls = callPartsSql(slThresholdS);
	const key = `c.started_at::DATE AS day, c.team, c.queue, c.channel`;
	return [
		'DELETE FROM dash_calls_rollup',
		`INSERT INTO dash_calls_rollup (day, team, queue, channel, ${CALL_PARTS.join(', ')}, ${CSAT_BINS.map((n) => `csat_${n}`).join(', ')})
	SELECT c.day, c.team, c.queue, c.channel,
		${partsSelect(CALL_PARTS, (p) => calls[p])},
		${CSAT_BINS.map((n) => `count(*) FILTER (WHERE c.csat = ${n}) AS csat_${n}`).join(', ')}
	FROM call_facts c WHERE c.started_at IS NOT NULL GROUP BY ALL`,
		'DELETE FROM dash_hour_rollup',
		`INSERT INTO dash_hour_rollup
	SELECT ${key}, hour(c.started_at)::INTEGER AS hour, count(*) AS offered FROM calls c WHERE c.started_at IS NOT NULL GROUP BY ALL`,
		...buildQaRollupSql(),
		'DELETE FROM dash_item_rollup',
		`INSERT INTO dash_item_rollup
	SELECT f.rubric_id, f.rubric_version, ${key}, f.item_id,
		count(*) FILTER (WHERE f.result <> 'na') AS applied, count(*) FILTER (WHERE f.result = 'fail') AS failed
	FROM calls c JOIN findings f ON f.call_id = c.call_id WHERE c.started_at IS NOT NULL GROUP BY ALL`,
		'DELETE FROM dash_complaint_rollup',
		`INSERT INTO dash_complaint_rollup
	WITH agent_teams AS (
		SELECT agent_id, list(DISTINCT team ORDER BY team) AS teams FROM calls WHERE agent_id IS NOT NULL AND team IS NOT NULL GROUP BY agent_id
	)
	SELECT k.received_at::DATE AS day, coalesce(k.category, '—') AS category, coalesce(k.severity, 0)::INTEGER AS severity,
		lc.call_id IS NOT NULL AS has_call, lc.team, lc.queue, lc.channel,
		CASE WHEN lc.call_id IS NULL THEN a.teams END AS agent_teams,
		${partsSelect(COMPLAINT_PARTS, (p) => COMPLAINT_PARTS_SQL[p])}
	FROM complaints k LEFT JOIN calls lc ON lc.call_id = k.call_id LEFT JOIN agent_teams a ON a.agent_id = k.agent_id
	WHERE k.received_at IS NOT NULL GROUP BY ALL`
	];
}

/**
 * Rebuilds the rollups when the source tables changed since they were built; resolves true when it rebuilt
 * (metrics/rollup-build.ts: one transaction, progress, cancel).
 */
export function ensureRollup(db: Db, slThresholdS = DEFAULT_SL_THRESHOLD_S, opts: RollupBuildOptions = {}): Promise<boolean> {
	return ensureRollupSet(
		db,
		{
			stateTable: 'dash_rollup_state',
			// The service-level threshold is in the rows (within_sl): another one rebuilds them.
			definition: `v${ROLLUP_VERSION}|sl${slThresholdS}`,
			statements: (isReviewsOnly) => (isReviewsOnly ? buildQaRollupSql() : buildRollupSql(slThresholdS))
		},
		opts
	);
}

/** Team/queue/channel condition on a rollup aliased `r` (columns team, queue, channel). */
function rollupDims(f: DashboardFilter, alias = 'r'): Sql {
	const parts: string[] = [];
	const params: Param[] = [];
	for (const col of ['team', 'queue', 'channel'] as const) {
		if (f[col]) {
			parts.push(`${alias}.${col} = ?`);
			params.push(f[col] as string);
		}
	}
	return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/** Complaint condition on dash_complaint_rollup `k`, the same rule as filter.complaintDimensionWhere. */
function complaintDims(f: DashboardFilter): Sql {
	const parts: string[] = [];
	const params: Param[] = [];
	if (f.team) {
		parts.push(`(k.team = ? OR (NOT k.has_call AND list_contains(k.agent_teams, ?)))`);
		params.push(f.team, f.team);
	}
	if (f.queue) {
		parts.push('k.queue = ?');
		params.push(f.queue);
	}
	if (f.channel) {
		parts.push('k.channel = ?');
		params.push(f.channel);
	}
	return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/** Days of a period as DATE parameters, both ends included. */
const days = (from: string, to: string): Param[] => [from, to];
const inDays = (alias: string) => `${alias}.day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`;

/** The KPI query of build-kpi-sql.ts over the rollups: the same output columns, row per period. */
export function buildKpiRollupSql(filter: DashboardFilter, opts: KpiOptions = {}): Sql {
	const prev = previousPeriod(filter.from, filter.to);
	const dims = rollupDims(filter);
	const comp = complaintDims(filter);
	const sql = `WITH p(period, d0, d1) AS (
		VALUES ('current', CAST(? AS DATE), CAST(? AS DATE)), ('previous', CAST(? AS DATE), CAST(? AS DATE))
	),
	kc AS (
		SELECT p.period, ${sumPartsSelect(CALL_PARTS, 'r')}
		FROM dash_calls_rollup r JOIN p ON r.day BETWEEN p.d0 AND p.d1
		WHERE ${dims.sql} GROUP BY p.period
	),
	kq AS (
		SELECT p.period, ${sumPartsSelect(QA_PARTS, 'r')}
		FROM dash_qa_rollup r JOIN p ON r.day BETWEEN p.d0 AND p.d1
		WHERE r.source = ? AND r.rubric_id = ? AND r.rubric_version = ? AND ${dims.sql} GROUP BY p.period
	),
	km AS (
		SELECT p.period, ${sumPartsSelect(COMPLAINT_PARTS, 'k')}
		FROM dash_complaint_rollup k JOIN p ON k.day BETWEEN p.d0 AND p.d1
		WHERE ${comp.sql} GROUP BY p.period
	),
	${HAS_COMPLAINT_DATA_CTE}
	SELECT p.period, ${kpiRowSelect(partColumn({ calls: 'kc', qa: 'kq', complaints: 'km' }), HAS_COMPLAINT_DATA)}
	FROM p LEFT JOIN kc ON kc.period = p.period LEFT JOIN kq ON kq.period = p.period LEFT JOIN km ON km.period = p.period`;
	const params: Param[] = [
		...days(filter.from, filter.to),
		...days(prev.from, prev.to),
		...dims.params,
		opts.qaSource ?? 'reviewed',
		opts.rubric?.id ?? '',
		opts.rubric?.version ?? -1,
		...dims.params,
		...comp.params
	];
	return { sql, params };
}

export async function queryKpisFromRollup(db: Db, filter: DashboardFilter, opts: KpiOptions = {}): Promise<KpiResult> {
	const { sql, params } = buildKpiRollupSql(filter, opts);
	return kpiResultFromRows((await db.query<KpiRow>(sql, params)).rows, filter);
}

const GRAIN_STEP: Record<Grain, string> = { day: 'INTERVAL 1 DAY', week: 'INTERVAL 7 DAY', month: 'INTERVAL 1 MONTH' };
/** A part re-summed over the calls rollup `r`. */
const summed = (p: Part) => `sum(r.${p})`;

/** Every overview chart of build-chart-sql.ts over the rollups, one statement each. */
export function buildChartRollupSql(
	filter: DashboardFilter,
	grain: Grain,
	rubric: Rubric,
	qaSource: QaSource = 'reviewed'
): Record<keyof DashboardCharts, Sql> {
	const dims = rollupDims(filter);
	const where = { sql: `${inDays('r')} AND ${dims.sql}`, params: [...days(filter.from, filter.to), ...dims.params] };
	const rub: Param[] = [rubric?.id ?? '', rubric?.version ?? -1];
	const comp = complaintDims(filter);
	return {
		// Buckets clipped to the period, as buildTrendSql. The grain is one of three fixed words, never user text.
		trend: {
			sql: `SELECT strftime(greatest(b, CAST(? AS TIMESTAMP)), '%Y-%m-%d') AS bucket,
				strftime(least(b + ${GRAIN_STEP[grain]} - INTERVAL 1 DAY, CAST(? AS TIMESTAMP)), '%Y-%m-%d') AS bucket_end,
				volume, service_level, csat_mean
			FROM (
				SELECT date_trunc('${grain}', r.day)::TIMESTAMP AS b, sum(r.offered) AS volume,
					${kpiSql('serviceLevel', summed)} AS service_level,
					${kpiSql('csatMean', summed)} AS csat_mean
				FROM dash_calls_rollup r WHERE ${where.sql} GROUP BY b
			) ORDER BY b LIMIT 400`,
			params: [filter.from, filter.to, ...where.params]
		},
		scoreBins: {
			sql: `SELECT bin, sum(scored_n) AS calls FROM dash_qa_rollup r
				WHERE r.source = ? AND r.rubric_id = ? AND r.rubric_version = ? AND bin IS NOT NULL AND ${where.sql} GROUP BY bin ORDER BY bin`,
			params: [qaSource, ...rub, ...where.params]
		},
		items: {
			sql: `SELECT item_id, sum(applied) AS applied, sum(failed) AS failed, sum(failed)::DOUBLE / nullif(sum(applied), 0) AS fail_rate
				FROM dash_item_rollup r WHERE r.rubric_id = ? AND r.rubric_version = ? AND ${where.sql}
				GROUP BY item_id HAVING sum(failed) > 0 ORDER BY failed DESC, item_id LIMIT ${PARETO_LIMIT}`,
			params: [...rub, ...where.params]
		},
		heat: {
			sql: `SELECT isodow(r.day)::INTEGER AS weekday, r.hour, sum(offered) AS calls
				FROM dash_hour_rollup r WHERE ${where.sql} GROUP BY ALL ORDER BY weekday, hour`,
			params: where.params
		},
		complaints: {
			sql: `WITH k AS (SELECT * FROM dash_complaint_rollup k WHERE ${inDays('k')} AND ${comp.sql}),
				ranked AS (SELECT category, row_number() OVER (ORDER BY sum(complaints) DESC, category) AS rank FROM k GROUP BY category)
				SELECT CASE WHEN r.rank < ${COMPLAINT_CATEGORY_LIMIT} THEN k.category ELSE '…' END AS category, k.severity,
					sum(k.complaints) AS complaints, sum(k.on_time) AS on_time, sum(k.with_due) AS with_due, min(r.rank) AS category_rank
				FROM k JOIN ranked r USING (category)
				GROUP BY ALL ORDER BY min(r.rank), k.severity`,
			params: [...days(filter.from, filter.to), ...comp.params]
		},
		csat: {
			sql: `SELECT csat, calls FROM (
					SELECT unnest([1, 2, 3, 4, 5]) AS csat,
						unnest([sum(csat_1), sum(csat_2), sum(csat_3), sum(csat_4), sum(csat_5)]) AS calls
					FROM dash_calls_rollup r WHERE ${where.sql}
				) WHERE calls > 0 ORDER BY csat`,
			params: where.params
		}
	};
}

export async function queryChartsFromRollup(
	db: Db,
	filter: DashboardFilter,
	grain: Grain,
	rubric: Rubric,
	qaSource: QaSource = 'reviewed'
): Promise<DashboardCharts> {
	const q = buildChartRollupSql(filter, grain, rubric, qaSource);
	const run = async <T>(s: Sql) => (await db.query<T>(s.sql, s.params)).rows;
	const [trend, scoreBins, items, heat, complaints, csat] = await Promise.all([
		run<TrendRow>(q.trend),
		run<ScoreBinRow>(q.scoreBins),
		run<ItemFailureRow>(q.items),
		run<HeatCellRow>(q.heat),
		run<ComplaintCellRow>(q.complaints),
		run<CsatBinRow>(q.csat)
	]);
	return numericCharts({ trend, scoreBins, items, heat, complaints, csat });
}

/** Each chart's columns, in the order its rows are listed (the chart queries' ORDER BY). */
const CHART_COLUMNS: { [K in keyof DashboardCharts]: { columns: (keyof DashboardCharts[K][number])[]; order: string } } = {
	trend: { columns: ['bucket', 'bucket_end', 'volume', 'service_level', 'csat_mean'], order: 'bucket' },
	scoreBins: { columns: ['bin', 'calls'], order: 'bin' },
	items: { columns: ['item_id', 'applied', 'failed', 'fail_rate'], order: 'failed DESC, item_id' },
	heat: { columns: ['weekday', 'hour', 'calls'], order: 'weekday, hour' },
	complaints: { columns: ['category', 'severity', 'complaints', 'on_time', 'with_due'], order: 'category_rank, severity' },
	csat: { columns: ['csat', 'calls'], order: 'csat' }
};
const CHARTS = Object.keys(CHART_COLUMNS) as (keyof DashboardCharts)[];
const STRING_COLUMNS = new Set(['bucket', 'bucket_end', 'item_id', 'category']);

/**
 * The whole overview in one statement (one round trip to the worker instead of seven): the KPI query's two rows,
 * each carrying every chart as one list per column (chart_column), listed in the chart's order.
 */
export function buildDashboardRollupSql(filter: DashboardFilter, grain: Grain, rubric: Rubric, opts: KpiOptions = {}): Sql {
	const kpi = buildKpiRollupSql(filter, { ...opts, rubric });
	const charts = buildChartRollupSql(filter, grain, rubric, opts.qaSource);
	const ctes = CHARTS.map((name) => `chart_${name} AS (${charts[name].sql})`);
	const lists = CHARTS.map((name) => {
		const { columns, order } = CHART_COLUMNS[name];
		// A list of numbers reaches JS as a typed array, which has no nulls: NULL travels as NaN (never a real value here).
		const value = (c: string) => (STRING_COLUMNS.has(c) ? c : `coalesce(${c}::DOUBLE, 'NaN'::DOUBLE)`);
		const cols = columns.map((c) => `list(${value(String(c))} ORDER BY ${order}) AS ${name}_${String(c)}`);
		return `CROSS JOIN (SELECT ${cols.join(', ')} FROM chart_${name}) AS ${name}_lists`;
	});
	return {
		sql: `WITH kpi AS (${kpi.sql}),\n${ctes.join(',\n')}\nSELECT * FROM kpi\n${lists.join('\n')}`,
		params: [...kpi.params, ...CHARTS.flatMap((name) => charts[name].params)]
	};
}

/** KPIs and charts of the overview from the rollups, in one round trip. */
export async function queryDashboardFromRollup(
	db: Db,
	filter: DashboardFilter,
	grain: Grain,
	rubric: Rubric,
	opts: KpiOptions = {}
): Promise<{ kpis: KpiResult; charts: DashboardCharts }> {
	const { sql, params } = buildDashboardRollupSql(filter, grain, rubric, opts);
	const { rows } = await db.query<KpiRow & Record<string, unknown[] | null>>(sql, params);
	const first = rows[0] as Record<string, unknown> | undefined;
	const chart = (name: keyof DashboardCharts) => {
		const { columns } = CHART_COLUMNS[name];
		const lists = columns.map((c) => (first?.[`${name}_${String(c)}`] as unknown[] | null) ?? []);
		const cell = (v: unknown) => (v == null || Number.isNaN(v) ? null : v);
		return Array.from({ length: lists[0].length }, (_, i) => Object.fromEntries(columns.map((c, j) => [c, cell(lists[j][i])])));
	};
	const charts = Object.fromEntries(CHARTS.map((name) => [name, chart(name)])) as unknown as DashboardCharts;
	return { kpis: kpiResultFromRows(rows, filter), charts: numericCharts(charts) };
}

/** Most rollup rows the dashboard holds in memory; beyond it (very many teams × queues) it queries them instead. */
export const MAX_CUBE_ROWS = 500_000;

const DAY = `date_diff('day', DATE '1970-01-01', day)::INTEGER AS day`;

/**
 * Every rollup row, with QA rows (both score sources) and item rows of one rubric version, for rollup-cube.ts; null
 * when there are more than `maxRows` (the caller then queries the rollups per filter).
 */
export async function loadRollupRows(db: Db, rubric: Rubric, maxRows = MAX_CUBE_ROWS): Promise<RollupRows | null> {
	// The dashboard opened again on unchanged rollups gets the rows it loaded last time (150 ms in the browser for a
	// month of 200k calls). The rollups change only with their fingerprint (ensureRollup).
	const state = await db.query<{ fingerprint: string }>('SELECT fingerprint FROM dash_rollup_state');
	const key = JSON.stringify([state.rows[0]?.fingerprint ?? null, rubric?.id ?? '', rubric?.version ?? -1, maxRows]);
	const last = lastLoaded.get(db);
	if (last?.key === key) return last.rows;
	const rows = await readRollupRows(db, rubric, maxRows);
	lastLoaded.set(db, { key, rows });
	return rows;
}

const lastLoaded = new WeakMap<Db, { key: string; rows: RollupRows | null }>();

async function readRollupRows(db: Db, rubric: Rubric, maxRows: number): Promise<RollupRows | null> {
	const rub: Param[] = [rubric?.id ?? '', rubric?.version ?? -1];
	const { rows } = await db.query<{ n: number }>(
		`SELECT (SELECT count(*) FROM dash_calls_rollup) + (SELECT count(*) FROM dash_hour_rollup) + (SELECT count(*) FROM dash_complaint_rollup)
			+ (SELECT count(*) FROM dash_qa_rollup WHERE rubric_id = ? AND rubric_version = ?)
			+ (SELECT count(*) FROM dash_item_rollup WHERE rubric_id = ? AND rubric_version = ?) AS n`,
		[...rub, ...rub]
	);
	if (Number(rows[0]?.n ?? 0) > maxRows) return null;
	const dims = 'team, queue, channel';
	const calls = await db.query<CubeCallRow>(`SELECT ${DAY}, ${dims}, * EXCLUDE (day, team, queue, channel) FROM dash_calls_rollup`);
	const hours = await db.query<CubeHourRow>(`SELECT ${DAY}, ${dims}, hour, offered FROM dash_hour_rollup`);
	const qa = await db.query<CubeQaRow>(
		`SELECT ${DAY}, ${dims}, source, bin, scored_n, score_sum, passed_n, passed, reviewed_n FROM dash_qa_rollup WHERE rubric_id = ? AND rubric_version = ?`,
		rub
	);
	const items = await db.query<CubeItemRow>(
		`SELECT ${DAY}, ${dims}, item_id, applied, failed FROM dash_item_rollup WHERE rubric_id = ? AND rubric_version = ?`,
		rub
	);
	const complaints = await db.query<CubeComplaintRow>(`SELECT ${DAY}, * EXCLUDE (day) FROM dash_complaint_rollup`);
	const has = await db.query<{ has_data: boolean }>(`WITH ${HAS_COMPLAINT_DATA_CTE} SELECT has_data FROM k_has`);
	return {
		calls: calls.rows,
		hours: hours.rows,
		qa: qa.rows,
		items: items.rows,
		complaints: complaints.rows,
		hasComplaintData: has.rows[0]?.has_data === true
	};
}
