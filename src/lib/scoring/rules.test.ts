// Every rule kind but the timing ones (timing-rules.test.ts) on tiny hand-made calls, through the real compiled SQL
// in the unit tests' DuckDB (db/test-db.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { judge } from './test-calls';
import { validateRubric } from './rubric';
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

describe('phrase_required', () => {
	const mobileCs = { rule: { kind: 'phrase_required', phrases: ['您好，很高兴为您服务'], window: { first_turns: 1 }, fuzzy: 0.75 } };
	it('fuzzy: accepts the ASR slip 您好很高兴您服务 and rejects a first turn with no greeting', () =>
		check(mobileCs, [
			{
				name: 'asr slip',
				turns: [
					['agent', null, null, '您好很高兴您服务'],
					['customer', null, null, '我想查话费']
				],
				expected: 'pass',
				evidence: '0.75'
			},
			{
				name: 'no greeting',
				turns: [
					['agent', null, null, '好的请问还有其他可以帮到您的吗'],
					['customer', null, null, '没有了']
				],
				expected: 'fail'
			},
			{
				name: 'exact with full-width punctuation',
				turns: [['agent', 0, 3, '您好，很高兴为您服务！']],
				expected: 'pass',
				evidence: 'found'
			},
			{
				name: 'greeting only in the second agent turn',
				turns: [
					['agent', 0, 2, '喂'],
					['agent', 2, 5, '您好，很高兴为您服务']
				],
				expected: 'fail'
			},
			{
				name: 'customer greets, agent does not',
				turns: [
					['customer', 0, 2, '您好很高兴为您服务'],
					['agent', 2, 5, '说吧']
				],
				expected: 'fail'
			}
		]));

	it('default greeting: slips pass, another company or none fails', () =>
		check(item('greeting'), [
			{
				name: 'standard',
				turns: [['agent', 1, 7, '您好，这里是华信通信客服中心，1010号为您服务，请问有什么可以帮您？']],
				expected: 'pass'
			},
			{ name: '华信通讯', turns: [['agent', 1, 7, '您好，这里是华信通讯客服中心，请问有什么可以帮您？']], expected: 'pass' },
			{ name: 'wrong company', turns: [['agent', 1, 7, '您好，这里是联创宽带客服中心，请问有什么可以帮您？']], expected: 'fail' },
			{ name: 'missing', turns: [['agent', 1, 2, '喂，你说。']], expected: 'fail' },
			{ name: 'outbound', turns: [['agent', 1, 7, '您好，我是华信通信客服中心1005号客服，请问是机主本人吗？']], expected: 'pass' },
			{ name: 'no transcript', turns: [], expected: 'na' }
		]));

	it('matches traditional-script and full-width transcripts with simplified phrases', () =>
		check({ rule: { kind: 'phrase_required', phrases: ['欢迎光临', '请问有什么可以帮您'], match: 'all', speaker: 'agent' } }, [
			{ name: 'traditional', turns: [['agent', null, null, '歡迎光臨耀記美食！請問有什麼可以幫您？']], expected: 'pass' },
			{ name: 'full-width and spaces', turns: [['agent', null, null, '欢 迎 光 临，ＨＩ！ 请问 有什么 可以帮您']], expected: 'pass' },
			{ name: 'only one of two', turns: [['agent', null, null, '欢迎光临']], expected: 'fail', evidence: 'missing' }
		]));

	it('windows: last turns, first seconds; `a|b` alternatives', () =>
		check({ rule: { kind: 'phrase_required', phrases: ['再见|拜拜'], window: { last_turns: 1, first_s: 100 } } }, [
			{
				name: 'last agent turn',
				turns: [
					['agent', 0, 2, '您好'],
					['agent', 3, 5, '拜拜']
				],
				expected: 'pass'
			},
			{
				name: 'not in the last turn',
				turns: [
					['agent', 0, 2, '再见'],
					['agent', 3, 5, '好的']
				],
				expected: 'fail'
			},
			{
				name: 'after the first 100 s',
				turns: [
					['agent', 0, 2, '您好'],
					['agent', 150, 152, '再见']
				],
				expected: 'fail'
			}
		]));

	it('identity check applies only to the listed inbound categories', () =>
		check(item('identity_check'), [
			{
				name: 'verified',
				call: { category: '账单查询' },
				turns: [
					['agent', 0, 2, '请问您是机主本人吗？'],
					['agent', 5, 8, '麻烦您提供一下身份证后四位']
				],
				expected: 'pass'
			},
			{ name: 'skipped', call: { category: '账单查询' }, turns: [['agent', 0, 2, '好的我帮您查']], expected: 'fail' },
			{ name: 'other category', call: { category: '故障报修' }, turns: [['agent', 0, 2, '好的我帮您查']], expected: 'na' },
			{ name: 'outbound', call: { category: '账单查询', direction: 'outbound' }, turns: [['agent', 0, 2, '好的']], expected: 'na' }
		]));

	it('closing is n/a on transferred calls', () =>
		check(item('closing'), [
			{
				name: 'closed',
				turns: [
					['agent', 0, 2, '请问还有其他可以帮您的吗？'],
					['customer', 2, 3, '没有了'],
					['agent', 3, 5, '感谢您的来电，再见！']
				],
				expected: 'pass'
			},
			{ name: 'not closed', turns: [['agent', 0, 2, '好的，那就先这样。']], expected: 'fail' },
			{ name: 'transferred', call: { transferred: true }, turns: [['agent', 0, 2, '我现在帮您转接过去']], expected: 'na' }
		]));
});

describe('phrase_banned', () => {
	it('agent turns only; phrases and regex patterns', () =>
		check({ rule: { kind: 'phrase_banned', phrases: ['不知道', '这么简单，您自己不会解决吗'], patterns: ['我保证.{0,8}一定'] } }, [
			{
				name: 'agent says 不知道',
				turns: [['agent', 0, 2, '这个我也不知道，你去营业厅问吧。']],
				expected: 'fail',
				evidence: '"不知道" in seq 1'
			},
			{
				name: 'customer says 不知道',
				turns: [
					['customer', 0, 2, '我不知道啊'],
					['agent', 2, 4, '没关系，我帮您查']
				],
				expected: 'pass'
			},
			{ name: 'punctuation differs', turns: [['agent', 0, 2, '这么简单 您自己不会解决吗？']], expected: 'fail' },
			{ name: 'pattern', turns: [['agent', 0, 2, '我保证下周一定给您处理好']], expected: 'fail' },
			{ name: 'policy statement', turns: [['agent', 0, 2, '三个工作日内给您回复']], expected: 'pass' }
		]));
});

describe('courtesy', () => {
	it('counts words longest first without double counting', () =>
		check({ rule: { kind: 'courtesy', phrases: ['请原谅', '对不起', '谢谢', '再见', '您', '请'], min_count: 3 } }, [
			{
				name: '请原谅 is one word, not 请 + 请原谅',
				turns: [
					['agent', 0, 2, '请原谅'],
					['agent', 2, 4, '谢谢']
				],
				expected: 'fail',
				evidence: '2 courtesy'
			},
			{ name: 'three', turns: [['agent', 0, 2, '请原谅，谢谢您']], expected: 'pass', evidence: '3 courtesy' },
			{
				name: 'customer words do not count',
				turns: [
					['customer', 0, 2, '谢谢您请您再见'],
					['agent', 2, 4, '好']
				],
				expected: 'fail'
			}
		]));
});

describe('speech_rate', () => {
	it('agent turns of ≥ 8 chars between 120 and 330 chars/min', () =>
		check(item('speech_rate'), [
			{ name: '240 cpm', turns: [['agent', 0, 5, '一二三四五六七八九十一二三四五六七八九十']], expected: 'pass' },
			{
				name: '400 cpm',
				turns: [['agent', 0, 3, '一二三四五六七八九十一二三四五六七八九十']],
				expected: 'fail',
				evidence: '400 chars/min'
			},
			{
				name: 'short turn not judged',
				turns: [
					['agent', 0, 0.5, '好的好的'],
					['agent', 1, 6, '一二三四五六七八九十一二三四五六七八九十']
				],
				expected: 'pass'
			},
			{ name: 'too slow', turns: [['agent', 0, 10, '一二三四五六七八九十']], expected: 'fail', evidence: '60 chars/min' }
		]));
});

describe('pii_disclosure', () => {
	it('phone, ID-card and bank-card numbers said by the agent; masked in the evidence', () =>
		check(item('pii_disclosure'), [
			{ name: 'phone', turns: [['agent', 0, 3, '您登记的联系电话是13812345678，对吗？']], expected: 'fail', evidence: '138****5678' },
			{ name: 'ID card with x', turns: [['agent', 0, 3, '您的身份证号是11010119900307123X']], expected: 'fail', evidence: '身份证号' },
			{ name: 'bank card with spaces', turns: [['agent', 0, 3, '卡号 6222 0212 3456 7890 123']], expected: 'fail', evidence: '银行卡号' },
			{ name: 'full-width digits', turns: [['agent', 0, 3, '电话１３８１２３４５６７８']], expected: 'fail' },
			{ name: 'masked tail', turns: [['agent', 0, 3, '您尾号5678的号码，我这边已经查到了。']], expected: 'pass' },
			{
				name: 'customer says it',
				turns: [
					['customer', 0, 3, '我的号码是13812345678'],
					['agent', 3, 5, '好的']
				],
				expected: 'pass'
			}
		]));
});

describe('metric and manual', () => {
	it('metric compares a call field; NULL is n/a', () =>
		check({ rule: { kind: 'metric', field: 'hold_s', op: '<=', value: 60 } }, [
			{ name: '30 s', call: { hold_s: 30 }, turns: [], expected: 'pass' },
			{ name: '90 s', call: { hold_s: 90 }, turns: [], expected: 'fail', evidence: 'hold_s = 90' },
			{ name: 'null', call: { hold_s: null }, turns: [], expected: 'na' }
		]));
	it('manual is always n/a', () =>
		check({ rule: { kind: 'manual' } }, [{ name: 'any', turns: [['agent', 0, 1, '您好']], expected: 'na' }]));
});

describe('applies_when', () => {
	it('an item that does not apply is n/a', () =>
		check({ rule: { kind: 'phrase_required', phrases: ['您好'] }, applies_when: { channel: ['chat'], is_complaint: true } }, [
			{ name: 'phone', call: { channel: 'phone', category: '投诉' }, turns: [['agent', 0, 1, '喂']], expected: 'na' },
			{ name: 'chat complaint', call: { channel: 'chat', category: '投诉' }, turns: [['agent', null, null, '喂']], expected: 'fail' },
			{ name: 'chat, not a complaint', call: { channel: 'chat' }, turns: [['agent', null, null, '喂']], expected: 'na' }
		]));
});

describe('english rubric texts', () => {
	it('phrases match across case and punctuation', async () => {
		const rubric = validateRubric({
			id: 'en',
			version: 1,
			name: 'en',
			language: 'en',
			variables: { company: 'Harper Valley National Bank' },
			items: [
				{
					id: 'x',
					label: { zh: 'x', en: 'x' },
					weight: 1,
					rule: { kind: 'phrase_required', phrases: ['thank you for calling {company}|this is {company}'], fuzzy: 0.8 }
				}
			]
		});
		const got = await judge(db, rubric, [
			{ id: 'a', turns: [['agent', 0, 3, 'Hello, this is Harper Valley National Bank. My name is Elizabeth.']] },
			{ id: 'b', turns: [['agent', 0, 3, 'hello this is happy valley national bank my name is jennifer']] },
			{ id: 'c', turns: [['agent', 0, 3, 'Yeah?']] }
		]);
		expect([got.a.result, got.b.result, got.c.result]).toEqual(['pass', 'pass', 'fail']);
	});
});
