// A scoring run reports its progress step by step and can be cancelled: a cancelled run leaves findings, scores and
// the re-scoring marks as they were, drops its temp tables, and the next run scores as if nothing had happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { markDirtyIds } from '../db/score-dirty';
import { clearCalls, seedCalls, type TestCall } from './test-calls';
import { scoreCalls, ScoringCancelled } from './score';
import { scoreAll, scorePending } from './dirty';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});

const calls: TestCall[] = [
	{
		id: 'k1',
		turns: [
			['agent', 0, 2, '您好，很高兴为您服务'],
			['customer', 2, 4, '我想查话费'],
			['agent', 4, 6, '请问还有什么可以帮您']
		]
	},
	{
		id: 'k2',
		turns: [
			['agent', 0, 2, '喂'],
			['customer', 2, 4, '我要投诉'],
			['agent', 4, 6, '好的再见']
		]
	}
];

/** Every finding and score of the workspace, and the marks, as comparable text. */
async function snapshot(): Promise<string> {
	const f = await db.query('SELECT call_id, rubric_version, item_id, result, evidence FROM findings ORDER BY ALL');
	const s = await db.query('SELECT call_id, rubric_version, score, passed FROM scores ORDER BY ALL');
	const d = await db.query('SELECT call_id FROM score_dirty ORDER BY ALL');
	return JSON.stringify([f.rows, s.rows, d.rows]);
}

async function tempTables(): Promise<string[]> {
	const { rows } = await db.query<{ name: string }>(
		`SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'cqa_%'`
	);
	return rows.map((r) => r.name).sort();
}

/** A signal aborted while the run is at statement `at` (the abort is seen before the next statement). */
function abortAt(at: number): { signal: AbortSignal; onStep: (done: number, total: number) => void; steps: number[] } {
	const controller = new AbortController();
	const steps: number[] = [];
	return {
		signal: controller.signal,
		steps,
		onStep: (done) => {
			steps.push(done);
			if (done === at) controller.abort();
		}
	};
}

describe('scoring progress and cancel', () => {
	it('reports every statement of the run, from 0 to the total', async () => {
		await clearCalls(db);
		await seedCalls(db, calls);
		const seen: [number, number][] = [];
		await scoreCalls(db, DEFAULT_RUBRIC_ZH, { onStep: (done, total) => seen.push([done, total]) });
		const total = seen[0][1];
		expect(total).toBeGreaterThan(DEFAULT_RUBRIC_ZH.items.length);
		expect(seen.map(([d]) => d)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
		expect(seen.every(([, t]) => t === total)).toBe(true);
	});

	it('stops before writing, leaves findings, scores and marks as they were, and the next run completes', async () => {
		await clearCalls(db);
		await seedCalls(db, calls);
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		// k2's transcript changes and is marked, as an import does.
		await db.query(`UPDATE segments SET text = '请问还有什么可以帮您' WHERE call_id = 'k2' AND seq = 3`);
		await markDirtyIds(db, ['k2']);
		const before = await snapshot();

		for (const at of [0, 5, 12]) {
			const run = abortAt(at);
			await expect(scorePending(db, DEFAULT_RUBRIC_ZH, undefined, run)).rejects.toBeInstanceOf(ScoringCancelled);
			expect(run.steps.at(-1)).toBe(at);
			expect(await snapshot()).toBe(before);
			expect(await tempTables()).toEqual([]);
		}

		await scorePending(db, DEFAULT_RUBRIC_ZH);
		expect(await snapshot()).not.toBe(before);
		const { rows } = await db.query<{ result: string }>(`SELECT result FROM findings WHERE call_id = 'k2' AND item_id = 'closing'`);
		expect(rows.map((r) => r.result)).toEqual(['pass']);
		expect((await db.query('SELECT * FROM score_dirty')).rows).toEqual([]);
	});

	it('cancels the full re-score of a new version without writing a score for it, keeping the marks', async () => {
		await clearCalls(db);
		await seedCalls(db, calls);
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		await markDirtyIds(db, ['k1']);
		const before = await snapshot();
		const next = { ...DEFAULT_RUBRIC_ZH, version: 2 };
		await expect(scoreAll(db, next, abortAt(3))).rejects.toBeInstanceOf(ScoringCancelled);
		expect(await snapshot()).toBe(before);
		await scoreAll(db, next);
		const { rows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM scores WHERE rubric_version = 2`);
		expect(Number(rows[0].n)).toBe(2);
	});
});
