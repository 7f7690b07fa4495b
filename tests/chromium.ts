// Debian's Chromium through playwright-core with the flags every e2e browser uses; no vitest import, so the
// global setup (which runs outside the test workers) can launch it too.
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS as BENCH_CHROMIUM_ARGS } from '../bench/browser.js';

// The benchmarks' flags (bench/browser.js, one list for both), autoplay for the player specs, and V8's baseline wasm
// compiler only (Liftoff). The specs test behaviour, not speed, and each page lives seconds: the optimising tier
// recompiled DuckDB's hot wasm functions in every page and spent more CPU than it saved (measured on 2 cores: four
// screen specs 92.9 -> 76.5 s and 25 % less CPU; four import-and-score specs 115 -> 108 s and 19 % less CPU). The
// benchmarks keep Chromium's defaults (bench/browser.js).
export const CHROMIUM_ARGS = [...BENCH_CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required', '--js-flags=--liftoff-only'];

/** A browser on the given profile directory (its OPFS is the app's workspace). */
export function launchChromium(userDataDir: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(userDataDir, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
		locale: 'zh-CN',
		acceptDownloads: true
	});
}
