// "QA score against CSAT per agent" (issue 5's chart list), drawn under the leaderboard from the rows it already has:
// one point per agent with both a QA average and a mean CSAT in the period, x = QA average, y = mean CSAT, sized by
// calls, one series per team. Agents are few (bounded by the leaderboard), so nothing unbounded reaches the chart.
import type { ChartOption } from '../charts/echarts';
import { tooltipText } from '../charts/tooltip';
import type { LeaderRow } from '../metrics/build-leaderboard-sql';

export interface QaCsatPoint {
	id: string;
	name: string;
	team: string;
	calls: number;
	surveyed: number;
	qa: number;
	csat: number;
}

export function qaCsatPoints(rows: LeaderRow[]): QaCsatPoint[] {
	return rows
		.filter((r) => r.current.values.qaAvg != null && r.current.values.csatMean != null)
		.map((r) => ({
			id: r.id,
			name: r.name,
			team: r.team ?? '—',
			calls: r.current.calls,
			surveyed: r.current.surveyed,
			qa: r.current.values.qaAvg as number,
			csat: r.current.values.csatMean as number
		}));
}

export interface QaCsatLabels {
	title: string;
	qa: string;
	csat: string;
	calls: string;
	surveyed: string;
	save: string;
}

/** Point size grows with the square root of calls, between 8 and 28 px. */
const sizeFor = (calls: number, most: number) => 8 + 20 * Math.sqrt(calls / Math.max(most, 1));

export function buildQaCsatOption(points: QaCsatPoint[], labels: QaCsatLabels): ChartOption {
	const most = Math.max(0, ...points.map((p) => p.calls));
	const teams = [...new Set(points.map((p) => p.team))];
	return {
		animation: false,
		color: ['#3b82f6', '#16a34a', '#f59e0b', '#ef4444', '#8b5cf6', '#0891b2', '#db2777', '#65a30d'],
		toolbox: { right: 0, top: 0, feature: { saveAsImage: { name: labels.title, title: labels.save, pixelRatio: 2 } } },
		legend: { top: 4, left: 8, data: teams },
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const q = points[(p as { data: { index: number } }).data.index];
				if (!q) return '';
				return tooltipText([
					`${q.name} (${q.id}) · ${q.team}`,
					`${labels.qa}: ${q.qa.toFixed(1)}`,
					`${labels.csat}: ${q.csat.toFixed(2)} (${labels.surveyed} ${q.surveyed})`,
					`${labels.calls}: ${q.calls}`
				]);
			}
		},
		grid: { left: 56, right: 24, top: 44, bottom: 44 },
		xAxis: { type: 'value', name: labels.qa, nameLocation: 'middle', nameGap: 28, scale: true },
		yAxis: { type: 'value', name: labels.csat, nameLocation: 'middle', nameGap: 36, scale: true, max: 5 },
		series: teams.map((team) => ({
			name: team,
			type: 'scatter',
			cursor: 'pointer',
			data: points
				.map((p, index) => ({ p, index }))
				.filter(({ p }) => p.team === team)
				.map(({ p, index }) => ({ value: [p.qa, p.csat], index, id: p.id, name: p.name, symbolSize: sizeFor(p.calls, most) }))
		}))
	};
}
