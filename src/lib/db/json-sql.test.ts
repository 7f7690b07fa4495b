// The JSON built in SQL (evidence params, import issue params) must parse in the browser whatever text a
// transcript or a CSV cell holds, and both DuckDBs (wasm in the browser, native in the CLI) must write the same
// bytes. Each hostile string goes through the encoder on both and must come back unchanged through JSON.parse.
import { describe, expect, it } from 'vitest';
import { bothDuckDbs } from '../../../cli/both-duckdbs';
import { jsonArraySql, jsonFieldSql, jsonLeafObjectsSql, jsonObjectSql, jsonStringSql } from './json-sql';
import { sqlString } from './sql';

const dbs = bothDuckDbs();

/** A text as a SQL expression: sqlString refuses NUL (DuckDB would end the statement there), so NUL is chr(0). */
const lit = (s: string) => s.split('\0').map(sqlString).join(' || chr(0) || ');

const ALL_CONTROLS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');

const HOSTILE: [string, string][] = [
	['plain', '您好，请问有什么可以帮您？'],
	['double quotes', 'he said "refund" and "now"'],
	['backslashes', 'C:\\calls\\a.wav and \\" and a trailing \\'],
	['newlines and tabs', 'line one\nline two\r\nthree\tfour'],
	['NUL', 'before\0after'],
	['every control character', ALL_CONTROLS],
	['our separator', 'a\u001fb'],
	['non-BMP', 'emoji 📞😀 and 𠀀 (CJK ext. B)'],
	['line separators', 'a\u2028b\u2029c'],
	['braces and keys', '{"code":"x","seq":"9"}, ,"at":"1"'],
	['SQL quote', "it's; DROP TABLE calls; --"],
	['DEL and C1', 'a\u007fb\u0085c'],
	['empty', '']
];

const both = async (sql: string) => Promise.all([dbs.wasm, dbs.native].map(async (db) => (await db.query<{ j: string }>(sql)).rows[0].j));

describe('jsonStringSql', () => {
	it.each(HOSTILE)('%s: parses back to the same text, as JSON.stringify writes it, on both DuckDBs', async (_name, s) => {
		for (const j of await both(`SELECT ${jsonStringSql(lit(s))} AS j`)) {
			expect(JSON.parse(j)).toBe(s);
			expect(j).toBe(JSON.stringify(s));
		}
	});

	it('keeps NULL NULL and casts numbers', async () => {
		expect(await both(`SELECT ${jsonStringSql('NULL')} AS j`)).toEqual([null, null]);
		expect(await both(`SELECT ${jsonStringSql('42')} AS j`)).toEqual(['"42"', '"42"']);
	});

	it('names the expression once, so a lambda-free expression with table aliases s and c still reads its columns', async () => {
		const sql = `SELECT ${jsonStringSql('s.t || c.t')} AS j FROM (SELECT 'a"' AS t) s, (SELECT 'b' AS t) c`;
		expect(await both(sql)).toEqual(['"a\\"b"', '"a\\"b"']);
	});
});

describe('jsonObjectSql', () => {
	it('builds an object from fields, leaving out NULL ones, and parses back', async () => {
		const sql = `SELECT ${jsonObjectSql({
			code: { json: `'"x"'` },
			text: lit('quote " back \\ nul \0 nl \n 📞'),
			gone: 'NULL',
			n: '3',
			words: { json: jsonArraySql(`${jsonStringSql(`'a"'`)} || ',' || ${jsonStringSql(`'b'`)}`) }
		})} AS j`;
		for (const j of await both(sql))
			expect(JSON.parse(j)).toEqual({ code: 'x', text: 'quote " back \\ nul \0 nl \n 📞', n: '3', words: ['a"', 'b'] });
		expect(await both(`SELECT ${jsonObjectSql({})} AS j`)).toEqual(['{}', '{}']);
	});
});

describe('reading it back in SQL', () => {
	it('finds the leaf objects and a key wherever it stands, never inside a string value', async () => {
		const parts = [
			{ code: 'a', seq: '1', at: '2.5' },
			{ at: '7.0', code: 'b', note: '{"code":"fake","at":"99"}, ,"at":"98"', seq: '2' },
			{ code: 'c', words: ['x}', '{y'] }
		];
		const params = JSON.stringify({ parts });
		for (const db of [dbs.wasm, dbs.native]) {
			const { rows } = await db.query<{ code: string | null; at: string | null; seq: string | null }>(
				`SELECT ${jsonFieldSql('p', 'code')} AS code, ${jsonFieldSql('p', 'at')} AS at, ${jsonFieldSql('p', 'seq')} AS seq
				FROM (SELECT unnest(${jsonLeafObjectsSql(sqlString(params))}) AS p)`
			);
			expect(rows).toEqual([
				{ code: 'a', at: '2.5', seq: '1' },
				{ code: 'b', at: '7.0', seq: '2' },
				{ code: 'c', at: null, seq: null }
			]);
		}
	});

	it('reads an object without parts as its own single leaf', async () => {
		const { rows } = await dbs.wasm.query<{ v: string }>(
			`SELECT ${jsonFieldSql(`(${jsonLeafObjectsSql(`'{"value":"12.0","max":"10"}'`)})[1]`, 'max')} AS v`
		);
		expect(rows[0].v).toBe('10');
	});

	it('refuses a key that is not a plain params name', () => {
		expect(() => jsonFieldSql('p', 'a"b')).toThrow(/params key/);
	});
});
