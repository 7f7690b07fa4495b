// Writes one rubric version's findings and scores as CSV (for spreadsheets) and Parquet (for tools), with
// the same columns. CSV text cells are neutralised against formula injection: evidence quotes what customers
// and agents said, and call ids come from imported files. Scoring itself is src/lib/scoring's job.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../src/lib/db/types';
import { sqlString } from '../src/lib/db/sql';
import type { Rubric } from '../src/lib/scoring/rubric';
import { sqlPath } from './import-run';
import { writeXlsx, type SheetTable } from '../src/lib/xlsx/write-table';
import { MASKED } from '../src/lib/privacy/export-privacy';

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
export const RESULTS_XLSX = 'results.xlsx';

/** Writes `rubric`'s findings and scores as the two Parquet files named. */
export async function writeScoreParquet(db: Db, rubric: Rubric, findingsFile: string, scoresFile: string): Promise<void> {
	await db.query(`COPY (${findingsSql(rubric, false)}) TO ${sqlPath(findingsFile)} (FORMAT parquet)`);
	await db.query(`COPY (${scoresSql(rubric, false)}) TO ${sqlPath(scoresFile)} (FORMAT parquet)`);
}

/** Writes <out>/findings.{csv,parquet} and <out>/scores.{csv,parquet} for `rubric`'s version. */
export async function writeScoreFiles(db: Db, rubric: Rubric, out: string): Promise<void> {
	await copyCsv(db, findingsSql(rubric, true), path.join(out, 'findings.csv'));
	await copyCsv(db, scoresSql(rubric, true), path.join(out, 'scores.csv'));
	await writeScoreParquet(db, rubric, path.join(out, 'findings.parquet'), path.join(out, 'scores.parquet'));
}

/** Rows Excel holds in one sheet below the header row. */
export const XLSX_ROW_LIMIT = 1_048_575;

export const XLSX_LABELS = {
	zh: {
		scores: '得分',
		findings: '检查结果',
		call: '通话ID',
		score: '得分',
		passed: '合格',
		version: '标准版本',
		item: '检查项',
		label: '检查项名称',
		result: '结果',
		points: '得分',
		max: '满分',
		start: '开始（秒）',
		end: '结束（秒）',
		evidence: '依据',
		results: { pass: '合格', fail: '不合格', na: '不适用' } as Record<string, string>,
		yes: '是',
		no: '否'
	},
	en: {
		scores: 'Scores',
		findings: 'Findings',
		call: 'Call ID',
		score: 'Score',
		passed: 'Passed',
		version: 'Rubric version',
		item: 'Item',
		label: 'Item name',
		result: 'Result',
		points: 'Points',
		max: 'Max points',
		start: 'Start (s)',
		end: 'End (s)',
		evidence: 'Evidence',
		results: { pass: 'pass', fail: 'fail', na: 'n/a' } as Record<string, string>,
		yes: 'yes',
		no: 'no'
	}
};

/**
 * Writes the scores and findings of `rubric`'s version as one workbook for people (headers and results in the
 * rubric's language, number formats, frozen header rows, customer numbers masked like every export). A sheet with
 * more rows than Excel holds is left out and named in `skipped` (the CSV and Parquet files have them all).
 */
export async function writeScoresXlsx(db: Db, rubric: Rubric, file: string, rowLimit = XLSX_ROW_LIMIT): Promise<{ skipped: string[] }> {
	const l = XLSX_LABELS[rubric.language === 'zh' ? 'zh' : 'en'];
	const labels = new Map(rubric.items.map((it) => [it.id, it.label[rubric.language === 'zh' ? 'zh' : 'en']]));
	const count = async (sql: string) => Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`)).rows[0].n);
	const tables: SheetTable[] = [];
	const skipped: string[] = [];
	if ((await count(scoresSql(rubric, false))) > rowLimit) skipped.push(l.scores);
	else {
		const { rows } = await db.query<{ call_id: string; score: number | null; passed: boolean | null; rubric_version: number }>(
			scoresSql(rubric, false)
		);
		tables.push({
			name: l.scores,
			columns: [
				{ header: l.call, format: 'text' },
				{ header: l.score, format: 'score' },
				{ header: l.passed, format: 'text' },
				{ header: l.version, format: 'int' }
			],
			rows: rows.map((r) => [
				r.call_id,
				r.score == null ? null : Number(r.score),
				r.passed == null ? null : r.passed ? l.yes : l.no,
				Number(r.rubric_version)
			])
		});
	}
	if ((await count(findingsSql(rubric, false))) > rowLimit) skipped.push(l.findings);
	else {
		type Row = {
			call_id: string;
			item_id: string;
			result: string;
			points: number | null;
			max_points: number | null;
			start_s: number | null;
			end_s: number | null;
			evidence: string | null;
		};
		const { rows } = await db.query<Row>(findingsSql(rubric, false));
		const n = (v: number | null) => (v == null ? null : Number(v));
		tables.push({
			name: l.findings,
			columns: [
				{ header: l.call, format: 'text' },
				{ header: l.item, format: 'text' },
				{ header: l.label, format: 'text' },
				{ header: l.result, format: 'text' },
				{ header: l.points, format: 'score' },
				{ header: l.max, format: 'score' },
				{ header: l.start, format: 'num' },
				{ header: l.end, format: 'num' },
				{ header: l.evidence, format: 'text' }
			],
			rows: rows.map((r) => [
				r.call_id,
				r.item_id,
				labels.get(r.item_id) ?? null,
				l.results[r.result] ?? r.result,
				n(r.points),
				n(r.max_points),
				n(r.start_s),
				n(r.end_s),
				r.evidence
			])
		});
	}
	// With no sheet left, a workbook from an earlier run into the same folder must not pass for this run's.
	if (tables.length > 0) await writeFile(file, await writeXlsx(tables, MASKED));
	else await rm(file, { force: true });
	return { skipped };
}
