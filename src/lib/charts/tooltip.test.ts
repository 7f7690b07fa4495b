// Every chart's tooltip shows imported text as text: each option builder gets markup in every label, category and
// name it draws, the chart is set up headless, and its tooltip formatter is called with the parameters ECharts
// builds for each data item (series.getDataParams, as TooltipView does). The HTML it returns may hold line breaks
// and nothing else; read back, it shows the markup as typed.
import { describe, expect, it } from 'vitest';
import { buildAgentTrendOption } from '../agent/agent-chart-options';
import {
	buildComplaintsOption,
	buildCsatOption,
	buildHeatmapOption,
	buildParetoOption,
	buildQaDistributionOption,
	buildTrendOption
} from './chart-options';
import { buildQaCsatOption } from '../leaderboard/qa-csat-option';
import { echarts, type ChartOption } from './echarts';
import { tooltipText } from './tooltip';

const H = `<img src=x onerror=alert(1)>"'&`;
const H2 = `"><svg onload=alert(2)>`;

/** What a browser shows for tooltip HTML that may contain only `<br/>` as markup; throws on any other markup. */
function shown(html: string): string[] {
	return html.split('<br/>').map((line) => {
		expect(line).not.toMatch(/[<>"']/);
		return line
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&');
	});
}

interface SeriesModel {
	getData(): { count(): number };
	getDataParams(i: number): Record<string, unknown>;
}

/** Every tooltip the chart can show, as the lines a user reads. */
function tooltips(option: ChartOption): string[][] {
	const chart = echarts.init(null, null, { ssr: true, renderer: 'svg', width: 800, height: 320 });
	chart.setOption(option, { notMerge: true });
	const model = (chart as unknown as { getModel(): { getSeries(): SeriesModel[] } }).getModel();
	const tip = (option as { tooltip: { trigger: 'axis' | 'item'; formatter: (p: unknown) => string } }).tooltip;
	const category = ((option as { xAxis: { data?: string[] } }).xAxis.data ?? []) as string[];
	const out: string[][] = [];
	const series = model.getSeries();
	if (tip.trigger === 'axis') {
		const n = Math.max(...series.map((s) => s.getData().count()));
		for (let i = 0; i < n; i++) out.push(shown(tip.formatter(series.map((s) => ({ ...s.getDataParams(i), axisValue: category[i] })))));
	} else {
		for (const s of series) for (let i = 0; i < s.getData().count(); i++) out.push(shown(tip.formatter(s.getDataParams(i))));
	}
	chart.dispose();
	return out;
}

const label = { title: H, save: H, calls: H, volume: H, serviceLevel: H2, csat: H, failed: H, cumulative: H2, failRate: H, sla: H2 };

const CASES: { chart: string; option: ChartOption; shows: string[] }[] = [
	{
		chart: 'dashboard trend',
		option: buildTrendOption([{ bucket: '2026-09-01', bucket_end: '2026-09-07', volume: 3, service_level: 0.5, csat_mean: 4 }], label),
		shows: [`${H}: 3`, `${H2}: 50.0%`]
	},
	{ chart: 'QA distribution', option: buildQaDistributionOption([{ bin: 9, calls: 2 }], label), shows: [`${H}: 2`] },
	{
		chart: 'failing items',
		option: buildParetoOption([{ item_id: 'greeting', applied: 4, failed: 2, fail_rate: 0.5 }], { ...label, item: (id) => `${id}${H}` }),
		shows: [`greeting${H}`]
	},
	{
		chart: 'heatmap',
		option: buildHeatmapOption([{ weekday: 1, hour: 9, calls: 5 }], {
			...label,
			weekdays: [H, H, H, H, H, H, H],
			hour: (h) => `${h}${H2}`
		}),
		shows: [`${H} 9${H2}`]
	},
	{
		chart: 'complaints',
		option: buildComplaintsOption(
			[
				{ category: H, severity: 1, complaints: 2, on_time: 1, with_due: 2 },
				{ category: H2, severity: 3, complaints: 1, on_time: 0, with_due: 1 }
			],
			{ ...label, severity: (lv) => `${lv}${H2}` }
		),
		shows: [H, H2, `1${H2}: 2`]
	},
	{ chart: 'CSAT', option: buildCsatOption([{ csat: 5, calls: 4 }], label), shows: [`${H}: 4`] },
	{
		chart: 'QA against CSAT',
		option: buildQaCsatOption([{ id: H2, name: H, team: H2, calls: 40, surveyed: 10, qa: 81.5, csat: 4.2 }], {
			...label,
			qa: H,
			surveyed: H2
		}),
		shows: [`${H} (${H2}) · ${H2}`]
	},
	{
		chart: 'agent trend',
		option: buildAgentTrendOption(
			[
				{ week: '2026-09-07', who: 'agent', calls: 10, qa_avg: 80, csat_mean: 4, aht: 300 },
				{ week: '2026-09-07', who: 'team', calls: 30, qa_avg: 75, csat_mean: 4, aht: 280 }
			],
			'qa_avg',
			'2026-09-01',
			{ title: H, agent: H, team: H2, save: H, value: (v) => `${v}${H}` }
		),
		shows: [`${H}: 80${H}`, `${H2}: 75${H}`]
	}
];

describe('chart tooltips show imported text as text', () => {
	it.each(CASES)('$chart', ({ option, shows }) => {
		const lines = tooltips(option).flat();
		expect(lines.length).toBeGreaterThan(0);
		for (const s of shows) expect(lines).toContain(s);
	});

	it('escapes each line and joins them with line breaks', () => {
		expect(tooltipText(['a<b', `"c" & 'd'`])).toBe('a&lt;b<br/>&quot;c&quot; &amp; &#39;d&#39;');
	});
});
