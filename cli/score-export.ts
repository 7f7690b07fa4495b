// Writes one rubric version's findings and scores as CSV (for spreadsheets) and Parquet (for tools), with
// the same columns. CSV text cells are neutralised against formula injection: evidence quotes what customers
// and agents said, and call ids come from imported files. Scoring itself is src/lib/scoring's job.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../src/lib/db/types';
import { sqlString } from '../src/lib/scoring/normalize';
import type { Rubric } from '../src/lib/scoring/rubric';
import { sqlPath } from './import-run';

export const FINDINGS_COLUMNS = ['call_id', 'item_id', 'result', 'points', 'max_points', 'start_s', 'end_s', 'evidence'] as const;
export const SCORES_COLUMNS = ['call_id', 'score', 'passed', 'rubric_version'] as const;

/**
 * A text cell a spreadsheet would run as a formula (it starts with = + - @, TAB or CR) gets a leading `'`.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvSafeSql(expr: string, alias: string): string {
	return `CASE WHEN regexp_matches(${expr}, '^[=+\\-@\\t\\r]') THEN '''' || ${expr} ELSE ${expr} END AS ${alias}`;
}

function findingsSql(rubric: Rubric, csv: boolean): string {
	const order = rubric.items.map((it, i) => `(${sqlString(it.id)}, ${i + 1})`).join(', ');
	const text = (c: string) => (csv ? csvSafeSql(`f.${c}`, c) : `f.${c}`);
	return `SELECT ${text('call_id')}, ${text('item_id')}, f.result, f.points, f.max_points, f.start_s, f.end_s, ${text('evidence')}
FROM findings f LEFT JOIN (VALUES ${order}) o(item_id, ordinal) ON o.item_id = f.item_id
WHERE f.rubric_id = ${sqlString(rubric.id)} AND f.rubric_version = ${rubric.version}
ORDER BY f.call_id, o.ordinal`;
}

function scoresSql(rubric: Rubric, csv: boolean): string {
	return `SELECT ${csv ? csvSafeSql('call_id', 'call_id') : 'call_id'}, round(score, 2) AS score, passed, rubric_version
FROM scores WHERE rubric_id = ${sqlString(rubric.id)} AND rubric_version = ${rubric.version}
ORDER BY call_id`;
}

/** COPY to CSV, then prefix a UTF-8 BOM so spreadsheet programs read Chinese text as UTF-8. */
async function copyCsv(db: Db, sql: string, file: string): Promise<void> {
	const tmp = `${file}.tmp`;
	await db.query(`COPY (${sql}) TO ${sqlPath(tmp)} (FORMAT csv, HEADER true)`);
	const out = createWriteStream(file);
	out.write('\uFEFF');
	await pipeline(createReadStream(tmp), out);
	await rm(tmp, { force: true });
}

export const SCORE_FILES = ['findings.csv', 'findings.parquet', 'scores.csv', 'scores.parquet'] as const;

/** Writes <out>/findings.{csv,parquet} and <out>/scores.{csv,parquet} for `rubric`'s version. */
export async function writeScoreFiles(db: Db, rubric: Rubric, out: string): Promise<void> {
	await copyCsv(db, findingsSql(rubric, true), path.join(out, 'findings.csv'));
	await db.query(`COPY (${findingsSql(rubric, false)}) TO ${sqlPath(path.join(out, 'findings.parquet'))} (FORMAT parquet)`);
	await copyCsv(db, scoresSql(rubric, true), path.join(out, 'scores.csv'));
	await db.query(`COPY (${scoresSql(rubric, false)}) TO ${sqlPath(path.join(out, 'scores.parquet'))} (FORMAT parquet)`);
}
