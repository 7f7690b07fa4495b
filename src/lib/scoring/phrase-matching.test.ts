// How required phrases and banned phrases match real speech (issue 11), through the real compiled SQL in
// the unit tests' DuckDB (db/test-db.ts): what agents of a real hotline said for the closing and greeting, near misses that are not the
// script, and banned-phrase look-alikes a careful inspector would not count. docs/rubric.md describes the rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { clearCalls, seedCalls, oneItemRubric, type Turn } from './test-calls';
import { compileRubric } from './compile';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { DEFAULT_RUBRIC_EN } from './default-rubric-en';
import { phrasePattern } from './phrase-pattern';
import type { Rubric } from './rubric';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});

interface Row {
	call_id: string;
	result: string;
	seq: number | null;
	evidence: string;
	evidence_params: string;
}

async function run(rubric: Rubric, itemId: string, turns: Turn[][]): Promise<Row[]> {
	await clearCalls(db);
	await seedCalls(
		db,
		turns.map((t, i) => ({ id: `c${String(i).padStart(2, '0')}`, turns: t }))
	);
	for (const s of compileRubric(rubric, { write: false }).sql) await db.query(s);
	const { rows } = await db.query<Row>(
		`SELECT call_id, result, seq, evidence, evidence_params FROM cqa_res WHERE item_id = ? ORDER BY call_id`,
		[itemId]
	);
	return rows;
}

const item = (r: Rubric, id: string) => r.items.find((x) => x.id === id)!;
const only = (r: Rubric, id: string): Rubric => ({ ...r, items: [item(r, id)] });
/** A call whose last agent turns are `lines` (after a problem statement). */
const closingCall = (...lines: string[]): Turn[] => [
	['agent', null, null, '您好，这里是华信通信，请问有什么可以帮您？'],
	['customer', null, null, '我想查一下话费。'],
	...lines.map((l): Turn => ['agent', null, null, l])
];

describe('default closing on what agents really say', () => {
	const cases: [string, 'pass' | 'fail'][] = [
		['不客气还有其它问题吗', 'pass'],
		['嗯请问下先生还有什么可以帮您的', 'pass'],
		['那请问还有什么可以帮助您呢', 'pass'],
		['还有什么可以帮您？', 'pass'],
		['您看还需要其他帮助吗', 'pass'],
		['还有别的问题吗', 'pass'],
		['请问还有其他可以帮到您的吗', 'pass'],
		['感谢您来电，祝您生活愉快！', 'pass'],
		['好的，拜拜。', 'pass'],
		// near misses that are not a closing
		['您还有其他号码吗？', 'fail'],
		['请问有什么可以帮您？', 'fail'],
		['好的，那就先这样。', 'fail'],
		['这个费用还有其他的扣款吗', 'fail']
	];
	it('passes the closings agents say and fails the look-alikes', async () => {
		const rows = await run(
			only(DEFAULT_RUBRIC_ZH, 'closing'),
			'closing',
			cases.map(([line]) => closingCall(line))
		);
		expect(rows.map((r, i) => [cases[i][0], r.result])).toEqual(cases);
	});

	it('evidence names the turn, the matched span in its text and the similarity against the threshold', async () => {
		const [r] = await run(only(DEFAULT_RUBRIC_ZH, 'closing'), 'closing', [closingCall('嗯，请问下先生，还有什麼可以幫您的？')]);
		expect(r.result).toBe('pass');
		const part = JSON.parse(r.evidence_params).parts[0];
		expect(part).toMatchObject({ code: 'phrase_found', phrase: '还有什么可以帮您', seq: '3', sim: '1.00', need: '0.8' });
		// offsets in the turn as shown (code points): 还有什麼可以幫您
		expect([...'嗯，请问下先生，还有什麼可以幫您的？'].slice(Number(part.from), Number(part.to)).join('')).toBe('还有什麼可以幫您');
	});

	it('a slip inside the phrase passes with its similarity; the failing call names its closest turn', async () => {
		const [slip, miss] = await run(only(DEFAULT_RUBRIC_ZH, 'closing'), 'closing', [
			closingCall('还要什么可以帮您'),
			closingCall('您还有其他号码吗？')
		]);
		expect(slip.result).toBe('pass');
		expect(JSON.parse(slip.evidence_params).parts[0]).toMatchObject({ code: 'phrase_close', sim: '0.83' });
		expect(miss.result).toBe('fail');
		const near = JSON.parse(miss.evidence_params).parts[0];
		expect(near).toMatchObject({ code: 'phrase_near' });
		expect(miss.seq).toBe(Number(near.seq));
	});
});

describe("a centre's own two closing phrases, courtesy words and class words in real speech", () => {
	// Only the script as a centre writes it: everything else comes from the general rules (docs/rubric.md).
	const centre = oneItemRubric({
		rule: { kind: 'phrase_required', phrases: ['还有其他问题吗|请问还有什么可以帮您'], window: { last_turns: 1 }, fuzzy: 0.8 }
	});
	const cases: [string, 'pass' | 'fail', string][] = [
		// courtesy words of the script left out, or extra ones before and between its words
		['还有什么可以帮您？', 'pass', '1.00'],
		['那请问还有什么可以帮助您呢', 'pass', '1.00'],
		['嗯请问下先生还有什么可以帮您的', 'pass', '1.00'],
		['请问您看还有什么可以帮您', 'pass', '1.00'],
		['还有别的问题吗', 'pass', '1.00'],
		// one class word left out, followed by an extra word, or replaced by a word of another class
		['嗯那您看还有什么帮您的吗', 'pass', '0.86'],
		['不客气，请问还有什么其他能够帮到您', 'pass', '0.86'],
		['啊不用客气，还有其他需要咨询吗', 'pass', '0.80'],
		['好的请问还有其他可以帮到您的吗', 'pass', '0.86'],
		// not an "anything else?" question
		['还有问题就打我们电话', 'fail', ''],
		['还有其他问题您可以再来电', 'fail', ''],
		['您还有其他号码吗？', 'fail', ''],
		['您还有其他的号码可以联系吗', 'fail', ''],
		['这个费用还有其他的扣款吗', 'fail', ''],
		['请问有什么可以帮您？', 'fail', ''],
		['好的，那就先这样。', 'fail', '']
	];
	it('passes the closings a careful inspector passes, with their similarity, and fails the look-alikes', async () => {
		const rows = await run(
			centre,
			'x',
			cases.map(([line]) => closingCall(line))
		);
		const got = rows.map((r, i): [string, string, string] => {
			const part = JSON.parse(r.evidence_params).parts[0];
			return [cases[i][0], r.result, r.result === 'pass' ? part.sim : ''];
		});
		expect(got).toEqual(cases);
	});
});

describe('default greeting', () => {
	const cases: [string, 'pass' | 'fail'][] = [
		['您好，这里是华信通信客服中心，1010号为您服务，请问有什么可以帮您？', 'pass'],
		['您好很高兴您服务', 'pass'],
		['您好，很高兴为您服务', 'pass'],
		['您好，这里是华信通讯客服中心，请问有什么可以帮您？', 'pass'],
		['您好，这里是联创宽带客服中心，请问有什么可以帮您？', 'fail'],
		['您好，请讲。', 'fail'],
		['喂，您好', 'fail']
	];
	it('passes the greeting with slips and fails another company, 请讲 or 喂', async () => {
		const rows = await run(
			only(DEFAULT_RUBRIC_ZH, 'greeting'),
			'greeting',
			cases.map(([line]): Turn[] => [
				['agent', null, null, line],
				['customer', null, null, '我想查话费']
			])
		);
		expect(rows.map((r, i) => [cases[i][0], r.result])).toEqual(cases);
	});
});

describe('accepted phrasings and equivalence classes', () => {
	it('an accepted phrasing passes the item; a rubric-level class widens every phrase', async () => {
		const base = { rule: { kind: 'phrase_required', phrases: ['还有其他问题吗'], window: { last_turns: 2 }, fuzzy: 0.8 } };
		const line = closingCall('您看还有什么需要办理的吗');
		const [before] = await run(oneItemRubric(base), 'x', [line]);
		expect(before.result).toBe('fail');
		const [accepted] = await run(oneItemRubric({ rule: { ...base.rule, accepted: ['还有什么需要办理的吗'] } }), 'x', [line]);
		expect(accepted.result).toBe('pass');
		expect(JSON.parse(accepted.evidence_params).parts[0]).toMatchObject({ code: 'phrase_accepted', phrase: '还有什么需要办理的吗' });
		const [classed] = await run(
			oneItemRubric(base, {
				matching: {
					equivalents: [
						['其他', '什么'],
						['问题', '需要办理的']
					]
				}
			}),
			'x',
			[line]
		);
		expect(classed.result).toBe('pass');
	});
});

describe('banned phrases in context (default zh)', () => {
	const cases: [string, 'pass' | 'fail'][] = [
		['这个我也不知道，你去营业厅问吧。', 'fail'],
		['不知道。', 'fail'],
		['我们也不知道什么时候能修好。', 'fail'],
		['如果您不知道原来的密码，我可以帮您重置。', 'pass'],
		['您是不是不知道怎么操作？', 'pass'],
		['不知道您现在方便接听吗？', 'pass'],
		['您刚才说您不知道这笔扣费是怎么回事，我帮您查一下。', 'pass'],
		['很多客户不知道这个业务可以在网上办。', 'pass'],
		['这不归我们管。', 'fail']
	];
	it("fails the agent's own refusals and passes harmless sentences holding the phrase", async () => {
		const rows = await run(
			only(DEFAULT_RUBRIC_ZH, 'banned_phrase'),
			'banned_phrase',
			cases.map(([line]): Turn[] => [['agent', null, null, line]])
		);
		expect(rows.map((r, i) => [cases[i][0], r.result])).toEqual(cases);
	});
	it('an excused hit is listed in the evidence', async () => {
		const [r] = await run(only(DEFAULT_RUBRIC_ZH, 'banned_phrase'), 'banned_phrase', [
			[['agent', null, null, '如果您不知道原来的密码，我可以帮您重置。']]
		]);
		expect(JSON.parse(r.evidence_params).parts).toContainEqual({ code: 'banned_excused', phrase: '不知道', seq: '1' });
	});
});

describe('default English closing', () => {
	const cases: [string, 'pass' | 'fail'][] = [
		['is there anything else i can help you with today', 'pass'],
		['Is there anything else I can assist you with?', 'pass'],
		['thank you for calling have a great day', 'pass'],
		['let me check that account for you', 'fail']
	];
	it('passes closings with fillers and classes, fails other sentences', async () => {
		const rows = await run(
			only(DEFAULT_RUBRIC_EN, 'closing'),
			'closing',
			cases.map(([line]): Turn[] => [
				['agent', null, null, 'hello how can i help you'],
				['customer', null, null, 'my card'],
				['agent', null, null, line]
			])
		);
		expect(rows.map((r, i) => [cases[i][0], r.result])).toEqual(cases);
	});
});

describe('phrasePattern', () => {
	it('cuts Chinese into characters and Latin into words; class words are never the slip, nor the ends', () => {
		const p = phrasePattern(
			'还有其他问题吗',
			'zh',
			[
				['其他', '别的'],
				['问题', '需要']
			],
			[]
		);
		expect(p.units).toEqual(['还', '有', '(?:其他|别的)', '(?:问题|需要)', '吗']);
		expect(p.slippable).toEqual([false, true, false, false, false]);
		expect(phrasePattern('Anything else I can help with', 'en', [], []).units).toEqual(['anything', 'else', 'i', 'can', 'help', 'with']);
		expect(phrasePattern('其它问题', 'zh', [], []).units).toEqual(['其', '他', '问', '题']);
	});
});

describe('rubric phrases are cut into the same characters cqa_normf makes', () => {
	it('every phrase and class word of both default rubrics', async () => {
		await run(only(DEFAULT_RUBRIC_ZH, 'greeting'), 'greeting', []); // creates the macros
		const strings = [DEFAULT_RUBRIC_ZH, DEFAULT_RUBRIC_EN].flatMap((r) => [
			...r.items.flatMap((i) => (i.rule.kind === 'phrase_required' ? i.rule.phrases.flatMap((p) => p.split('|')) : [])),
			...r.matching.equivalents.flat(),
			'其它問題，帳單',
			'ＡＢＣ　Thank You'
		]);
		const { rows } = await db.query<{ s: string; n: string }>(`SELECT s, cqa_normf(s) AS n FROM unnest(?::VARCHAR[]) u(s)`, [
			JSON.stringify(strings)
		]);
		for (const r of rows)
			expect(phrasePattern(r.s.replace('{company}', ''), 'zh', [], []).units.join(''), r.s).toBe(r.n.replace(/\{?company\}?/, ''));
	});
});

describe('banned phrase evidence', () => {
	it('names the span of the first hit in the turn as said', async () => {
		const text = '这个我也不知道，你去营业厅问吧。';
		const [r] = await run(only(DEFAULT_RUBRIC_ZH, 'banned_phrase'), 'banned_phrase', [[['agent', null, null, text]]]);
		const part = JSON.parse(r.evidence_params).parts[0];
		expect(part).toMatchObject({ code: 'banned_in_seq', seq: '1' });
		expect([...text].slice(Number(part.from), Number(part.to)).join('')).toBe('不知道');
	});
});
