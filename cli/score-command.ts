// `callqa score <files or folders…> --out <dir> [--rubric rubric.json] [--mapping preset.json]`: imports like
// `callqa import` (import-run.ts), scores every call with scoreCalls (the browser's compiled SQL) on native
// DuckDB, writes findings/scores as CSV + Parquet (score-export.ts) and prints per-item counts and timings.
import type { Db } from '../src/lib/db/types';
import { DEFAULT_RUBRIC_EN } from '../src/lib/scoring/default-rubric-en';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';
import type { Rubric } from '../src/lib/scoring/rubric';
import { itemSummary, type ItemCounts } from '../src/lib/scoring/score';
import { QA_PARTS_SQL, kpiSql, type Part } from '../src/lib/metrics/kpis';
import { scorePending } from '../src/lib/scoring/dirty';
import { guessLanguage, ZH_HAN_SHARE, type LanguageGuess } from '../src/lib/scoring/language';
import type { Command } from './command';
import { ON_EXISTING_HELP, REPORT_FILE, displayWidth, fit, formatSummary, importToDir, parseImportArgs } from './import-run';
import { createNativeDb } from './native-db';
import { loadRubric } from './rubric-command';
import { RESULTS_XLSX, SCORE_FILES, writeScoreFiles, writeScoresXlsx, XLSX_ROW_LIMIT } from './score-export';
import { analyseRecordings, exportVoiceTables, formatVoiceRun } from './voice-run';
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DuplicateCalls, inputFiles, scoreByMonth } from './score-by-month';
import path from 'node:path';
import { optionError, UsageError } from './command';
import { zh } from '../src/lib/i18n/zh';
import { en } from '../src/lib/i18n/en';
import { MASKED } from '../src/lib/privacy/export-privacy';
import { appraisalFileName, appraisalXlsx, queryAppraisal } from '../src/lib/leaderboard/appraisal';
import { appraisalLabels } from '../src/lib/leaderboard/appraisal-labels';
import { DEFAULT_SETTINGS } from '../src/lib/metrics/settings';
import { parsePeriod, type Period } from '../src/lib/scope/period';

const HELP = `Usage: callqa score <files or folders…> --out <dir> [--rubric rubric.json] [--mapping preset.json]
                   [--on-existing replace|skip] [--appraisal YYYY-MM|YYYY-Qn] [--xlsx]
       callqa score --parquet <dir> --out <dir> [--rubric rubric.json]

Imports the files exactly as \`callqa import\` does, computes voice activity from the recordings given
(WAV, MP3, Ogg Opus/Vorbis, FLAC; who spoke when on each channel, as the app does), then scores every call
against a rubric with the same SQL the dashboard runs, and writes the findings and scores. A transcript or
recording whose call is in no call log is a call too (created by the import, in calls.parquet), scored
without the call-log fields.

Options:
  -o, --out <dir>         Directory for the results (created when missing). Required.
  -r, --rubric <file>     Rubric JSON (see \`callqa rubric --default zh\` and docs/rubric.md). Default: the
                          Chinese default rubric, or the English one when under ${ZH_HAN_SHARE * 100} % of the letters
                          in the transcripts are Chinese characters.
  -m, --mapping <file>    A saved column-mapping preset (JSON) applied to every tabular file.
${ON_EXISTING_HELP}
  --appraisal <period>    Also write the month's or quarter's appraisal workbook (考核表_<period>.xlsx, headers in
                          the rubric's language): per agent QA score (automatic and with reviews), CSAT,
                          resolution, complaints, appeals ("—": not recorded), composite and rank with the
                          default weights and minimum calls; a summary sheet and one sheet per team.
  --xlsx                  Also write results.xlsx: the scores and findings as two sheets (headers and results in
                          the rubric's language, customer numbers masked). A sheet over Excel's 1,048,575 rows is
                          left out with a warning; the CSV and Parquet files always hold every row.
  -h, --help              Show this help.

Call logs, complaint lists and transcript sheets may be Excel workbooks (.xlsx, .xls): the first sheet is
read, below any title rows, with Excel dates read as dates (docs/formats.md).

Writes everything \`callqa import\` writes (<table>.parquet, ${REPORT_FILE}, with voice_activity and
voice_analysis from the recordings) plus
  findings.csv / findings.parquet   call_id, item_id, result, points, max_points, start_s, end_s, evidence
  scores.csv / scores.parquet       call_id, score, passed, rubric_version
CSV files are UTF-8 with a BOM; a text cell starting with = + - @, TAB or CR is prefixed with ' so a
spreadsheet shows it instead of running it.

With --parquet <dir>, scores the Parquet files \`callqa import\` wrote in <dir> (calls.parquet, and
segments, voice_activity and complaints when there) one month of calls at a time, for data larger than
memory (a year of a large centre): each input is first split by the month its call started in (calls
without a start time make a month "none"), then each month is scored on its own, and its results are
written as
  findings/month=YYYY-MM/findings.parquet   the columns above
  scores/month=YYYY-MM/scores.parquet
which DuckDB, Spark or pandas read as one table (read_parquet('<out>/scores/*/*.parquet')). No CSV.
Memory is what one month takes; the split spills to a folder in <out> while it runs.

Exit codes: 0 scored (even when rows or files were rejected: see the report),
            2 usage error (bad option, missing --out, no files, unreadable path, invalid preset or rubric), 1 crash.
`;

function pct(n: number, d: number): string {
	return d > 0 ? `${((100 * n) / d).toFixed(1)} %` : '–';
}

async function itemCounts(db: Db, rubric: Rubric): Promise<Map<string, ItemCounts>> {
	return new Map((await itemSummary(db, rubric.id, rubric.version)).map((s) => [s.item_id, s]));
}

function itemTable(rubric: Rubric, counts: Map<string, ItemCounts>): string {
	const rows = rubric.items.map((it) => {
		const c = counts.get(it.id) ?? { pass: 0, fail: 0, na: 0 };
		return [it.id, it.label[rubric.language], String(c.pass), String(c.fail), String(c.na), pct(c.fail, c.pass + c.fail)];
	});
	const header = ['item', 'label', 'pass', 'fail', 'n/a', 'fail rate'];
	const widths = header.map((h, i) => Math.min(i === 1 ? 36 : 24, Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i])))));
	const line = (r: string[]) =>
		r
			.map((v, i) => (i >= 2 ? v.padStart(widths[i]) : fit(v, widths[i])))
			.join('  ')
			.trimEnd();
	return [line(header), '-'.repeat(widths.reduce((a, w) => a + w + 2, -2)), ...rows.map(line)].join('\n');
}

const qaPart = (p: Part) => QA_PARTS_SQL[p as keyof typeof QA_PARTS_SQL];

async function distribution(db: Db, rubric: Rubric): Promise<string> {
	const { rows } = await db.query<Record<string, number | null>>(
		// Mean and pass rate are the QA KPIs (metrics/kpis.ts) over the automatic scores of every call.
		`SELECT count(*) AS calls, ${QA_PARTS_SQL.scored_n} AS scored, ${kpiSql('qaAvg', qaPart)} AS mean, median(score) AS median,
			${kpiSql('qaPass', qaPart)} AS pass_rate, count(*) FILTER (WHERE critical_failed) AS critical,
			count(*) FILTER (WHERE score < 60) AS b0, count(*) FILTER (WHERE score >= 60 AND score < ${rubric.pass_mark}) AS b1,
			count(*) FILTER (WHERE score >= ${rubric.pass_mark} AND score < 100) AS b2, count(*) FILTER (WHERE score = 100) AS b3
		FROM scores q WHERE rubric_id = ? AND rubric_version = ?`,
		[rubric.id, rubric.version]
	);
	const r = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, v === null ? null : Number(v)]));
	const scored = r.scored ?? 0;
	return [
		`Scores: ${r.calls} calls, ${scored} scored (${(r.calls ?? 0) - scored} with no applicable item)`,
		`  mean ${r.mean === null ? '–' : r.mean.toFixed(1)}, median ${r.median === null ? '–' : r.median.toFixed(1)}, ` +
			`pass rate ${r.pass_rate === null ? '–' : (100 * r.pass_rate).toFixed(1) + ' %'} (pass mark ${rubric.pass_mark}), critical fails ${r.critical}`,
		`  <60: ${r.b0}   60–<${rubric.pass_mark}: ${r.b1}   ${rubric.pass_mark}–<100: ${r.b2}   100: ${r.b3}`
	].join('\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const defaultRubric = (guess: LanguageGuess): Rubric => (guess.language === 'zh' ? DEFAULT_RUBRIC_ZH : DEFAULT_RUBRIC_EN);

/** Which rubric scores, and why: named by --rubric, or the default for the transcripts' language. */
function rubricLine(rubric: Rubric, file: string | undefined, guess: LanguageGuess | null): string {
	const why = guess
		? `default; Chinese characters are ${pct(guess.han, guess.letters)} of the transcripts' letters, ${guess.language === 'zh' ? '≥' : '<'} ${ZH_HAN_SHARE * 100} %`
		: `from --rubric ${file}`;
	return `\nRubric: ${rubric.id} v${rubric.version} "${rubric.name}" (${why})\n`;
}

/** `callqa score --parquet <dir> --out <dir> [--rubric r.json]`: the month-by-month run (score-by-month.ts). */
async function runByMonth(args: string[]): Promise<number> {
	const t0 = performance.now();
	let parsed;
	try {
		parsed = parseArgs({
			args,
			strict: true,
			allowPositionals: true,
			options: { parquet: { type: 'string' }, out: { type: 'string', short: 'o' }, rubric: { type: 'string', short: 'r' } }
		});
	} catch (e) {
		throw optionError('score', e, ' (with --parquet: only --out and --rubric)');
	}
	const { values, positionals } = parsed;
	const data = values.parquet!;
	if (positionals.length > 0)
		throw new UsageError(`score: --parquet reads the folder \`callqa import\` wrote; no other files or folders (got ${positionals[0]})`);
	if (!values.out) throw new UsageError('score: missing --out <dir>');
	if (!existsSync(data) || !statSync(data).isDirectory()) throw new UsageError(`score: --parquet ${data} is not a folder`);
	if (!inputFiles(data, 'calls'))
		throw new UsageError(
			`score: --parquet ${data} has no calls.parquet, nor do its subfolders (give the --out folder of \`callqa import\`)`
		);
	const chosen = values.rubric === undefined ? null : await loadRubric('score', '--rubric', values.rubric);
	const width = (n: number) => n.toLocaleString('en').padStart(11);
	const result = await scoreByMonth(data, values.out, {
		rubric: chosen,
		chooseRubric: defaultRubric,
		onMonth: (r, i, total) =>
			process.stdout.write(
				`${r.month.padEnd(7)}  ${width(r.calls)} calls ${width(r.segments)} turns  ${seconds(r.ms).padStart(8)}  ` +
					`peak RSS ${(r.peakRss / 2 ** 30).toFixed(2)} GB  (${i + 1}/${total})\n`
			)
	}).catch((e: unknown) => {
		throw e instanceof DuplicateCalls ? new UsageError(`score: --parquet ${data}: ${e.message}`) : e;
	});
	const { rubric, months } = result;
	const calls = months.reduce((a, m) => a + m.calls, 0);
	const turns = months.reduce((a, m) => a + m.segments, 0);
	process.stdout.write(rubricLine(rubric, values.rubric, result.guess));
	for (const [table, n] of Object.entries(result.orphans))
		process.stdout.write(`${table}: ${n.toLocaleString('en')} rows name a call that is not in calls.parquet; not scored\n`);
	process.stdout.write(`\n${itemTable(rubric, result.items)}\n\n`);
	const peak = Math.max(0, ...months.map((m) => m.peakRss));
	process.stdout.write(
		`Scored ${calls.toLocaleString('en')} calls (${turns.toLocaleString('en')} turns) in ${months.length} months: split ${seconds(result.splitMs)}, ` +
			`total ${seconds(performance.now() - t0)}, peak RSS ${(peak / 2 ** 30).toFixed(2)} GB\n` +
			`Wrote findings/month=…/findings.parquet and scores/month=…/scores.parquet to ${values.out}\n`
	);
	return 0;
}

async function run(args: string[]): Promise<number> {
	if (args.some((a) => a === '--parquet' || a.startsWith('--parquet='))) return runByMonth(args);
	const t0 = performance.now();
	const opts = parseImportArgs('score', args, {
		rubric: { type: 'string', short: 'r' },
		appraisal: { type: 'string' },
		xlsx: { type: 'boolean' }
	});
	let appraisalPeriod: Period | null = null;
	if (typeof opts.values.appraisal === 'string') {
		appraisalPeriod = parsePeriod(opts.values.appraisal);
		if (!appraisalPeriod)
			throw new UsageError(`score: --appraisal ${opts.values.appraisal} is not a month (2026-09) or a quarter (2026-Q3)`);
	}
	// Check the rubric before importing anything: a typo should not cost a long import.
	const chosen = typeof opts.values.rubric === 'string' ? await loadRubric('score', '--rubric', opts.values.rubric) : undefined;
	const db = await createNativeDb();
	try {
		const { files, tables } = await importToDir('score', db, opts);
		const tImport = performance.now();
		process.stdout.write(formatSummary(files, tables, tImport - t0));

		const guess = chosen ? null : await guessLanguage(db);
		const rubric = chosen ?? defaultRubric(guess!);
		process.stdout.write(rubricLine(rubric, opts.values.rubric as string | undefined, guess));
		const tVoice0 = performance.now();
		const voice = await analyseRecordings(db);
		await exportVoiceTables(db, opts.out);
		const tVoice = performance.now() - tVoice0;
		process.stdout.write(formatVoiceRun(voice));

		const tScore0 = performance.now();
		// The same run as the browser's after an import: every call without a score for this version, and every
		// call whose data the import changed (scoring/dirty.ts). In a fresh run that is every call.
		const onStep = process.stderr.isTTY
			? (done: number, total: number) => process.stderr.write(`\r\x1b[2Kscoring: step ${done} of ${total}`)
			: undefined;
		const calls = await scorePending(db, rubric, undefined, { onStep });
		if (onStep) process.stderr.write('\r\x1b[2K');
		const tScore = performance.now();
		await writeScoreFiles(db, rubric, opts.out);
		const extra: string[] = [];
		if (opts.values.xlsx) {
			const { skipped } = await writeScoresXlsx(db, rubric, path.join(opts.out, RESULTS_XLSX));
			if (skipped.length < 2) extra.push(RESULTS_XLSX);
			for (const sheet of skipped)
				process.stderr.write(
					`results.xlsx: the "${sheet}" sheet would exceed Excel's ${XLSX_ROW_LIMIT.toLocaleString('en')} rows and was left out; see the CSV/Parquet files\n`
				);
		}
		let appraisalFile: string | null = null;
		if (appraisalPeriod) {
			const lang = rubric.language === 'zh' ? 'zh' : 'en';
			const catalogue = lang === 'zh' ? zh : en;
			const appraisal = await queryAppraisal(db, {
				period: appraisalPeriod,
				rubric: { id: rubric.id, version: rubric.version },
				weights: DEFAULT_SETTINGS.weights,
				minCallsPerMonth: DEFAULT_SETTINGS.minCallsPerMonth
			});
			appraisalFile = appraisalFileName(catalogue['appraisal.fileTitle'], appraisalPeriod);
			await writeFile(
				path.join(opts.out, appraisalFile),
				await appraisalXlsx(
					appraisal,
					appraisalLabels(lang, (k) => catalogue[k]),
					MASKED
				)
			);
		}
		const tWrite = performance.now();

		process.stdout.write(`\n${itemTable(rubric, await itemCounts(db, rubric))}\n\n${await distribution(db, rubric)}\n\n`);
		process.stdout.write(
			`Timings: import ${seconds(tImport - t0)} (read, import, table Parquet, report), voice activity ${seconds(tVoice)}, rubric choice ${seconds(tScore0 - tImport - tVoice)}, ` +
				`score ${seconds(tScore - tScore0)} (${calls} calls), write findings/scores ${seconds(tWrite - tScore)}, total ${seconds(tWrite - t0)}\n`
		);
		process.stdout.write(
			`Wrote ${Object.keys(tables).length} table Parquet files, ${REPORT_FILE}, ${[...SCORE_FILES, ...extra, ...(appraisalFile ? [appraisalFile] : [])].join(', ')} to ${opts.out}\n`
		);
		return 0;
	} finally {
		await db.close();
	}
}

export const scoreCommand: Command = {
	summary: 'import files or folders and score every call against a rubric (findings/scores as CSV + Parquet)',
	help: HELP,
	run
};
