// A manager who reads a KPI on the dashboard, the leaderboard, the agent page and the report sees the same figure
// for the same filter, because every page computes it from metrics/ (call_facts and the KPI parts). A generated
// workspace with gaps in every input (no ring time, no resolved flag, no CSAT, no customer, no score, complaints
// with and without a call). Real DuckDB (the unit tests' DuckDB, db/test-db.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { queryAgentDetail } from '../agent/agent-sql';
import { queryKpis, type KpiValues } from './build-kpi-sql';
import { cubeKpis } from '../dashboard/rollup-cube';
import { ensureRollup, loadRollupRows, queryKpisFromRollup } from '../dashboard/rollup-sql';
import { LEADER_KEYS, queryLeaderboard } from './build-leaderboard-sql';
import { parsePeriod } from '../scope/period';
import { DEFAULT_SETTINGS } from './settings';
import { queryReport } from '../report/report-data';
import { KPI_KEYS } from './definitions';

const REF = { id: 'r', version: 1 };
const SEPTEMBER = parsePeriod('2026-09')!;

let db: Db;

// 240 calls from 20 August to mid-October, 6 agents in 3 teams (agent A<n> in team T<n mod 3>), 40 customers who
// call again within days (FCR), and every input missing on some calls; 25 complaints, a third without a call.
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, queue, channel, direction, customer_id, started_at,
			ring_s, talk_s, hold_s, wrap_s, abandoned, resolved, csat)
		SELECT format('C{:04d}', i), format('A{}', i % 6), format('Agent {}', i % 6), format('T{}', i % 6 % 3),
			CASE WHEN i % 2 = 0 THEN 'billing' ELSE 'tech' END, CASE WHEN i % 5 = 0 THEN 'chat' ELSE 'phone' END, 'inbound',
			CASE WHEN i % 7 = 0 THEN NULL ELSE format('cu{}', i % 40) END,
			TIMESTAMP '2026-08-20 08:00:00' + INTERVAL (i * 331) MINUTE,
			CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 7) % 30 END,
			CASE WHEN i % 11 = 0 THEN NULL ELSE 60 + i % 200 END, CASE WHEN i % 4 = 0 THEN 10 END, CASE WHEN i % 11 = 0 THEN NULL ELSE 15 END,
			CASE WHEN i % 13 = 0 THEN NULL ELSE i % 17 = 0 END,
			CASE WHEN i % 10 = 0 THEN NULL ELSE i % 3 <> 0 END,
			CASE WHEN i % 4 = 1 THEN NULL ELSE 1 + i % 5 END
		FROM range(240) t(i)`);
	await db.query(`INSERT INTO complaints (complaint_id, call_id, agent_id, received_at, category, severity, due_at, resolved_at, followed_up_at)
		SELECT format('K{}', i), CASE WHEN i % 3 = 0 THEN NULL ELSE format('C{:04d}', i * 7) END, format('A{}', i * 7 % 6),
			TIMESTAMP '2026-08-25 10:00:00' + INTERVAL (i * 2) DAY, 'billing', 1 + i % 3, TIMESTAMP '2026-08-28 10:00:00' + INTERVAL (i * 2) DAY,
			CASE WHEN i % 4 = 0 THEN NULL ELSE TIMESTAMP '2026-08-26 10:00:00' + INTERVAL (i * 2 + i % 5) DAY END,
			CASE WHEN i % 2 = 0 THEN TIMESTAMP '2026-09-01 10:00:00' + INTERVAL (i * 2) DAY END
		FROM range(25) t(i)`);
	await db.query(`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed, critical_failed)
		SELECT call_id, 'r', 1, s, s >= 80, false FROM (
			SELECT call_id, CASE WHEN hash(call_id) % 8 = 0 THEN NULL ELSE (hash(call_id) % 101)::DOUBLE END AS s FROM calls
		)`);
	await ensureRollup(db);
}, 120_000);

function expectSame(actual: Partial<KpiValues>, expected: Partial<KpiValues>, where: string) {
	for (const [key, want] of Object.entries(expected)) {
		const got = actual[key as keyof KpiValues];
		if (want == null) expect(got ?? null, `${where}: ${key}`).toBeNull();
		else expect(got, `${where}: ${key}`).toBeCloseTo(want, 9);
	}
}

describe.each([{}, { team: 'T1' }, { channel: 'phone' }])('September, filter %o', (dims) => {
	const filter = { from: SEPTEMBER.from, to: SEPTEMBER.to, ...dims };
	const opts = { rubric: REF };
	let dashboard: KpiValues;
	beforeAll(async () => {
		dashboard = (await queryKpis(db, filter, opts)).current.values;
	});

	it('has a value for every KPI (the comparison below is not of nulls)', () => {
		for (const key of KPI_KEYS) expect(dashboard[key], key).not.toBeNull();
	});

	it('the rollups and the in-memory cube give the dashboard figures', async () => {
		expectSame((await queryKpisFromRollup(db, filter, opts)).current.values, dashboard, 'rollup SQL');
		expectSame(cubeKpis((await loadRollupRows(db, REF))!, filter).current.values, dashboard, 'cube');
	});

	it('the report gives the dashboard figures', async () => {
		const report = await queryReport(db, { period: SEPTEMBER, dims, rubric: REF, settings: DEFAULT_SETTINGS });
		expectSame(report.current.values, dashboard, 'report');
	});
});

it('the team row of the leaderboard gives the dashboard figures of the team filter', async () => {
	const dashboard = (await queryKpis(db, { from: SEPTEMBER.from, to: SEPTEMBER.to, team: 'T1' }, { rubric: REF })).current.values;
	const board = await queryLeaderboard(db, { period: SEPTEMBER, grouping: 'team', rubric: REF, minCallsPerMonth: 1 });
	const row = board.rows.find((r) => r.id === 'T1')!;
	expectSame(row.current.values, Object.fromEntries(LEADER_KEYS.map((k) => [k, dashboard[k]])), 'leaderboard');
});

it("the agent page's weekly team trend gives the dashboard figures of that week and team", async () => {
	const week = { from: '2026-09-07', to: '2026-09-13', team: 'T1' };
	const dashboard = (await queryKpis(db, week, { rubric: REF })).current.values;
	const detail = await queryAgentDetail(db, { agentId: 'A1', team: 'T1', from: week.from, to: week.to, rubric: REF });
	const team = detail.trend.find((p) => p.who === 'team' && p.week === week.from)!;
	expect(dashboard.qaAvg).not.toBeNull();
	expectSame(
		{ volume: team.calls, qaAvg: team.qa_avg, csatMean: team.csat_mean, aht: team.aht },
		{
			volume: dashboard.volume,
			qaAvg: dashboard.qaAvg,
			csatMean: dashboard.csatMean,
			aht: dashboard.aht
		},
		'agent page'
	);
});
