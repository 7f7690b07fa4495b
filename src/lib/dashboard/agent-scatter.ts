// "QA score against CSAT per agent": one point per agent in the period and filters, QA average (active rubric
// version) on x, mean CSAT on y, sized by calls. Agents with no scored or no surveyed call have no point. The SQL
// is aggregated per agent and capped (AGENT_POINT_LIMIT), so the chart never receives an unbounded result.
import type { ChartOption } from '../charts/echarts';
import type { Db, Param } from '../db/types';
import { dimensionWhere, periodBounds, type DashboardFilter } from './filter';

export const AGENT_POINT_LIMIT = 500;

export interface AgentPointRow {
	agent_id: string;
	agent_name: string | null;
	team: string | null;
	calls: number;
	scored: number;
	surveyed: number;
	qa_avg: number;
	csat_mean: number;
}

export function buildAgentScatterSql(filter: DashboardFilter, rubric: { id: string; version: number } | null | undefined): { sql: string; params: Param[] } {
	const dims = dimensionWhere(filter, 'c');
	return {
		sql: `SELECT c.agent_id, any_value(c.agent_name) AS agent_name, mode(c.team) AS team, count(*) AS calls,
			count(s.score) AS scored, count(c.csat) FILTER (WHERE c.csat BETWEEN 1 AND 5) AS surveyed,
			avg(s.score) AS qa_avg, avg(c.csat) FILTER (WHERE c.csat BETWEEN 1 AND 5) AS csat_mean
		FROM calls c LEFT JOIN scores s ON s.call_id = c.call_id AND s.rubric_id = ? AND s.rubric_version = ?
		WHERE c.agent_id IS NOT NULL AND c.started_at >= CAST(? AS TIMESTAMP) AND c.started_at < CAST(? AS TIMESTAMP) AND ${dims.sql}
		GROUP BY c.agent_id
		HAVING count(s.score) > 0 AND count(c.csat) FILTER (WHERE c.csat BETWEEN 1 AND 5) > 0
		ORDER BY calls DESC, c.agent_id LIMIT ${AGENT_POINT_LIMIT}`,
		params: [rubric?.id ?? '', rubric?.version ?? -1, ...periodBounds(filter.from, filter.to), ...dims.params]
	};
}

export async function queryAgentScatter(db: Db, filter: DashboardFilter, rubric: { id: string; version: number } | null | undefined): Promise<AgentPointRow[]> {
	const q = buildAgentScatterSql(filter, rubric);
	return (await db.query<AgentPointRow>(q.sql, q.params)).rows.map((r) => ({
		...r,
		calls: Number(r.calls),
		scored: Number(r.scored),
		surveyed: Number(r.surveyed),
		qa_avg: Number(r.qa_avg),
		csat_mean: Number(r.csat_mean)
	}));
}

export interface AgentScatterLabels {
	title: string;
	qa: string;
	csat: string;
	calls: string;
	surveyed: string;
	save: string;
}

/** Point size grows with the square root of calls, between 8 and 28 px. */
function sizeFor(calls: number, most: number): number {
	return 8 + 20 * Math.sqrt(calls / Math.max(most, 1));
}

export function buildAgentScatterOption(rows: AgentPointRow[], labels: AgentScatterLabels): ChartOption {
	const most = Math.max(0, ...rows.map((r) => r.calls));
	const teams = [...new Set(rows.map((r) => r.team ?? '—'))];
	return {
		color: ['#3b82f6', '#16a34a', '#f59e0b', '#ef4444', '#8b5cf6', '#0891b2', '#db2777', '#65a30d'],
		toolbox: { right: 0, top: 0, feature: { saveAsImage: { name: labels.title, title: labels.save, pixelRatio: 2 } } },
		legend: { top: 4, left: 8, data: teams },
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const r = rows[(p as { data: { index: number } }).data.index];
				if (!r) return '';
				return [`${r.agent_name ?? r.agent_id} (${r.agent_id}) · ${r.team ?? '—'}`, `${labels.qa}: ${r.qa_avg.toFixed(1)}`, `${labels.csat}: ${r.csat_mean.toFixed(2)} (${labels.surveyed} ${r.surveyed})`, `${labels.calls}: ${r.calls}`].join('<br/>');
			}
		},
		grid: { left: 48, right: 24, top: 44, bottom: 40 },
		xAxis: { type: 'value', name: labels.qa, nameLocation: 'middle', nameGap: 26, scale: true },
		yAxis: { type: 'value', name: labels.csat, min: 1, max: 5 },
		series: teams.map((team) => ({
			name: team,
			type: 'scatter',
			cursor: 'pointer',
			data: rows
				.map((r, index) => ({ r, index }))
				.filter(({ r }) => (r.team ?? '—') === team)
				.map(({ r, index }) => ({ value: [r.qa_avg, r.csat_mean], index, agent_id: r.agent_id, symbolSize: sizeFor(r.calls, most) }))
		}))
	};
}
