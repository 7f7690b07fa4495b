// The agent page's evidence: weak items are the agent's failure rate per item against its team's, computed the
// plain way; the listed calls really failed that item; the complaints and trends are the agent's own.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openScoredSample } from '../scoring/scored-sample';
import type { Db } from '../db/types';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { CALLS_PER_ITEM, EXPLAINED_ITEMS, queryAgentDetail, type AgentDetail } from './agent-sql';

const RUBRIC = { id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version };
const AGENT = 'A1006';
const TEAM = '账务组';
const SCOPE = { agentId: AGENT, team: TEAM, from: '2026-09-01', to: '2026-09-30', rubric: RUBRIC };

let db: Db;
let detail: AgentDetail;
let findings: { call_id: string; agent_id: string; team: string; item_id: string; result: string; day: string }[];

beforeAll(async () => {
	db = await openScoredSample(inject('scoredSampleDir'));
	findings = (
		await db.query<(typeof findings)[number]>(
			`SELECT f.call_id, c.agent_id, c.team, f.item_id, f.result, strftime(c.started_at, '%Y-%m-%d') AS day FROM findings f JOIN calls c USING (call_id)`
		)
	).rows;
	detail = await queryAgentDetail(db, SCOPE);
}, 180_000);
afterAll(() => db?.close());

const inSep = (day: string) => day >= '2026-09-01' && day <= '2026-09-30';

describe('agent page', () => {
	it('ranks the items the agent fails more often than its team, with the plain-JS rates', () => {
		expect(detail.weakItems.length).toBeGreaterThan(2);
		for (const row of detail.weakItems) {
			const applied = (pick: (f: (typeof findings)[number]) => boolean) =>
				findings.filter((f) => inSep(f.day) && f.item_id === row.item_id && f.result !== 'na' && pick(f));
			const mine = applied((f) => f.agent_id === AGENT);
			const team = applied((f) => f.team === TEAM);
			expect(row.applied, row.item_id).toBe(mine.length);
			expect(row.failed, row.item_id).toBe(mine.filter((f) => f.result === 'fail').length);
			expect(row.team_applied, row.item_id).toBe(team.length);
			expect(row.team_failed, row.item_id).toBe(team.filter((f) => f.result === 'fail').length);
			expect(row.gap!, row.item_id).toBeCloseTo(row.failed / row.applied - row.team_failed / row.team_applied, 12);
		}
		const gaps = detail.weakItems.map((r) => r.gap!);
		expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
	});

	it('lists, for each weak item, the agent’s calls that failed it', () => {
		const explained = detail.weakItems.filter((r) => r.gap! > 0).slice(0, EXPLAINED_ITEMS);
		expect(new Set(detail.failedCalls.map((c) => c.item_id))).toEqual(new Set(explained.map((r) => r.item_id)));
		for (const item of explained) {
			const listed = detail.failedCalls.filter((c) => c.item_id === item.item_id);
			expect(listed.length).toBe(Math.min(CALLS_PER_ITEM, item.failed));
			expect(listed[0].total).toBe(item.failed);
			for (const c of listed) {
				const f = findings.find((x) => x.call_id === c.call_id && x.item_id === item.item_id)!;
				expect(f.agent_id).toBe(AGENT);
				expect(f.result).toBe('fail');
				expect(inSep(f.day)).toBe(true);
			}
		}
	});

	it('shows the complaints naming the agent and a weekly trend of its calls and its team’s', async () => {
		const { rows } = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM complaints WHERE agent_id = ? AND received_at >= '2026-09-01' AND received_at < '2026-10-01'`,
			[AGENT]
		);
		expect(detail.complaints.length).toBe(Number(rows[0].n));
		expect(detail.complaints.length).toBeGreaterThan(0);
		const agentCalls = detail.trend.filter((p) => p.who === 'agent').reduce((a, p) => a + Number(p.calls), 0);
		const teamCalls = detail.trend.filter((p) => p.who === 'team').reduce((a, p) => a + Number(p.calls), 0);
		const n = (
			await db.query<{ a: number; t: number }>(
				`SELECT count(*) FILTER (WHERE agent_id = ?) AS a, count(*) FILTER (WHERE team = ?) AS t FROM calls WHERE started_at >= '2026-09-01' AND started_at < '2026-10-01'`,
				[AGENT, TEAM]
			)
		).rows[0];
		expect(agentCalls).toBe(Number(n.a));
		expect(teamCalls).toBe(Number(n.t));
	});
});
