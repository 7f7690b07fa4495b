// The unit tests' DuckDB (test-db.ts) refuses what the browser's duckdb-wasm could not run, and its list of what the
// browser lacks is the true difference between the two engines' catalogs, so a DuckDB upgrade that changes it fails here.
import { describe, expect, it } from 'vitest';
import { bothDuckDbs } from '../../../cli/both-duckdbs';
import type { Db } from './types';
import { BROWSER_COLLATIONS, BROWSER_MISSING_FUNCTIONS, browserCannotRun, createTestDb, TEST_DB_ENGINE } from './test-db';

async function names(db: Db, sql: string): Promise<Set<string>> {
	return new Set((await db.query<{ n: string }>(sql)).rows.map((r) => r.n));
}

describe('the unit tests’ DuckDB', () => {
	const dbs = bothDuckDbs();

	it('knows every function native DuckDB has and the browser has not, and the browser’s collations', async () => {
		const sql = 'SELECT DISTINCT function_name AS n FROM duckdb_functions()';
		const wasm = await names(dbs.wasm, sql);
		const native = await names(dbs.native, sql);
		const missing = [...native].filter((n) => !wasm.has(n) && !n.startsWith('icu_collate_')).sort();
		expect(missing).toEqual([...BROWSER_MISSING_FUNCTIONS].sort());
		expect([...wasm].filter((n) => !native.has(n))).toEqual([]);
		expect([...(await names(dbs.wasm, 'SELECT collname AS n FROM pragma_collations()'))].sort()).toEqual(BROWSER_COLLATIONS);
	});

	it('names what the browser could not run, and leaves the rest alone', async () => {
		for (const sql of [
			`SELECT json_extract(x, '$.a') FROM t`,
			`SELECT x->>'a' FROM t`,
			`SELECT CAST(x AS JSON)`,
			`SELECT * FROM read_parquet('a.parquet')`,
			`COPY t TO 'a.parquet' (FORMAT parquet)`,
			`SELECT current_date`,
			`SELECT today()`,
			`SELECT ts AT TIME ZONE 'Asia/Shanghai' FROM t`,
			`SELECT name FROM t ORDER BY name COLLATE zh`,
			`SET TimeZone = 'Asia/Shanghai'`
		])
			expect(browserCannotRun(sql), sql).not.toBeNull();
		for (const sql of [
			`SELECT 'read_json(' AS s, "json" FROM t -- json_extract(`,
			`SELECT list_contains(['a'], x), strftime(ts, '%Y') FROM t ORDER BY x COLLATE nocase`,
			`COPY t TO 'a.csv' (FORMAT csv, HEADER)`,
			`INSERT INTO t VALUES (current_timestamp)`
		])
			expect(browserCannotRun(sql), sql).toBeNull();
	});

	it('fails a test whose SQL the browser could not run', async () => {
		const db = await createTestDb();
		try {
			const sql = `SELECT json_extract('{"a": 1}', '$.a') AS a`;
			if (TEST_DB_ENGINE === 'native') await expect(db.query(sql)).rejects.toThrow(/the browser's duckdb-wasm cannot run this statement/);
			else await expect(db.query(sql)).rejects.toThrow(/json extension/);
			await expect(db.batch(['CREATE TABLE t (a INTEGER)', `SELECT today()`])).rejects.toThrow();
			expect((await db.query<{ n: number }>('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
		} finally {
			await db.close();
		}
	});
});
