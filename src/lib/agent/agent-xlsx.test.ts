// The agent page a team leader takes to a 1:1, as an .xlsx: one sheet per block, Chinese headers, KPIs in their
// formats, a missing figure as an empty cell (never 0), and customer numbers masked.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { zh, type MessageKey } from '../i18n/zh';
import type { LeaderKey, LeaderPeriodRow, LeaderRow } from '../metrics/build-leaderboard-sql';
import { MASKED } from '../privacy/export-privacy';
import { writeXlsx } from '../xlsx/write-table';
import type { AgentDetail } from './agent-sql';
import { agentSheetLabels, agentTables, type AgentSheetLabels } from './agent-xlsx';

const KEYS: LeaderKey[] = ['qaAvg', 'qaPass', 'csatMean', 'aht'];
const values = (v: Partial<Record<LeaderKey, number | null>>) =>
	({
		volume: null,
		aht: null,
		resolution: null,
		fcr: null,
		csatMean: null,
		csatPct: null,
		qaAvg: null,
		qaPass: null,
		complaintRate: null,
		...v
	}) as LeaderPeriodRow['values'];
const period = (v: Partial<Record<LeaderKey, number | null>>, calls: number, rank: number | null): LeaderPeriodRow => ({
	values: values(v),
	calls,
	surveyed: 0,
	scored: calls,
	reviewed: 0,
	complaints: 0,
	composite: rank == null ? null : 81.25,
	rank,
	isRanked: rank != null
});
const ME: LeaderRow = {
	id: 'A01',
	name: '王芳',
	team: '一组',
	current: period({ qaAvg: 86.44, qaPass: 0.9, csatMean: null, aht: 245 }, 40, 3),
	previous: period({ qaAvg: 80, qaPass: 0.75, csatMean: 4.2, aht: 260 }, 38, 5),
	rankChange: 2
};
const TEAM: LeaderRow = {
	id: '一组',
	name: '一组',
	team: '一组',
	current: period({ qaAvg: 84, qaPass: 0.85, aht: 250 }, 400, 1),
	previous: null,
	rankChange: null
};
const DETAIL: AgentDetail = {
	trend: [{ week: '2026-11-02', who: 'agent', calls: 10, qa_avg: 85, csat_mean: null, aht: 240 }],
	weakItems: [
		{ item_id: 'greeting', applied: 40, failed: 10, fail_rate: 0.25, team_applied: 400, team_failed: 40, team_fail_rate: 0.1, gap: 0.15 }
	],
	failedCalls: [
		{
			item_id: 'greeting',
			call_id: 'C1',
			started_at: '2026-11-03 09:15',
			score: 60,
			start_s: 2,
			evidence: null,
			evidence_code: null,
			evidence_params: null,
			total: 10
		}
	],
	complaints: [
		{
			complaint_id: 'K1',
			call_id: 'C1',
			received_at: '2026-11-04 10:00',
			category: '服务态度',
			severity: 2,
			status: 'open',
			title: '客户 13812345678 投诉态度',
			is_late: true,
			is_followed_up: false
		}
	]
};

const LABELS: AgentSheetLabels = agentSheetLabels((k) => zh[`agent.xlsx.${k}` as MessageKey], {
	kpi: (k) => k,
	itemLabel: (id) => (id === 'greeting' ? '标准开场白' : id),
	evidence: (c) => `第 ${c.start_s} 秒没有开场白`
});

describe('the agent page as .xlsx', () => {
	it('writes one sheet per block with the page’s figures, empty where a figure is missing', async () => {
		const tables = agentTables(
			{ me: ME, team: TEAM, periods: { current: '2026-11', previous: '2026-10' }, detail: DETAIL, keys: KEYS },
			LABELS
		);
		const wb = XLSX.read(await writeXlsx(tables, MASKED), { type: 'array', cellNF: true });
		expect(wb.SheetNames).toEqual(['指标', '周趋势', '薄弱检查项', '不合格通话', '投诉']);
		const rows = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null });
		const [head, cur, prev, team] = rows('指标');
		expect(head).toEqual(['对象', '期间', '通话数', '排名', '综合分', 'qaAvg', 'qaPass', 'csatMean', 'aht']);
		expect(cur).toEqual(['王芳 (本期)', '2026-11', 40, 3, 81.25, 86.44, 0.9, null, 245]);
		expect(prev).toEqual(['王芳 (上期)', '2026-10', 38, 5, 81.25, 80, 0.75, 4.2, 260]);
		expect(team).toEqual(['一组 (班组本期)', '2026-11', 400, null, null, 84, 0.85, null, 250]);
		expect(wb.Sheets['指标']['G2']).toMatchObject({ t: 'n', v: 0.9, w: '90.0%' });
		expect(rows('薄弱检查项')[1]).toEqual(['标准开场白', 40, 10, 0.25, 0.1, 0.15]);
		expect(rows('不合格通话')[1]).toEqual(['标准开场白', 'C1', expect.any(Date), 60, '第 2 秒没有开场白']);
		expect(wb.Sheets['不合格通话']['C2']).toMatchObject({ t: 'n', w: '2026-11-03 09:15:00' });
		const complaint = rows('投诉')[1] as string[];
		expect(complaint[6]).not.toContain('13812345678');
		expect(complaint[7]).toBe('✓');
		expect(rows('周趋势')[1]).toEqual([expect.any(Date), '本人', 10, 85, null, 240]);
	});

	it('lists the failed calls under their items weakest first, as the page does', () => {
		const call = (item_id: string, call_id: string, score: number) => ({ ...DETAIL.failedCalls[0], item_id, call_id, score });
		const weak = (item_id: string, gap: number) => ({ ...DETAIL.weakItems[0], item_id, gap });
		// The query returns the calls by item id; 'transfer' has the larger gap, so the page shows it first.
		const detail: AgentDetail = {
			...DETAIL,
			weakItems: [weak('transfer', 0.3), weak('greeting', 0.15)],
			failedCalls: [call('greeting', 'C1', 50), call('greeting', 'C2', 70), call('transfer', 'C3', 40), call('transfer', 'C4', 60)]
		};
		const calls = agentTables({ me: ME, team: null, periods: { current: '2026-11', previous: '2026-10' }, detail, keys: KEYS }, LABELS)[3];
		expect(calls.rows.map((r) => r[1])).toEqual(['C3', 'C4', 'C1', 'C2']);
	});

	it('has only the agent’s rows when there is no team row or detail', () => {
		const [overview, trend] = agentTables(
			{ me: { ...ME, previous: null }, team: null, periods: { current: '2026-11', previous: '2026-10' }, detail: null, keys: KEYS },
			LABELS
		);
		expect(overview.rows.map((r) => r.slice(0, 3))).toEqual([
			['王芳 (本期)', '2026-11', 40],
			['王芳 (上期)', '2026-10', null]
		]);
		expect(trend.rows).toEqual([]);
	});
});
