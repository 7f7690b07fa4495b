// Quoting must survive any text a user or a file can put in a rubric phrase, a file name or a column header:
// each hostile string goes through DuckDB and comes back unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './types';
import { createNodeWasmDb } from './node-wasm';
import { sqlIdent, sqlString } from './sql';

let db: Db;
beforeAll(async () => {
	db = await createNodeWasmDb();
});
afterAll(async () => {
	await db?.close();
});

const HOSTILE = [
	"it's",
	"'; DROP TABLE calls; --",
	"''",
	'"double" quotes',
	"back\\slash \\' escaped",
	'line\nbreak\r\nand\ttab',
	'客户说：“退款”？',
	'emoji 📞 and \u2028 separator',
	'$1 ? :name {}',
	''
];

describe('sqlString', () => {
	it.each(HOSTILE)('round-trips %j as a literal', async (s) => {
		const { rows } = await db.query<{ v: string }>(`SELECT ${sqlString(s)} AS v`);
		expect(rows[0].v).toBe(s);
	});

	it('refuses a NUL, which would end the statement mid-literal', () => {
		expect(() => sqlString('a\u0000b')).toThrow(/NUL/);
		expect(() => sqlIdent('a\u0000b')).toThrow(/NUL/);
	});

	it('doubles single quotes and nothing else', () => {
		expect(sqlString('a\'b"c\\')).toBe("'a''b\"c\\'");
	});
});

describe('sqlIdent', () => {
	it.each(HOSTILE.filter((s) => s !== ''))('names a column %j', async (s) => {
		const { rows, columns } = await db.query(`SELECT 1 AS ${sqlIdent(s)}`);
		expect(columns[0].name).toBe(s);
		expect(rows[0][s]).toBe(1);
	});

	it('doubles double quotes', () => {
		expect(sqlIdent('a"b')).toBe('"a""b"');
	});
});
