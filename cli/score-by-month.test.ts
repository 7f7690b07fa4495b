// `callqa score --parquet` as a centre with a year of data would run it: `callqa score` of the exports writes the
// Parquet tables (and its own findings and scores, scoring everything at once); scoring those tables month by month
// gives the same findings and scores, row for row, in one folder per month, including the month of calls that have
// no start time (a transcript without a call-log row).
import { DuckDBInstance } from '@duckdb/node-api';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlString } from '../src/lib/db/sql';
import { callqa, type Run } from './spawn-cli';

let dir: string;
let byMonth: Run;
const SAMPLE = 'sample-data/out';

async function duckdb(sql: string): Promise<Record<string, unknown>[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const c = await instance.connect();
	try {
		return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
	} finally {
		c.closeSync();
	}
}

const whole = (table: string) => `read_parquet(${sqlString(path.join(dir, 'whole', `${table}.parquet`))})`;
const months = (table: string, out = 'months') =>
	`read_parquet(${sqlString(path.join(dir, out, table, '*', `${table}.parquet`))}, hive_partitioning = false)`;

const MONTHS = ['08', '09'];

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'cqa-months-'));
	// 30 calls of August and 30 of September with their turns, one file pair per month; August's transcripts also
	// hold one call's turns again under an id no call-log row has (a call without a start time).
	const sample = (file: string) => `read_csv(${sqlString(path.resolve(SAMPLE, file))}, all_varchar = true)`;
	const ids = (m: string) => `(SELECT "通话ID" FROM ${sample('calls.csv')} WHERE "通话ID" LIKE 'C2026${m}%' ORDER BY 1 LIMIT 30)`;
	const csv = (name: string) => sqlString(path.join(dir, name));
	await duckdb(
		MONTHS.map(
			(m) => `COPY (SELECT * FROM ${sample('calls.csv')} WHERE "通话ID" IN ${ids(m)}) TO ${csv(`calls-${m}.csv`)} (HEADER);
			COPY (SELECT * FROM ${sample('transcripts.csv')} WHERE "通话ID" IN ${ids(m)}
				${m === '08' ? `UNION ALL SELECT * REPLACE ('NO-LOG-1' AS "通话ID") FROM ${sample('transcripts.csv')} WHERE "通话ID" = (SELECT min("通话ID") FROM ${ids(m)})` : ''})
				TO ${csv(`transcripts-${m}.csv`)} (HEADER);`
		).join('\n')
	);
	const files = (m: string) => [path.join(dir, `calls-${m}.csv`), path.join(dir, `transcripts-${m}.csv`)];
	const scored = await callqa('score', ...MONTHS.flatMap(files), '--out', path.join(dir, 'whole'));
	expect(scored.code, scored.stderr).toBe(0);
	byMonth = await callqa('score', '--parquet', path.join(dir, 'whole'), '--out', path.join(dir, 'months'));
	// The same exports imported month by month, each into its own folder.
	for (const m of MONTHS) {
		const imported = await callqa('import', ...files(m), '--out', path.join(dir, 'parts', `2026-${m}`));
		expect(imported.code, imported.stderr).toBe(0);
	}
}, 180_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('callqa score --parquet', () => {
	it('scores month by month into one folder per month, the same rows as scoring everything at once', async () => {
		expect(byMonth.code, byMonth.stderr).toBe(0);
		expect(readdirSync(path.join(dir, 'months', 'scores')).sort()).toEqual(['month=2026-08', 'month=2026-09', 'month=none']);
		expect(byMonth.stdout).toMatch(/^2026-08 +30 calls/m);
		expect(byMonth.stdout).toMatch(/^none +1 calls/m);
		expect(byMonth.stdout).toMatch(/Scored 61 calls .* in 3 months/);
		for (const table of ['findings', 'scores']) {
			const [d] = await duckdb(
				`SELECT (SELECT count(*) FROM ${whole(table)}) AS whole, (SELECT count(*) FROM ${months(table)}) AS months,
				(SELECT count(*) FROM (SELECT * FROM ${whole(table)} EXCEPT ALL SELECT * FROM ${months(table)})) AS only_whole,
				(SELECT count(*) FROM (SELECT * FROM ${months(table)} EXCEPT ALL SELECT * FROM ${whole(table)})) AS only_months`
			);
			expect({ table, ...d }).toEqual({ table, whole: d.whole, months: d.whole, only_whole: '0', only_months: '0' });
			expect(Number(d.whole)).toBeGreaterThanOrEqual(table === 'findings' ? 61 * 13 : 61);
		}
		// The split inputs are gone; only the results stay.
		expect(readdirSync(path.join(dir, 'months')).sort()).toEqual(['findings', 'scores']);
	});

	it('reads the folders of several imports under one folder as one input', async () => {
		const parts = await callqa('score', '--parquet', path.join(dir, 'parts'), '--out', path.join(dir, 'parts-out'));
		expect(parts.code, parts.stderr).toBe(0);
		expect(parts.stdout).toMatch(/Scored 61 calls .* in 3 months/);
		const [d] = await duckdb(
			`SELECT count(*) AS n, (SELECT count(*) FROM (SELECT * FROM ${months('scores', 'parts-out')} EXCEPT ALL SELECT * FROM ${whole('scores')})) AS differ
			FROM ${months('scores', 'parts-out')}`
		);
		expect(d).toEqual({ n: '61', differ: '0' });
		// The same call in two folders (overlapping exports) is named, not scored twice.
		await cp(path.join(dir, 'parts', '2026-08'), path.join(dir, 'parts', 'again'), { recursive: true });
		const twice = await callqa('score', '--parquet', path.join(dir, 'parts'), '--out', path.join(dir, 'x'));
		expect(twice.code).toBe(2);
		expect(twice.stderr).toMatch(/calls\.parquet files hold the same call more than once \(C202608\S+ ×2/);
		// Nothing is left behind in the folder it would have written to.
		expect(readdirSync(path.join(dir, 'x'))).toEqual([]);
	});

	it('says what it needs when the folder is not what callqa import writes, or other options are given', async () => {
		await mkdir(path.join(dir, 'empty'));
		const empty = await callqa('score', '--parquet', path.join(dir, 'empty'), '--out', path.join(dir, 'x'));
		expect(empty.code).toBe(2);
		expect(empty.stderr).toMatch(/has no calls\.parquet, nor do its subfolders \(give the --out folder of `callqa import`\)/);
		const xlsx = await callqa('score', '--parquet', path.join(dir, 'whole'), '--out', path.join(dir, 'x'), '--xlsx');
		expect(xlsx.code).toBe(2);
		expect(xlsx.stderr).toMatch(/--xlsx.*only --out and --rubric/);
		const files = await callqa('score', '--parquet', path.join(dir, 'whole'), path.join(dir, 'calls.csv'), '--out', path.join(dir, 'x'));
		expect(files.code).toBe(2);
		expect(files.stderr).toMatch(/no other files or folders/);
	});
});
