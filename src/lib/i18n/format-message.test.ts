// Messages read right for every count: the ICU plural form picks the English singular for 1 and the plural
// otherwise, and no English message of the catalogue says "1 files" or "1 reviews" for any placeholder.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { formatMessage } from './format-message';

describe('formatMessage', () => {
	const MSG = 'Import finished: {files, plural, one {# file} other {# files}}, {rejected} rejected';
	it.each([
		[1, 'Import finished: 1 file, 0 rejected'],
		[2, 'Import finished: 2 files, 0 rejected'],
		[0, 'Import finished: 0 files, 0 rejected'],
		['1,337', 'Import finished: 1,337 files, 0 rejected']
	])('%j files', (files, want) => {
		expect(formatMessage(MSG, { files, rejected: 0 }, 'en')).toBe(want);
	});
	it('prefers an exact =n branch and leaves unknown placeholders alone', () => {
		expect(formatMessage('{n, plural, =0 {none} one {# call} other {# calls}} {x}', { n: 0 }, 'en')).toBe('none {x}');
	});
});

// Nouns that follow a count in the English catalogue; a message with a count placeholder must not read "1 <noun>s".
const PLURAL_WORDS =
	/\b1 (?:new |more |other )?(calls?|files?|reviews?|rows?|warnings?|channels?|presets?|things?|comments?|corrections?|items?|turns?|chars?|words?|complaints?|agents?|teams?|clips?|sessions?|transcripts?|recordings?|versions?|days?|months?|points?|objects?|values?|brackets?|errors?|more)\b(?!\/)/;

describe('the English catalogue', () => {
	const keys = Object.keys(en) as (keyof typeof en)[];
	it.each(keys.filter((k) => /\{\w+[},]/.test(en[k])))('%s reads right with a count of 1', (key) => {
		const params: Record<string, number> = {};
		for (const [, name] of en[key].matchAll(/\{(\w+)[},]/g)) params[name] = 1;
		const text = formatMessage(en[key], params, 'en');
		const bad = PLURAL_WORDS.exec(text);
		if (bad && bad[1].endsWith('s')) expect.fail(`${key}: "${text}"`);
	});
	it('has the same keys as the Chinese one', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});
});
