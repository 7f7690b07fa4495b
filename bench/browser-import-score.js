// The browser half of the DESIGN §7 import + score budget: drives the built app in Debian's headless
// Chromium through the real import page, with the same files the native run used, and prints JSON
// {import_s, score_s, total_s, renderer_peak_mb, opfs_mb}: the peak resident memory of Chromium's renderer (the tab
// and its DuckDB worker, sampled from /proc every 250 ms) and what the origin stores (navigator.storage.estimate(): the
// OPFS workspace). Usage: node bench/browser-import-score.js <dir with calls.csv, transcripts.csv>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importAndScore, launchChromium, rendererRssMb, startPreview } from './browser.js';

const dir = process.argv[2];
const PORT = Number(process.env.CALLQA_BENCH_PORT ?? 4389);

const { base, stop } = await startPreview(PORT);
const profile = mkdtempSync(path.join(tmpdir(), 'callqa-bench-profile-'));
try {
	const context = await launchChromium(profile);
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(base + '/import');
	await page.getByRole('heading', { name: '导入文件' }).waitFor({ timeout: 60_000 });
	let peakMb = 0;
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, rendererRssMb())), 250);
	const { import_ms, score_ms } = await importAndScore(page, dir);
	clearInterval(sampler);
	peakMb = Math.max(peakMb, rendererRssMb());
	const { usage } = await page.evaluate(() => navigator.storage.estimate());
	await context.close();
	const s = (ms) => Math.round(ms / 100) / 10;
	console.log(
		JSON.stringify({
			import_s: s(import_ms),
			score_s: s(score_ms),
			total_s: s(import_ms + score_ms),
			renderer_peak_mb: Math.round(peakMb),
			opfs_mb: Math.round((usage ?? NaN) / 1048576)
		})
	);
} finally {
	stop();
	rmSync(profile, { recursive: true, force: true });
}
