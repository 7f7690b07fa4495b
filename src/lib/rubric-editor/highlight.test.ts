// The try-it box marks where each finding points in the pasted dialogue, from the finding's params (the scoring
// SQL's spans), never by reading the English evidence or normalising text in JS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { parseDialogue } from '../scoring/dialogue';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { scoreText, type TryFinding } from '../scoring/score';
import { findingSpans, pieceTone, splitPieces } from './highlight';

const f = (
	item_id: string,
	result: TryFinding['result'],
	seq: number | null,
	params: object | null,
	evidence: string | null = null
): TryFinding => ({
	item_id,
	label: item_id,
	result,
	seq,
	start_s: null,
	end_s: null,
	evidence,
	evidence_code: params ? 'list' : null,
	evidence_params: params ? JSON.stringify(params) : null
});

const marked = (turns: readonly string[], findings: TryFinding[]) =>
	findingSpans(turns, findings).map((spans, i) => spans.map((s) => [s.mark.item_id, turns[i].slice(s.start, s.end)]));

describe('span splitting', () => {
	it("marks the spans the params give, the turns they name, or the finding's own turn", () => {
		const turns = ['您好很高兴您服务', '我想查话费', '这个我也不知道，你去营业厅问吧。', '对不起，请您稍等'];
		const spans = marked(turns, [
			// a phrase found: its span, even when the evidence quotes it otherwise
			f('greeting', 'pass', 1, {
				parts: [{ code: 'phrase_close', phrase: '您好，很高兴为您服务', seq: '1', from: '0', to: '8', sim: '0.75' }]
			}),
			// a banned phrase: its span (code points of the turn)
			f('banned_phrase', 'fail', 3, { parts: [{ code: 'banned_in_seq', phrases: ['不知道'], seq: '3', from: '4', to: '7' }] }),
			// events naming turns without a span: each turn whole
			f('interruption', 'fail', 2, {
				parts: [
					{ code: 'interruption_count', n: '2', max: '0' },
					{ code: 'interruption_event', seq: '2', at: '3.0', overlap: '1.0', chars: '5' },
					{ code: 'interruption_event', seq: '4', at: '9.0', overlap: '2.0', chars: '8' },
					{ code: 'interruption_event_va_untied', seq: '?', at: '9.5', overlap: '0.5', chars: '?' }
				]
			}),
			f('ring', 'na', null, {}),
			// params that name no turn: nothing (no seq either)
			f('courtesy', 'fail', null, { parts: [{ code: 'courtesy_low', n: '2', min: '6' }] }),
			// scored before params existed: the finding's own turn, the evidence text is not read
			f('old', 'fail', 4, null, '"对不起" in seq 1')
		]);
		expect(spans).toEqual([
			[['greeting', '您好很高兴您服务']],
			[['interruption', '我想查话费']],
			[['banned_phrase', '不知道']],
			[
				['interruption', '对不起，请您稍等'],
				['old', '对不起，请您稍等']
			]
		]);
	});

	it('cuts text at every boundary; overlapping marks share a piece, a fail colours it', () => {
		const pass = { item_id: 'closing', label: 'closing', result: 'pass' as const };
		const fail = { item_id: 'banned', label: 'banned', result: 'fail' as const };
		const pieces = splitPieces('abcdefgh', [
			{ start: 2, end: 6, mark: pass },
			{ start: 4, end: 8, mark: fail }
		]);
		expect(pieces.map((p) => [p.text, p.marks.map((m) => m.item_id), p.ending.map((m) => m.item_id)])).toEqual([
			['ab', [], []],
			['cd', ['closing'], []],
			['ef', ['closing', 'banned'], ['closing']],
			['gh', ['banned'], ['banned']]
		]);
		expect(pieces.map((p) => p.text).join('')).toBe('abcdefgh');
		expect(pieceTone(pieces[2].marks)).toBe('fail');
		expect(pieceTone(pieces[1].marks)).toBe('pass');
		expect(pieceTone([])).toBeNull();
	});

	it('keeps markup-looking text as plain text pieces', () => {
		const text = '<img src=x onerror=alert(1)>不知道';
		const pieces = splitPieces(
			text,
			findingSpans([text], [f('b', 'fail', 1, { parts: [{ code: 'banned_in_seq', seq: '1', from: '28', to: '31' }] })])[0]
		);
		expect(pieces.map((p) => p.text)).toEqual(['<img src=x onerror=alert(1)>', '不知道']);
	});

	it('a label is drawn once, after the end of the last span of that item that touches it', () => {
		const m = { item_id: 'x', label: 'x', result: 'pass' as const };
		const pieces = splitPieces('aabb', [
			{ start: 0, end: 2, mark: m },
			{ start: 2, end: 4, mark: m }
		]);
		expect(pieces.map((p) => p.ending.length)).toEqual([0, 1]);
	});
});

describe('spans from the scoring SQL', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
	});
	afterAll(async () => {
		await db?.close();
	});

	it("marks exactly what the scorer matched (traditional script included), by the SQL's own normalisation", async () => {
		const dialogue = [
			'[00:01] 客服：您好很高兴您服务，这里是华信通信，请问有什么可以帮您？',
			'[00:06] 客户：我的話費怎麼多扣了？',
			'[00:11] 客服：这个我也不知道，您去营业厅问吧。',
			'[00:31] 客服：嗯，请问下先生，还有什麼可以幫您的？',
			'[00:39] 客服：感谢您的来电，再见！'
		].join('\n');
		const turns = parseDialogue(dialogue).turns.map((t) => t.text);
		const { findings } = await scoreText(db, dialogue, DEFAULT_RUBRIC_ZH);
		const by = Object.fromEntries(marked(turns, findings).flatMap((spans, i) => spans.map(([id, text]) => [`${id}@${i + 1}`, text])));
		expect(by['greeting@1']).toBe('这里是华信通信');
		expect(by['banned_phrase@3']).toBe('不知道');
		expect(by['closing@4']).toBe('还有什麼可以幫您');
		expect(Object.keys(by).filter((k) => k.startsWith('banned_phrase@'))).toEqual(['banned_phrase@3']);
	}, 60_000);
});
