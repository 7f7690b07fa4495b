// Score maths, versions, incremental scoring and the editor's "try it" box, on real SQL in the unit tests' DuckDB (db/test-db.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { clearCalls, seedCalls, type TestCall } from './test-calls';
import { validateRubric, type Rubric } from './rubric';
import { itemSummary, scoreCalls, scoreText } from './score';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { parseDialogue } from './dialogue';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});

// Items whose result is decided by call fields: metric hold_s <= 60 (a), ring ≤ 15 (b), phone only (c).
function rubric(
	weights: [number, number, number],
	critical: [boolean, boolean, boolean] = [false, false, false],
	pass_mark = 80,
	version = 1
): Rubric {
	return validateRubric({
		id: 'm',
		version,
		name: 'maths',
		language: 'zh',
		pass_mark,
		items: [
			{
				id: 'a',
				label: { zh: 'a', en: 'a' },
				weight: weights[0],
				critical: critical[0],
				rule: { kind: 'metric', field: 'hold_s', op: '<=', value: 60 }
			},
			{
				id: 'b',
				label: { zh: 'b', en: 'b' },
				weight: weights[1],
				critical: critical[1],
				rule: { kind: 'response_time', measure: 'ring', max_ring_s: 15 }
			},
			{
				id: 'c',
				label: { zh: 'c', en: 'c' },
				weight: weights[2],
				critical: critical[2],
				applies_when: { channel: ['phone'] },
				rule: { kind: 'metric', field: 'talk_s', op: '>', value: -1 }
			}
		]
	});
}

async function scoreOf(r: Rubric, call: Partial<TestCall>) {
	await clearCalls(db);
	await seedCalls(db, [{ id: 'k', ...call }]);
	await db.query("UPDATE calls SET talk_s = 100 WHERE call_id = 'k'");
	await scoreCalls(db, r);
	const { rows } = await db.query<{ score: number | null; passed: boolean | null; critical_failed: boolean }>(
		'SELECT score, passed, critical_failed FROM scores'
	);
	return rows[0];
}

describe('score maths', () => {
	const cases: { name: string; r: Rubric; call: Partial<TestCall>; score: number | null; passed: boolean | null; critical?: boolean }[] = [
		{ name: 'all pass', r: rubric([10, 20, 30]), call: { hold_s: 0, ring_s: 5 }, score: 100, passed: true },
		{ name: 'weights: a fails (10 of 60)', r: rubric([10, 20, 30]), call: { hold_s: 99, ring_s: 5 }, score: (100 * 50) / 60, passed: true },
		{
			name: 'weights: b fails (20 of 60)',
			r: rubric([10, 20, 30]),
			call: { hold_s: 0, ring_s: 30 },
			score: (100 * 40) / 60,
			passed: false
		},
		{
			name: 'n/a excluded: chat → c n/a, b fails',
			r: rubric([10, 20, 30]),
			call: { channel: 'chat', hold_s: 0, ring_s: 30 },
			score: (100 * 10) / 30,
			passed: false
		},
		{
			name: 'n/a excluded: abandoned ring, chat',
			r: rubric([10, 20, 30]),
			call: { channel: 'chat', hold_s: 0, ring_s: 30, abandoned: true },
			score: 100,
			passed: true
		},
		{
			name: 'nothing applies → NULL',
			r: rubric([10, 20, 30]),
			call: { channel: 'chat', hold_s: null, ring_s: null },
			score: null,
			passed: null
		},
		{
			name: 'critical fail → 0',
			r: rubric([10, 20, 30], [true, false, false]),
			call: { hold_s: 99, ring_s: 5 },
			score: 0,
			passed: false,
			critical: true
		},
		{
			name: 'critical item passing changes nothing',
			r: rubric([10, 20, 30], [true, false, false]),
			call: { hold_s: 0, ring_s: 30 },
			score: (100 * 40) / 60,
			passed: false
		},
		{
			name: 'pass mark 60: 66.7 passes',
			r: rubric([10, 20, 30], undefined, 60),
			call: { hold_s: 0, ring_s: 30 },
			score: (100 * 40) / 60,
			passed: true
		},
		{ name: 'pass mark is inclusive', r: rubric([20, 80, 0], undefined, 80), call: { hold_s: 99, ring_s: 5 }, score: 80, passed: true }
	];
	it.each(cases)('$name', async ({ r, call, score, passed, critical }) => {
		const got = await scoreOf(r, call);
		if (score === null) expect(got.score).toBeNull();
		else expect(got.score).toBeCloseTo(score, 9);
		expect(got.passed).toBe(passed);
		expect(got.critical_failed).toBe(critical ?? false);
	});

	it('records points and max points per finding; n/a has neither', async () => {
		await scoreOf(rubric([10, 20, 30]), { channel: 'chat', hold_s: 99, ring_s: 5 });
		const { rows } = await db.query('SELECT item_id, result, points, max_points FROM findings ORDER BY item_id');
		expect(rows).toEqual([
			{ item_id: 'a', result: 'fail', points: 0, max_points: 10 },
			{ item_id: 'b', result: 'pass', points: 20, max_points: 20 },
			{ item_id: 'c', result: 'na', points: null, max_points: null }
		]);
	});
});

describe('versions and incremental scoring', () => {
	it("re-scoring with a new version keeps the old version's findings and scores", async () => {
		await clearCalls(db);
		await seedCalls(db, [{ id: 'k', hold_s: 99, ring_s: 5 }]);
		await scoreCalls(db, rubric([10, 20, 30], undefined, 80, 1));
		await scoreCalls(db, rubric([10, 20, 30], [true, false, false], 80, 2));
		await scoreCalls(db, rubric([10, 20, 30], [true, false, false], 80, 2)); // idempotent
		const { rows } = await db.query('SELECT rubric_version, score, critical_failed FROM scores ORDER BY rubric_version');
		expect(rows.map((r) => [r.rubric_version, Math.round(Number(r.score)), r.critical_failed])).toEqual([
			[1, 67, false], // talk_s NULL → c n/a: 20 of 30
			[2, 0, true]
		]);
		const f = await db.query('SELECT rubric_version, count(*) AS n FROM findings GROUP BY ALL ORDER BY 1');
		expect(f.rows).toEqual([
			{ rubric_version: 1, n: 3 },
			{ rubric_version: 2, n: 3 }
		]);
		const saved = await db.query<{ version: number; json: string }>('SELECT version, json FROM rubrics ORDER BY version');
		expect(saved.rows.map((r) => r.version)).toEqual([1, 2]);
		expect(JSON.parse(saved.rows[1].json).items[0].critical).toBe(true);
	});

	it('scores only the listed calls when given a table of call ids', async () => {
		await clearCalls(db);
		await seedCalls(db, [
			{ id: 'old', hold_s: 0, ring_s: 5 },
			{ id: 'new', hold_s: 0, ring_s: 5 }
		]);
		const r = rubric([10, 20, 30]);
		await scoreCalls(db, r);
		await db.query("UPDATE calls SET ring_s = 99 WHERE call_id IN ('old', 'new')");
		await db.query("CREATE OR REPLACE TEMP TABLE just_imported AS SELECT 'new' AS call_id");
		const { calls } = await scoreCalls(db, r, { onlyCallsTable: 'just_imported' });
		expect(calls).toBe(1);
		const { rows } = await db.query<{ call_id: string; score: number }>('SELECT call_id, score FROM scores ORDER BY call_id');
		expect(rows.map((x) => [x.call_id, Math.round(x.score)])).toEqual([
			['new', 33],
			['old', 100]
		]);
		expect((await itemSummary(db, 'm', 1)).find((s) => s.item_id === 'b')).toEqual({ item_id: 'b', pass: 1, fail: 1, na: 0 });
	});
});

describe('scoreText (rubric editor "try it")', () => {
	const dialogue = `[00:01] 客服：您好很高兴您服务，这里是华信通信，请问有什么可以帮您？
[00:09] 客户：我想查一下这个月的话费。
[00:12] 客服：这个我也不知道，你去营业厅问吧。
[00:20] 客服：请问还有其他可以帮您的吗？
[00:23] 客户：没有了。
[00:25] 客服：感谢您的来电，再见！`;

	it('returns findings with evidence for a pasted dialogue and leaves real data alone', async () => {
		await clearCalls(db);
		await seedCalls(db, [{ id: 'real', turns: [['agent', 0, 3, '您好']] }]);
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		const before = await db.query(
			'SELECT (SELECT count(*) FROM calls) c, (SELECT count(*) FROM segments) s, (SELECT count(*) FROM findings) f, (SELECT count(*) FROM scores) sc'
		);

		const res = await scoreText(db, dialogue, DEFAULT_RUBRIC_ZH, { category: '账单查询' });
		const by = Object.fromEntries(res.findings.map((f) => [f.item_id, f]));
		expect(by.greeting).toMatchObject({ result: 'pass', seq: 1 });
		expect(by.banned_phrase).toMatchObject({ result: 'fail', seq: 3, start_s: 12 });
		expect(by.banned_phrase.evidence).toContain('不知道');
		expect(by.identity_check.result).toBe('fail');
		expect(by.closing.result).toBe('pass');
		expect(by.ring.result).toBe('na');
		expect(by.greeting.label).toBe('标准开场白');
		expect(res.score).toBe(0); // banned phrase is critical
		expect(res.passed).toBe(false);

		const after = await db.query(
			'SELECT (SELECT count(*) FROM calls) c, (SELECT count(*) FROM segments) s, (SELECT count(*) FROM findings) f, (SELECT count(*) FROM scores) sc'
		);
		expect(after.rows).toEqual(before.rows);
		expect((await db.query("SELECT count(*) AS n FROM findings WHERE call_id = '__try__'")).rows[0].n).toBe(0);
	});

	it('a try-it run started while calls are being scored gets its own results, and so do the calls', async () => {
		await clearCalls(db);
		await seedCalls(db, [
			{ id: 'quiet', turns: [['agent', 0, 3, '您好，这里是华信通信，请问有什么可以帮您？']] },
			{ id: 'rude', turns: [['agent', 0, 3, '这么简单，您自己不会解决吗']] }
		]);
		const [calls, tried] = await Promise.all([
			scoreCalls(db, DEFAULT_RUBRIC_ZH),
			scoreText(db, dialogue, DEFAULT_RUBRIC_ZH, { category: '账单查询' })
		]);
		expect(calls.calls).toBe(2);
		expect(tried.findings.find((f) => f.item_id === 'banned_phrase')).toMatchObject({ result: 'fail', seq: 3 });
		const { rows } = await db.query<{ call_id: string; result: string }>(
			"SELECT call_id, result FROM findings WHERE item_id = 'banned_phrase' AND rubric_version = 1 ORDER BY call_id"
		);
		expect(rows).toEqual([
			{ call_id: 'quiet', result: 'pass' },
			{ call_id: 'rude', result: 'fail' }
		]);
	});

	it('untimed dialogues are scored like chats: timing items n/a', async () => {
		const res = await scoreText(db, 'Agent: Thank you for calling, how can I help you?\nCustomer: hi', DEFAULT_RUBRIC_ZH);
		expect(res.findings.find((f) => f.item_id === 'dead_air')?.result).toBe('na');
	});

	it('parses speakers, times and rejects unknown speakers with the line number', () => {
		expect(parseDialogue('客服: 您好\n\n[1:05] 客户：你好').turns).toEqual([
			{ speaker: 'agent', start_s: null, end_s: null, text: '您好' },
			{ speaker: 'customer', start_s: null, end_s: null, text: '你好' }
		]);
		const timed = parseDialogue('[00:01] 客服：您好\n[00:03.5] Customer: hello there');
		expect(timed.timed).toBe(true);
		expect(timed.turns[0]).toMatchObject({ start_s: 1, end_s: 2 }); // 2 characters ≈ 1 s, before the next turn;
		expect(parseDialogue('[00:01-00:04.5] 客服：您好\n客户：[0:05 - 0:06] 嗯').turns).toMatchObject([
			{ start_s: 1, end_s: 4.5 },
			{ start_s: 5, end_s: 6 }
		]);
		expect(() => parseDialogue('客服：您好\n经理：你好')).toThrow(/line 2/);
	});
});
