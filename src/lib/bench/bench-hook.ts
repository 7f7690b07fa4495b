// `window.__callqaBench`, compiled only into the benchmark build (`CALLQA_BENCH=1 vite build`, svelte.config.js)
// and installed only when a page is opened with ?bench=1 (bench/browser-dashboard.js): grows
// the workspace's sample to N calls in SQL (bench-data-sql.ts) without going through the import page.
import { workspace } from '../db/workspace.svelte';
import { growSample, tableCounts, type BenchDataReport } from './bench-data-sql';

export interface BenchHook {
	/** The workspace's table sizes. */
	counts(): Promise<BenchDataReport>;
	/** Grows the loaded sample to `calls` calls ending today, persists it and re-reads the workspace counts. */
	grow(calls: number): Promise<BenchDataReport>;
}

declare global {
	interface Window {
		__callqaBench?: BenchHook;
	}
}

export function installBenchHook(url: URL): void {
	if (url.searchParams.get('bench') !== '1' || window.__callqaBench) return;
	window.__callqaBench = {
		async counts() {
			return tableCounts(await workspace.db());
		},
		async grow(calls) {
			const db = await workspace.db();
			const report = await growSample(db, calls, new Date().toISOString().slice(0, 10));
			await db.checkpoint();
			await workspace.refresh();
			return report;
		}
	};
}
