// Everything the printable period report shows, for one month or quarter and the dashboard filters: the KPIs of
// the period and of the previous calendar period, the daily (weekly for a quarter) trend, the most failed
// checklist items and the leaderboard. Reuses the dashboard and leaderboard SQL; adds none of its own.
import type { Db } from '../db/types';
import { queryKpis, type KpiPeriod } from '../metrics/build-kpi-sql';
import { buildItemFailureSql, buildTrendSql, type ItemFailureRow, type TrendRow } from '../metrics/build-chart-sql';
import type { DashboardFilter } from '../scope/filter';
import { queryLeaderboard, type Leaderboard } from '../metrics/build-leaderboard-sql';
import { previousOf, type Period } from '../scope/period';
import type { ManagerSettings } from '../metrics/settings';
import type { QaSource } from '../metrics/qa-score';

export interface ReportData {
	current: KpiPeriod;
	/** the previous calendar month or quarter (not "the same number of days") */
	previous: KpiPeriod;
	trend: TrendRow[];
	items: ItemFailureRow[];
	board: Leaderboard;
}

export interface ReportQuery {
	period: Period;
	dims: Pick<DashboardFilter, 'team' | 'queue' | 'channel'>;
	rubric: { id: string; version: number } | null;
	/** reviewed scores where reviewed (default) or automatic only, as on the dashboard and leaderboard */
	qaSource?: QaSource;
	settings: ManagerSettings;
}

export async function queryReport(db: Db, q: ReportQuery): Promise<ReportData> {
	const prev = previousOf(q.period);
	const filter: DashboardFilter = { from: q.period.from, to: q.period.to, ...q.dims };
	const opts = { rubric: q.rubric, qaSource: q.qaSource, slThresholdS: q.settings.slThresholdS };
	const current = (await queryKpis(db, filter, opts)).current;
	const previous = (await queryKpis(db, { ...filter, from: prev.from, to: prev.to }, opts)).current;
	const trendSql = buildTrendSql(filter, q.period.kind === 'month' ? 'day' : 'week', q.settings.slThresholdS);
	const trend = (await db.query<TrendRow>(trendSql.sql, trendSql.params)).rows.map((r) => ({
		...r,
		volume: Number(r.volume),
		service_level: r.service_level == null ? null : Number(r.service_level),
		csat_mean: r.csat_mean == null ? null : Number(r.csat_mean)
	}));
	const itemSql = buildItemFailureSql(filter, q.rubric);
	const items = (await db.query<ItemFailureRow>(itemSql.sql, itemSql.params)).rows.map((r) => ({
		...r,
		applied: Number(r.applied),
		failed: Number(r.failed),
		fail_rate: Number(r.fail_rate)
	}));
	const board = await queryLeaderboard(db, {
		period: q.period,
		dims: q.dims,
		rubric: q.rubric,
		qaSource: q.qaSource,
		weights: q.settings.weights,
		minCallsPerMonth: q.settings.minCallsPerMonth
	});
	return { current, previous, trend, items, board };
}
