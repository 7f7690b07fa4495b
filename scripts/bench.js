#!/usr/bin/env node
// `npm run bench [-- --calls N --dir D --keep --only scale|dashboard|audio|month|year]`: the DESIGN §7 benchmarks.
// scale: generates N calls (default 100,000) from the sample centre (bench/generate-large.ts) into a temp
// folder, runs `callqa score` on it (import + score, the same SQL the browser runs), prints the timings, peak RSS
// and the native figures the browser budget is compared with, then the same files through the app in Chromium.
// dashboard: bench/browser-dashboard.js, filter changes on a 1M-call overview in Chromium (≤ 150 ms p95).
// month: N calls (default 200,000) all in one month (generate-large --month), imported and scored in Chromium, then the
// calls list, a call page, the dashboard and the leaderboard of that month timed (bench/browser-pages.js). Only when
// asked for (--only month): it takes several minutes.
// audio: bench/generate-audio.ts + bench/browser-audio.js, a 1-hour stereo WAV and MP3 (time to waveform, time to
// voice activity) and a batch's voice-activity throughput, in Chromium and in the CLI.
// year: the scale files as Parquet copied to N calls (default 10,000,000, about 200,000 a month) and scored month by
// month by `callqa score --parquet`, with its peak memory. Only when asked for (--only year): it takes most of an hour.
// All but month and year by default. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BROWSER_BUDGET_S = 20; // DESIGN §7: import + score of 100k calls in the browser, 2 cores
const MAX_RATIO = 3; // DESIGN §7: browser within 3× of native DuckDB on the same files

const { values } = parseArgs({
	options: {
		calls: { type: 'string' },
		dir: { type: 'string' },
		keep: { type: 'boolean', default: false },
		only: { type: 'string' }
	}
});
if (values.only && !['scale', 'dashboard', 'audio', 'month', 'year'].includes(values.only))
	throw new Error('--only scale, --only dashboard, --only audio, --only month or --only year');
const calls = Number(values.calls ?? (values.only === 'month' ? 200_000 : values.only === 'year' ? 10_000_000 : 100_000));
const dir = values.dir ?? mkdtempSync(path.join(tmpdir(), 'callqa-bench-'));
const out = path.join(dir, 'out');

function run(cmd, args) {
	const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0) {
		process.stderr.write(r.stdout + r.stderr);
		throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
	}
	return r;
}

const RESULTS = path.join(ROOT, 'bench', 'results.md');
const RESULTS_INTRO = `# Benchmark runs

Appended by \`npm run bench\` (scripts/bench.js), one row per run. Load is the machine's 1-minute load average when
the run started; figures from a loaded machine are not comparable.
`;
const SCALE_TABLE = `## Scale: import + score (\`npm run bench -- --only scale\`)

The same generated files imported and scored by the CLI (native DuckDB) and by the built app in headless Chromium
(duckdb-wasm, OPFS), then, natively in a workspace file, 1,000 new calls imported into it and a one-item rubric change.

| date (UTC) | cores | load | calls | segments | native import | native score | native peak RSS | browser import | browser score | browser / native | native: 1k new calls import + score | native: re-score after a one-item change | browser peak renderer RSS | OPFS workspace |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`;
const MONTH_TABLE = `## A month in one browser workspace (\`npm run bench -- --only month\`)

Every call in one month (generate-large --month), imported and scored in Chromium; then the calls list, a call page,
the dashboard and the leaderboard of that month: the first view after the import, and the p95 of the views after it.

| date (UTC) | cores | load | calls | import | score | first view: calls / call / dashboard / leaderboard | p95 after: calls / call / dashboard / leaderboard | peak renderer RSS | OPFS workspace |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`;

const YEAR_TABLE = `## Years of calls through the CLI (\`npm run bench -- --only year\`)

The scale files' 100,000 calls imported once (\`callqa import\`), copied to N calls of about 200,000 a month
(bench/replicate-parquet.ts), then scored month by month by \`callqa score --parquet\` (cli/score-by-month.ts): the
split of the inputs by month, the whole run, and the process's peak memory.

| date (UTC) | cores | load | calls | turns | months | split | total | per 100k calls | peak RSS |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`;

/** Adds `line` as the last row of the table `table` (its title, text and header) in results.md, made when missing. */
function addRow(table, line) {
	const header = table.split('\n').at(-2);
	let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : RESULTS_INTRO;
	if (!text.includes(header)) text = `${text.trimEnd()}\n\n${table}\n`;
	const lines = text.split('\n');
	let end = lines.indexOf(header) + 1;
	while (end + 1 < lines.length && lines[end + 1].startsWith('|')) end++;
	lines.splice(end + 1, 0, line);
	writeFileSync(RESULTS, lines.join('\n'));
}

const sec = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} s` : 'n/a');
const mb = (x) => (Number.isFinite(x) ? `${Math.round(x)} MB` : 'n/a');

/** Adds one scale run to bench/results.md. */
function appendResult(row) {
	addRow(
		SCALE_TABLE,
		`| ${row.date} | ${cpus().length} | ${row.load.toFixed(2)} | ${row.calls} | ${row.segments} | ${sec(row.nativeImport)} | ${sec(row.nativeScore)} | ${mb(row.rssMb)} | ${sec(row.browserImport)} | ${sec(row.browserScore)} | ${row.ratio.toFixed(2)}× | ${
			row.incremental
				? `${sec(row.incremental.day_import_s)} + ${sec(row.incremental.day_score_s)} (${row.incremental.day_calls} calls)`
				: 'n/a'
		} | ${row.incremental ? `${sec(row.incremental.rescore_s)} (${row.incremental.rescore_calls} calls)` : 'n/a'} | ${mb(row.rendererMb)} | ${mb(row.opfsMb)} |`
	);
}

/** The month bench: generate (or reuse) the month's files, build, run bench/browser-pages.js, add its row. */
function monthBench() {
	const month = '2026-09';
	const monthDir = values.dir ?? mkdtempSync(path.join(tmpdir(), 'callqa-bench-month-'));
	try {
		if (!existsSync(path.join(monthDir, 'calls.csv'))) {
			console.log(`generating ${calls} calls in ${month} into ${monthDir} …`);
			run(process.execPath, ['--import', 'tsx', 'bench/generate-large.ts', monthDir, '--calls', String(calls), '--month', month]);
		} else console.log(`reusing the files in ${monthDir}`);
		const load = loadavg()[0];
		const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
		ensureBuild();
		const r = spawnSync(process.execPath, ['bench/browser-pages.js', monthDir, '--month', month], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 64 << 20
		});
		process.stdout.write(r.stdout);
		if (r.status !== 0) throw new Error(`bench/browser-pages.js exited ${r.status}`);
		const m = JSON.parse(r.stdout.trim().split('\n').at(-1));
		const four = (o) => ['calls', 'call', 'dashboard', 'leaderboard'].map((k) => `${o[k]} ms`).join(' / ');
		addRow(
			MONTH_TABLE,
			`| ${date} | ${cpus().length} | ${load.toFixed(2)} | ${m.calls} | ${sec(m.import_s)} | ${sec(m.score_s)} | ${four(m.first_ms)} | ${four(m.p95_ms)} | ${mb(m.renderer_peak_mb)} | ${mb(m.opfs_mb)} |`
		);
		console.log(`appended to ${path.relative(ROOT, RESULTS)}`);
	} finally {
		if (!values.keep && !values.dir) rmSync(monthDir, { recursive: true, force: true });
	}
}

/** The year bench: the scale files as Parquet, copied to `calls` calls, scored month by month; adds its row. */
function yearBench() {
	const root = values.dir ?? mkdtempSync(path.join(tmpdir(), 'callqa-bench-year-'));
	const base = path.join(root, 'base');
	const baseParquet = path.join(root, 'base-parquet');
	const year = path.join(root, `year-${calls}`);
	const yearOut = path.join(root, 'year-out');
	try {
		if (!existsSync(path.join(base, 'calls.csv'))) {
			console.log(`generating 100000 calls into ${base} …`);
			run(process.execPath, ['--import', 'tsx', 'bench/generate-large.ts', base, '--calls', '100000']);
		}
		if (!existsSync(path.join(baseParquet, 'segments.parquet')))
			run(process.execPath, ['bin/callqa.js', 'import', base, '--out', baseParquet]);
		if (!existsSync(path.join(year, 'segments.parquet'))) {
			console.log(`copying them to ${calls} calls in ${year} …`);
			process.stdout.write(
				run(process.execPath, ['--import', 'tsx', 'bench/replicate-parquet.ts', baseParquet, year, '--calls', String(calls)]).stdout
			);
		} else console.log(`reusing the files in ${year}`);
		const load = loadavg()[0];
		const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
		console.log('callqa score --parquet … (one line per month when it ends)');
		const r = run('/usr/bin/time', ['-v', process.execPath, 'bin/callqa.js', 'score', '--parquet', year, '--out', yearOut]);
		process.stdout.write(r.stdout);
		const m = /Scored ([\d,]+) calls \(([\d,]+) turns\) in (\d+) months: split ([\d.]+) s, total ([\d.]+) s/.exec(r.stdout);
		if (!m) throw new Error('callqa score --parquet printed no summary');
		const n = (x) => Number(x.replaceAll(',', ''));
		const rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
		addRow(
			YEAR_TABLE,
			`| ${date} | ${cpus().length} | ${load.toFixed(2)} | ${n(m[1])} | ${n(m[2])} | ${m[3]} | ${sec(Number(m[4]))} | ${sec(Number(m[5]))} | ${sec((Number(m[5]) * 100_000) / n(m[1]))} | ${mb(rssMb)} |`
		);
		console.log(`appended to ${path.relative(ROOT, RESULTS)}`);
	} finally {
		if (!values.keep && !values.dir) rmSync(root, { recursive: true, force: true });
	}
}

/** Builds the app, so the browser figures always measure the code as it is (a stale build/ once misled a comparison). */
function ensureBuild() {
	run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
}

function dashboardBench() {
	// It makes its own build with the ?bench=1 hook (build-bench/) when missing; the app's build/ has no hook. Its progress and figures go straight to the terminal; it fails (exit ≠ 0) only when it could not measure.
	const r = spawnSync(process.execPath, ['bench/browser-dashboard.js'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`bench/browser-dashboard.js exited ${r.status}`);
}

function audioBench() {
	// The generated audio is kept in --dir when given (generating the MP3 takes a few minutes), else a temp folder.
	const audioDir = values.dir ? path.join(values.dir, 'audio') : mkdtempSync(path.join(tmpdir(), 'callqa-bench-audio-'));
	try {
		const gen = spawnSync(process.execPath, ['--import', 'tsx', 'bench/generate-audio.ts', audioDir], { cwd: ROOT, stdio: 'inherit' });
		if (gen.status !== 0) throw new Error('bench/generate-audio.ts failed');
		ensureBuild();
		const r = spawnSync(process.execPath, ['bench/browser-audio.js', audioDir], { cwd: ROOT, stdio: 'inherit' });
		if (r.status !== 0) throw new Error(`bench/browser-audio.js exited ${r.status}`);
		// The same batch through the CLI (native Node, in-process analysis): its voice-activity line.
		const cli = run(process.execPath, [
			path.join(ROOT, 'bin', 'callqa.js'),
			'score',
			path.join(audioDir, 'calls.csv'),
			path.join(audioDir, 'batch'),
			'--out',
			path.join(audioDir, 'out')
		]);
		console.log('CLI (callqa score, Node): ' + (/Voice activity: .*/.exec(cli.stdout)?.[0] ?? '(no voice activity line)'));
	} finally {
		if (!values.dir) rmSync(audioDir, { recursive: true, force: true });
	}
}

if (values.only === 'month') {
	if (!values.dir) rmSync(dir, { recursive: true, force: true });
	monthBench();
	process.exit(0);
}

if (values.only === 'year') {
	if (!values.dir) rmSync(dir, { recursive: true, force: true });
	yearBench();
	process.exit(0);
}

if (values.only === 'audio') {
	if (!values.dir) rmSync(dir, { recursive: true, force: true });
	audioBench();
	process.exit(0);
}

if (values.only === 'dashboard') {
	if (!values.dir) rmSync(dir, { recursive: true, force: true });
	dashboardBench();
	process.exit(0);
}

const startLoad = loadavg()[0];
const startDate = new Date().toISOString().slice(0, 16).replace('T', ' ');
try {
	if (!existsSync(path.join(dir, 'calls.csv')) || !existsSync(path.join(dir, 'transcripts.csv'))) {
		console.log(`generating ${calls} calls into ${dir} …`);
		process.stdout.write(run(process.execPath, ['--import', 'tsx', 'bench/generate-large.ts', dir, '--calls', String(calls)]).stdout);
	} else console.log(`reusing the files in ${dir}`);

	// GNU time reports the peak resident set of the CLI process; without it we go on without RSS.
	const hasTime = existsSync('/usr/bin/time');
	const cli = [path.join(ROOT, 'bin', 'callqa.js'), 'score', dir, '--out', out];
	const r = hasTime ? run('/usr/bin/time', ['-v', process.execPath, ...cli]) : run(process.execPath, cli);

	const num = (re, text) => Number(re.exec(text)?.[1] ?? NaN);
	const segments = num(/segments (\d+)/, r.stdout);
	const scored = num(/score [\d.]+ s \((\d+) calls\)/, r.stdout);
	const importS = num(/Timings: import ([\d.]+) s/, r.stdout);
	const scoreS = num(/, score ([\d.]+) s/, r.stdout);
	const totalS = num(/total ([\d.]+) s/, r.stdout);
	const rssMb = hasTime ? num(/Maximum resident set size \(kbytes\): (\d+)/, r.stderr) / 1024 : NaN;
	const per100k = ((importS + scoreS) * 100_000) / scored;

	console.log(r.stdout.slice(r.stdout.indexOf('Scores:')));
	console.log(
		[
			`calls ${scored}, segments ${segments}`,
			`native import ${importS.toFixed(1)} s, score ${scoreS.toFixed(1)} s, total with writing ${totalS.toFixed(1)} s, peak RSS ${Number.isNaN(rssMb) ? 'n/a' : rssMb.toFixed(0) + ' MB'}`,
			`native import + score per 100k calls: ${per100k.toFixed(1)} s`,
			`browser budget per 100k calls: ≤ ${BROWSER_BUDGET_S} s and ≤ ${MAX_RATIO}× native = ${Math.min(BROWSER_BUDGET_S, MAX_RATIO * per100k).toFixed(1)} s`
		].join('\n')
	);

	// Incremental work on native DuckDB in a workspace file: a day of 1,000 new calls into the workspace of the files
	// above, then a new rubric version that changes one item (bench/native-incremental.ts).
	const dayDir = path.join(dir, 'day');
	if (!existsSync(path.join(dayDir, 'calls.csv'))) {
		// Past the copies of the sample the large files hold (about 5,400 calls each), so the day's call ids are new.
		const fromCopy = String(Math.ceil(calls / 5000) + 1);
		run(process.execPath, ['--import', 'tsx', 'bench/generate-large.ts', dayDir, '--calls', '1000', '--from-copy', fromCopy]);
	}
	const incremental = JSON.parse(
		run(process.execPath, ['--import', 'tsx', 'bench/native-incremental.ts', dir, dayDir]).stdout.trim().split('\n').at(-1)
	);
	console.log(
		`native, workspace of ${incremental.base_calls} calls: ${incremental.day_calls} new calls import ${incremental.day_import_s} s + score ${incremental.day_score_s} s; ` +
			`one-item rubric change re-scores ${incremental.rescore_calls} calls in ${incremental.rescore_s} s`
	);

	// The same files through the built app in Chromium (needs build/ and Debian's chromium).
	ensureBuild();
	const browser = JSON.parse(run(process.execPath, ['bench/browser-import-score.js', dir]).stdout.trim().split('\n').at(-1));
	const browserPer100k = (browser.total_s * 100_000) / scored;
	console.log(
		[
			`browser (Chromium, duckdb-wasm, OPFS) import ${browser.import_s} s, score ${browser.score_s} s, total ${browser.total_s} s, ` +
				`peak renderer RSS ${browser.renderer_peak_mb} MB, OPFS workspace ${browser.opfs_mb} MB`,
			`browser / native: ${(browserPer100k / per100k).toFixed(2)}× (budget ≤ ${MAX_RATIO}×); browser per 100k calls ${browserPer100k.toFixed(1)} s (budget ≤ ${BROWSER_BUDGET_S} s)`
		].join('\n')
	);
	appendResult({
		date: startDate,
		load: startLoad,
		calls: scored,
		segments,
		nativeImport: importS,
		nativeScore: scoreS,
		rssMb,
		browserImport: Number(browser.import_s),
		browserScore: Number(browser.score_s),
		ratio: browserPer100k / per100k,
		incremental,
		rendererMb: Number(browser.renderer_peak_mb),
		opfsMb: Number(browser.opfs_mb)
	});
	console.log(`appended to ${path.relative(ROOT, RESULTS)}`);
} finally {
	if (!values.keep && !values.dir) rmSync(dir, { recursive: true, force: true });
}
if (values.only !== 'scale') {
	dashboardBench();
	audioBench();
}
