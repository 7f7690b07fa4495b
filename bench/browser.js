// What the browser benchmarks share: Debian's Chromium with the flags the e2e browser starts from (tests/chromium.ts
// adds autoplay and Liftoff-only wasm for the specs; the benchmarks keep V8's defaults), the built app served by vite
// preview, and the renderer's resident memory read from /proc. Plain Node, no tsx.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * Chromium on the profile directory `profile` (its OPFS holds the app's workspace).
 * @param {string} profile
 */
export function launchChromium(profile, viewport = { width: 1440, height: 900 }) {
	return chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
		viewport,
		locale: 'zh-CN'
	});
}

/**
 * `vite preview` of build/ (or build-bench/ with CALLQA_BENCH=1 in `env`) on 127.0.0.1:`port`, answered once it
 * serves the app: `{ base, stop }`. Waits up to 30 s.
 * @param {number | string} port
 */
export async function startPreview(port, env = process.env) {
	const server = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--strictPort', '--port', String(port), '--host', '127.0.0.1'],
		{ stdio: 'ignore', env }
	);
	const stop = () => server.kill('SIGTERM');
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(base + '/')).ok) return { base, stop };
		} catch {
			if (i > 300) {
				stop();
				throw new Error('vite preview did not start');
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}

/**
 * Drops `dir`'s calls.csv and transcripts.csv on the import page `page` shows and waits until they are imported,
 * then until every call is scored: the milliseconds of each.
 * @param {import('playwright-core').Page} page
 * @param {string} dir
 */
export async function importAndScore(page, dir, timeoutMs = 1_800_000) {
	const t0 = performance.now();
	await page
		.locator('input[type=file]:not([webkitdirectory])')
		.first()
		.setInputFiles(['calls.csv', 'transcripts.csv'].map((f) => path.join(dir, f)));
	await page.getByText(/导入完成/).waitFor({ timeout: timeoutMs });
	const imported = performance.now();
	await page.locator('[data-scoring="done"]').first().waitFor({ timeout: timeoutMs });
	return { import_ms: imported - t0, score_ms: performance.now() - imported };
}

/** Largest resident set (MB) of a Chromium renderer process now (the tab and its workers); 0 when none is found. */
export function rendererRssMb() {
	let max = 0;
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
			max = Math.max(max, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
		} catch {
			// the process ended between the listing and the read
		}
	}
	return max;
}
