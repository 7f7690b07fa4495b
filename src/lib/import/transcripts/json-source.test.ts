import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, readJson } from './json-source';

describe('readJson', () => {
	it('parses like JSON.parse and records the line where each object starts', () => {
		const text = '{\n  "turns": [\n    {"speaker": "agent", "text": "hi \\u00e9\\n"},\n    {"speaker": "customer", "n": -1.5e2}\n  ]\n}';
		const src = readJson(text);
		expect(src.value).toEqual(JSON.parse(text));
		const turns = (src.value as { turns: object[] }).turns;
		expect(turns.map((t) => src.lines.get(t))).toEqual([3, 4]);
		expect(src.tolerated).toMatchObject([]);
	});

	it.each([
		[
			'a // comment (AWS Contact Lens redacted example)',
			'{\n "a": 1, // why\n "b": 2\n}',
			{ a: 1, b: 2 },
			'ignored a // comment (not allowed in JSON)',
			2
		],
		['a /* */ comment', '{"a": /* x\n y */ 1}', { a: 1 }, 'ignored a /* */ comment (not allowed in JSON)', 1],
		[
			'one surplus closing brace (AWS Contact Lens call example)',
			'{\n "a": [1]\n}\n}\n',
			{ a: [1] },
			'ignored 1 surplus closing bracket after the end of the JSON document',
			4
		],
		['a BOM', '\uFEFF[1]', [1], null, null]
	])('tolerates %s with a note', (_what, text, value, reason, line) => {
		const src = readJson(text);
		expect(src.value).toEqual(value);
		expect(src.tolerated).toMatchObject(reason ? [{ line, reason }] : []);
	});

	it.each([
		['an elision "..."', '{\n  "a": 1,\n  ...\n}', 3, 3, 'expected a "key"'],
		['a trailing comma', '[1,\n 2,\n]', 3, 1, 'unexpected "]"'],
		['text after the document', '{"a": 1} x', 1, 10, 'after the end of the document'],
		['an unterminated string', '{"a": "b', 1, 9, 'unterminated string'],
		['an empty file', '  \n', 2, 1, 'the file is empty']
	])('rejects %s with line:column', (_what, text, line, column, what) => {
		try {
			readJson(text);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(JsonSyntaxError);
			expect([(e as JsonSyntaxError).line, (e as JsonSyntaxError).column]).toEqual([line, column]);
			expect((e as Error).message).toContain(`line ${line}:${column}`);
			expect((e as Error).message).toContain(what);
		}
	});
});
