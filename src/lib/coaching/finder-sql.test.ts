// A trainer finds example moments by what the automatic checklist found: failed/passed items, the closest
// greetings, the longest interruptions; filtered by team, period and recording. Real scoring SQL on real DuckDB.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { scoreCalls } from '../scoring/score';
import { seedCalls, type TestCall } from '../scoring/test-calls';
import { addClip, createSession } from './coaching-sql';
import { CONTEXT_S, findExamples, linesOfCall, listTeams, momentsIn } from './finder-sql';

const RUBRIC = { id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version };

const CALLS: TestCall[] = [
	{
		id: 'A', // exact greeting, no interruption
		turns: [
			['agent', 0, 4, '您好，这里是华信通信，请问有什么可以帮您？'],
			['customer', 5, 9, '我想查一下话费'],
			['agent', 10, 14, '好的，请您稍等，谢谢']
		]
	},
	{
		id: 'B', // near greeting (ASR slip), one short interruption
		turns: [
			['agent', 0, 4, '您好很高兴您服务'],
			['customer', 5, 15, '我上个月的账单有问题，多扣了我五十块钱'],
			['agent', 12, 16, '您先别急，我帮您查一下账单']
		]
	},
	{
		id: 'C', // no greeting, two interruptions, the second long
		turns: [
			['agent', 0, 3, '喂'],
			['customer', 4, 14, '你们的网络又断了，这已经是这个月第三次了'],
			['agent', 12, 15, '这个是线路维护造成的'],
			['customer', 16, 30, '我不管什么维护，我要求赔偿，你们必须给我一个说法'],
			['agent', 20, 28, '这个问题我们公司不能给您解决']
		]
	}
];

describe('example finder', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await seedCalls(db, CALLS);
		await db.query(`UPDATE calls SET team = CASE call_id WHEN 'C' THEN '二组' ELSE '一组' END, agent_name = '坐席' || call_id,
			started_at = CASE call_id WHEN 'A' THEN TIMESTAMP '2026-09-01 09:00:00' WHEN 'B' THEN TIMESTAMP '2026-09-15 10:00:00' ELSE TIMESTAMP '2026-10-02 11:00:00' END`);
		await db.query(`INSERT INTO recordings (call_id, file, channels) VALUES ('C', 'C.wav', 2)`);
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
	}, 120_000);

	it('lists calls where an item failed, with the evidence line and a playable span around it', async () => {
		const { rows, more } = await findExamples(db, { rubric: RUBRIC, kind: 'failed', item_id: 'banned_phrase' });
		expect(more).toBe(false);
		expect(rows.map((r) => r.call_id)).toEqual(['C']);
		expect(rows[0]).toMatchObject({ agent: '坐席C', team: '二组', seq: 5, line: '这个问题我们公司不能给您解决', recording: 'C.wav' });
		expect(rows[0].start_s).toBeCloseTo(20 - CONTEXT_S);
		expect(rows[0].end_s).toBeCloseTo(28 + CONTEXT_S);
	});

	it('lists calls where an item passed, recorded calls first, and filters by team and period', async () => {
		const all = await findExamples(db, { rubric: RUBRIC, kind: 'passed', item_id: 'banned_phrase' });
		expect(all.rows.map((r) => r.call_id)).toEqual(['B', 'A']);
		const team = await findExamples(db, { rubric: RUBRIC, kind: 'passed', item_id: 'greeting', team: '一组' });
		expect(team.rows.map((r) => r.call_id).sort()).toEqual(['A', 'B']);
		const sept = await findExamples(db, { rubric: RUBRIC, kind: 'failed', item_id: 'interruption', from: '2026-09-01', to: '2026-09-30' });
		expect(sept.rows.map((r) => r.call_id)).toEqual(['B']);
		const recorded = await findExamples(db, { rubric: RUBRIC, kind: 'failed', item_id: 'interruption', isRecordedOnly: true });
		expect(recorded.rows.map((r) => r.call_id)).toEqual(['C']);
	});

	it('ranks greetings by how closely they match the standard line', async () => {
		const { rows } = await findExamples(db, { rubric: RUBRIC, kind: 'best_phrase', item_id: 'greeting' });
		expect(rows.map((r) => r.call_id)).toEqual(['A', 'B']);
		expect(rows[0].metric).toBe(1);
		expect(rows[1].metric).toBeGreaterThanOrEqual(0.75);
		expect(rows[1].metric).toBeLessThan(1);
	});

	it('lists every interruption, longest overlap first, each at its own place in the call', async () => {
		const { rows } = await findExamples(db, { rubric: RUBRIC, kind: 'longest_interruption', item_id: 'interruption' });
		expect(rows.map((r) => [r.call_id, r.seq, r.metric])).toEqual([
			['C', 5, 8],
			['B', 3, 3],
			['C', 3, 2]
		]);
		expect(rows[0].start_s).toBeCloseTo(20 - CONTEXT_S);
		expect(rows[0].end_s).toBeCloseTo(28 + CONTEXT_S);
		expect(rows[0].line).toBe('这个问题我们公司不能给您解决');
	});

	it('pages with a probe row', async () => {
		const first = await findExamples(db, { rubric: RUBRIC, kind: 'longest_interruption', item_id: 'interruption', limit: 2 });
		expect(first.rows).toHaveLength(2);
		expect(first.more).toBe(true);
		const next = await findExamples(db, { rubric: RUBRIC, kind: 'longest_interruption', item_id: 'interruption', limit: 2, offset: 2 });
		expect(next.rows.map((r) => r.call_id)).toEqual(['C']);
		expect(next.more).toBe(false);
	});

	it('gives the teams and the transcript lines of a span', async () => {
		expect(await listTeams(db)).toEqual(['一组', '二组']);
		expect((await linesOfCall(db, 'C', 13, 21, null)).map((l) => l.seq)).toEqual([2, 3, 4, 5]);
		expect((await linesOfCall(db, 'C', null, null, 1)).map((l) => l.text)).toEqual(['喂']);
		// A finding with no turn (a greeting never said) gets the call's opening lines.
		expect((await linesOfCall(db, 'A', null, null, null)).map((l) => l.seq)).toEqual([1, 2, 3]);
	});

	it('knows which found moments a session already holds', async () => {
		const [top] = (await findExamples(db, { rubric: RUBRIC, kind: 'longest_interruption', item_id: 'interruption' })).rows;
		const sid = await createSession(db, { title: '抢话' });
		expect(await momentsIn(db, sid)).toEqual(new Set());
		await addClip(db, sid, {
			call_id: top.call_id,
			agent: top.agent,
			team: top.team,
			start_s: top.start_s,
			end_s: top.end_s,
			label: 'improve',
			item_id: 'interruption',
			item_label: null,
			note: null,
			excerpt: [],
			audio_path: null
		});
		expect(await momentsIn(db, sid)).toEqual(new Set([`C@${20 - CONTEXT_S}`]));
	});

	it('reads the params as data: any key order, look-alike keys inside a quoted text ignored', async () => {
		const params = JSON.stringify({
			parts: [
				{ code: 'interruption_count', n: '1', max: '0', note: '{"code":"interruption_event","seq":"1","at":"0.0","overlap":"99.0"}' },
				{ overlap: '4.5', chars: '12', at: '6.0', seq: '2', code: 'interruption_event' },
				{ code: 'phrase_close', sim: '0.80', phrase: '"sim":"0.10"' }
			]
		});
		await db.query(
			`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, evidence, evidence_code, evidence_params) VALUES ('A', ?, ?, 'hand_written', 'pass', 'x', 'list', ?)`,
			[RUBRIC.id, RUBRIC.version, params]
		);
		const events = await findExamples(db, { rubric: RUBRIC, kind: 'longest_interruption', item_id: 'hand_written' });
		expect(events.rows.map((r) => [r.call_id, r.seq, r.metric])).toEqual([['A', 2, 4.5]]);
		const best = await findExamples(db, { rubric: RUBRIC, kind: 'best_phrase', item_id: 'hand_written' });
		expect(best.rows.map((r) => r.metric)).toEqual([0.8]);
	});
});
