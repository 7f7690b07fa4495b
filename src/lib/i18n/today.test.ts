import { describe, expect, it } from 'vitest';
import { todayIn } from './today';

describe('todayIn', () => {
	it.each([
		['2026-12-01T23:30:00Z', 'Asia/Shanghai', '2026-12-02'],
		['2026-12-01T15:59:59Z', 'Asia/Shanghai', '2026-12-01'],
		['2026-12-01T16:00:00Z', 'Asia/Shanghai', '2026-12-02'],
		['2026-12-01T03:00:00Z', 'America/New_York', '2026-11-30'],
		['2026-12-31T20:00:00Z', 'Asia/Shanghai', '2027-01-01'],
		['2026-12-01T23:30:00Z', 'UTC', '2026-12-01']
	])('%s in %s is %s', (instant, zone, want) => {
		expect(todayIn(new Date(instant), zone)).toBe(want);
	});
});
