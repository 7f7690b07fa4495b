import { describe, expect, it } from 'vitest';
import type { TryFinding } from '../scoring/score';
import { evidenceQuotes, evidenceSeqs, findNormalized, findingSpans, pieceTone, splitPieces } from './highlight';

const f = (item_id: string, result: TryFinding['result'], seq: number | null, evidence: string | null): TryFinding => ({
	item_id,
	label: item_id,
	result,
	seq,
	start_s: null,
	end_s: null,
	evidence,
	evidence_code: null,
	evidence_params: null
});

describe('locating matches in the original text', () => {
	it.each([
		['您好，这里是华信通信，请问有什么可以帮您？', '这里是华信通信请问', [[3, 13]]],
		['Thank you for calling, ACME!', 'thank you for calling acme', [[0, 27]]],
		['請問還有其他問題嗎', '还有其他问题', [[2, 8]]], // traditional script
		['ＡＢＣ１２３', 'abc123', [[0, 6]]], // full-width
		[
			'不知道，真不知道',
			'不知道',
			[
				[0, 3],
				[5, 8]
			]
		],
		['您好', '', []]
	])('%s ∋ %s', (text, needle, want) => {
		expect(findNormalized(text, needle)).toEqual(want);
	});

	it('reads quotes and turn numbers from evidence, skipping missing phrases', () => {
		expect(evidenceQuotes('"您好，这里是华信通信" found (seq 1); "再见" missing')).toEqual(['您好，这里是华信通信']);
		expect(evidenceQuotes('"不知道", "我也没办法" in seq 3: 这个我也不知道…')).toEqual(['不知道', '我也没办法']);
		expect(evidenceSeqs(f('a', 'fail', 3, '"x" in seq 3: …; "y" in seq 7: …'))).toEqual([3, 7]);
	});
});

describe('span splitting', () => {
	it('marks the quoted match in the named turn, and the whole turn when it cannot be located', () => {
		const turns = ['您好很高兴您服务', '我想查话费', '这个我也不知道，你去营业厅问吧。'];
		const spans = findingSpans(turns, [
			f('greeting', 'pass', 1, '"您好，很高兴为您服务" 0.75 (seq 1) (needs 0.75)'),
			f('banned_phrase', 'fail', 3, '"不知道" in seq 3: 这个我也不知道，你去营业厅问吧。'),
			f('ring', 'na', null, null),
			f('courtesy', 'fail', null, '2 courtesy word(s) < 6')
		]);
		expect(spans[0]).toEqual([{ start: 0, end: 8, mark: { item_id: 'greeting', label: 'greeting', result: 'pass' } }]);
		expect(spans[1]).toEqual([]);
		expect(spans[2]).toEqual([{ start: 4, end: 7, mark: { item_id: 'banned_phrase', label: 'banned_phrase', result: 'fail' } }]);
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
		const pieces = splitPieces(text, findingSpans([text], [f('b', 'fail', 1, '"不知道" in seq 1: …')])[0]);
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

describe('spans from evidence params', () => {
	it('marks exactly the span the scoring SQL matched, in code points of the turn', () => {
		const turns = ['您好', '嗯，请问下先生，还有什麼可以幫您的？'];
		const f = {
			item_id: 'closing',
			label: '结束语',
			result: 'pass' as const,
			seq: 2,
			start_s: null,
			end_s: null,
			evidence: '"还有什么可以帮您" found (seq 2)',
			evidence_code: 'list',
			evidence_params: JSON.stringify({
				parts: [{ code: 'phrase_found', phrase: '还有什么可以帮您', seq: '2', from: '8', to: '16', sim: '1.00', need: '0.8' }]
			})
		};
		const spans = findingSpans(turns, [f]);
		expect(spans[1].map((s) => turns[1].slice(s.start, s.end))).toEqual(['还有什麼可以幫您']);
		expect(spans[0]).toEqual([]);
	});
});
