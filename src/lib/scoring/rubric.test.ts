// validateRubric: defaults filled in, and every problem reported with its JSON path.
import { describe, expect, it } from 'vitest';
import { RubricError, validateRubric } from './rubric';
import { DEFAULT_RUBRIC_ZH_JSON } from './default-rubric-zh';
import { DEFAULT_RUBRIC_EN_JSON } from './default-rubric-en';

const base = () => ({
	id: 'r',
	version: 1,
	name: 'r',
	language: 'zh',
	variables: { company: '华信通信' },
	items: [
		{
			id: 'greeting',
			label: { zh: '开场', en: 'greeting' },
			weight: 10,
			critical: false,
			rule: { kind: 'phrase_required', phrases: ['您好，这里是{company}'] }
		}
	]
});

describe('validateRubric', () => {
	it('fills in defaults: pass mark 80, speaker agent, exact match, interruption thresholds', () => {
		const r = validateRubric({
			...base(),
			items: [...base().items, { id: 'i', label: { zh: 'i', en: 'i' }, weight: 5, rule: { kind: 'interruption' } }]
		});
		expect(r.pass_mark).toBe(80);
		expect(r.items[0].rule).toMatchObject({ speaker: 'agent', fuzzy: 1, match: 'any' });
		expect(r.items[1]).toMatchObject({ critical: false, rule: { min_overlap_s: 1, min_chars: 4, max_count: 0, max_count_complaint: 0 } });
	});

	it('accepts both default rubrics', () => {
		expect(validateRubric(DEFAULT_RUBRIC_ZH_JSON).items.length).toBeGreaterThan(10);
		expect(validateRubric(DEFAULT_RUBRIC_EN_JSON).language).toBe('en');
	});

	const bad: [string, (r: ReturnType<typeof base>) => unknown, string][] = [
		['not an object', () => 42, '$'],
		['missing id', (r) => ({ ...r, id: undefined }), '$.id'],
		['bad language', (r) => ({ ...r, language: 'fr' }), '$.language'],
		['version 0', (r) => ({ ...r, version: 0 }), '$.version'],
		['pass mark 120', (r) => ({ ...r, pass_mark: 120 }), '$.pass_mark'],
		['no items', (r) => ({ ...r, items: [] }), '$.items'],
		[
			'phrases not an array',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'phrase_required', phrases: '您好' } }] }),
			'$.items[0].rule.phrases'
		],
		[
			'phrase not a string',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'phrase_required', phrases: ['您好', 3] } }] }),
			'$.items[0].rule.phrases[1]'
		],
		['unknown kind', (r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'magic' } }] }), '$.items[0].rule.kind'],
		['unknown field', (r) => ({ ...r, items: [{ ...r.items[0], rule: { ...r.items[0].rule, windw: {} } }] }), '$.items[0].rule.windw'],
		['fuzzy 2', (r) => ({ ...r, items: [{ ...r.items[0], rule: { ...r.items[0].rule, fuzzy: 2 } }] }), '$.items[0].rule.fuzzy'],
		[
			'window turns 0',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { ...r.items[0].rule, window: { first_turns: 0 } } }] }),
			'$.items[0].rule.window.first_turns'
		],
		['unset variable', (r) => ({ ...r, variables: {} }), '$.items[0].rule'],
		['duplicate item id', (r) => ({ ...r, items: [r.items[0], r.items[0]] }), '$.items[1].id'],
		['negative weight', (r) => ({ ...r, items: [{ ...r.items[0], weight: -1 }] }), '$.items[0].weight'],
		['label without en', (r) => ({ ...r, items: [{ ...r.items[0], label: { zh: 'x' } }] }), '$.items[0].label.en'],
		[
			'bad regex',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'phrase_banned', patterns: ['(a'] } }] }),
			'$.items[0].rule.patterns[0]'
		],
		[
			'metric field not a call number',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'metric', field: 'agent_id; DROP TABLE calls', op: '>', value: 1 } }] }),
			'$.items[0].rule.field'
		],
		[
			'speech rate band inverted',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'speech_rate', min_cpm: 300, max_cpm: 100 } }] }),
			'$.items[0].rule.max_cpm'
		],
		[
			'pii pattern without regex',
			(r) => ({ ...r, items: [{ ...r.items[0], rule: { kind: 'pii_disclosure', patterns: [{ name: 'phone' }] } }] }),
			'$.items[0].rule.patterns[0].regex'
		],
		[
			'applies_when channel string',
			(r) => ({ ...r, items: [{ ...r.items[0], applies_when: { channel: 'phone' } }] }),
			'$.items[0].applies_when.channel'
		]
	];
	it.each(bad)('rejects %s at its JSON path', (_name, make, path) => {
		let err: unknown;
		try {
			validateRubric(make(base()));
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(RubricError);
		expect((err as RubricError).path).toBe(path);
	});

	it('does not take a regex quantifier for a variable', () => {
		const r = validateRubric({
			...base(),
			variables: {},
			items: [{ ...base().items[0], rule: { kind: 'phrase_banned', patterns: ['\\d{17}'] } }]
		});
		expect(r.items[0].rule).toMatchObject({ patterns: ['\\d{17}'] });
	});
});

describe('courtesy lists', () => {
	it('keep their phrases in rule.phrases, and a file that still says `words` loads the same', () => {
		const item = (rule: Record<string, unknown>) => ({
			id: 'courtesy',
			label: { zh: '礼貌', en: 'Courtesy' },
			weight: 5,
			critical: false,
			rule
		});
		const base = { id: 'r', version: 1, name: 'r', language: 'zh' };
		const viaPhrases = validateRubric({ ...base, items: [item({ kind: 'courtesy', phrases: ['请', '谢谢'], min_count: 2 })] });
		const viaWords = validateRubric({ ...base, items: [item({ kind: 'courtesy', words: ['请', '谢谢'], min_count: 2 })] });
		expect(viaPhrases.items[0].rule).toMatchObject({ kind: 'courtesy', phrases: ['请', '谢谢'] });
		expect(viaWords.items[0].rule).toEqual(viaPhrases.items[0].rule);
	});
});

describe('matching, accepted phrasings and banned-phrase exceptions (issue 11)', () => {
	it('an older file without them still loads, with the language defaults', () => {
		const r = validateRubric({
			...base(),
			items: [...base().items, { id: 'b', label: { zh: 'b', en: 'b' }, weight: 5, rule: { kind: 'phrase_banned', phrases: ['不知道'] } }]
		});
		expect(r.matching.equivalents).toContainEqual(['帮', '帮助', '帮到', '帮忙']);
		expect(r.matching.fillers).toContain('嗯');
		expect(r.items[0].rule).toMatchObject({ accepted: [] });
		expect(r.items[1].rule).toMatchObject({ exceptions: [] });
	});

	const cases: [string, Record<string, unknown>, string][] = [
		['a class of one word', { matching: { equivalents: [['帮']] } }, '$.matching.equivalents[0]'],
		['an unknown matching field', { matching: { synonyms: [] } }, '$.matching.synonyms'],
		[
			'accepted not a list',
			{ items: [{ ...base().items[0], rule: { kind: 'phrase_required', phrases: ['您好'], accepted: '您好呀' } }] },
			'$.items[0].rule.accepted'
		],
		[
			'an exception for a phrase the rule lacks',
			{
				items: [
					{
						...base().items[0],
						rule: { kind: 'phrase_banned', phrases: ['不知道'], exceptions: [{ phrase: '没办法', in_question: true }] }
					}
				]
			},
			'$.items[0].rule.exceptions[0].phrase'
		],
		[
			'an exception that excuses nothing',
			{ items: [{ ...base().items[0], rule: { kind: 'phrase_banned', phrases: ['不知道'], exceptions: [{ phrase: '不知道' }] } }] },
			'$.items[0].rule.exceptions[0]'
		]
	];
	it.each(cases)('rejects %s at its path', (_, patch, path) => {
		let err: unknown;
		try {
			validateRubric({ ...base(), ...patch });
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(RubricError);
		expect((err as RubricError).path).toBe(path);
	});
});
