// The overview charts as pure ECharts options built from already-aggregated rows (build-chart-sql.ts). Text comes
// in through `labels` so the builders stay free of the UI's i18n; EChart.svelte draws whatever they return.
// Tooltips are written with tooltipText (charts/tooltip.ts): labels and categories are imported text, never HTML.
import type { ChartOption } from './echarts';
import { tooltipText } from './tooltip';
import type { ComplaintCellRow, CsatBinRow, HeatCellRow, ItemFailureRow, ScoreBinRow, TrendRow } from '../metrics/build-chart-sql';

const COLORS = ['#3b82f6', '#16a34a', '#f59e0b', '#ef4444'];
const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

function toolbox(name: string, saveLabel: string) {
	return { right: 0, top: 0, feature: { saveAsImage: { name, title: saveLabel, pixelRatio: 2 } } };
}

export interface TrendLabels {
	title: string;
	volume: string;
	serviceLevel: string;
	csat: string;
	save: string;
}

/** A bucket without ring times or surveys has no service level or CSAT: the lines leave a gap there, never dip to 0. */
export function buildTrendOption(rows: TrendRow[], labels: TrendLabels): ChartOption {
	return {
		color: COLORS,
		toolbox: toolbox(labels.title, labels.save),
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const list = params as { dataIndex: number }[];
				const r = rows[list[0]?.dataIndex ?? -1];
				if (!r) return '';
				const period = r.bucket === r.bucket_end ? r.bucket : `${r.bucket} – ${r.bucket_end}`;
				return tooltipText([
					period,
					`${labels.volume}: ${r.volume}`,
					`${labels.serviceLevel}: ${pct(r.service_level)}`,
					`${labels.csat}: ${r.csat_mean == null ? '—' : r.csat_mean.toFixed(2)}`
				]);
			}
		},
		legend: { top: 4, left: 8, data: [labels.volume, labels.serviceLevel, labels.csat] },
		// Axis names are left out: the legend names each series and its colour (names collided with it).
		grid: { left: 48, right: 96, top: 44, bottom: 32 },
		xAxis: { type: 'category', data: rows.map((r) => r.bucket) },
		yAxis: [
			{ type: 'value', minInterval: 1 },
			{ type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
			{ type: 'value', min: 1, max: 5, offset: 48, splitLine: { show: false } }
		],
		series: [
			{ name: labels.volume, type: 'bar', data: rows.map((r) => r.volume), cursor: 'pointer' },
			{
				name: labels.serviceLevel,
				type: 'line',
				yAxisIndex: 1,
				data: rows.map((r) => r.service_level),
				connectNulls: false,
				symbolSize: 5
			},
			{ name: labels.csat, type: 'line', yAxisIndex: 2, data: rows.map((r) => r.csat_mean), connectNulls: false, symbolSize: 5 }
		]
	};
}

export interface DistributionLabels {
	title: string;
	calls: string;
	save: string;
}

/** Ten bins of ten points; bins with no calls are drawn as zero so the axis is always 0–100. */
export const SCORE_BIN_LABELS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));

export function buildQaDistributionOption(rows: ScoreBinRow[], labels: DistributionLabels): ChartOption {
	const counts = SCORE_BIN_LABELS.map((_, i) => rows.find((r) => r.bin === i)?.calls ?? 0);
	return {
		color: [COLORS[0]],
		toolbox: toolbox(labels.title, labels.save),
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const q = p as { name: string; value: number };
				return tooltipText([q.name, `${labels.calls}: ${q.value}`]);
			}
		},
		grid: { left: 48, right: 24, top: 36, bottom: 32 },
		xAxis: { type: 'category', data: SCORE_BIN_LABELS },
		yAxis: { type: 'value', minInterval: 1 },
		series: [
			{
				name: labels.calls,
				type: 'bar',
				data: counts,
				cursor: 'pointer',
				itemStyle: { color: (p: { dataIndex: number }) => (p.dataIndex >= 8 ? '#16a34a' : p.dataIndex >= 6 ? '#3b82f6' : '#f59e0b') }
			}
		]
	};
}

export interface ParetoLabels {
	title: string;
	failed: string;
	cumulative: string;
	failRate: string;
	save: string;
	/** display name of a checklist item */
	item: (id: string) => string;
}

/** Most failures first (ties by item id): the order the Pareto bars are drawn in, so a clicked bar's index maps back. */
export function sortPareto(rows: ItemFailureRow[]): ItemFailureRow[] {
	return [...rows].sort((a, b) => b.failed - a.failed || (a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0));
}

export function buildParetoOption(rows: ItemFailureRow[], labels: ParetoLabels): ChartOption {
	const sorted = sortPareto(rows);
	const total = sorted.reduce((n, r) => n + r.failed, 0);
	let running = 0;
	const cumulative = sorted.map((r) => (running += r.failed) / (total || 1));
	return {
		color: [COLORS[3], COLORS[0]],
		toolbox: toolbox(labels.title, labels.save),
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const r = sorted[(params as { dataIndex: number }[])[0]?.dataIndex ?? -1];
				if (!r) return '';
				const i = sorted.indexOf(r);
				return tooltipText([
					labels.item(r.item_id),
					`${labels.failed}: ${r.failed} / ${r.applied}`,
					`${labels.failRate}: ${pct(r.fail_rate)}`,
					`${labels.cumulative}: ${pct(cumulative[i])}`
				]);
			}
		},
		legend: { top: 4, left: 8, data: [labels.failed, labels.cumulative] },
		grid: { left: 48, right: 56, top: 44, bottom: 80 },
		xAxis: {
			type: 'category',
			data: sorted.map((r) => labels.item(r.item_id)),
			axisLabel: { rotate: 30, interval: 0, width: 110, overflow: 'truncate' }
		},
		yAxis: [
			{ type: 'value', minInterval: 1 },
			{ type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } }
		],
		series: [
			{ name: labels.failed, type: 'bar', data: sorted.map((r) => r.failed), cursor: 'pointer' },
			{ name: labels.cumulative, type: 'line', yAxisIndex: 1, data: cumulative, symbolSize: 5 }
		]
	};
}

export interface HeatmapLabels {
	title: string;
	calls: string;
	save: string;
	/** Monday first, seven names */
	weekdays: string[];
	hour: (h: number) => string;
}

export function buildHeatmapOption(rows: HeatCellRow[], labels: HeatmapLabels): ChartOption {
	const max = rows.reduce((m, r) => Math.max(m, r.calls), 0);
	return {
		toolbox: toolbox(labels.title, labels.save),
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const [h, d, n] = (p as { value: [number, number, number] }).value;
				return tooltipText([`${labels.weekdays[d]} ${labels.hour(h)}`, `${labels.calls}: ${n}`]);
			}
		},
		grid: { left: 56, right: 24, top: 36, bottom: 84 },
		xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h)), splitArea: { show: true } },
		yAxis: { type: 'category', data: labels.weekdays, inverse: true, splitArea: { show: true } },
		visualMap: {
			min: 0,
			max: Math.max(1, max),
			calculable: true,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			itemWidth: 12,
			itemHeight: 160,
			inRange: { color: ['#eff6ff', '#3b82f6', '#1e3a8a'] }
		},
		series: [
			{
				name: labels.calls,
				type: 'heatmap',
				data: rows.map((r) => [r.hour, r.weekday - 1, r.calls]),
				cursor: 'pointer',
				emphasis: { itemStyle: { borderColor: '#111', borderWidth: 1 } }
			}
		]
	};
}

export interface ComplaintLabels {
	title: string;
	sla: string;
	save: string;
	/** name of a severity level (1 general, 2 serious, 3 major, 0 unknown) */
	severity: (level: number) => string;
}

const SEVERITY_COLORS: Record<number, string> = { 0: '#9ca3af', 1: '#fbbf24', 2: '#f97316', 3: '#b91c1c' };

/** Complaints per category stacked by severity, with each category's SLA (share resolved by deadline) as a line. */
export function buildComplaintsOption(rows: ComplaintCellRow[], labels: ComplaintLabels): ChartOption {
	const categories = [...new Set(rows.map((r) => r.category))];
	const levels = [...new Set(rows.map((r) => r.severity))].sort((a, b) => a - b);
	const cell = (c: string, lv: number) => rows.find((r) => r.category === c && r.severity === lv)?.complaints ?? 0;
	const sla = categories.map((c) => {
		const rs = rows.filter((r) => r.category === c);
		const due = rs.reduce((n, r) => n + r.with_due, 0);
		return due === 0 ? null : rs.reduce((n, r) => n + r.on_time, 0) / due;
	});
	return {
		toolbox: toolbox(labels.title, labels.save),
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? -1;
				const c = categories[i];
				if (c == null) return '';
				return tooltipText([c, ...levels.map((lv) => `${labels.severity(lv)}: ${cell(c, lv)}`), `${labels.sla}: ${pct(sla[i])}`]);
			}
		},
		legend: { top: 4, left: 8 },
		grid: { left: 48, right: 56, top: 44, bottom: 56 },
		xAxis: { type: 'category', data: categories, axisLabel: { rotate: 20, interval: 0 } },
		yAxis: [
			{ type: 'value', minInterval: 1 },
			{ type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } }
		],
		series: [
			...levels.map((lv) => ({
				name: labels.severity(lv),
				type: 'bar' as const,
				stack: 'severity',
				cursor: 'pointer',
				itemStyle: { color: SEVERITY_COLORS[lv] ?? '#9ca3af' },
				data: categories.map((c) => cell(c, lv))
			})),
			{ name: labels.sla, type: 'line' as const, yAxisIndex: 1, data: sla, itemStyle: { color: '#1f5fbf' }, symbolSize: 6 }
		]
	};
}

export interface CsatLabels {
	title: string;
	calls: string;
	save: string;
}

/** Surveyed calls per score 1–5 (zero-filled); 4 and 5 drawn as satisfied. */
export function buildCsatOption(rows: CsatBinRow[], labels: CsatLabels): ChartOption {
	const scores = [1, 2, 3, 4, 5];
	return {
		toolbox: toolbox(labels.title, labels.save),
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const q = p as { name: string; value: number };
				return tooltipText([`CSAT ${q.name}`, `${labels.calls}: ${q.value}`]);
			}
		},
		grid: { left: 48, right: 24, top: 36, bottom: 32 },
		xAxis: { type: 'category', data: scores.map(String) },
		yAxis: { type: 'value', minInterval: 1 },
		series: [
			{
				name: labels.calls,
				type: 'bar',
				cursor: 'pointer',
				data: scores.map((s) => ({
					value: rows.find((r) => r.csat === s)?.calls ?? 0,
					itemStyle: { color: s >= 4 ? '#16a34a' : s === 3 ? '#9ca3af' : '#ef4444' }
				}))
			}
		]
	};
}
