// The browser half of the DESIGN §7 import + score budget: drives the built app in Debian's headless
// Chromium through the real import page, with the same files the native run used, and prints JSON
// {import_s, score_s, total_s, renderer_peak_mb, opfs_mb}: the peak resident memory of Chromium's renderer (the tab
// and its DuckDB worker, sampled from /proc every 250 ms) and what the origin stores (navigator.storage.estimate(): the
// OPFS workspace). Usage: node bench/browser-import-score.js <dir with calls.csv, transcripts.csv>
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = process.argv[2];
const PORT = Number(process.env.CALLQA_BENCH_PORT ?? 4389);
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Largest resident set (MB) of a Chromium renderer process now; 0 when none is found (no /proc). */
function rendererRssMb() {
	let max = 0;
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
			const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
			max = Math.max(max, kb / 1024);
		} catch {
			// the process ended between the listing and the read
		}
	}
	return max;
}

const server = spawn(
	process.execPath,
	['node_modules/vite/bin/vite.js', 'preview', '--strictPort', '--port', String(PORT), '--host', '127.0.0.1'],
	{ stdio: 'ignore' }
);
const profile = mkdtempSync(path.join(tmpdir(), 'callqa-bench-profile-'));
try {
	const base = `http://127.0.0.1:${PORT}`;
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(base + '/')).ok) break;
		} catch {
			if (i > 300) throw new Error('vite preview did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(base + '/import');
	await page.getByRole('heading', { name: '导入文件' }).waitFor({ timeout: 60_000 });
	let peakMb = 0;
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, rendererRssMb())), 250);
	const t0 = performance.now();
	await page
		.locator('input[type=file]:not([webkitdirectory])')
		.first()
		.setInputFiles(['calls.csv', 'transcripts.csv'].map((f) => path.join(dir, f)));
	await page.getByText(/导入完成/).waitFor({ timeout: 600_000 });
	const imported = performance.now();
	await page.locator('[data-scoring="done"]').first().waitFor({ timeout: 900_000 });
	const scored = performance.now();
	clearInterval(sampler);
	peakMb = Math.max(peakMb, rendererRssMb());
	const { usage } = await page.evaluate(() => navigator.storage.estimate());
	await context.close();
	const s = (ms) => Math.round(ms / 100) / 10;
	console.log(
		JSON.stringify({
			import_s: s(imported - t0),
			score_s: s(scored - imported),
			total_s: s(scored - t0),
			renderer_peak_mb: Math.round(peakMb),
			opfs_mb: Math.round((usage ?? NaN) / 1048576)
		})
	);
} finally {
	server.kill('SIGTERM');
	rmSync(profile, { recursive: true, force: true });
}
