// A finding's evidence in the interface language: every code the scoring SQL emits has a Chinese and an
// English text, real findings (scored by the compiled SQL in the unit tests' DuckDB (db/test-db.ts)) read as expected in both, and
// anything the catalogue cannot say falls back to the English evidence column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { en } from './en';
import { zh, type MessageKey } from './zh';
import { formatMessage, placeholderNames } from './format-message';
import { compileRubric } from '../scoring/compile';
import { DEFAULT_RUBRIC_ZH_JSON } from '../scoring/default-rubric-zh';
import { EVIDENCE_CODES } from '../scoring/evidence';
import { validateRubric } from '../scoring/rubric';
import { clearCalls, seedCalls, type TestCall } from '../scoring/test-calls';
import { describeEvidence, type EvidenceOf } from './describe-evidence';

/** t() over one catalogue, as the UI's locale does it. */
const tr = (cat: Record<MessageKey, string>) => (key: MessageKey, params?: Record<string, string | number>) =>
	formatMessage(cat[key], params, cat === zh ? 'zh' : 'en');
const placeholders = placeholderNames;
/** Keys describeEvidence joins and quotes lists with: not codes. */
const GLUE = ['quote', 'list_sep', 'part_sep'];

describe('evidence catalogue', () => {
	it.each(EVIDENCE_CODES)('evidence.%s has a Chinese and an English text', (code) => {
		const key = `evidence.${code}` as MessageKey;
		expect(zh[key], `zh ${key}`).toBeTruthy();
		expect(en[key], `en ${key}`).toBeTruthy();
		expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
	});

	it('has no evidence text for a code the scoring SQL cannot emit', () => {
		const known = new Set<string>([...EVIDENCE_CODES, ...GLUE]);
		expect(Object.keys(zh).filter((k) => k.startsWith('evidence.') && !known.has(k.slice('evidence.'.length)))).toEqual([]);
	});
});

describe('describeEvidence', () => {
	it.each([
		[{ evidence: 'ring 16.0 s > 15 s' }, 'ring 16.0 s > 15 s'],
		[{ evidence: 'from a newer scorer', evidence_code: 'not_in_catalogue', evidence_params: '{}' }, 'from a newer scorer'],
		[{ evidence: 'params cut short', evidence_code: 'ring_over', evidence_params: '{"value":"16.0"' }, 'params cut short'],
		[
			{
				evidence: 'a part unknown',
				evidence_code: 'list',
				evidence_params: '{"parts":[{"code":"ring_over","value":"16.0","max":"15"},{"code":"new"}]}'
			},
			'a part unknown'
		],
		[{ evidence: null, evidence_code: null, evidence_params: null }, null]
	] as [EvidenceOf, string | null][])('falls back to the English evidence: %j', (f, expected) => {
		expect(describeEvidence(f, tr(zh))).toBe(expected);
	});

	it('fills params, lists and parts in the interface language', () => {
		const f = {
			evidence: 'x',
			evidence_code: 'list',
			evidence_params:
				'{"parts":[{"code":"banned_in_seq","phrases":["保证","肯定"],"seq":"3","quote":"我保证肯定"},{"code":"ring_over","value":"16.0","max":"15"}]}'
		};
		expect(describeEvidence(f, tr(zh))).toBe('第 3 句出现 “保证”、“肯定”：我保证肯定；振铃 16.0 秒，超过 15 秒');
		expect(describeEvidence(f, tr(en))).toBe('"保证", "肯定" in seq 3: 我保证肯定; ring 16.0 s > 15 s');
		const m = {
			evidence: 'csat = 2 (needs >= 3)',
			evidence_code: 'metric',
			evidence_params: '{"field":"csat","op":">=","value":"3","actual":"2"}'
		};
		expect(describeEvidence(m, tr(zh))).toBe('满意度评分为 2（需 ≥ 3）');
	});
});

// Calls covering each shape of evidence, scored with the default rubric plus the rule kinds it lacks.
const CALLS: TestCall[] = [
	{
		id: 'good',
		ring_s: 5,
		turns: [
			['agent', 0, 3, '您好，这里是华信通信，很高兴为您服务'],
			['customer', 3.5, 6, '我想查一下话费'],
			['agent', 6.5, 10, '好的请您提供一下手机号码，谢谢'],
			['customer', 10.5, 13, '一三八零零一二三四五六'],
			['agent', 13.5, 17, '请问还有其他可以帮您的吗？谢谢您的来电，再见']
		]
	},
	{
		id: 'bad',
		ring_s: 16,
		turns: [
			['agent', 0, 2, '喂，你好'],
			['customer', 2.5, 8, '我的宽带一直断线，你们什么时候能修好'],
			['agent', 6, 9, '这个我保证明天肯定修好，你的卡号是6222021234567890123'],
			['customer', 19, 21, '那好吧'],
			['agent', 30, 31, '行']
		]
	},
	{
		id: 'chat',
		turns: [
			['agent', null, null, '您好'],
			['customer', null, null, '在吗']
		]
	},
	{ id: 'gone', abandoned: true, ring_s: 40 },
	// A complaint: overlaps from voice activity (one a backchannel), banned words, a silence after a hold phrase.
	{
		id: 'rude',
		category: '投诉',
		ring_s: 3,
		turns: [
			['agent', 0, 2, '您好'],
			['customer', 2.5, 9, '我要投诉你们的宽带一直断线'],
			['agent', 8, 9.5, '嗯嗯'],
			['agent', 10, 13, '这个不知道，你自己看着办，请稍等'],
			['customer', 23, 25, '喂还在吗'],
			['agent', 25.5, 28, '我保证今天一定修好']
		],
		va: [
			['customer', 2.5, 9],
			['agent', 5, 7.5],
			['agent', 8, 9.5],
			['agent', 10, 13],
			['customer', 24.5, 27],
			['agent', 25.5, 28]
		]
	},
	// A silence after a hold phrase, from the transcript only.
	{
		id: 'held',
		turns: [
			['agent', 0, 3, '好的，请稍等，我这边核实一下。'],
			['agent', 12.4, 14, '感谢您的耐心等待']
		]
	},
	// Voice activity and a transcript: a silence without a hold phrase.
	{
		id: 'quiet',
		turns: [
			['agent', 0, 3, '您看一下手机有没有收到短信'],
			['customer', 11.6, 13, '收到了']
		],
		va: [
			['agent', 0, 3],
			['customer', 11.6, 13]
		]
	},
	// A recording without a transcript: the agent takes the floor, a long silence, a late reply.
	{
		id: 'audio_only',
		va: [
			['agent', 0, 3],
			['customer', 3.5, 9],
			['agent', 8, 12],
			['customer', 21, 23],
			['agent', 30, 31]
		]
	},
	{
		id: 'audio_smooth',
		va: [
			['agent', 0, 3],
			['customer', 3.5, 9],
			['agent', 9.5, 12]
		]
	},
	{ id: 'agent_only', turns: [['agent', 0, 1, '您好']] },
	// Issue 11: a slip in the closing, a question that only looks like one, a harmless 不知道.
	{
		id: 'slip',
		turns: [
			['agent', 0, 2, '您好，这里是华信通信'],
			['agent', 2.5, 4, '还要什么可以帮您']
		]
	},
	{ id: 'near', turns: [['agent', 0, 2, '您还有其他号码吗？']] },
	{ id: 'excused', turns: [['agent', 0, 3, '如果您不知道原来的密码，我可以帮您重置']] },
	{ id: 'customer_only', turns: [['customer', 0, 2, '喂喂喂']] },
	// A call log without hold time: the metric on it has nothing to read.
	{ id: 'no_hold', hold_s: null, turns: [['agent', 0, 1, '您好']] }
];
const ITEM = { weight: 1, critical: false, label: { zh: '附加', en: 'extra' } };

const RUBRIC = validateRubric({
	...DEFAULT_RUBRIC_ZH_JSON,
	items: [
		...DEFAULT_RUBRIC_ZH_JSON.items,
		{ ...ITEM, id: 'hold', rule: { kind: 'metric', field: 'hold_s', op: '<=', value: 60 } },
		{ ...ITEM, id: 'acc', rule: { kind: 'phrase_required', speaker: 'customer', phrases: ['没有人这样说'], accepted: ['我想查一下话费'] } },
		{ ...ITEM, id: 'cust', rule: { kind: 'phrase_required', speaker: 'customer', phrases: ['谢谢'], window: { last_turns: 1 } } },
		{
			...ITEM,
			id: 'anyone',
			rule: { kind: 'phrase_required', speaker: 'any', phrases: ['您好'], window: { first_turns: 1, last_turns: 1 } }
		},
		{ ...ITEM, id: 'only_chat', applies_when: { channel: ['chat'] }, rule: { kind: 'manual' } },
		{ ...ITEM, id: 'words_slow', rule: { kind: 'speech_rate', unit: 'words', min_cpm: 1000, max_cpm: 2000, min_chars: 1 } },
		{ ...ITEM, id: 'words_any', rule: { kind: 'speech_rate', unit: 'words', min_cpm: 0, max_cpm: 100000, min_chars: 1 } }
	]
});

let db: Db;
let rows: (EvidenceOf & { call_id: string; item_id: string })[] = [];
beforeAll(async () => {
	db = await createTestDb();
	await clearCalls(db);
	await seedCalls(db, CALLS);
	for (const s of compileRubric(RUBRIC, { write: false }).sql) await db.query(s);
	rows = (
		await db.query<EvidenceOf & { call_id: string; item_id: string }>(
			'SELECT call_id, item_id, evidence, evidence_code, evidence_params FROM cqa_res ORDER BY call_id, item_id'
		)
	).rows;
});
afterAll(async () => {
	await db.close();
});

/** Every code in a finding's params, parts and lists included. */
function codesOf(code: string, params: unknown): string[] {
	const out = [code];
	for (const v of Object.values(params as Record<string, unknown>))
		if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object') out.push(...codesOf(String((x as { code: unknown }).code), x));
	return out;
}

describe('evidence of scored calls', () => {
	it('every code the scoring SQL emits is in EVIDENCE_CODES, and every one of them is emitted', () => {
		const emitted = new Set(rows.filter((r) => r.evidence_code).flatMap((r) => codesOf(r.evidence_code!, JSON.parse(r.evidence_params!))));
		expect([...emitted].sort()).toEqual([...EVIDENCE_CODES].sort());
	});

	it('says every finding with evidence fully in Chinese, and in English', () => {
		for (const r of rows) {
			const where = `${r.call_id} ${r.item_id}: ${r.evidence}`;
			expect(r.evidence_code == null, where).toBe(r.evidence == null);
			if (r.evidence == null) continue;
			const zhText = describeEvidence(r, tr(zh))!;
			const enText = describeEvidence(r, tr(en))!;
			expect(zhText, where).not.toBe(r.evidence);
			expect(zhText, where).not.toMatch(/[A-Za-z{}]/);
			expect(enText, where).not.toMatch(/[{}]/);
		}
	});

	it.each([
		['bad', 'ring', '振铃 16.0 秒，超过 15 秒', 'ring 16.0 s > 15 s'],
		['bad', 'greeting', '已说“您好”（第 1 句）；未说“这里是华信通信”', '"您好" found (seq 1); "这里是华信通信" missing'],
		['good', 'greeting', '已说“您好”（第 1 句）；已说“这里是华信通信”（第 1 句）', '"您好" found (seq 1); "这里是华信通信" found (seq 1)'],
		['good', 'closing', '已说“还有其他可以帮您的吗”（第 5 句）', '"还有其他可以帮您的吗" found (seq 5)'],
		['slip', 'closing', '“还有什么可以帮您” 近似说出（相似度 0.83 ≥ 0.8；第 2 句）', '"还有什么可以帮您" ≈ 0.83 ≥ 0.8 (seq 2)'],
		[
			'near',
			'closing',
			'未说“还有其他问题吗”；最接近的是第 1 句（相近度 0.60）',
			'"还有其他问题吗" missing; closest: seq 1 (closeness 0.60)'
		],
		[
			'good',
			'acc',
			'说了认可的说法“我想查一下话费”（相似度 1.00 ≥ 1；第 2 句）',
			'accepted phrasing "我想查一下话费" found, 1.00 ≥ 1 (seq 2)'
		],
		[
			'excused',
			'banned_phrase',
			'未发现禁用语；第 1 句的“不知道”属于例外，不计',
			'none found; "不知道" in seq 1 excused by the rule\'s exceptions'
		],
		[
			'bad',
			'interruption',
			'抢话 1 次，最多允许 0 次；第 3 句（6.0 秒处）与客户重叠 2.0 秒，35 字',
			'1 interruption(s), max 0; seq 3 at 6.0 s: overlap 2.0 s, 35 chars'
		],
		['bad', 'reply_latency', '客户第 4 句后隔了 9.0 秒才回复（第 5 句），应在 5 秒内', 'reply 9.0 s after seq 4 (seq 5) ≥ 5 s'],
		['bad', 'dead_air', '第 3 句后静默 10.0 秒；第 4 句后静默 9.0 秒', 'gap 10.0 s after seq 3; gap 9.0 s after seq 4'],
		['rude', 'courtesy', '礼貌用语 2 次，少于 6 次；其中 “您” 1 次、“请” 1 次', '2 courtesy word(s) < 6; 您 1, 请 1'],
		[
			'rude',
			'banned_phrase',
			'第 4 句出现 “不知道”、“你自己看着办”：这个不知道，你自己看着办，请稍等',
			'"不知道", "你自己看着办" in seq 4: 这个不知道，你自己看着办，请稍等'
		],
		[
			'bad',
			'speech_rate',
			'第 3 句语速每分钟 700 字（3.0 秒 35 字），不在 120–330 字之间',
			'seq 3: 700 chars/min (35 chars in 3.0 s) outside 120–330'
		],
		['bad', 'pii_disclosure', '第 3 句说出银行卡号 622************0123', '银行卡号 622************0123 in seq 3'],
		['customer_only', 'greeting', '规定范围内没有坐席发言', 'no agent turn in the window'],
		['bad', 'identity_check', '不适用于此通话', 'does not apply to this call'],
		[
			'audio_only',
			'interruption',
			'抢话 1 次，最多允许 0 次；8.0 秒处与客户重叠 1.0 秒，客户停下后客服仍在说（无对应转写）；来自录音',
			'1 interruption(s), max 0; at 8.0 s: overlap 1.0 s, the agent went on after the customer stopped (no transcript turn); from audio'
		],
		[
			'audio_only',
			'dead_air',
			'12.0 秒处静默 9.0 秒（来自录音；没有转写，无法判断是否为保持等待）',
			'gap 9.0 s at 12.0 s (from audio; no transcript, so whether it was a hold cannot be known)'
		],
		[
			'audio_only',
			'reply_latency',
			'23.0 秒处客户说完后 7.0 秒才回复（来自录音）',
			'reply 7.0 s after the customer stopped at 23.0 s (from audio)'
		],
		[
			'rude',
			'dead_air',
			'13.0 秒处静默 11.5 秒，第 4 句已请客户稍候，不计（来自录音）',
			'gap 11.5 s at 13.0 s after a hold phrase in seq 4: excused (from audio)'
		],
		['audio_smooth', 'dead_air', '没有 8 秒及以上的静默（来自录音）', 'no silence ≥ 8 s (from audio)']
	])('%s %s reads "%s"', (callId, itemId, zhText, enText) => {
		const r = rows.find((x) => x.call_id === callId && x.item_id === itemId)!;
		expect(describeEvidence(r, tr(zh))).toBe(zhText);
		expect(describeEvidence(r, tr(en))).toBe(enText);
	});
});
