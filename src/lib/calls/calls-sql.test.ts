import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { scoreCalls } from '../scoring/score';
import { listCalls, listFilterOptions, PAGE_SIZE, parseCallsFilters, parseCallsSort } from './calls-sql';

let db: Db;

beforeAll(async () => {
	db = await createTestDb();
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
	const ids = async (o: Partial<Parameters<typeof listCalls>[1]>) =>
		(await listCalls(db, { page: 1, q: 'D', ...o })).rows.map((r) => r.call_id).sort();

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
			scoreMax: 100,
			agent: null,
			complaint: null,
			complaintCategory: null,
			complaintSeverity: null,
			words: null
		});
		expect(parseCallsFilters(new URLSearchParams('complaintCategory=资费&complaintSeverity=9'))).toMatchObject({
			complaintCategory: '资费',
			complaintSeverity: null
		});
		expect(parseCallsFilters(new URLSearchParams('agent=A1&complaint=maybe&words=%20退款%20'))).toMatchObject({
			agent: 'A1',
			complaint: null,
			words: '退款'
		});
		expect(parseCallsSort(new URLSearchParams('sort=score&dir=asc'))).toEqual({ sort: 'score', dir: 'asc' });
		expect(parseCallsSort(new URLSearchParams('sort=drop table&dir=up'))).toEqual({ sort: null, dir: null });
	});
});

describe('calls list filter bar: agent, complaint, words, sorting', () => {
	const R = { id: 'r', version: 1 };
	beforeAll(async () => {
		await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, started_at, csat, talk_s) VALUES
			('W1', 'B1', '王五', '2026-10-01 09:00:00', 5, 300),
			('W2', 'B2', '赵六', '2026-10-01 10:00:00', 2, 60),
			('W3', 'B1', '王五', '2026-10-01 11:00:00', NULL, 120),
			('W4', NULL, '钱七', '2026-10-01 12:00:00', 3, NULL)`);
		await db.query(`INSERT INTO segments (call_id, seq, speaker, text) VALUES
			('W1', 1, 'agent', '您好，这里是华信客服。'), ('W1', 2, 'customer', '我要办理退款'),
			('W2', 1, 'agent', '您 好！请问有什么可以帮您？'), ('W2', 2, 'customer', '網絡很慢'),
			('W3', 1, 'agent', 'Thank you for calling'), ('W3', 2, 'customer', '退'), ('W3', 3, 'customer', '款')`);
		await db.query(
			`INSERT INTO complaints (complaint_id, call_id, category, severity) VALUES ('K1', 'W2', '资费', 2), ('K2', NULL, '资费', 2), ('K3', 'W1', '态度', NULL)`
		);
		await db.query(
			`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed) VALUES ('W1', 'r', 1, 70, false), ('W2', 'r', 1, 95, true), ('W4', 'r', 1, 80, true)`
		);
	});
	const ids = async (o: Partial<Parameters<typeof listCalls>[1]>) =>
		(await listCalls(db, { page: 1, q: 'W', ...o })).rows.map((r) => r.call_id);

	it('filters on the agent (by id, or by name when the call has no id)', async () => {
		expect((await ids({ agent: 'B1' })).sort()).toEqual(['W1', 'W3']);
		expect(await ids({ agent: '钱七' })).toEqual(['W4']);
	});

	it('filters on whether a complaint is linked to the call', async () => {
		expect((await ids({ complaint: 'yes' })).sort()).toEqual(['W1', 'W2']);
		expect((await ids({ complaint: 'no' })).sort()).toEqual(['W3', 'W4']);
	});

	it('opens the calls behind a complaints-chart bar: category, and severity (0 = not given)', async () => {
		expect(await ids({ complaintCategory: '资费' })).toEqual(['W2']);
		expect(await ids({ complaintCategory: '资费', complaintSeverity: 2 })).toEqual(['W2']);
		expect(await ids({ complaintCategory: '资费', complaintSeverity: 3 })).toEqual([]);
		expect(await ids({ complaintSeverity: 0 })).toEqual(['W1']);
	});

	it('finds words in the transcript the way the scorer normalises text, all words within one turn each', async () => {
		expect(await ids({ words: '退款' })).toEqual(['W1']);
		// Spaces, punctuation and full-width forms do not matter; traditional matches simplified.
		expect(await ids({ words: '您好请问' })).toEqual(['W2']);
		expect(await ids({ words: '网络' })).toEqual(['W2']);
		expect(await ids({ words: 'THANK   you' })).toEqual(['W3']);
		// Every word must occur.
		expect(await ids({ words: '您好 退款' })).toEqual(['W1']);
		expect(await ids({ words: '您好 不存在' })).toEqual([]);
		// Only punctuation: no condition.
		expect((await ids({ words: '，。' })).length).toBe(4);
	});

	it('finds words in calls scored since (scoring writes the search text) and in calls added after', async () => {
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		const { rows } = await db.query<{ n: number }>(`SELECT n_segments AS n FROM call_text WHERE call_id = 'W3'`);
		expect(rows.map((r) => Number(r.n))).toEqual([3]);
		expect(await ids({ words: '退款' })).toEqual(['W1']);
		await db.query(`DELETE FROM scores WHERE rubric_id = 'default-zh'; DELETE FROM findings WHERE rubric_id = 'default-zh'`);
	});

	it('picks up new and changed transcripts for the words search', async () => {
		await db.query(`INSERT INTO segments (call_id, seq, speaker, text) VALUES ('W4', 1, 'agent', '为您办理退款')`);
		expect((await ids({ words: '退款' })).sort()).toEqual(['W1', 'W4']);
		await db.query(`DELETE FROM segments WHERE call_id = 'W4'`);
		expect(await ids({ words: '退款' })).toEqual(['W1']);
	});

	it('finds a variant word form by its standard one and back, before and after scoring', async () => {
		await db.query(`INSERT INTO segments (call_id, seq, speaker, text) VALUES ('W4', 1, 'agent', '您的帐单已寄出')`);
		expect(await ids({ words: '账单' })).toEqual(['W4']);
		expect(await ids({ words: '帐单' })).toEqual(['W4']);
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		expect(await ids({ words: '账单' })).toEqual(['W4']);
		expect(await ids({ words: '帐单' })).toEqual(['W4']);
		await db.query(`DELETE FROM segments WHERE call_id = 'W4'`);
		await db.query(`DELETE FROM scores WHERE rubric_id = 'default-zh'; DELETE FROM findings WHERE rubric_id = 'default-zh'`);
	});

	it('sorts in SQL by date, agent, score, CSAT and talk time, unknown values last', async () => {
		expect(await ids({})).toEqual(['W4', 'W3', 'W2', 'W1']);
		expect(await ids({ sort: 'date', dir: 'asc' })).toEqual(['W1', 'W2', 'W3', 'W4']);
		expect(await ids({ sort: 'csat' })).toEqual(['W2', 'W4', 'W1', 'W3']);
		expect(await ids({ sort: 'csat', dir: 'desc' })).toEqual(['W1', 'W4', 'W2', 'W3']);
		expect(await ids({ sort: 'talk', dir: 'desc' })).toEqual(['W1', 'W3', 'W2', 'W4']);
		expect(await ids({ sort: 'score', dir: 'desc', rubric: R })).toEqual(['W2', 'W4', 'W1', 'W3']);
		// By name (code point order: 王 < 赵 < 钱), then id, then call id.
		expect(await ids({ sort: 'agent' })).toEqual(['W1', 'W3', 'W2', 'W4']);
	});

	it('offers the agents, teams and channels present for the pickers', async () => {
		const o = await listFilterOptions(db);
		expect(o.agents).toContainEqual({ agent: 'B1', name: '王五' });
		expect(o.agents).toContainEqual({ agent: '钱七', name: '钱七' });
		expect(o.teams).toEqual(['A', 'B']);
		expect(o.channels).toEqual(['chat', 'phone']);
	});

	it('sorts across pages without repeating or skipping a call', async () => {
		const seen: string[] = [];
		for (let p = 1; p <= 3; p++) seen.push(...(await listCalls(db, { page: p, q: 'C0', sort: 'csat' })).rows.map((r) => r.call_id));
		expect(new Set(seen).size).toBe(120);
	});
});
