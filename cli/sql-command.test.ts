// `callqa sql` as a centre would use it: `callqa import` writes Parquet, `callqa sql` prints the scoring script,
// the script runs in plain native DuckDB (not through the app) and its findings and scores equal what
// `callqa score` wrote for the same files, row for row.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlString } from '../src/lib/db/sql';
import { callqa } from './spawn-cli';

let dir: string;
const SAMPLE = 'sample-data/out';

/** Runs SQL text in a fresh in-memory native DuckDB; returns the rows of the last query given. */
async function duckdb(script: string, query: string): Promise<Record<string, unknown>[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const c = await instance.connect();
	try {
		await c.run(script);
		return (await c.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
	} finally {
		c.closeSync();
	}
}

/** Rows in one Parquet file and not in the other (both directions), and the two counts. */
function differenceSql(a: string, b: string): string {
	const [pa, pb] = [sqlString(a), sqlString(b)];
	return `SELECT (SELECT count(*) FROM read_parquet(${pa})) AS a, (SELECT count(*) FROM read_parquet(${pb})) AS b,
	(SELECT count(*) FROM (SELECT * FROM read_parquet(${pa}) EXCEPT ALL SELECT * FROM read_parquet(${pb}))) AS only_a,
	(SELECT count(*) FROM (SELECT * FROM read_parquet(${pb}) EXCEPT ALL SELECT * FROM read_parquet(${pa}))) AS only_b`;
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'cqa-sql-'));
	// 80 calls of the generated sample with their turns: every rule kind has passes, fails and n/a.
	const sample = (file: string) => `read_csv(${sqlString(path.resolve(SAMPLE, file))}, all_varchar = true)`;
	const ids = `(SELECT "通话ID" FROM ${sample('calls.csv')} ORDER BY 1 LIMIT 80)`;
	await duckdb(
		`COPY (SELECT * FROM ${sample('calls.csv')} WHERE "通话ID" IN ${ids}) TO ${sqlString(path.join(dir, 'calls.csv'))} (HEADER);
		COPY (SELECT * FROM ${sample('transcripts.csv')} WHERE "通话ID" IN ${ids}) TO ${sqlString(path.join(dir, 'transcripts.csv'))} (HEADER);`,
		'SELECT 1'
	);
	const scored = await callqa('score', path.join(dir, 'calls.csv'), path.join(dir, 'transcripts.csv'), '--out', path.join(dir, 'app'));
	expect(scored.code, scored.stderr).toBe(0);
	const rubric = await callqa('rubric', '--default', 'zh');
	await writeFile(path.join(dir, 'rubric.json'), rubric.stdout);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('callqa sql', () => {
	it('prints a script that plain DuckDB runs over the Parquet files, giving the findings and scores callqa score gives', async () => {
		const printed = await callqa('sql', '--rubric', path.join(dir, 'rubric.json'), '--data', path.join(dir, 'app'), '--out', dir);
		expect(printed.code, printed.stderr).toBe(0);
		expect(printed.stdout).toContain(`read_parquet(${sqlString(path.join(dir, 'app', 'segments.parquet'))})`);
		// No recordings were imported: voice_activity.parquet does not exist and the script makes the table empty.
		expect(printed.stdout).toMatch(/CREATE TABLE voice_activity \(/);
		for (const table of ['findings', 'scores']) {
			const [d] = await duckdb(
				printed.stdout,
				differenceSql(path.join(dir, 'app', `${table}.parquet`), path.join(dir, `${table}.parquet`))
			);
			expect({ table, ...d }).toEqual({ table, a: d.a, b: d.a, only_a: '0', only_b: '0' });
			expect(Number(d.a)).toBeGreaterThan(table === 'findings' ? 80 * 10 : 79);
		}
		const [f] = await duckdb(
			'SELECT 1',
			`SELECT count(DISTINCT result) AS kinds FROM read_parquet(${sqlString(path.join(dir, 'findings.parquet'))})`
		);
		expect(f.kinds).toBe('3');
	}, 120_000);

	it('names the rubric it compiled and says which inputs it expects', async () => {
		const printed = await callqa('sql', '--rubric', path.join(dir, 'rubric.json'));
		expect(printed.code).toBe(0);
		expect(printed.stdout.split('\n')[0]).toMatch(/^-- CallQA scoring rules: rubric default-zh version 1 .*13 items\.$/);
		expect(printed.stdout).toContain("read_parquet('calls.parquet')");
		expect(printed.stdout).toContain("TO 'scores.parquet' (FORMAT parquet)");
	});

	it('is a usage error without a rubric, or with an invalid one', async () => {
		const none = await callqa('sql');
		expect(none.code).toBe(2);
		expect(none.stderr).toContain('--rubric <rubric.json> is required');
		await writeFile(path.join(dir, 'bad.json'), '{"id": "x"}');
		const bad = await callqa('sql', '--rubric', path.join(dir, 'bad.json'));
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/sql: --rubric .*bad\.json: /);
	});
});
