// A month of a large centre in one browser workspace (issue 13): the built app in Debian's headless Chromium imports
// <dir>'s calls.csv + transcripts.csv through the import page (bench/generate-large.ts --month YYYY-MM makes them),
// waits until every call is scored, then opens the calls list, a call page, the dashboard and the leaderboard for
// that month: first each once (the first view after the import, which builds what the page caches), then each
// --views more times in turn. A visit is a click on a link inside the app (client-side navigation, as a user moves
// between pages), timed until the page shows that view's data:
//   calls list: rows of a table not marked stale; call page: its checklist; dashboard: the rendered key equals the
//   requested one (DashboardView); leaderboard: the board's rows, not stale.
// Also the renderer's peak resident memory (the tab and its DuckDB worker, from /proc) and the OPFS usage.
// Usage: node bench/browser-pages.js <dir> --month 2026-09 [--views 10] [--port 4392] [--profile <dir>]
// (--profile keeps the browser profile, and a rerun with the same profile skips the import.)
// Needs build/ (npm run build). Prints the figures and, last, one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importAndScore, launchChromium, rendererRssMb, startPreview } from './browser.js';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		month: { type: 'string' },
		views: { type: 'string', default: '10' },
		port: { type: 'string', default: process.env.CALLQA_BENCH_PORT ?? '4392' },
		profile: { type: 'string' }
	}
});
const dir = positionals[0];
const month = values.month;
if (!dir || !month || !/^\d{4}-\d\d$/.test(month)) {
	process.stderr.write('usage: node bench/browser-pages.js <dir> --month YYYY-MM [--views 10] [--port 4392] [--profile <dir>]\n');
	process.exit(2);
}
const VIEWS = Number(values.views);
const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

const { base, stop } = await startPreview(values.port);
const profile = values.profile ?? mkdtempSync(path.join(tmpdir(), 'callqa-bench-pages-'));
const log = (s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
let peakMb = 0;
const sampler = setInterval(() => (peakMb = Math.max(peakMb, rendererRssMb())), 250);
// A kept profile's HTTP cache would serve the previous build's app: vite preview sends no Cache-Control, so Chromium
// keeps the pages by its heuristic. The workspace (OPFS) stays.
if (values.profile)
	for (const cache of ['Cache', 'Code Cache']) rmSync(path.join(profile, 'Default', cache), { recursive: true, force: true });
try {
	const context = await launchChromium(profile, { width: 1400, height: 900 });
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (e) => log(`page error: ${e.message}`));
	await page.goto(base + '/import');
	await page.getByRole('heading', { name: '导入文件' }).waitFor({ timeout: 60_000 });

	let importS = null;
	let scoreS = null;
	// The workspace badge shows the calls count once the workspace is open (0 in a new profile).
	const badge = page.locator('.badge b').first();
	await badge.waitFor({ timeout: 60_000 });
	const hasCalls = Number((await badge.innerText()).replace(/\D/g, '')) > 0;
	if (!hasCalls) {
		log('importing …');
		const { import_ms, score_ms } = await importAndScore(page, dir);
		importS = import_ms / 1000;
		scoreS = score_ms / 1000;
		log(`imported in ${importS.toFixed(1)} s, scored in ${scoreS.toFixed(1)} s`);
	} else log('the profile holds the calls already: no import');

	// The first call of the month in the list (newest first) is the call page visited.
	const from = `${month}-01`;
	const to = `${month}-${String(lastDay).padStart(2, '0')}`;
	const pages = {
		calls: { url: `/calls?from=${from}&to=${to}`, ready: () => !!document.querySelector('.panel.table:not(.stale) tbody tr') },
		call: { url: null, ready: () => !!document.querySelector('.checklist [data-item]') },
		dashboard: {
			url: `/dashboard?from=${from}&to=${to}`,
			ready: () => {
				const d = document.querySelector('[data-dashboard]');
				return !!d && d.dataset.renderedKey !== '' && d.dataset.renderedKey === d.dataset.requestKey && d.dataset.urlPending === 'false';
			}
		},
		leaderboard: { url: `/leaderboard?period=${month}`, ready: () => !!document.querySelector('.table-wrap:not(.stale) tbody tr') }
	};

	/** Clicks an in-app link to `url` and waits (each animation frame) until `ready` holds: milliseconds. */
	async function visit(url, ready) {
		// Leave for a page none of the measured ones is, so each visit mounts its view afresh. Every measured page has an
		// h1 too: wait for the import page's own (its file input), not the one of the page being left.
		if (!page.url().endsWith('/import')) await navigate('/import', () => !!document.querySelector('input[type=file]'));
		return navigate(url, ready);
	}
	async function navigate(url, ready) {
		const t0 = await page.evaluate((href) => {
			const a = document.createElement('a');
			a.href = href;
			document.body.appendChild(a);
			const t = performance.now();
			a.click();
			a.remove();
			return t;
		}, url);
		await page.waitForFunction(ready, null, { polling: 'raf', timeout: 600_000 });
		return (await page.evaluate(() => performance.now())) - t0;
	}

	const first = {};
	const again = { calls: [], call: [], dashboard: [], leaderboard: [] };
	first.calls = await visit(pages.calls.url, pages.calls.ready);
	pages.call.url = await page.evaluate(() => document.querySelector('.panel.table tbody tr a[href^="/calls/"]')?.getAttribute('href'));
	if (!pages.call.url) throw new Error('no call link in the calls list');
	for (const name of ['call', 'dashboard', 'leaderboard']) first[name] = await visit(pages[name].url, pages[name].ready);
	log(
		`first views: ${Object.entries(first)
			.map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
			.join(', ')}`
	);
	for (let i = 0; i < VIEWS; i++) for (const name of Object.keys(again)) again[name].push(await visit(pages[name].url, pages[name].ready));

	const p95 = (xs) => {
		const s = [...xs].sort((a, b) => a - b);
		return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
	};
	const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	for (const [name, xs] of Object.entries(again))
		log(`${name}: after the first view, median ${Math.round(median(xs))} ms, p95 ${Math.round(p95(xs))} ms (${xs.length} views)`);
	const { usage } = await page.evaluate(() => navigator.storage.estimate());
	const calls = Number((await page.locator('header').innerText()).match(/([\d,]+)\s*通话/)?.[1].replace(/,/g, '') ?? NaN);
	await context.close();
	clearInterval(sampler);
	const out = {
		calls,
		import_s: importS,
		score_s: scoreS,
		first_ms: Object.fromEntries(Object.entries(first).map(([k, v]) => [k, Math.round(v)])),
		p95_ms: Object.fromEntries(Object.entries(again).map(([k, v]) => [k, Math.round(p95(v))])),
		renderer_peak_mb: Math.round(peakMb),
		opfs_mb: Math.round((usage ?? NaN) / 1048576)
	};
	log(`renderer peak ${out.renderer_peak_mb} MB, OPFS ${out.opfs_mb} MB`);
	console.log(JSON.stringify(out));
} finally {
	clearInterval(sampler);
	stop();
	if (!values.profile) rmSync(profile, { recursive: true, force: true });
}
