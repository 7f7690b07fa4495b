// The agent's trend chart renders headless with one line for the agent and one for its team, week by week, and
// shades the selected period.
import { describe, expect, it } from 'vitest';
import { echarts } from '../charts/echarts';
import { buildAgentTrendOption } from './agent-chart-options';
import type { TrendPoint } from './agent-sql';

const p = (week: string, who: 'agent' | 'team', qa: number | null): TrendPoint => ({
	week,
	who,
	calls: 10,
	qa_avg: qa,
	csat_mean: 4,
	aht: 300
});

describe('agent trend chart', () => {
	it('draws the agent against the team per week and shades the period', () => {
		const points = [
			p('2026-08-24', 'agent', 70),
			p('2026-08-24', 'team', 75),
			p('2026-08-31', 'team', 76),
			p('2026-09-07', 'agent', 82),
			p('2026-09-07', 'team', 77)
		];
		const chart = echarts.init(null, null, { ssr: true, renderer: 'svg', width: 600, height: 260 });
		chart.setOption(
			buildAgentTrendOption(points, 'qa_avg', '2026-09-01', {
				title: '质检均分',
				agent: '本人',
				team: '班组',
				save: '保存',
				value: (v) => v.toFixed(1)
			}),
			{ notMerge: true }
		);
		const svg = chart.renderToSVGString();
		const opt = chart.getOption() as { series: { data: unknown[]; markArea?: { data: { xAxis: string }[][] } }[] };
		chart.dispose();
		expect(opt.series[0].data).toEqual([70, null, 82]);
		expect(opt.series[1].data).toEqual([75, 76, 77]);
		expect(opt.series[0].markArea?.data[0][0].xAxis).toBe('2026-08-31');
		expect(svg).toContain('本人');
		expect(svg).toContain('09-07');
	});
});
