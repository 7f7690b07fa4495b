// The timing rule kinds (interruption, response_time) on tiny hand-made calls, through the real compiled SQL in
// the unit tests' DuckDB (db/test-db.ts); the other kinds are rules.test.ts.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import type { Turn } from './test-calls';
import { checkCases, defaultItem, type Case } from './rule-cases';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});

const check = (item: Record<string, unknown>, cases: Case[], extra?: Record<string, unknown>) => checkCases(db, item, cases, extra);
const item = defaultItem;

describe('interruption', () => {
	const rule = item('interruption');
	const rant: Turn = ['customer', 10, 20, '我每个月都是固定套餐从来没超过这个月突然多了这么多'];
	it('counts agent turns starting inside a customer turn with ≥ 1.0 s overlap and ≥ 4 chars', () =>
		check(rule, [
			{
				name: 'interruption 1.6 s',
				turns: [rant, ['agent', 18.4, 22, '您先听我说，这个情况我们是按规定处理的。']],
				expected: 'fail',
				evidence: 'overlap 1.6 s, 18 chars'
			},
			{
				name: 'exactly 1.0 s (float 13.7 − 12.7)',
				turns: [
					['customer', 10, 13.7, '我想问一下这个月的话费'],
					['agent', 12.7, 15, '您先别急我跟您说']
				],
				expected: 'fail'
			},
			{ name: 'short overlap 0.6 s', turns: [rant, ['agent', 19.4, 22, '我理解您的心情，我马上帮您核实处理。']], expected: 'pass' },
			{ name: 'backchannel 好的，嗯', turns: [rant, ['agent', 12, 14, '好的，嗯']], expected: 'pass', evidence: 'ignored' },
			{ name: 'backchannel 嗯嗯，是', turns: [rant, ['agent', 12, 14, '嗯嗯，是']], expected: 'pass' },
			{ name: 'after the customer finished', turns: [rant, ['agent', 20.5, 22, '好的我来帮您查一下']], expected: 'pass' },
			{
				name: 'chat',
				turns: [
					['customer', null, null, '你好'],
					['agent', null, null, '您好']
				],
				expected: 'na'
			}
		]));

	it('allows max_count on ordinary calls but max_count_complaint on complaint calls', () =>
		check({ rule: { kind: 'interruption', max_count: 1, max_count_complaint: 0 } }, [
			{ name: 'ordinary call, one', turns: [rant, ['agent', 18, 22, '您先听我说一下']], expected: 'pass' },
			{
				name: 'complaint call, one',
				call: { category: '投诉' },
				turns: [rant, ['agent', 18, 22, '您先听我说一下']],
				expected: 'fail',
				evidence: 'complaint call'
			}
		]));

	it('uses voice activity when the call has it', () =>
		check(rule, [
			{
				name: 'voice activity overlap 1.5 s',
				turns: [rant, ['agent', 20.2, 23, '您先听我说一下处理流程']],
				call: {
					va: [
						['customer', 10, 20],
						['agent', 18.5, 23]
					]
				},
				expected: 'fail',
				evidence: 'from audio'
			},
			{
				name: 'voice activity: no overlap',
				turns: [rant, ['agent', 18.5, 23, '您先听我说一下处理流程']],
				call: {
					va: [
						['customer', 10, 18],
						['agent', 18.5, 23]
					]
				},
				expected: 'pass'
			}
		]));

	it("scores a recorded call without a transcript from its audio: taking the floor counts, a backchannel inside the customer's speech does not", () =>
		check(rule, [
			{
				name: 'agent starts 2 s before the customer stops and goes on',
				turns: [],
				call: {
					va: [
						['customer', 10, 20],
						['agent', 18, 24]
					]
				},
				expected: 'fail',
				evidence: 'the agent went on after the customer stopped (no transcript turn); from audio'
			},
			{
				name: "a 1.5 s backchannel inside the customer's speech",
				turns: [],
				call: {
					va: [
						['customer', 10, 20],
						['agent', 14, 15.5]
					]
				},
				expected: 'pass'
			},
			{
				name: 'overlap 0.6 s',
				turns: [],
				call: {
					va: [
						['customer', 10, 20],
						['agent', 19.4, 24]
					]
				},
				expected: 'pass'
			},
			{ name: 'mono: no voice activity, no transcript', turns: [], call: { va: [] }, expected: 'na' },
			{ name: 'voice activity of unknown speakers only', turns: [], call: { va: [['mixed', 0, 10]] }, expected: 'na' }
		]));
});

describe('response_time', () => {
	it('ring ≤ 15 s; n/a when abandoned', () =>
		check({ rule: { kind: 'response_time', measure: 'ring', max_ring_s: 15 } }, [
			{ name: '15 s', call: { ring_s: 15 }, turns: [], expected: 'pass' },
			{ name: '23 s', call: { ring_s: 23 }, turns: [], expected: 'fail', evidence: 'ring 23.0 s > 15 s' },
			{ name: 'abandoned', call: { ring_s: 40, abandoned: true }, turns: [], expected: 'na' }
		]));

	it('dead air ≥ 8 s unless after a hold phrase', () =>
		check(item('dead_air'), [
			{
				name: '8.6 s silence',
				turns: [
					['agent', 0, 3, '您看一下手机有没有收到短信'],
					['customer', 11.6, 13, '收到了']
				],
				expected: 'fail',
				evidence: 'gap 8.6 s after seq 1'
			},
			{
				name: '9.4 s after 请稍等',
				turns: [
					['agent', 0, 3, '好的，请稍等，我这边核实一下。'],
					['agent', 12.4, 14, '感谢您的耐心等待']
				],
				expected: 'pass',
				evidence: 'excused'
			},
			{
				name: 'covered by an overlapping long turn',
				turns: [
					['customer', 0, 20, '我说了很久很久'],
					['agent', 2, 3, '嗯'],
					['agent', 21, 23, '好的']
				],
				expected: 'pass'
			},
			{
				name: '7.9 s',
				turns: [
					['agent', 0, 3, '您好'],
					['customer', 10.9, 12, '你好']
				],
				expected: 'pass'
			},
			{ name: 'chat', turns: [['agent', null, null, '您好']], expected: 'na' }
		]));

	it('reply latency: customer end → next agent start ≥ 5 s; agent → agent (hold) does not count', () =>
		check(item('reply_latency'), [
			{
				name: '7.2 s',
				turns: [
					['customer', 0, 3, '喂？还在吗？'],
					['agent', 10.2, 12, '在的']
				],
				expected: 'fail',
				evidence: 'reply 7.2 s after seq 1'
			},
			{
				name: '4.9 s',
				turns: [
					['customer', 0, 3, '你好'],
					['agent', 7.9, 9, '您好']
				],
				expected: 'pass'
			},
			{
				name: 'agent → agent',
				turns: [
					['agent', 0, 3, '请稍等'],
					['agent', 30, 33, '感谢您的耐心等待']
				],
				expected: 'pass'
			}
		]));

	it("reply latency from the audio where the call has voice activity (its times, not the transcript's)", () =>
		check(item('reply_latency'), [
			{
				name: 'transcript says 1 s, audio says 6 s',
				turns: [
					['customer', 0, 3, '喂？还在吗？'],
					['agent', 4, 6, '在的']
				],
				call: {
					va: [
						['customer', 0.2, 3],
						['agent', 9, 10]
					]
				},
				expected: 'fail',
				evidence: 'reply 6.0 s at 3.0 s (from audio)'
			},
			{
				name: 'no transcript, prompt replies',
				turns: [],
				call: {
					va: [
						['customer', 0, 3],
						['agent', 4, 6],
						['customer', 6.5, 8],
						['agent', 9, 10]
					]
				},
				expected: 'pass',
				evidence: '(from audio)'
			},
			{
				name: 'no transcript, agent → agent after a pause',
				turns: [],
				call: {
					va: [
						['agent', 0, 3],
						['agent', 20, 22]
					]
				},
				expected: 'pass'
			}
		]));

	it("dead air from the audio: a transcript's 请稍等 excuses it; without a transcript a hold cannot be known", () =>
		check(item('dead_air'), [
			{
				name: 'silence after 请稍等',
				turns: [
					['agent', 0, 3, '好的，请稍等，我这边核实一下。'],
					['agent', 12.4, 14, '感谢您的耐心等待']
				],
				call: {
					va: [
						['agent', 0.3, 3.2],
						['agent', 12.5, 14]
					]
				},
				expected: 'pass',
				evidence: 'after a hold phrase in seq 1: excused (from audio)'
			},
			{
				name: 'silence without a hold phrase',
				turns: [
					['agent', 0, 3, '您看一下手机有没有收到短信'],
					['customer', 11.6, 13, '收到了']
				],
				call: {
					va: [
						['agent', 0, 3],
						['customer', 11.6, 13]
					]
				},
				expected: 'fail',
				evidence: 'gap 8.6 s at 3.0 s (from audio)'
			},
			{
				name: 'no transcript',
				turns: [],
				call: {
					va: [
						['agent', 0, 3],
						['agent', 12.4, 14]
					]
				},
				expected: 'fail',
				evidence: 'no transcript, so whether it was a hold cannot be known'
			},
			{
				name: 'no transcript, no silence',
				turns: [],
				call: {
					va: [
						['agent', 0, 3],
						['customer', 4, 9]
					]
				},
				expected: 'pass',
				evidence: 'no silence ≥ 8 s (from audio)'
			}
		]));
});
