import { describe, expect, it } from 'vitest';
import type { LeaderRow } from '../metrics/build-leaderboard-sql';
import { buildQaCsatOption, qaCsatPoints } from './qa-csat-option';

const row = (id: string, team: string | null, calls: number, qaAvg: number | null, csatMean: number | null): LeaderRow =>
	({
		id,
		name: `name-${id}`,
		team,
		current: {
			values: { qaAvg, csatMean },
			calls,
			surveyed: Math.round(calls / 3),
			scored: calls,
			complaints: 0,
			composite: null,
			rank: null,
			isRanked: true
		},
		previous: null,
		rankChange: null
	}) as unknown as LeaderRow;

describe('QA score against CSAT per agent', () => {
	const rows = [
		row('A', 'T1', 120, 82.5, 4.4),
		row('B', 'T2', 30, 61, 3.1),
		row('C', 'T1', 80, null, 4),
		row('D', null, 10, 70, null),
		row('E', 'T2', 60, 90, 4.8)
	];

	it('places each agent that has both a QA average and a mean CSAT', () => {
		expect(qaCsatPoints(rows).map((p) => [p.id, p.team, p.qa, p.csat, p.calls])).toEqual([
			['A', 'T1', 82.5, 4.4, 120],
			['B', 'T2', 61, 3.1, 30],
			['E', 'T2', 90, 4.8, 60]
		]);
	});

	it('draws one series per team; each point carries its agent for the click-through and grows with calls', () => {
		const option = buildQaCsatOption(qaCsatPoints(rows), {
			title: 't',
			qa: 'QA',
			csat: 'CSAT',
			calls: 'calls',
			surveyed: 's',
			save: 'save'
		}) as {
			series: { name: string; data: { value: number[]; id: string; symbolSize: number }[] }[];
			tooltip: { formatter: (p: unknown) => string };
		};
		expect(option.series.map((s) => s.name)).toEqual(['T1', 'T2']);
		expect(option.series[1].data.map((d) => [d.id, d.value])).toEqual([
			['B', [61, 3.1]],
			['E', [90, 4.8]]
		]);
		expect(option.series[0].data[0].symbolSize).toBeGreaterThan(option.series[1].data[0].symbolSize);
		expect(option.tooltip.formatter({ data: { index: 2 } })).toContain('name-E (E) · T2');
	});
});
