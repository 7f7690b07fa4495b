// The agent page's trend charts as pure ECharts options: one KPI per chart, the agent's weekly line against its
// team's, the weeks of the selected period shaded so "this period" and "the one before" read at a glance.
import type { ChartOption } from '../charts/echarts';
import { tooltipText } from '../charts/tooltip';
import type { TrendPoint } from './agent-sql';

export type TrendMetric = 'qa_avg' | 'csat_mean' | 'aht';

export interface AgentTrendLabels {
	title: string;
	agent: string;
	team: string;
	save: string;
	/** how a value reads in the tooltip */
	value: (v: number) => string;
}

const AXIS: Record<TrendMetric, { min?: number; max?: number }> = { qa_avg: { max: 100 }, csat_mean: { min: 1, max: 5 }, aht: {} };

/**
 * `periodFrom`: first day of the selected period; weeks starting on or after its week are shaded. A week without a
 * value (no scored, surveyed or timed call) is a gap in the line, not a 0.
 */
export function buildAgentTrendOption(
	points: TrendPoint[],
	metric: TrendMetric,
	periodFrom: string,
	labels: AgentTrendLabels
): ChartOption {
	const weeks = [...new Set(points.map((p) => p.week))].sort();
	const at = (who: 'agent' | 'team') => weeks.map((w) => points.find((p) => p.week === w && p.who === who)?.[metric] ?? null);
	// The week containing the period's first day starts on or before it: shade from the last week start ≤ periodFrom.
	const firstIdx = Math.max(
		0,
		weeks.findLastIndex((w) => w <= periodFrom)
	);
	return {
		color: ['#1f5fbf', '#9aa5b1'],
		animation: false,
		toolbox: { right: 0, top: 0, feature: { saveAsImage: { name: labels.title, title: labels.save, pixelRatio: 2 } } },
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const list = params as { seriesName: string; value: number | null; axisValue: string }[];
				return tooltipText([
					list[0]?.axisValue ?? '',
					...list.map((p) => `${p.seriesName}: ${p.value == null ? '—' : labels.value(p.value)}`)
				]);
			}
		},
		legend: { top: 2, left: 0, data: [labels.agent, labels.team] },
		grid: { left: 44, right: 28, top: 36, bottom: 28 },
		xAxis: { type: 'category', data: weeks, axisLabel: { formatter: (w: string) => w.slice(5) } },
		yAxis: { type: 'value', scale: metric !== 'csat_mean', ...AXIS[metric] },
		series: [
			{
				name: labels.agent,
				type: 'line',
				data: at('agent'),
				connectNulls: false,
				symbolSize: 6,
				lineStyle: { width: 2.5 },
				markArea: weeks.length
					? {
							silent: true,
							itemStyle: { color: 'rgba(31, 95, 191, 0.06)' },
							data: [[{ xAxis: weeks[firstIdx] }, { xAxis: weeks[weeks.length - 1] }]]
						}
					: undefined
			},
			{ name: labels.team, type: 'line', data: at('team'), connectNulls: false, symbolSize: 4, lineStyle: { type: 'dashed', width: 1.5 } }
		]
	};
}
