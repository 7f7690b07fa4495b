// The KPIs of DESIGN §6 for one dashboard filter and the period of the same length just before it, in one
// parameterised query, plus their written definitions (KPI_DEFINITIONS) that the dashboard's help shows.
// Charts have their own builders (build-chart-sql.ts); this module only owns the headline numbers.
import type { Db, Param } from '../db/types';
import { qaScoresRelation, type QaSource } from '../scoring/qa-score';
import { complaintDimensionWhere, dimensionWhere, periodBounds, previousPeriod, type DashboardFilter } from './filter';

export const DEFAULT_SL_THRESHOLD_S = 15;
/** A resolved call counts as first-contact resolution when the customer has no other contact within this many days. */
export const FCR_WINDOW_DAYS = 7;

export type KpiKey =
	| 'volume'
	| 'serviceLevel'
	| 'asa'
	| 'abandonment'
	| 'aht'
	| 'resolution'
	| 'fcr'
	| 'csatMean'
	| 'csatPct'
	| 'qaAvg'
	| 'qaPass'
	| 'complaintRate'
	| 'complaintSla'
	| 'followUp';

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
	/** reviewed scores where reviewed (default) or the automatic ones only (scoring/qa-score.ts) */
	qaSource?: QaSource;
	slThresholdS?: number;
}

export type KpiFormat = 'count' | 'share' | 'seconds' | 'score' | 'per100';

export interface KpiDefinition {
	key: KpiKey;
	format: KpiFormat;
	/** true when a higher value is better (colours the change arrow) */
	isUpGood: boolean;
	label: { zh: string; en: string };
	definition: { zh: string; en: string };
}

/** Every KPI with its definition as computed below; keep the text and the SQL in step. */
export const KPI_DEFINITIONS: KpiDefinition[] = [
	{
		key: 'volume',
		format: 'count',
		isUpGood: true,
		label: { zh: '来电量', en: 'Volume' },
		definition: {
			zh: '期间内开始的通话数（呼入与呼出、已接与放弃均计入），即受理量。',
			en: 'Calls that started in the period (inbound and outbound, answered and abandoned): the offered calls.'
		}
	},
	{
		key: 'serviceLevel',
		format: 'share',
		isUpGood: true,
		label: { zh: '服务水平', en: 'Service level' },
		definition: {
			zh: '有振铃时长的已接通话中，振铃时长 ≤ {threshold} 秒的占比（已接 = 未放弃）。没有振铃时长数据时显示“—”。',
			en: 'Share of the answered calls (not abandoned) with a ring time whose ring time was ≤ {threshold} s. “—” when there are no ring times.'
		}
	},
	{
		key: 'asa',
		format: 'seconds',
		isUpGood: false,
		label: { zh: '平均应答速度', en: 'ASA' },
		definition: { zh: '已接通话振铃时长的平均值（秒）。', en: 'Mean ring time of answered calls, in seconds.' }
	},
	{
		key: 'abandonment',
		format: 'share',
		isUpGood: false,
		label: { zh: '放弃率', en: 'Abandonment' },
		definition: { zh: '放弃的通话数 ÷ 标明是否放弃的通话数。', en: 'Abandoned calls ÷ the calls whose abandoned flag is known.' }
	},
	{
		key: 'aht',
		format: 'seconds',
		isUpGood: false,
		label: { zh: '平均处理时长', en: 'AHT' },
		definition: {
			zh: '已处理（未放弃）通话的 通话 + 保持 + 话后处理 时长的平均值（秒）；三项都没有的通话不计。',
			en: 'Mean of talk + hold + wrap-up time over handled (not abandoned) calls, in seconds; calls with none of the three are left out.'
		}
	},
	{
		key: 'resolution',
		format: 'share',
		isUpGood: true,
		label: { zh: '解决率', en: 'Resolution rate' },
		definition: {
			zh: '已解决的通话 ÷ 标明是否解决的已处理（未放弃）通话。没有解决标记时显示“—”。',
			en: 'Resolved calls ÷ handled (not abandoned) calls whose resolved flag is known. “—” when there is no resolved flag.'
		}
	},
	{
		key: 'fcr',
		format: 'share',
		isUpGood: true,
		label: { zh: '首次解决率', en: 'FCR' },
		definition: {
			zh: '标明是否解决的已处理通话中，已解决且同一客户在之后 7 天内（含第 7 天）没有其他通话的占比。没有客户ID的通话无法查重，按无再次来电计。',
			en: 'Share of the handled calls with a known resolved flag that were resolved and after which the same customer had no other call within 7 days. Calls without a customer ID cannot be matched and count as no repeat.'
		}
	},
	{
		key: 'csatMean',
		format: 'score',
		isUpGood: true,
		label: { zh: '满意度均分', en: 'CSAT' },
		definition: { zh: '参与评价的通话满意度（1–5 分）的平均值。', en: 'Mean satisfaction score (1–5) of the surveyed calls.' }
	},
	{
		key: 'csatPct',
		format: 'share',
		isUpGood: true,
		label: { zh: '满意率', en: 'CSAT %' },
		definition: { zh: '参与评价的通话中评 4 或 5 分的占比。', en: 'Share of surveyed calls rated 4 or 5.' }
	},
	{
		key: 'qaAvg',
		format: 'score',
		isUpGood: true,
		label: { zh: '质检均分', en: 'QA score' },
		definition: {
			zh: '期间内通话在当前评分标准版本下的平均质检得分（0–100；没有适用检查项的通话不计）。质检得分：该版本下已提交人工复核的通话取复核得分，其余取自动评分；选“仅自动评分”时全部取自动评分。',
			en: 'Mean QA score (0–100) of the period’s calls under the active rubric version (calls with no applicable item excluded). QA score: the reviewed score where a review under that version was submitted, the automatic score elsewhere; “automatic only” uses the automatic score for every call.'
		}
	},
	{
		key: 'qaPass',
		format: 'share',
		isUpGood: true,
		label: { zh: '质检合格率', en: 'QA pass rate' },
		definition: {
			zh: '在当前评分标准版本下已评分的通话中，质检得分合格的占比（质检得分的取法同质检均分）。',
			en: 'Share of the calls scored under the active rubric version whose QA score passed (QA score as for the QA score KPI).'
		}
	},
	{
		key: 'complaintRate',
		format: 'per100',
		isUpGood: false,
		label: { zh: '投诉率', en: 'Complaint rate' },
		definition: {
			zh: '期间内受理的投诉数 ÷ 来电量 × 100（每百通）。按班组/队列/渠道筛选时，只计关联通话符合筛选的投诉；未关联通话的投诉按其坐席所在班组计入班组筛选。工作区没有任何投诉记录时显示“—”。',
			en: 'Complaints received in the period per 100 offered calls. With a team/queue/channel filter, only complaints whose linked call matches count; a complaint with no linked call counts for its agent’s team. “—” when the workspace holds no complaint records.'
		}
	},
	{
		key: 'complaintSla',
		format: 'share',
		isUpGood: true,
		label: { zh: '投诉按时办结率', en: 'Complaint SLA' },
		definition: {
			zh: '期间内受理的投诉中，在处理时限（due_at）之前办结的占比；未办结的计为未按时。',
			en: 'Share of complaints received in the period that were resolved by their deadline (due_at); unresolved ones count as late.'
		}
	},
	{
		key: 'followUp',
		format: 'share',
		isUpGood: true,
		label: { zh: '回访率', en: 'Follow-up rate' },
		definition: {
			zh: '期间内受理且已办结（有办结时间）的投诉中，有回访时间的占比。',
			en: 'Share of the closed complaints (with a resolution time) received in the period that had a return visit.'
		}
	}
];

export const KPI_KEYS: KpiKey[] = KPI_DEFINITIONS.map((d) => d.key);

/**
 * Every KPI (DESIGN §6) from per-period sums: the CTEs k_calls (offered, handled, within_sl, ring_n, asa, abandoned,
 * abandon_n, aht, handle_n, resolved, resolved_n, fcr, surveyed, csat_mean, satisfied), k_qa (scored, reviewed,
 * qa_avg, passed), k_comp (complaints, with_due, on_time, closed, followed_up) and k_has (has_data: any complaint
 * records) over the periods p. A rate whose input is unknown for the period is NULL, never 0 (no data is not zero).
 * Shared by the raw query here and the rollup query (rollup-sql.ts), so the formulas exist once.
 */
export const KPI_FROM_SUMS_SQL = `SELECT p.period,
		coalesce(kc.offered, 0) AS offered,
		coalesce(kc.handled, 0) AS handled,
		coalesce(kc.surveyed, 0) AS surveyed,
		coalesce(kq.scored, 0) AS scored,
		coalesce(kq.reviewed, 0) AS reviewed,
		coalesce(km.complaints, 0) AS complaints,
		coalesce(kc.ring_n, 0) AS ring_n,
		coalesce(kc.abandon_n, 0) AS abandon_n,
		coalesce(kc.handle_n, 0) AS handle_n,
		coalesce(kc.resolved_n, 0) AS resolved_n,
		coalesce(km.with_due, 0) AS with_due,
		coalesce(km.closed, 0) AS closed,
		(SELECT has_data FROM k_has) AS has_complaint_data,
		nullif(kc.offered, 0) AS volume,
		kc.within_sl::DOUBLE / nullif(kc.ring_n, 0) AS service_level,
		kc.asa,
		kc.abandoned::DOUBLE / nullif(kc.abandon_n, 0) AS abandonment,
		kc.aht,
		kc.resolved::DOUBLE / nullif(kc.resolved_n, 0) AS resolution,
		kc.fcr::DOUBLE / nullif(kc.resolved_n, 0) AS fcr,
		kc.csat_mean,
		kc.satisfied::DOUBLE / nullif(kc.surveyed, 0) AS csat_pct,
		kq.qa_avg,
		kq.passed::DOUBLE / nullif(kq.scored, 0) AS qa_pass,
		CASE WHEN (SELECT has_data FROM k_has) THEN 100.0 * coalesce(km.complaints, 0) / nullif(kc.offered, 0) END AS complaint_rate,
		km.on_time::DOUBLE / nullif(km.with_due, 0) AS complaint_sla,
		km.followed_up::DOUBLE / nullif(km.closed, 0) AS follow_up
	FROM p
	LEFT JOIN k_calls kc ON kc.period = p.period
	LEFT JOIN k_qa kq ON kq.period = p.period
	LEFT JOIN k_comp km ON km.period = p.period`;

/** k_has of KPI_FROM_SUMS_SQL: whether the workspace holds complaint records at all. */
export const HAS_COMPLAINT_DATA_CTE = `k_has AS (SELECT count(*) > 0 AS has_data FROM complaints)`;

/**
 * A call's handle time (talk + hold + wrap, each missing part as 0) over calls aliased `c`; NULL when all three are
 * missing, so a call log without durations gives no AHT rather than 0 s.
 */
export const HANDLE_S_SQL = `CASE WHEN c.talk_s IS NULL AND c.hold_s IS NULL AND c.wrap_s IS NULL THEN NULL
			ELSE coalesce(c.talk_s, 0) + coalesce(c.hold_s, 0) + coalesce(c.wrap_s, 0) END`;

/** The one KPI query: rows 'current' and 'previous'. Pure; every user value is a `?` parameter. */
export function buildKpiSql(filter: DashboardFilter, opts: KpiOptions = {}): { sql: string; params: Param[] } {
	const prev = previousPeriod(filter.from, filter.to);
	const threshold = opts.slThresholdS ?? DEFAULT_SL_THRESHOLD_S;
	const dims = dimensionWhere(filter, 'c');
	const rid = opts.rubric?.id ?? '';
	const ver = opts.rubric?.version ?? -1;
	const comp = complaintDimensionWhere(filter);
	const sql = `WITH p(period, t0, t1) AS (
		VALUES ('current', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP)), ('previous', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))
	),
	f AS (
		SELECT p.period, c.call_id, c.ring_s, c.resolved, c.csat, c.abandoned,
			c.abandoned IS TRUE AS is_abandoned,
			${HANDLE_S_SQL} AS handle_s,
			c.customer_id IS NOT NULL AND EXISTS (
				SELECT 1 FROM calls n WHERE n.customer_id = c.customer_id AND n.call_id <> c.call_id
					AND n.started_at > c.started_at AND n.started_at <= c.started_at + INTERVAL ${FCR_WINDOW_DAYS} DAY
			) AS has_repeat
		FROM calls c JOIN p ON c.started_at >= p.t0 AND c.started_at < p.t1
		WHERE ${dims.sql}
	),
	k_calls AS (
		SELECT period,
			count(*) AS offered,
			count(*) FILTER (WHERE NOT is_abandoned) AS handled,
			count(*) FILTER (WHERE is_abandoned) AS abandoned,
			count(abandoned) AS abandon_n,
			count(*) FILTER (WHERE NOT is_abandoned AND ring_s <= ?) AS within_sl,
			count(ring_s) FILTER (WHERE NOT is_abandoned) AS ring_n,
			avg(ring_s) FILTER (WHERE NOT is_abandoned) AS asa,
			avg(handle_s) FILTER (WHERE NOT is_abandoned) AS aht,
			count(handle_s) FILTER (WHERE NOT is_abandoned) AS handle_n,
			count(*) FILTER (WHERE NOT is_abandoned AND resolved IS TRUE) AS resolved,
			count(resolved) FILTER (WHERE NOT is_abandoned) AS resolved_n,
			count(*) FILTER (WHERE NOT is_abandoned AND resolved IS TRUE AND NOT has_repeat) AS fcr,
			count(csat) AS surveyed,
			avg(csat) AS csat_mean,
			count(*) FILTER (WHERE csat >= 4) AS satisfied
		FROM f GROUP BY period
	),
	k_qa AS (
		SELECT f.period, avg(s.score) AS qa_avg, count(s.passed) AS scored, count(*) FILTER (WHERE s.passed) AS passed,
			count(*) FILTER (WHERE s.is_reviewed) AS reviewed
		FROM f JOIN ${qaScoresRelation(opts.qaSource)} s ON s.call_id = f.call_id AND s.rubric_id = ? AND s.rubric_version = ?
		GROUP BY f.period
	),
	k_comp AS (
		SELECT p.period,
			count(*) AS complaints,
			count(k.due_at) AS with_due,
			count(*) FILTER (WHERE k.resolved_at <= k.due_at) AS on_time,
			count(k.resolved_at) AS closed,
			count(*) FILTER (WHERE k.resolved_at IS NOT NULL AND k.followed_up_at IS NOT NULL) AS followed_up
		FROM complaints k JOIN p ON k.received_at >= p.t0 AND k.received_at < p.t1
		LEFT JOIN calls lc ON lc.call_id = k.call_id
		WHERE ${comp.sql}
		GROUP BY p.period
	),
	${HAS_COMPLAINT_DATA_CTE}
	${KPI_FROM_SUMS_SQL}`;
	const params: Param[] = [
		...periodBounds(filter.from, filter.to),
		...periodBounds(prev.from, prev.to),
		...dims.params,
		threshold,
		rid,
		ver,
		...comp.params
	];
	return { sql, params };
}

/** One row of the KPI query (this module's or the rollup one, rollup-sql.ts). */
export interface KpiRow {
	period: 'current' | 'previous';
	offered: number;
	handled: number;
	surveyed: number;
	scored: number;
	reviewed: number;
	complaints: number;
	ring_n: number;
	abandon_n: number;
	handle_n: number;
	resolved_n: number;
	with_due: number;
	closed: number;
	has_complaint_data: boolean;
	volume: number | null;
	service_level: number | null;
	asa: number | null;
	abandonment: number | null;
	aht: number | null;
	resolution: number | null;
	fcr: number | null;
	csat_mean: number | null;
	csat_pct: number | null;
	qa_avg: number | null;
	qa_pass: number | null;
	complaint_rate: number | null;
	complaint_sla: number | null;
	follow_up: number | null;
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
		current: toPeriod(rows.find((r) => r.period === 'current'), filter.from, filter.to),
		previous: toPeriod(rows.find((r) => r.period === 'previous'), prev.from, prev.to)
	};
}
