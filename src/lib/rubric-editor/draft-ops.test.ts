import { describe, expect, it } from 'vitest';
import { validateRubric, type Item } from '../scoring/rubric';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { DEFAULT_RUBRIC_EN } from '../scoring/default-rubric-en';
import {
	RULE_KINDS,
	collectErrors,
	addItem,
	defaultRule,
	duplicateItem,
	errorBelongsTo,
	errorItemIndex,
	exportFileName,
	linesToList,
	moveItem,
	readRubricJson,
	removeItem,
	rubricToJson
} from './draft-ops';
import { nextVersion } from '../scoring/rubric-store';

const ids = (items: Item[]) => items.map((i) => i.id);
const items = DEFAULT_RUBRIC_ZH.items.slice(0, 3); // greeting, ring, identity_check

describe('item list operations', () => {
	it('moves an item up and down, and ignores moves past either end', () => {
		expect(ids(moveItem(items, 1, -1))).toEqual(['ring', 'greeting', 'identity_check']);
		expect(ids(moveItem(items, 1, 1))).toEqual(['greeting', 'identity_check', 'ring']);
		expect(ids(moveItem(items, 0, -1))).toEqual(ids(items));
		expect(ids(moveItem(items, 2, 1))).toEqual(ids(items));
	});

	it('duplicates an item right after itself with a fresh id and an independent copy', () => {
		const out = duplicateItem(items, 0);
		expect(ids(out)).toEqual(['greeting', 'greeting_copy', 'ring', 'identity_check']);
		(out[1].rule as { phrases: string[] }).phrases.push('x');
		expect((items[0].rule as { phrases: string[] }).phrases).not.toContain('x');
		expect(ids(duplicateItem(out, 0))[1]).toBe('greeting_copy_2');
	});

	it('adds a new item with a unique id and removes by position', () => {
		const added = addItem(addItem(items));
		expect(ids(added).slice(3)).toEqual(['item', 'item_2']);
		expect(ids(removeItem(added, 1))).toEqual(['greeting', 'identity_check', 'item', 'item_2']);
		// whatever was added, the rubric stays valid
		expect(() => validateRubric({ ...DEFAULT_RUBRIC_ZH, items: added })).not.toThrow();
	});

	it('a fresh rule of every kind validates in both languages', () => {
		for (const language of ['zh', 'en'] as const)
			for (const kind of RULE_KINDS) {
				const rubric = {
					...DEFAULT_RUBRIC_ZH,
					language,
					items: [{ id: 'x', label: { zh: 'x', en: 'x' }, weight: 1, critical: false, rule: defaultRule(kind, language) }]
				};
				expect(() => validateRubric(rubric), `${kind} (${language})`).not.toThrow();
			}
	});
});

describe('version numbering', () => {
	it.each([
		[null, 1, 1], // nothing saved: the draft's own number
		[1, 1, 2], // the default v1 is saved (active): an edit becomes v2
		[3, 2, 4], // editing an older version still goes past the newest
		[null, 5, 5], // an imported v5 with nothing saved keeps 5
		[2, 7, 7],
		[null, 0, 1]
	])('saved max %s, draft v%s → v%s', (max, draft, want) => {
		expect(nextVersion(max, draft)).toBe(want);
	});
});

describe('text fields and error paths', () => {
	it('one entry a line, blank lines dropped', () => {
		expect(linesToList('您好\n\n  \n再见\r\n谢谢')).toEqual(['您好', '再见', '谢谢']);
		expect(linesToList('')).toEqual([]);
	});

	it('an error belongs to its field and to the list holding it, not to a sibling', () => {
		expect(errorBelongsTo('$.items[1].rule.phrases[2]', '$.items[1].rule.phrases')).toBe(true);
		expect(errorBelongsTo('$.items[1].rule.phrases', '$.items[1].rule.phrases')).toBe(true);
		expect(errorBelongsTo('$.items[10].weight', '$.items[1]')).toBe(false);
		expect(errorBelongsTo('$.items[1].weight', '$.items[1].weightx')).toBe(false);
		expect(errorItemIndex('$.items[12].rule.kind')).toBe(12);
		expect(errorItemIndex('$.name')).toBeNull();
	});
});

describe('import and export', () => {
	it('round-trips the exported JSON (what the CLI --rubric reads)', () => {
		for (const r of [DEFAULT_RUBRIC_ZH, DEFAULT_RUBRIC_EN]) {
			const back = readRubricJson(rubricToJson(r));
			expect(back).toEqual({ ok: true, rubric: r });
		}
		expect(exportFileName({ id: 'default-zh', version: 3 })).toBe('default-zh.v3.rubric.json');
	});

	it('reports JSON syntax errors with line and column', () => {
		const res = readRubricJson('{\n  "id": "x",\n  "name": \n}');
		expect(res.ok).toBe(false);
		if (!res.ok) {
			expect(res.path).toBeNull();
			expect(res.message).toMatch(/^not valid JSON \(line 4, column 1\)$/);
		}
	});

	it('reports the JSON path and the problem of an invalid rubric', () => {
		const bad = structuredClone(DEFAULT_RUBRIC_ZH) as unknown as { items: { rule: Record<string, unknown> }[] };
		bad.items[3].rule.phrases = ['不知道', 42];
		expect(readRubricJson(JSON.stringify(bad))).toEqual({ ok: false, path: '$.items[3].rule.phrases[1]', message: 'must be a string' });
		bad.items[3].rule.phrases = ['不知道'];
		bad.items[3].rule.phrasez = [];
		expect(readRubricJson(JSON.stringify(bad))).toEqual({ ok: false, path: '$.items[3].rule.phrasez', message: 'is not a known field' });
		expect(readRubricJson('[]')).toEqual({ ok: false, path: '$', message: 'must be an object' });
		expect(readRubricJson('{"id": "x",}')).toMatchObject({ ok: false, path: null, message: 'not valid JSON (line 1, column 12)' });
		expect(readRubricJson('[1, 2] x')).toMatchObject({ ok: false, message: 'not valid JSON (line 1, column 8)' });
	});
});

describe('all the problems of a draft, each at its path', () => {
	it('lists one problem per item and the top level, not just the first', () => {
		const draft = structuredClone(DEFAULT_RUBRIC_ZH) as unknown as Record<string, unknown> & { items: Record<string, unknown>[] };
		draft.name = '';
		(draft.items[0].label as { en: string }).en = '';
		(draft.items[3].rule as { patterns: string[] }).patterns = ['(unclosed'];
		draft.items[5].weight = -1;
		expect(collectErrors(draft).map((e) => e.path)).toEqual([
			'$.name',
			'$.items[0].label.en',
			'$.items[3].rule.patterns[0]',
			'$.items[5].weight'
		]);
	});

	it('finds problems between items (a duplicate id) and rule variables that are not set', () => {
		const draft = structuredClone(DEFAULT_RUBRIC_ZH);
		draft.items[2].id = 'greeting';
		expect(collectErrors(draft)).toEqual([{ path: '$.items[2].id', message: 'duplicate item id "greeting"' }]);
		const noVar = { ...structuredClone(DEFAULT_RUBRIC_ZH), variables: {} };
		expect(collectErrors(noVar)).toEqual([{ path: '$.items[0].rule', message: 'uses {company} but $.variables.company is not set' }]);
		expect(collectErrors(DEFAULT_RUBRIC_ZH)).toEqual([]);
	});
});
