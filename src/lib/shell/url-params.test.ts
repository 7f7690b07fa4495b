// The URL holds a view's filters and page; a hand-edited or stale URL must still give a usable page.
import { describe, expect, it } from 'vitest';
import { intParam, withParams } from './url-params';

describe('intParam', () => {
	it.each([
		['page=3', 3],
		['page=0', 1],
		['page=-2', 1],
		['page=abc', 1],
		['page=', 1],
		['', 1],
		['page=2.7', 2]
	])('%s → %i (fallback 1, min 1)', (q, want) => {
		expect(intParam(new URLSearchParams(q), 'page', 1, 1)).toBe(want);
	});
});

describe('withParams', () => {
	const p = new URLSearchParams('team=A&page=3&words=退款');
	it.each([
		['sets and encodes', { agent: 'A&B 1' }, {}, '?team=A&page=3&words=%E9%80%80%E6%AC%BE&agent=A%26B+1'],
		['removes null, undefined and empty', { team: null, words: '', x: undefined }, {}, '?page=3'],
		['resets the page unless it is set', { team: 'B' }, { reset: ['page'] }, '?team=B&words=%E9%80%80%E6%AC%BE'],
		[
			'keeps a page that is set, dropping its default',
			{ page: 1 },
			{ reset: ['page'], defaults: { page: 1 } },
			'?team=A&words=%E9%80%80%E6%AC%BE'
		],
		['gives ? alone when nothing is left', { team: null, page: null, words: null }, {}, '?']
	])('%s', (_, changes, opts, want) => {
		expect(withParams(p, changes, opts)).toBe(want);
		expect(p.toString()).toBe('team=A&page=3&words=%E9%80%80%E6%AC%BE');
	});
});
