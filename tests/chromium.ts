// Debian's Chromium through playwright-core with the flags every e2e browser uses; no vitest import, so the
// global setup (which runs outside the test workers) can launch it too.
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS as BENCH_CHROMIUM_ARGS } from '../bench/browser.js';

// The benchmarks' flags (bench/browser.js, one list for both), and autoplay for the player specs.
export const CHROMIUM_ARGS = [...BENCH_CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'];

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
