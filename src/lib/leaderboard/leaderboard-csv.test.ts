// The exported appraisal table opens in a spreadsheet as the screen shows it, and a name that looks like a
// formula stays text.
import { describe, expect, it } from 'vitest';
import { LEADER_KEYS, type LeaderRow } from '../metrics/build-leaderboard-sql';
import { leaderboardCsv } from './leaderboard-csv';

const values = (over: Partial<Record<string, number | null>>) =>
	Object.fromEntries(LEADER_KEYS.map((k) => [k, over[k] ?? null])) as LeaderRow['current']['values'];
const row = (
	id: string,
	name: string,
	rank: number | null,
	composite: number | null,
	over: Partial<Record<string, number | null>>,
	rankChange: number | null
): LeaderRow => ({
	id,
	name,
	team: '售后组',
	current: {
		values: values(over),
		calls: 40,
		surveyed: 10,
		scored: 40,
		reviewed: 0,
		complaints: 1,
		composite,
		rank,
		isRanked: rank != null
	},
	previous: null,
	rankChange
});
const LABELS = {
	rank: '排名',
	rankChange: '名次变化',
	id: '工号',
	name: '坐席',
	team: '班组',
	calls: '通话量',
	composite: '综合指数',
	note: '备注',
	unranked: '通话量不足，不参与排名',
	kpi: (k: string) => k
};

describe('leaderboard CSV', () => {
	it('writes shares as percentages, ranks as numbers and neutralises formula-like text', () => {
		const csv = leaderboardCsv(
			[
				row('A1', '李琳', 1, 87.654, { qaAvg: 91.234, resolution: 0.8567, aht: 312.5, complaintRate: 2.5 }, -2),
				row('A2', '=HYPERLINK("x")', null, null, {}, null)
			],
			'agent',
			LABELS
		);
		const [statement, ...lines] = csv.trimEnd().split('\r\n');
		expect(statement).toMatch(/^# callqa\.personal_data=masked: /);
		expect(lines[0]).toBe(
			'排名,名次变化,工号,坐席,班组,通话量,综合指数,qaAvg,qaPass,csatMean,csatPct,resolution,fcr,aht,complaintRate,备注'
		);
		expect(lines[1]).toBe('1,-2,A1,李琳,售后组,40,87.7,91.23,,,,85.7,,312.5,2.5,');
		expect(lines[2]).toBe(`,,A2,"'=HYPERLINK(""x"")",售后组,40,,,,,,,,,,通话量不足，不参与排名`);
	});

	it('masks a customer number in a name unless unmasked data was chosen, and says which in the first line', () => {
		const rows = [row('A1', '李琳13812345678', 1, 80, {}, null)];
		const masked = leaderboardCsv(rows, 'agent', LABELS).split('\r\n');
		expect(masked[2]).toContain('李琳138****5678');
		const unmasked = leaderboardCsv(rows, 'agent', LABELS, { isUnmasked: true }).split('\r\n');
		expect(unmasked[0]).toMatch(/^# callqa\.personal_data=unmasked: /);
		expect(unmasked[2]).toContain('李琳13812345678');
	});
});
