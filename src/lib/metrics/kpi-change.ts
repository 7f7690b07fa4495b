// How a KPI card compares the period with the previous one: the difference in the KPI's own terms (percentage
// points for shares, relative change for volume, plain difference otherwise) and whether that is good news.
import type { KpiDefinition } from './build-kpi-sql';

export interface KpiChange {
	direction: 'up' | 'down' | 'flat';
	/** 'good' when the move is in the direction the KPI wants, 'bad' against it; 'neutral' when flat or unknown */
	tone: 'good' | 'bad' | 'neutral';
	/** signed size of the change: percentage points (share), percent (count), else the KPI's unit */
	delta: number;
	unit: 'pp' | 'pct' | 'same';
}

/** null when either value is missing (nothing to compare with). */
export function kpiChange(
	def: Pick<KpiDefinition, 'format' | 'isUpGood'>,
	current: number | null,
	previous: number | null
): KpiChange | null {
	if (current == null || previous == null) return null;
	let delta: number;
	let unit: KpiChange['unit'];
	if (def.format === 'share') {
		delta = (current - previous) * 100;
		unit = 'pp';
	} else if (def.format === 'count') {
		if (previous === 0) return null;
		delta = ((current - previous) / previous) * 100;
		unit = 'pct';
	} else {
		delta = current - previous;
		unit = 'same';
	}
	const isFlat = Math.abs(delta) < 1e-9;
	const direction = isFlat ? 'flat' : delta > 0 ? 'up' : 'down';
	const tone = isFlat ? 'neutral' : delta > 0 === def.isUpGood ? 'good' : 'bad';
	return { direction, tone, delta, unit };
}
