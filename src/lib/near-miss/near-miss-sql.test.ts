// The near-misses list a QA lead reads to teach the rubric: forms grouped with the calls they would flip, and among
// forms flipping as many calls the one closest to the script first, with that closeness (the scorer's ordered
// alignment). Real compiled SQL in the unit tests' DuckDB (db/test-db.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { clearCalls, oneItemRubric, seedCalls, type Turn } from '../scoring/test-calls';
import { scoreCalls } from '../scoring/score';
import { listNearMisses } from './near-miss-sql';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});

const rubric = oneItemRubric({
	rule: { kind: 'phrase_required', phrases: ['请问还有什么可以帮您'], window: { last_turns: 1 }, fuzzy: 0.8 }
});
const call = (id: string, last: string) => ({
	id,
	turns: [
		['agent', null, null, '您好'],
		['customer', null, null, '我想查话费'],
		['agent', null, null, last]
	] as Turn[]
});

describe('near misses', () => {
	it('rank forms by the calls they would flip, then by how close they came in order', async () => {
		await clearCalls(db);
		await seedCalls(db, [
			call('a1', '帮您还有什么可以'), // the script's characters, out of order
			call('a2', '请问有什么可以帮您？'), // the opening question: one word short, in order
			call('a3', '好的，那就先这样。'), // nothing of the script
			call('b1', '还有问题就打我们电话'),
			call('b2', '还有问题就打我们电话。'),
			call('ok', '还有什么可以帮您？')
		]);
		await scoreCalls(db, rubric);
		const page = await listNearMisses(db, rubric, 'x');
		expect(page.failing).toBe(5);
		expect(page.rows.map((r) => [r.form, r.calls, r.closeness])).toEqual([
			['还有问题就打我们电话', 2, 0.33],
			['请问有什么可以帮您', 1, 0.83],
			['帮您还有什么可以', 1, 0.67]
		]);
		// 好的，那就先这样 shares nothing with the script: a failing call without a comparable turn, not a near miss
		expect(page.withTurn).toBe(4);
	});
});
