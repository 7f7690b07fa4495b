// The leaderboard reads month rollups (leaderboard-rollup.ts) instead of every call of two periods: the board from the
// rollups must equal the one from raw calls for every period kind, grouping, QA source and filter, pick the name and
// team most of an agent's calls carry, and follow the data (an import, a scoring run, a submitted review).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openScoredSample } from '../scoring/scored-sample';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { importFiles } from '../import/pipeline';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { scoreCalls } from '../scoring/score';
import { setOverride, submitReview } from '../review/review-sql';
import { queryLeaderboard, type Leaderboard, type LeaderboardQuery } from './build-leaderboard-sql';
import { ensureLeaderboardRollup } from './leaderboard-rollup';
import { parsePeriod, type Period } from '../scope/period';

const RUBRIC = { id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version };
const period = (key: string) => parsePeriod(key) as Period;

/** Numbers to 9 decimals (sums of monthly sums add in another order), everything else as is. */
function rounded(board: Leaderboard): unknown {
	return JSON.parse(JSON.stringify(board, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v)));
}

async function expectSameAsRaw(db: Db, q: LeaderboardQuery, label: string) {
	const fromRollup = await queryLeaderboard(db, q);
	const raw = await queryLeaderboard(db, q, 'raw');
	expect(rounded(fromRollup), label).toEqual(rounded(raw));
	return fromRollup;
}

describe('leaderboard rollup on the sample', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openScoredSample(inject('scoredSampleDir'));
	}, 180_000);
	afterAll(() => db?.close());

	it('builds once, and not again while the data is unchanged', async () => {
		expect(await ensureLeaderboardRollup(db)).toBe(true);
		expect(await ensureLeaderboardRollup(db)).toBe(false);
	});

	const DIMS = [{}, { team: '账务组' }, { channel: 'phone' }, { queue: '投诉专线', team: '投诉专席' }, { team: 'no such team' }];
	for (const key of ['2026-09', '2026-10', '2026-Q3', '2026-Q4']) {
		it(`${key}: every row, KPI, composite and rank equals the board from raw calls`, async () => {
			let rows = 0;
			for (const grouping of ['agent', 'team'] as const)
				for (const qaSource of ['reviewed', 'automatic'] as const)
					for (const dims of DIMS) {
						const b = await expectSameAsRaw(
							db,
							{ period: period(key), grouping, qaSource, dims, rubric: RUBRIC },
							`${key} ${grouping} ${qaSource} ${JSON.stringify(dims)}`
						);
						rows += b.rows.length;
					}
			expect(rows).toBeGreaterThan(0);
		});
	}

	it('shows no QA figures for a rubric version that scored nothing, like the raw calls', async () => {
		const b = await expectSameAsRaw(db, { period: period('2026-09'), rubric: { id: RUBRIC.id, version: 999 } }, 'v999');
		expect(b.rows.length).toBeGreaterThan(0);
		expect(b.rows.every((r) => r.current.values.qaAvg === null && r.current.scored === 0)).toBe(true);
	});

	it('follows a scoring run, a submitted review and an import', async () => {
		const q: LeaderboardQuery = { period: period('2026-09'), rubric: RUBRIC };
		await ensureLeaderboardRollup(db);
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		expect(await ensureLeaderboardRollup(db)).toBe(true);

		// An inspector fails the greeting of one of an agent's calls and submits: its reviewed score moves the agent's.
		const { rows } = await db.query<{ call_id: string; agent_key: string; item_id: string }>(
			`SELECT c.call_id, c.agent_key, f.item_id FROM call_facts c JOIN findings f ON f.call_id = c.call_id
			WHERE c.started_at >= '2026-09-01' AND c.started_at < '2026-10-01' AND f.rubric_id = ? AND f.rubric_version = ? AND f.result = 'pass'
			ORDER BY c.call_id, f.item_id LIMIT 1`,
			[RUBRIC.id, RUBRIC.version]
		);
		const call = rows[0];
		const before = (await queryLeaderboard(db, q)).rows.find((r) => r.id === call.agent_key);
		const key = { call_id: call.call_id, rubric_id: RUBRIC.id, rubric_version: RUBRIC.version };
		await setOverride(db, key, call.item_id, 'fail', 'rollup test');
		await submitReview(db, key, 'QA-1');
		const after = (await expectSameAsRaw(db, q, 'after a review')).rows.find((r) => r.id === call.agent_key);
		expect(after?.current.reviewed).toBe((before?.current.reviewed ?? 0) + 1);
		expect(after?.current.values.qaAvg).not.toBe(before?.current.values.qaAvg);

		const csv =
			'\uFEFF通话ID,坐席工号,班组,队列,渠道,开始时间,振铃时长,是否放弃\r\nLB-X-1,A1001,账务组,账务热线,电话,2026/09/15 10:00:00,3,否\r\n';
		const a1001 = (await queryLeaderboard(db, q)).rows.find((r) => r.id === 'A1001');
		await importFiles(db, [{ name: 'lb-extra-calls.csv', bytes: new TextEncoder().encode(csv) }]);
		const withNew = (await expectSameAsRaw(db, q, 'after an import')).rows.find((r) => r.id === 'A1001');
		expect(withNew?.current.calls).toBe((a1001?.current.calls ?? 0) + 1);
	});
});

describe('a cancelled leaderboard rollup rebuild', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, started_at, talk_s, abandoned, resolved) VALUES
			('a', 'A1', '张三', 'T1', '2026-09-01 10:00:00', 60, false, true)`);
	});
	afterAll(() => db?.close());

	it('leaves the old rollups and still gives the board, from the calls directly', async () => {
		const q: LeaderboardQuery = { period: period('2026-09') };
		await ensureLeaderboardRollup(db);
		const state = async () => (await db.query('SELECT fingerprint FROM lb_rollup_state')).rows;
		const before = await state();
		const csv = '\uFEFF通话ID,坐席工号,班组,开始时间,通话时长,是否放弃\r\nb,A1,T1,2026/09/02 10:00:00,60,否\r\n';
		await importFiles(db, [{ name: 'more-calls.csv', bytes: new TextEncoder().encode(csv) }]);

		const abort = new AbortController();
		const steps: number[] = [];
		const board = await queryLeaderboard(db, q, undefined, {
			signal: abort.signal,
			onProgress: (done) => {
				steps.push(done);
				if (done === 1) abort.abort();
			}
		});
		expect(steps).toEqual([0, 1]);
		expect(await state()).toEqual(before);
		expect(board.rows.find((r) => r.id === 'A1')?.current.calls).toBe(2);
		expect(rounded(board)).toEqual(rounded(await queryLeaderboard(db, q, 'raw')));
		// The next board rebuilds them.
		expect(await ensureLeaderboardRollup(db)).toBe(true);
	});
});

describe('an agent’s name and team on the rollup board', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		// A1 took three September calls under two spellings and in two teams, and one in August elsewhere.
		await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, queue, channel, started_at, talk_s, abandoned, resolved) VALUES
			('a', 'A1', '张三', 'T2', 'Q', 'phone', '2026-09-01 10:00:00', 60, false, true),
			('b', 'A1', '张三', 'T1', 'Q', 'chat', '2026-09-02 10:00:00', 60, false, true),
			('c', 'A1', '张叁', 'T2', 'Q', 'phone', '2026-09-30 23:59:59', 60, false, false),
			('d', 'A1', '张叁', 'T1', 'Q', 'phone', '2026-08-31 23:59:59', 60, false, true),
			('e', NULL, '李四', 'T1', 'Q', 'phone', '2026-09-03 10:00:00', 60, false, true)`);
	});
	afterAll(() => db?.close());

	it('names the agent and team most of the period’s calls carry, as the raw board does', async () => {
		const b = await expectSameAsRaw(db, { period: period('2026-09') }, 'September');
		const a1 = b.rows.find((r) => r.id === 'A1');
		expect(a1).toMatchObject({ name: '张三', team: 'T2' });
		expect(a1?.current.calls).toBe(3);
		expect(a1?.previous).toMatchObject({ calls: 1 });
		// An agent without an ID is keyed by name.
		expect(b.rows.find((r) => r.id === '李四')?.current.calls).toBe(1);
		const teams = await expectSameAsRaw(db, { period: period('2026-09'), grouping: 'team' }, 'teams');
		expect(teams.rows.map((r) => [r.id, r.current.calls])).toEqual([
			['T1', 2],
			['T2', 2]
		]);
	});
});
