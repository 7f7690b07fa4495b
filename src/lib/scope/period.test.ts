// Monthly and quarterly appraisal periods: their days and the period before (calendar months, not "30 days").
import { describe, expect, it } from 'vitest';
import { coverageOf, latestCompletePeriod, parsePeriod, periodOf, periodsBetween, previousOf } from './period';

describe('appraisal periods', () => {
	it.each([
		['2026-09', '2026-09-01', '2026-09-30', 1, '2026-08'],
		['2026-03', '2026-03-01', '2026-03-31', 1, '2026-02'],
		['2026-01', '2026-01-01', '2026-01-31', 1, '2025-12'],
		['2024-02', '2024-02-01', '2024-02-29', 1, '2024-01'],
		['2026-Q3', '2026-07-01', '2026-09-30', 3, '2026-Q2'],
		['2026-Q1', '2026-01-01', '2026-03-31', 3, '2025-Q4']
	])('%s runs %s to %s (%i months), after %s', (key, from, to, months, prev) => {
		const p = parsePeriod(key)!;
		expect(p).toMatchObject({ key, from, to, months });
		expect(previousOf(p).key).toBe(prev);
	});

	it.each(['2026-13', '2026-Q5', '2026-9', 'Q3', '', null])('rejects %s', (key) => {
		expect(parsePeriod(key)).toBeNull();
	});

	it('finds the month and quarter of a day, and lists the periods of a data range newest first', () => {
		expect(periodOf('quarter', '2026-08-15').key).toBe('2026-Q3');
		expect(periodOf('month', '2026-08-15').key).toBe('2026-08');
		expect(periodsBetween('month', '2026-08-01', '2026-10-31').map((p) => p.key)).toEqual(['2026-10', '2026-09', '2026-08']);
		expect(periodsBetween('quarter', '2026-08-01', '2026-10-31').map((p) => p.key)).toEqual(['2026-Q4', '2026-Q3']);
	});

	// The sample runs 2026-08-01..10-31: every month is complete, no quarter is; Q3 holds two of its months, Q4 one.
	it.each([
		['month', { first: '2026-08-01', last: '2026-10-31' }, '2026-10'],
		['month', { first: '2026-08-01', last: '2026-10-12' }, '2026-09'],
		['quarter', { first: '2026-08-01', last: '2026-10-31' }, '2026-Q3'],
		['quarter', { first: '2026-01-01', last: '2026-10-31' }, '2026-Q3'],
		['quarter', { first: '2026-07-01', last: '2026-12-20' }, '2026-Q4'],
		['month', { first: '2021-01-01', last: '2021-01-09' }, '2021-01']
	] as const)('by default shows the latest %s the data covers completely enough (%j → %s)', (kind, range, key) => {
		expect(latestCompletePeriod(kind, range).key).toBe(key);
	});

	it('says how much of a period the data covers', () => {
		expect(coverageOf(parsePeriod('2026-Q3')!, { first: '2026-08-01', last: '2026-10-31' })).toEqual({
			days: 92,
			covered: 61,
			from: '2026-08-01',
			to: '2026-09-30'
		});
		expect(coverageOf(parsePeriod('2026-Q1')!, { first: '2026-08-01', last: '2026-10-31' }).covered).toBe(0);
	});
});
