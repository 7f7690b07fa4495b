// `callqa score --parquet` as a centre with a year of data would run it: `callqa score` of the exports writes the
// Parquet tables (and its own findings and scores, scoring everything at once); scoring those tables month by month
// gives the same findings and scores, row for row, in one folder per month, including the month of calls that have
// no start time (a transcript without a call-log row).
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
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
const months = (table: string) =>
	`read_parquet(${sqlString(path.join(dir, 'months', table, '*', `${table}.parquet`))}, hive_partitioning = false)`;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'cqa-months-'));
	// 30 calls of August and 30 of September with their turns, and one call's turns again under an id no call-log
	// row has (a call without a start time).
	const sample = (file: string) => `read_csv(${sqlString(path.resolve(SAMPLE, file))}, all_varchar = true)`;
	const ids = `(SELECT * FROM (SELECT "通话ID" FROM ${sample('calls.csv')} WHERE "通话ID" LIKE 'C202608%' ORDER BY 1 LIMIT 30)
		UNION ALL SELECT * FROM (SELECT "通话ID" FROM ${sample('calls.csv')} WHERE "通话ID" LIKE 'C202609%' ORDER BY 1 LIMIT 30))`;
	await duckdb(
		`COPY (SELECT * FROM ${sample('calls.csv')} WHERE "通话ID" IN ${ids}) TO ${sqlString(path.join(dir, 'calls.csv'))} (HEADER);
		COPY (SELECT * FROM ${sample('transcripts.csv')} WHERE "通话ID" IN ${ids}
			UNION ALL SELECT * REPLACE ('NO-LOG-1' AS "通话ID") FROM ${sample('transcripts.csv')} WHERE "通话ID" = (SELECT min("通话ID") FROM ${ids}))
			TO ${sqlString(path.join(dir, 'transcripts.csv'))} (HEADER);`
	);
	const scored = await callqa('score', path.join(dir, 'calls.csv'), path.join(dir, 'transcripts.csv'), '--out', path.join(dir, 'whole'));
	expect(scored.code, scored.stderr).toBe(0);
	byMonth = await callqa('score', '--parquet', path.join(dir, 'whole'), '--out', path.join(dir, 'months'));
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

	it('says what it needs when the folder is not what callqa import writes, or other options are given', async () => {
		const empty = await callqa('score', '--parquet', dir, '--out', path.join(dir, 'x'));
		expect(empty.code).toBe(2);
		expect(empty.stderr).toMatch(/has no calls\.parquet \(give the --out folder of `callqa import`\)/);
		const xlsx = await callqa('score', '--parquet', path.join(dir, 'whole'), '--out', path.join(dir, 'x'), '--xlsx');
		expect(xlsx.code).toBe(2);
		expect(xlsx.stderr).toMatch(/--xlsx.*only --out and --rubric/);
		const files = await callqa('score', '--parquet', path.join(dir, 'whole'), path.join(dir, 'calls.csv'), '--out', path.join(dir, 'x'));
		expect(files.code).toBe(2);
		expect(files.stderr).toMatch(/no other files or folders/);
	});
});
