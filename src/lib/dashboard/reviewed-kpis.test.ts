// Managers see reviewed scores: a submitted review's corrections move the agent's QA score by the same amount on
// the dashboard (raw SQL, the rollups and the in-memory cube), the leaderboard, the agent page and the report,
// because all of them read the one definition (metrics/qa-score.ts); "automatic only" gives the old number back.
// Real DuckDB (the unit tests' DuckDB, db/test-db.ts), real scoring SQL.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { queryAgentDetail } from '../agent/agent-sql';
import { queryLeaderboard } from '../metrics/build-leaderboard-sql';
import { parsePeriod } from '../scope/period';
import { DEFAULT_SETTINGS } from '../metrics/settings';
import { queryReport } from '../report/report-data';
import { setOverride, submitReview } from '../review/review-sql';
import { validateRubric } from '../scoring/rubric';
import { scoreCalls } from '../scoring/score';
import type { QaSource } from '../metrics/qa-score';
import { queryKpis } from '../metrics/build-kpi-sql';
import { cubeKpis } from './rollup-cube';
import { ensureRollup, loadRollupRows, queryKpisFromRollup } from './rollup-sql';

const RUBRIC = validateRubric({
	id: 'qa-test',
	version: 1,
	name: 'test',
	language: 'zh',
	pass_mark: 80,
	items: [
		{
			id: 'greet',
			label: { zh: '问候', en: 'Greeting' },
			weight: 10,
			critical: false,
			rule: { kind: 'phrase_required', phrases: ['您好'], speaker: 'agent' }
		},
		{ id: 'attitude', label: { zh: '服务态度', en: 'Attitude' }, weight: 10, critical: false, rule: { kind: 'manual' } }
	]
});
const REF = { id: RUBRIC.id, version: RUBRIC.version };
const SEPTEMBER = parsePeriod('2026-09')!;
const FILTER = { from: SEPTEMBER.from, to: SEPTEMBER.to, team: '甲组' };

let db: Db;

// Agent A (team 甲组) and agent B (team 乙组), four September calls each; call 2 of each has no greeting. The manual
// item is n/a until judged, so the automatic scores are 100, 0, 100, 100: A's QA score 75, pass rate 3/4.
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, channel, direction, started_at, ring_s, talk_s, abandoned, resolved, csat)
		SELECT format('{}{}', a, i), a, CASE a WHEN 'A' THEN '王芳' ELSE '李明' END, CASE a WHEN 'A' THEN '甲组' ELSE '乙组' END, 'phone', 'inbound',
			TIMESTAMP '2026-09-01 09:00:00' + INTERVAL (i) DAY, 5, 60, false, true, 5
		FROM (VALUES ('A'), ('B')) t(a), range(1, 5) r(i)`);
	await db.query(`INSERT INTO segments (call_id, seq, speaker, start_s, end_s, text)
		SELECT call_id, 1, 'agent', 0, 2, CASE WHEN call_id LIKE '_2' THEN '请讲' ELSE '您好，请讲' END FROM calls
		UNION ALL SELECT call_id, 2, 'customer', 2, 5, '我想查一下话费' FROM calls`);
	await scoreCalls(db, RUBRIC);
}, 120_000);

/** The agent's QA score and pass rate as each page's query gives it. */
async function everywhere(qaSource: QaSource) {
	const kpis = (await queryKpis(db, FILTER, { rubric: REF, qaSource })).current.values;
	const rollup = (await queryKpisFromRollup(db, FILTER, { rubric: REF, qaSource })).current.values;
	const cube = cubeKpis((await loadRollupRows(db, REF))!, FILTER, qaSource).current.values;
	const board = await queryLeaderboard(db, { period: SEPTEMBER, rubric: REF, qaSource, minCallsPerMonth: 1 });
	const a = board.rows.find((r) => r.id === 'A')!.current.values;
	const report = await queryReport(db, {
		period: SEPTEMBER,
		dims: { team: '甲组' },
		rubric: REF,
		qaSource,
		settings: { ...DEFAULT_SETTINGS, minCallsPerMonth: 1 }
	});
	const reportRow = report.board.rows.find((r) => r.id === 'A')!.current.values;
	const agent = await queryAgentDetail(db, { agentId: 'A', team: '甲组', from: SEPTEMBER.from, to: SEPTEMBER.to, rubric: REF, qaSource });
	const weeks = agent.trend.filter((p) => p.who === 'agent');
	const agentMean = weeks.reduce((n, p) => n + (p.qa_avg ?? 0) * p.calls, 0) / weeks.reduce((n, p) => n + p.calls, 0);
	return {
		qaAvg: [kpis.qaAvg, rollup.qaAvg, cube.qaAvg, a.qaAvg, report.current.values.qaAvg, reportRow.qaAvg, agentMean],
		qaPass: [kpis.qaPass, rollup.qaPass, cube.qaPass, a.qaPass, report.current.values.qaPass, reportRow.qaPass],
		reviewed: [
			(await queryKpis(db, FILTER, { rubric: REF, qaSource })).current.counts.reviewed,
			board.rows.find((r) => r.id === 'A')!.current.reviewed
		]
	};
}

describe('reviewed scores in the KPIs', () => {
	it('moves the agent\'s QA score identically on every page once the review is submitted; "automatic only" keeps the old one', async () => {
		expect(await ensureRollup(db)).toBe(true);
		const before = await everywhere('reviewed');
		expect(before.qaAvg).toEqual(Array(7).fill(75));
		expect(before.qaPass).toEqual(Array(6).fill(0.75));

		// The inspector finds the greeting was said (an ASR slip) and judges the manual item a fail: 10 of 20 = 50.
		const key = { call_id: 'A2', rubric_id: REF.id, rubric_version: REF.version };
		await setOverride(db, key, 'greet', 'pass', '录音里有问候，转写漏了');
		await setOverride(db, key, 'attitude', 'fail', '语气生硬');
		// A draft changes nothing anywhere.
		await ensureRollup(db);
		expect((await everywhere('reviewed')).qaAvg).toEqual(Array(7).fill(75));

		await submitReview(db, key, '质检员甲');
		// The rollups notice the review (their fingerprint includes reviews) and rebuild.
		expect(await ensureRollup(db)).toBe(true);
		const after = await everywhere('reviewed');
		expect(after.qaAvg).toEqual(Array(7).fill(87.5)); // (100 + 50 + 100 + 100) / 4
		expect(after.qaPass).toEqual(Array(6).fill(0.75)); // 50 is below the pass mark
		expect(after.reviewed).toEqual([1, 1]);

		const automatic = await everywhere('automatic');
		expect(automatic.qaAvg).toEqual(Array(7).fill(75));
		expect(automatic.qaPass).toEqual(Array(6).fill(0.75));
		expect(automatic.reviewed).toEqual([1, 1]); // still says one call has a review it leaves out

		// Agent B is untouched.
		const board = await queryLeaderboard(db, { period: SEPTEMBER, rubric: REF, minCallsPerMonth: 1 });
		expect(board.rows.find((r) => r.id === 'B')!.current.values.qaAvg).toBe(75);
	});

	it("follows a re-score: the reviewed score is computed from the call's current automatic results", async () => {
		const key = { call_id: 'B2', rubric_id: REF.id, rubric_version: REF.version };
		const qa = async () => (await db.query<{ score: number }>(`SELECT score FROM call_qa_scores WHERE call_id = 'B2'`)).rows[0].score;
		await setOverride(db, key, 'attitude', 'pass', '态度好');
		await submitReview(db, key, '质检员甲');
		expect(await qa()).toBe(50); // the greeting still fails automatically
		// A corrected transcript arrives and the call is scored again: the greeting now passes, and the review follows.
		// (Changed in place here: the columns derived from the text are cleared, as the import rewrites them.)
		await db.query(`UPDATE segments SET text = '您好，请讲', norm = NULL, ord = NULL WHERE call_id = 'B2' AND seq = 1`);
		await scoreCalls(db, RUBRIC);
		expect(await qa()).toBe(100);
	});
});
