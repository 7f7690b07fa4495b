// The CLI's native DuckDB must hand out exactly the rows the wasm backends do, so SQL written and tested
// against duckdb-wasm gives the same answers in `callqa`.
import { describe, expect, it } from 'vitest';
import type { Param } from '../src/lib/db/types';
import { importFiles } from '../src/lib/import/pipeline';
import { bothDuckDbs } from './both-duckdbs';
import { bulkInsert } from '../src/lib/db/bulk';

const dbs = bothDuckDbs();

const CASES: { name: string; sql: string; params?: Param[] }[] = [
	{
		name: 'BIGINT, HUGEINT and small integers',
		sql: 'SELECT 42::BIGINT AS b, 9007199254740991::BIGINT AS big, 12::HUGEINT AS h, 7::INTEGER AS i, 3::SMALLINT AS s, 1::TINYINT AS t, count(*) AS n FROM range(5)'
	},
	{
		name: 'DOUBLE and DECIMAL',
		sql: 'SELECT 3.25::DOUBLE AS d, 2.5::DECIMAL(5,2) AS dec, 123456789.123::DECIMAL(18,3) AS wide, -0.07::DECIMAL(4,2) AS neg, avg(x) AS a FROM (VALUES (1), (2)) v(x)'
	},
	{
		name: 'VARCHAR with Chinese, NULL, BOOLEAN',
		sql: "SELECT '客户投诉：退款未到账' AS s, NULL AS n, NULL::VARCHAR AS nv, true AS yes, false AS no"
	},
	{
		name: 'TIMESTAMP and DATE',
		sql: "SELECT TIMESTAMP '2024-11-20 08:30:00' AS t, TIMESTAMP '2024-11-20 08:30:00.123456' AS tu, DATE '2024-02-29' AS d, NULL::TIMESTAMP AS tn, TIMESTAMP '1969-12-31 23:59:59' AS before_epoch"
	},
	{ name: 'LIST', sql: "SELECT [1, 2, 3] AS ints, ['坐席', NULL, 'b'] AS strs, []::INTEGER[] AS empty, [1.5::DOUBLE, 2.5] AS dbl" },
	{ name: 'STRUCT', sql: "SELECT {'a': 1, 'b': 'x'} AS st" },
	{
		name: 'bound parameters',
		sql: 'SELECT ?::VARCHAR AS num_text, ? AS d, ? AS b, ? AS s, ? IS NULL AS n',
		params: [3, 2.5, true, '中文', null]
	},
	{
		name: 'several statements, last result',
		sql: 'CREATE TEMP TABLE t_multi AS SELECT 1 AS x; INSERT INTO t_multi VALUES (2); SELECT sum(x) AS total FROM t_multi'
	}
];

describe('native DuckDB returns the same plain rows as duckdb-wasm', () => {
	it.each(CASES)('$name', async ({ sql, params }) => {
		const [a, b] = [await dbs.wasm.query(sql, params), await dbs.native.query(sql, params)];
		expect(b.rows).toEqual(a.rows);
		expect(b.columns).toEqual(a.columns);
	});

	it('bulk-loads text holding carriage returns and NUL bytes (a random .tsv crashed the import report)', async () => {
		await dbs.native.query('CREATE TEMP TABLE cr_text (s VARCHAR)');
		const texts = ['old Mac line\rend', 'dos\r\nline', 'nul\u0000byte'];
		expect(
			await bulkInsert(
				dbs.native,
				'cr_text',
				[{ name: 's', type: 'VARCHAR' }],
				texts.map((t) => [t])
			)
		).toBe(3);
		expect((await dbs.native.query<{ s: string }>('SELECT s FROM cr_text')).rows.map((r) => r.s)).toEqual(texts);
	});

	it('gives BIGINT as number, TIMESTAMP and DATE as text, LIST as array', async () => {
		const { rows } = await dbs.native.query(
			"SELECT 5::BIGINT AS n, TIMESTAMP '2024-01-02 03:04:05' AS t, DATE '2024-01-02' AS d, [1, 2] AS l"
		);
		expect(rows).toEqual([{ n: 5, t: '2024-01-02 03:04:05', d: '2024-01-02', l: [1, 2] }]);
	});

	it('reads a registered file by its bare name with read_csv, and forgets it when dropped', async () => {
		const csv = new TextEncoder().encode('id,name,when\n1,张三,2024-03-01 09:00:00\n2,,2024-03-02 10:30:00\n');
		const sql = "SELECT * FROM read_csv('people.csv', header=true) ORDER BY id";
		for (const db of [dbs.wasm, dbs.native]) await db.registerFile('people.csv', csv);
		const [a, b] = [await dbs.wasm.query(sql), await dbs.native.query(sql)];
		expect(b.rows).toEqual(a.rows);
		expect(b.rows).toEqual([
			{ id: 1, name: '张三', when: '2024-03-01 09:00:00' },
			{ id: 2, name: null, when: '2024-03-02 10:30:00' }
		]);
		await dbs.native.dropFile('people.csv');
		await expect(dbs.native.query(sql)).rejects.toThrow();
	});

	it('runs the import pipeline to identical tables', async () => {
		const enc = new TextEncoder();
		const files = [
			{
				name: 'calls.csv',
				bytes: enc.encode(
					'call_id,agent_id,start_time,talk_time,csat\nC1,A1,2024-05-01 09:00:00,120,5\nC2,A2,2024-05-01 10:00:00,abc,4\nC3,A1,2024-05-02 11:15:00,60,\n'
				)
			},
			{
				name: 'C1.vtt',
				bytes: enc.encode(
					'WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n<v Agent>您好，请问有什么可以帮您？\n\n00:00:02.600 --> 00:00:05.000\n<v Customer>我的退款还没到账。\n'
				)
			}
		];
		const [ra, rb] = [await importFiles(dbs.wasm, files), await importFiles(dbs.native, files)];
		expect(rb).toEqual(ra);
		for (const table of ['calls', 'segments', 'import_files', 'import_errors']) {
			const sql = `SELECT * ${table === 'import_files' ? 'EXCLUDE (imported_at)' : ''} FROM ${table} ORDER BY ALL`;
			const [a, b] = [await dbs.wasm.query(sql), await dbs.native.query(sql)];
			expect(b.rows.length, table).toBeGreaterThan(0);
			expect(b.rows, table).toEqual(a.rows);
		}
	});
});
