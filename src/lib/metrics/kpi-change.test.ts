import { describe, expect, it } from 'vitest';
import { kpiChange } from './kpi-change';

describe('KPI change against the previous period', () => {
	it.each([
		['share up, up is good', { format: 'share', isUpGood: true }, 0.82, 0.8, { direction: 'up', tone: 'good', unit: 'pp' }, 2],
		['share up, up is bad (abandonment)', { format: 'share', isUpGood: false }, 0.1, 0.05, { direction: 'up', tone: 'bad', unit: 'pp' }, 5],
		[
			'seconds down, down is good (ASA)',
			{ format: 'seconds', isUpGood: false },
			20,
			30,
			{ direction: 'down', tone: 'good', unit: 'same' },
			-10
		],
		['volume relative change', { format: 'count', isUpGood: true }, 90, 100, { direction: 'down', tone: 'bad', unit: 'pct' }, -10],
		['flat', { format: 'score', isUpGood: true }, 4.2, 4.2, { direction: 'flat', tone: 'neutral', unit: 'same' }, 0]
	] as const)('%s', (_, def, cur, prev, want, delta) => {
		const c = kpiChange(def, cur, prev);
		expect(c).toMatchObject(want);
		expect(c?.delta).toBeCloseTo(delta, 9);
	});

	it('has nothing to compare when a value is missing or the previous volume is zero', () => {
		expect(kpiChange({ format: 'share', isUpGood: true }, 0.5, null)).toBeNull();
		expect(kpiChange({ format: 'count', isUpGood: true }, 10, 0)).toBeNull();
	});
});
