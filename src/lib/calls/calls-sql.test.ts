import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createNodeWasmDb } from '../db/node-wasm';
import { ensureSchema } from '../db/schema';
import { listCalls, PAGE_SIZE } from './calls-sql';

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
