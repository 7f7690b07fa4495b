// Inspector quality (质检员质量): per inspector, the reviews they submitted in a month and how those reviews fared —
// time per review, how often they overrode the automatic result, how often their reviews were appealed and how
// often an appealed item was overturned — and how far their calibration answers were from the agreed answers the
// lead recorded that month (calibration/). A figure with nothing to count is null, never 0. Plain SQL over Db.
import type { Db } from '../db/types';

export interface InspectorQuality {
	inspector: string;
	/** reviews submitted in the month */
	reviews: number;
	/** median minutes from the first change to submitting; null when no review of the month recorded its start */
	median_minutes: number | null;
	/** items the inspector gave another result than the automatic one, over all items of their reviews */
	override_rate: number | null;
	/** reviews with at least one appeal, over reviews */
	appeal_rate: number | null;
	/** appealed items the lead overturned, over decided appealed items; null when none was decided */
	overturn_rate: number | null;
	appealed_items: number;
	decided_items: number;
	/**
	 * calibration deviation: of the call items whose agreed answer the lead recorded in the month (calibration
	 * sessions), the share the inspector had answered otherwise; null when none of their answers has an agreed answer
	 */
	calibration_deviation: number | null;
	/** the items that share counts over */
	calibration_items: number;
}

/**
 * `month` is 'YYYY-MM' (the centre's calendar month of submitted_at, and of decided_at for agreed calibration
 * answers). Inspectors by reviews done, most first; one who only calibrated that month has 0 reviews.
 */
export async function inspectorQuality(db: Db, month: string): Promise<InspectorQuality[]> {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`not a month: ${month}`);
	const { rows } = await db.query<InspectorQuality>(
		`WITH rv AS (
			SELECT call_id, rubric_id, rubric_version, coalesce(nullif(trim(inspector), ''), '—') AS inspector, started_at, submitted_at
			FROM reviews
			WHERE status = 'submitted' AND submitted_at >= (? || '-01')::DATE AND submitted_at < (? || '-01')::DATE + INTERVAL 1 MONTH
		), items AS (
			SELECT rv.inspector, count(*) AS n,
				count(*) FILTER (WHERE x.override_result IS NOT NULL AND x.override_result IS DISTINCT FROM x.auto_result) AS overridden
			FROM rv JOIN review_item_results x USING (call_id, rubric_id, rubric_version)
			GROUP BY rv.inspector
		), ap AS (
			SELECT rv.inspector, count(DISTINCT (rv.call_id, rv.rubric_id, rv.rubric_version)) AS appealed_reviews,
				count(ai.item_id) AS appealed_items,
				count(ai.decision) AS decided_items,
				count(*) FILTER (WHERE ai.decision = 'overturn') AS overturned
			FROM rv JOIN appeals a USING (call_id, rubric_id, rubric_version) JOIN appeal_items ai ON ai.appeal_id = a.appeal_id
			GROUP BY rv.inspector
		), cal AS (
			SELECT a.inspector, count(*) AS n, count(*) FILTER (WHERE a.result <> g.result) AS differ
			FROM calibration_answers a JOIN calibration_agreed g USING (session_id, call_id, item_id)
			WHERE g.decided_at >= (? || '-01')::DATE AND g.decided_at < (? || '-01')::DATE + INTERVAL 1 MONTH
			GROUP BY a.inspector
		), base AS (
		SELECT rv.inspector, count(*) AS reviews,
			median(date_diff('second', rv.started_at, rv.submitted_at)) FILTER (WHERE rv.started_at IS NOT NULL) / 60.0 AS median_minutes,
			any_value(items.overridden) / nullif(any_value(items.n), 0) AS override_rate,
			coalesce(any_value(ap.appealed_reviews), 0) / count(*) AS appeal_rate,
			any_value(ap.overturned) / nullif(any_value(ap.decided_items), 0) AS overturn_rate,
			coalesce(any_value(ap.appealed_items), 0) AS appealed_items,
			coalesce(any_value(ap.decided_items), 0) AS decided_items
		FROM rv LEFT JOIN items USING (inspector) LEFT JOIN ap USING (inspector)
		GROUP BY rv.inspector
		)
		SELECT inspector, coalesce(base.reviews, 0) AS reviews, base.median_minutes, base.override_rate, base.appeal_rate,
			base.overturn_rate, coalesce(base.appealed_items, 0) AS appealed_items, coalesce(base.decided_items, 0) AS decided_items,
			cal.differ / cal.n AS calibration_deviation, coalesce(cal.n, 0) AS calibration_items
		FROM base FULL OUTER JOIN cal USING (inspector)
		ORDER BY reviews DESC, inspector`,
		[month, month, month, month]
	);
	return rows.map((r) => ({
		...r,
		reviews: Number(r.reviews),
		appealed_items: Number(r.appealed_items),
		decided_items: Number(r.decided_items),
		median_minutes: r.median_minutes == null ? null : Number(r.median_minutes),
		override_rate: r.override_rate == null ? null : Number(r.override_rate),
		appeal_rate: r.appeal_rate == null ? null : Number(r.appeal_rate),
		overturn_rate: r.overturn_rate == null ? null : Number(r.overturn_rate),
		calibration_deviation: r.calibration_deviation == null ? null : Number(r.calibration_deviation),
		calibration_items: Number(r.calibration_items)
	}));
}
