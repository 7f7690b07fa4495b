// `callqa score --parquet <dir>`: scores the Parquet files `callqa import` wrote, one month of calls at a time, so a
// year (10M call rows and their turns) never has to fit in memory at once. A first pass splits every input by the
// month of its call (one streaming COPY per table, spilling to disk); then each month is loaded into a fresh
// in-memory DuckDB, scored there by the app's own scoring run (scorePending, as `callqa score` does) and written out
// as <out>/findings/month=YYYY-MM/ and <out>/scores/month=YYYY-MM/ (Hive-style folders any Parquet reader takes as
// one table). No rule looks across calls, so scoring month by month gives the rows scoring everything at once gives.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createNativeDb } from './native-db';
import { sqlPath } from './import-run';
import { ensureSchema } from '../src/lib/db/schema';
import { insertSegments, DERIVED_SEGMENT_COLUMNS } from '../src/lib/text/segment-derived';
import { scorePending } from '../src/lib/scoring/dirty';
import { itemSummary, type ItemCounts } from '../src/lib/scoring/score';
import { guessLanguage, type LanguageGuess } from '../src/lib/scoring/language';
import type { Db } from '../src/lib/db/types';
import type { Rubric } from '../src/lib/scoring/rubric';
import { writeScoreParquet } from './score-export';

/** The inputs scoring reads (scoring/compile.ts SourceTables); calls.parquet is required, the others optional. */
export const MONTH_INPUTS = ['calls', 'segments', 'voice_activity', 'complaints'] as const;
type Input = (typeof MONTH_INPUTS)[number];

/** The partition of calls without a start time (calls made from a transcript or recording alone). */
export const NO_MONTH = 'none';

/** The input holds a call more than once (a usage problem: the folders overlap). */
export class DuplicateCalls extends Error {}

export interface MonthResult {
	month: string;
	calls: number;
	segments: number;
	/** load (with the turns' derived columns), score and write, ms */
	ms: number;
	/** the process's peak resident memory so far, bytes */
	peakRss: number;
}

export interface ByMonthResult {
	rubric: Rubric;
	guess: LanguageGuess | null;
	months: MonthResult[];
	/** rows of segments / voice_activity / complaints whose call is not in calls.parquet (not scored) */
	orphans: Partial<Record<Input, number>>;
	/** per item: pass / fail / n/a over every month */
	items: Map<string, ItemCounts>;
	splitMs: number;
}

export interface ByMonthOptions {
	/** the rubric; null: the default one for the transcripts' language (chooseRubric) */
	rubric: Rubric | null;
	chooseRubric: (guess: LanguageGuess) => Rubric;
	onMonth?: (r: MonthResult, index: number, total: number) => void;
	/** where the split inputs go (default: a folder in <out> removed at the end) */
	workDir?: string;
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * The Parquet files of `table` in <data>: <data>/<table>.parquet, or else those of its subfolders (one `callqa import`
 * per month's or per source's exports: <data>/2026-01/calls.parquet, …), as a read_parquet argument; null: none.
 */
export function inputFiles(data: string, table: string): string | null {
	if (existsSync(path.join(data, `${table}.parquet`))) return sqlPath(path.join(data, `${table}.parquet`));
	const parts = readdirSync(data, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(path.join(data, d.name, `${table}.parquet`)))
		.map((d) => sqlPath(path.join(data, d.name, `${table}.parquet`)))
		.sort();
	return parts.length === 0 ? null : `[${parts.join(', ')}]`;
}

const readAll = (dir: string) => `read_parquet(${sqlPath(path.join(dir, '*.parquet'))}, hive_partitioning = false)`;

/** Splits each input by its call's month into <work>/<table>/cqa_month=…/; returns the months and the unmatched rows. */
async function split(
	db: Db,
	files: Partial<Record<Input, string>>,
	work: string,
	inputs: Input[]
): Promise<{ months: string[]; orphans: ByMonthResult['orphans'] }> {
	// Spill to disk rather than fail when a join or a partitioned write outgrows memory; row order is not needed.
	await db.query(`SET temp_directory = ${sqlPath(path.join(work, 'spill'))}`);
	await db.query('SET preserve_insertion_order = false');
	await db.query(
		`CREATE TEMP TABLE cqa_month AS SELECT call_id, coalesce(strftime(CAST(started_at AS TIMESTAMP), '%Y-%m'), '${NO_MONTH}') AS month
		FROM read_parquet(${files.calls}, union_by_name = true)`
	);
	// Folders that hold the same call twice (overlapping exports) cannot be scored as one: say which calls.
	const { rows: twice } = await db.query<{ call_id: string; n: number }>(
		'SELECT call_id, count(*) AS n FROM cqa_month GROUP BY call_id HAVING count(*) > 1 ORDER BY call_id LIMIT 3'
	);
	if (twice.length > 0)
		throw new DuplicateCalls(
			`calls.parquet files hold the same call more than once (${twice.map((r) => `${r.call_id} ×${r.n}`).join(', ')}…)`
		);
	const orphans: ByMonthResult['orphans'] = {};
	for (const table of inputs) {
		const source = `read_parquet(${files[table]}, union_by_name = true)`;
		const { rows: copied } = await db.query<{ Count: number }>(
			`COPY (SELECT t.*, m.month AS cqa_month FROM ${source} t JOIN cqa_month m ON m.call_id = t.call_id)
			TO ${sqlPath(path.join(work, table))} (FORMAT parquet, PARTITION_BY (cqa_month))`
		);
		if (table === 'calls') continue;
		// Rows without a call id (a complaint about no particular call) are no call's; the rest found none.
		const { rows } = await db.query<{ n: number; no_id: number }>(
			`SELECT count(*) AS n, count(*) FILTER (WHERE call_id IS NULL) AS no_id FROM ${source}`
		);
		const n = Number(rows[0].n) - Number(rows[0].no_id) - Number(copied[0]?.Count ?? 0);
		if (n > 0) orphans[table] = n;
	}
	// No folder: calls.parquet has no rows.
	const months = (existsSync(path.join(work, 'calls')) ? await readdir(path.join(work, 'calls')) : [])
		.filter((d) => d.startsWith('cqa_month='))
		.map((d) => d.slice('cqa_month='.length))
		.sort();
	return { months, orphans };
}

/** The month's rows of each input, in a fresh database with the app's schema; returns calls and segments loaded. */
async function loadMonth(db: Db, work: string, month: string, inputs: Input[]): Promise<{ calls: number; segments: number }> {
	await ensureSchema(db);
	const counts = { calls: 0, segments: 0 };
	for (const table of inputs) {
		const dir = path.join(work, table, `cqa_month=${month}`);
		if (!existsSync(dir)) continue;
		const rows = `(SELECT * FROM ${readAll(dir)})`;
		if (table === 'segments') {
			const { columns } = await db.query(`SELECT * FROM ${rows} LIMIT 0`);
			const names = columns.map((c) => c.name).filter((n) => !(DERIVED_SEGMENT_COLUMNS as readonly string[]).includes(n));
			await insertSegments(db, names, rows);
		} else {
			await db.query(`INSERT INTO ${table} BY NAME SELECT * FROM ${rows}`);
		}
		if (table === 'calls' || table === 'segments') {
			const { rows: n } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
			counts[table] = Number(n[0].n);
		}
	}
	return counts;
}

/**
 * Scores <data>'s Parquet files month by month into <out>/findings/month=…/ and <out>/scores/month=…/ (the columns
 * `callqa score` writes). Throws when <data> has no calls.parquet.
 */
export async function scoreByMonth(data: string, out: string, opts: ByMonthOptions): Promise<ByMonthResult> {
	const files: Partial<Record<Input, string>> = {};
	for (const t of MONTH_INPUTS) {
		const f = inputFiles(data, t);
		if (f) files[t] = f;
	}
	if (!files.calls) throw new Error(`no calls.parquet in ${data} or its subfolders: --parquet takes the folder \`callqa import\` wrote`);
	const inputs = MONTH_INPUTS.filter((t) => files[t]);
	await mkdir(out, { recursive: true });
	for (const t of ['findings', 'scores']) await rm(path.join(out, t), { recursive: true, force: true });
	const work = opts.workDir ?? (await mkdtemp(path.join(out, '.callqa-months-')));
	try {
		const t0 = performance.now();
		let rubric = opts.rubric;
		let guess: LanguageGuess | null = null;
		let months: string[];
		let orphans: ByMonthResult['orphans'];
		const splitter = await createNativeDb();
		try {
			({ months, orphans } = await split(splitter, files, work, inputs));
			if (!rubric) {
				await splitter.query(
					inputs.includes('segments')
						? `CREATE VIEW segments AS SELECT text FROM read_parquet(${files.segments}, union_by_name = true)`
						: 'CREATE VIEW segments AS SELECT NULL::VARCHAR AS text WHERE false'
				);
				guess = await guessLanguage(splitter);
				rubric = opts.chooseRubric(guess);
			}
		} finally {
			await splitter.close();
		}
		const splitMs = performance.now() - t0;
		const items = new Map<string, ItemCounts>();
		const results: MonthResult[] = [];
		for (const [i, month] of months.entries()) {
			const started = performance.now();
			const db = await createNativeDb();
			try {
				const counts = await loadMonth(db, work, month, inputs);
				await scorePending(db, rubric);
				const part = (t: string) => path.join(out, t, `month=${month}`, `${t}.parquet`);
				await mkdir(path.dirname(part('findings')), { recursive: true });
				await mkdir(path.dirname(part('scores')), { recursive: true });
				await writeScoreParquet(db, rubric, part('findings'), part('scores'));
				for (const s of await itemSummary(db, rubric.id, rubric.version)) {
					const sum = items.get(s.item_id) ?? { pass: 0, fail: 0, na: 0 };
					items.set(s.item_id, { pass: sum.pass + Number(s.pass), fail: sum.fail + Number(s.fail), na: sum.na + Number(s.na) });
				}
				const r = { month, ...counts, ms: performance.now() - started, peakRss: peakRss() };
				results.push(r);
				opts.onMonth?.(r, i, months.length);
			} finally {
				await db.close();
			}
		}
		return { rubric: rubric!, guess, months: results, orphans: orphans!, items, splitMs };
	} finally {
		if (!opts.workDir) await rm(work, { recursive: true, force: true });
	}
}
