import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createNodeWasmDb } from '../db/node-wasm';
import { ensureSchema } from '../db/schema';
import { listCalls, PAGE_SIZE, parseCallsFilters } from './calls-sql';

let db: Db;

beforeAll(async () => {
	db = await createNodeWasmDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, started_at)
		SELECT 'C' || lpad(i::VARCHAR, 4, '0'), 'A' || (i % 3), CASE WHEN i % 3 = 0 THEN '张_三' ELSE '李四' END, TIMESTAMP '2026-01-01' + INTERVAL (i) MINUTE
		FROM range(1, 121) t(i)`);
	await db.query(`INSERT INTO segments (call_id, seq, speaker, text) VALUES ('C0120', 1, 'agent', '您好')`);
});
afterAll(() => db.close());

describe('calls list', () => {
	it('pages newest first and says how many pages there are', async () => {
		const first = await listCalls(db, { page: 1, q: '' });
		expect(first.total).toBe(120);
		expect(first.pages).toBe(3);
		expect(first.rows).toHaveLength(PAGE_SIZE);
		expect(first.rows[0].call_id).toBe('C0120');
		expect(first.rows[0].has_transcript).toBe(true);
		const last = await listCalls(db, { page: 3, q: '' });
		expect(last.rows).toHaveLength(20);
		expect(last.rows.at(-1)?.call_id).toBe('C0001');
	});

	it('clamps a page past the end to the last page', async () => {
		expect((await listCalls(db, { page: 99, q: '' })).page).toBe(3);
	});

	it('filters on call id and agent, treating % and _ literally', async () => {
		expect((await listCalls(db, { page: 1, q: 'c011' })).total).toBe(10);
		expect((await listCalls(db, { page: 1, q: '张_' })).total).toBe(40);
		expect((await listCalls(db, { page: 1, q: '%' })).total).toBe(0);
	});
});

describe('calls list with scores', () => {
	const R = { id: 'r', version: 1 };
	beforeAll(async () => {
		// C0001..C0010 scored: odd calls fail (score 50, item 'greeting' failed), even calls pass.
		await db.query(`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed, critical_failed)
			SELECT 'C' || lpad(i::VARCHAR, 4, '0'), 'r', 1, CASE WHEN i % 2 = 1 THEN 50 ELSE 100 END, i % 2 = 0, false FROM range(1, 11) t(i)`);
		await db.query(`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, points, max_points)
			SELECT 'C' || lpad(i::VARCHAR, 4, '0'), 'r', 1, item, CASE WHEN item = 'greeting' AND i % 2 = 1 THEN 'fail' WHEN item = 'closing' AND i = 3 THEN 'fail' ELSE 'pass' END, 0, 1
			FROM range(1, 11) t(i), (VALUES ('greeting'), ('closing')) v(item)`);
		// An older version where every call failed closing: never counted under version 1.
		await db.query(`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result)
			SELECT 'C' || lpad(i::VARCHAR, 4, '0'), 'r', 0, 'closing', 'fail' FROM range(1, 11) t(i)`);
	});

	it('shows score, pass and failed-item count of the asked version; unscored calls have none', async () => {
		const p = await listCalls(db, { page: 3, q: '', rubric: R });
		const byId = new Map(p.rows.map((r) => [r.call_id, r]));
		expect(byId.get('C0003')).toMatchObject({ score: 50, passed: false, failed_items: 2 });
		expect(byId.get('C0004')).toMatchObject({ score: 100, passed: true, failed_items: 0 });
		expect(byId.get('C0011')).toMatchObject({ score: null, passed: null, failed_items: null });
	});

	it('filters to calls that did not pass, and to calls failing one item', async () => {
		const failed = await listCalls(db, { page: 1, q: '', rubric: R, result: 'failed' });
		expect(failed.total).toBe(5);
		expect(failed.rows.every((r) => r.passed === false)).toBe(true);
		expect((await listCalls(db, { page: 1, q: '', rubric: R, item: 'closing' })).rows.map((r) => r.call_id)).toEqual(['C0003']);
		expect((await listCalls(db, { page: 1, q: '', rubric: { id: 'r', version: 0 }, item: 'closing' })).total).toBe(10);
		expect((await listCalls(db, { page: 1, q: 'C0001', rubric: R, result: 'failed', item: 'greeting' })).total).toBe(1);
	});

	it('ignores score filters when there is no rubric', async () => {
		expect((await listCalls(db, { page: 1, q: '', rubric: null, result: 'failed' })).total).toBe(120);
	});
});

describe('calls list drill-down filters (dashboard links)', () => {
	const R = { id: 'r', version: 1 };
	beforeAll(async () => {
		// 2026-09-07 is a Monday.
		await db.query(`INSERT INTO calls (call_id, team, queue, channel, started_at, csat) VALUES
			('D1', 'A', 'q1', 'phone', '2026-09-07 09:00:00', 5),
			('D2', 'A', 'q2', 'chat', '2026-09-07 10:00:00', 4),
			('D3', 'B', 'q1', 'phone', '2026-09-08 09:30:00', NULL),
			('D4', 'A', 'q1', 'phone', '2026-09-30 23:59:59', 1),
			('D5', 'A', 'q1', 'phone', '2026-10-01 00:00:00', NULL)`);
		await db.query(`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed) VALUES
			('D1', 'r', 1, 100, true), ('D2', 'r', 1, 90, true), ('D3', 'r', 1, 89.5, false)`);
	});
	const ids = async (o: Partial<Parameters<typeof listCalls>[1]>) => (await listCalls(db, { page: 1, q: 'D', ...o })).rows.map((r) => r.call_id).sort();

	it('filters on the period (both days included), team, queue and channel', async () => {
		expect(await ids({ from: '2026-09-01', to: '2026-09-30' })).toEqual(['D1', 'D2', 'D3', 'D4']);
		expect(await ids({ from: '2026-09-08', to: '2026-09-08' })).toEqual(['D3']);
		expect(await ids({ from: '2026-09-01', to: '2026-09-30', team: 'A', channel: 'phone' })).toEqual(['D1', 'D4']);
		expect(await ids({ queue: 'q2' })).toEqual(['D2']);
	});

	it('filters on hour of day and ISO weekday, and on a score band of the rubric', async () => {
		expect(await ids({ hour: 9 })).toEqual(['D1', 'D3']);
		expect(await ids({ weekday: 1, hour: 9 })).toEqual(['D1']);
		expect(await ids({ weekday: 3 })).toEqual(['D4']);
		expect(await ids({ csat: 4 })).toEqual(['D2']);
		expect(await ids({ rubric: R, scoreMin: 90, scoreMax: 100 })).toEqual(['D1', 'D2']);
		expect(await ids({ rubric: R, scoreMin: 80, scoreMax: 90 })).toEqual(['D3']);
	});

	it('reads the filters from the URL, dropping values it cannot use', () => {
		expect(parseCallsFilters(new URLSearchParams('from=2026-09-01&to=x&team=A&hour=25&weekday=7&scoreMin=90&scoreMax=100'))).toEqual({
			from: '2026-09-01',
			to: null,
			team: 'A',
			queue: null,
			channel: null,
			hour: null,
			weekday: 7,
			csat: null,
			scoreMin: 90,
			scoreMax: 100
		});
	});
});
