// The app's ECharts: `echarts/core` with only the chart types, components and renderers the dashboards use
// (modular import keeps the bundle small). EChart.svelte and the headless option tests both import it from here.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	ToolboxComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
	BarChart,
	LineChart,
	HeatmapChart,
	ScatterChart,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	ToolboxComponent,
	TooltipComponent,
	VisualMapComponent,
	CanvasRenderer,
	SVGRenderer
]);

export { echarts };
export type { ECElementEvent, EChartsCoreOption as ChartOption, EChartsType } from 'echarts/core';
