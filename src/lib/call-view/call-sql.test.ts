// One call's page data on real SQL: facts, transcript order, findings and score of the version asked for,
// and the versions that scored the call (the ?v= selector).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { seedCalls } from '../scoring/test-calls';
import { scoreCalls } from '../scoring/score';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { callVersions, getCall, getFindings, getScore, getSegments } from './call-sql';
import { clock, span } from '../format/time';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await seedCalls(db, [
		{
			id: 'k1',
			turns: [
				['customer', 4, 6, '我要投诉'],
				['agent', 0, 3, '喂'],
				['agent', 6.5, 9, '我也没办法']
			]
		},
		{ id: 'chat1', turns: [['agent', null, null, '您好，很高兴为您服务']] }
	]);
	await scoreCalls(db, DEFAULT_RUBRIC_ZH);
	await scoreCalls(db, { ...DEFAULT_RUBRIC_ZH, version: 2 });
});
afterAll(() => db.close());

describe('call page data', () => {
	it('reads the facts and the transcript in time order; a missing call is null', async () => {
		expect((await getCall(db, 'k1'))?.channel).toBe('phone');
		expect(await getCall(db, 'nope')).toBeNull();
		const { segments, more } = await getSegments(db, 'k1');
		expect(segments.map((s) => s.seq)).toEqual([2, 1, 3]);
		expect(more).toBe(false);
	});

	it('returns the findings and score of the version asked for, in rubric order, with located evidence', async () => {
		const f = await getFindings(db, 'k1', { id: DEFAULT_RUBRIC_ZH.id, version: 1 });
		expect(f.map((x) => x.item_id)).toEqual(DEFAULT_RUBRIC_ZH.items.map((it) => it.id));
		const banned = f.find((x) => x.item_id === 'banned_phrase');
		expect(banned).toMatchObject({ result: 'fail', seq: 3, start_s: 6.5 });
		expect(banned?.evidence).toContain('我也没办法');
		expect(await getScore(db, 'k1', { id: DEFAULT_RUBRIC_ZH.id, version: 1 })).toMatchObject({
			score: 0,
			passed: false,
			critical_failed: true
		});
		expect(await getFindings(db, 'k1', { id: DEFAULT_RUBRIC_ZH.id, version: 7 })).toEqual([]);
	});

	it('lists the versions that scored the call, newest first', async () => {
		expect((await callVersions(db, 'k1', DEFAULT_RUBRIC_ZH.id)).map((v) => v.version)).toEqual([2, 1]);
	});

	it('formats times as mm:ss and untimed chat as —', () => {
		expect(clock(65.4)).toBe('01:05');
		expect(span(6.5, 9)).toBe('00:06–00:09');
		expect(span(null, null)).toBe('—');
	});
});
