// The one way chart options write tooltip text. ECharts puts a formatter's returned string into the tooltip's
// innerHTML (component/tooltip/TooltipHTMLContent.js in ECharts 6.1), so any imported text in it (an agent name, a
// team, a complaint category, a rubric label) would be parsed as markup. Builders hand their lines here; each line
// is HTML-escaped with ECharts' own encodeHTML and the line breaks are the only markup. (ECharts' default tooltips,
// string templates and component tooltips escape by themselves; only function formatters return raw HTML.)
import { format } from 'echarts/core';

/** Tooltip HTML showing `lines` as plain text, one per line. */
export function tooltipText(lines: readonly string[]): string {
	return lines.map((line) => format.encodeHTML(line)).join('<br/>');
}
