// Appeals per agent for a period (the appraisal's 申诉 columns): appeals filed on the agent's calls that started in
// the period, within the same team/queue/channel scope as the leaderboard, and those of them with at least one item
// overturned (改判). One definition; the appraisal page, its workbook and the CLI read it.
import type { Db } from '../db/types';
import { dimensionWhere, periodBounds, type DashboardFilter } from '../scope/filter';
import type { Period } from '../scope/period';

export interface AppealCounts {
	filed: number;
	overturned: number;
}

export const APPEAL_COUNTS_DEFINITION =
	"filed: appeals (appeals table) on the agent's calls that started in the period; overturned: those with at least one item decided 'overturn'";

export function appealCountsSql(period: Period, dims: Pick<DashboardFilter, 'team' | 'queue' | 'channel'> = {}) {
	const where = dimensionWhere(dims, 'c');
	return {
		sql: `SELECT c.agent_key, count(DISTINCT a.appeal_id)::DOUBLE AS filed,
			count(DISTINCT a.appeal_id) FILTER (WHERE i.decision = 'overturn')::DOUBLE AS overturned
		FROM appeals a JOIN call_facts c ON c.call_id = a.call_id
		LEFT JOIN appeal_items i ON i.appeal_id = a.appeal_id
		WHERE c.started_at >= CAST(? AS TIMESTAMP) AND c.started_at < CAST(? AS TIMESTAMP) AND c.agent_key IS NOT NULL AND ${where.sql}
		GROUP BY c.agent_key`,
		params: [...periodBounds(period.from, period.to), ...where.params]
	};
}

/** Appeal counts by agent key (agents without appeals are absent: they have 0 filed). */
export async function queryAppealCounts(
	db: Db,
	period: Period,
	dims: Pick<DashboardFilter, 'team' | 'queue' | 'channel'> = {}
): Promise<Map<string, AppealCounts>> {
	const { sql, params } = appealCountsSql(period, dims);
	const { rows } = await db.query<{ agent_key: string; filed: number; overturned: number }>(sql, params);
	return new Map(rows.map((r) => [r.agent_key, { filed: Number(r.filed), overturned: Number(r.overturned) }]));
}
