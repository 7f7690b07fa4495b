// Each overview chart renders headless (SSR, SVG) from its rows, with a tooltip, PNG export and the data it was given.
import { describe, expect, it } from 'vitest';
import { echarts, type ChartOption } from './echarts';
import {
	buildComplaintsOption,
	buildCsatOption,
	buildHeatmapOption,
	buildParetoOption,
	buildQaDistributionOption,
	buildTrendOption,
	SCORE_BIN_LABELS
} from './chart-options';

function render(option: ChartOption): { svg: string; option: Record<string, unknown> } {
	const chart = echarts.init(null, null, { ssr: true, renderer: 'svg', width: 800, height: 320 });
	chart.setOption(option, { notMerge: true });
	const svg = chart.renderToSVGString();
	const out = chart.getOption() as Record<string, unknown>;
	chart.dispose();
	return { svg, option: out };
}

type Series = { type: string; data: unknown[] }[];
const series = (o: Record<string, unknown>) => o.series as Series;
const hasExport = (o: Record<string, unknown>) => !!(o.toolbox as { feature: { saveAsImage?: unknown } }[])[0].feature.saveAsImage;
const hasTooltip = (o: Record<string, unknown>) => (o.tooltip as unknown[]).length > 0;

describe('overview chart options', () => {
	it('trend: volume bars with service level and CSAT lines per bucket', () => {
		const { svg, option } = render(
			buildTrendOption(
				[
					{ bucket: '2026-09-01', bucket_end: '2026-09-01', volume: 40, service_level: 0.8, csat_mean: 4.2 },
					{ bucket: '2026-09-02', bucket_end: '2026-09-02', volume: 55, service_level: null, csat_mean: null }
				],
				{ title: '趋势', volume: '来电量', serviceLevel: '服务水平', csat: '满意度', save: '保存' }
			)
		);
		expect(series(option).map((s) => s.type)).toEqual(['bar', 'line', 'line']);
		expect(series(option)[0].data).toEqual([40, 55]);
		expect(series(option)[1].data).toEqual([0.8, null]);
		// A day without ring times or surveys is a gap in the lines, not a drop to 0 bridged over.
		expect(
			series(option)
				.slice(1)
				.map((s) => (s as { connectNulls?: boolean }).connectNulls)
		).toEqual([false, false]);
		expect(svg).toContain('2026-09-02');
		expect(svg).toContain('来电量');
		expect(hasTooltip(option) && hasExport(option)).toBe(true);
	});

	it('QA distribution: always ten bins from 0 to 100, empty bins as zero', () => {
		const { svg, option } = render(
			buildQaDistributionOption(
				[
					{ bin: 9, calls: 7 },
					{ bin: 2, calls: 1 }
				],
				{ title: 'QA', calls: '通话', save: '保存' }
			)
		);
		expect(series(option)[0].data).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 7]);
		expect(svg).toContain(SCORE_BIN_LABELS[9]);
		expect(hasTooltip(option) && hasExport(option)).toBe(true);
	});

	it('Pareto: items by failures, most first, with a cumulative share ending at 100%', () => {
		const { svg, option } = render(
			buildParetoOption(
				[
					{ item_id: 'b', applied: 10, failed: 1, fail_rate: 0.1 },
					{ item_id: 'a', applied: 10, failed: 3, fail_rate: 0.3 }
				],
				{ title: 'P', failed: '未通过', cumulative: '累计占比', failRate: '未通过率', save: '保存', item: (id) => `项目${id}` }
			)
		);
		expect(series(option)[0].data).toEqual([3, 1]);
		expect(series(option)[1].data).toEqual([0.75, 1]);
		expect(svg).toContain('项目a');
		expect(hasTooltip(option) && hasExport(option)).toBe(true);
	});

	it('heatmap: one cell per weekday × hour with calls, Monday on top', () => {
		const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
		const { svg, option } = render(
			buildHeatmapOption(
				[
					{ weekday: 1, hour: 9, calls: 4 },
					{ weekday: 7, hour: 23, calls: 1 }
				],
				{ title: 'H', calls: '通话', save: '保存', weekdays, hour: (h) => `${h}时` }
			)
		);
		expect(series(option)[0].data).toEqual([
			[9, 0, 4],
			[23, 6, 1]
		]);
		expect(svg).toContain('<svg');
		expect(hasTooltip(option) && hasExport(option)).toBe(true);
	});

	it('complaints: one stacked bar per category by severity, and the SLA per category as a line', () => {
		const { svg, option } = render(
			buildComplaintsOption(
				[
					{ category: '服务态度', severity: 1, complaints: 3, on_time: 2, with_due: 3 },
					{ category: '服务态度', severity: 3, complaints: 1, on_time: 0, with_due: 1 },
					{ category: '计费争议', severity: 2, complaints: 2, on_time: 2, with_due: 2 }
				],
				{ title: 'C', sla: '按时办结率', save: '保存', severity: (lv) => ['未知', '一般', '严重', '重大'][lv] }
			)
		);
		const s = series(option);
		expect(s.map((x) => x.type)).toEqual(['bar', 'bar', 'bar', 'line']);
		expect(s[0].data).toEqual([3, 0]);
		expect(s[1].data).toEqual([0, 2]);
		expect(s[2].data).toEqual([1, 0]);
		expect(s[3].data).toEqual([0.5, 1]);
		expect(svg).toContain('计费争议');
		expect(hasTooltip(option) && hasExport(option)).toBe(true);
	});

	it('CSAT: surveyed calls per score 1 to 5, zero-filled', () => {
		const { option } = render(
			buildCsatOption(
				[
					{ csat: 5, calls: 9 },
					{ csat: 2, calls: 1 }
				],
				{ title: 'S', calls: '通话', save: '保存' }
			)
		);
		expect((series(option)[0].data as { value: number }[]).map((d) => d.value)).toEqual([0, 1, 0, 0, 9]);
		expect(hasTooltip(option) && hasExport(option)).toBe(true);
	});
});
