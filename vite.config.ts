import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { sampleData } from './scripts/sample-data-plugin.js';
import { securityHeaders } from './scripts/security-headers.js';
import { CSP_DIRECTIVES } from './svelte.config.js';
import { HeaviestFirst } from './scripts/heaviest-first.js';

export default defineConfig({
	// `npm start` serves the build with vite preview: security headers, no CORS (README, "Security").
	plugins: [sveltekit(), securityHeaders(CSP_DIRECTIVES), sampleData()],
	worker: { format: 'es' },
	// True only in the benchmark build (svelte.config.js): the bench hook and its data generator are left out of the app.
	define: { 'import.meta.env.CALLQA_BENCH': JSON.stringify(process.env.CALLQA_BENCH === '1') },
	test: {
		sequence: { sequencer: HeaviestFirst },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					// Vitest's default is one worker fewer than the cores: one on a 2-core machine. The files are
					// independent (temporary folders, no ports), so use both cores.
					maxWorkers: 2,
					// Files share their worker's modules: each file no longer re-imports the app's modules or
					// instantiates duckdb-wasm again (about 1.8 s, where a file uses it). Every file passes without
					// isolation; state a test leaves behind belongs in its own afterAll/afterEach.
					isolate: false,
					include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'sample-data/**/*.test.ts'],
					globalSetup: ['src/lib/scoring/scored-sample.setup.ts'],
					// Setup hooks import and score the sample on real DuckDB: seconds on a quiet machine, more on a busy one.
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					// After the unit project (group 0), on its own: two specs at a time. One spec keeps 1.3–1.5 of the two
					// cores busy (Chromium's renderer waits on the page and the test in turns); two side by side keep both
					// busy (2026-12-06: the e2e project 522 s with one worker, 380 s with two, CPU 74 % → 97 %). Each spec has
					// its own browser profile; they share the one vite preview.
					sequence: { groupOrder: 1 },
					environment: 'node',
					include: ['tests/**/*.spec.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: true,
					maxWorkers: 2,
					// A worker runs its specs in one module graph: playwright-core and the helpers load once per worker
					// instead of once per file (about 2.7 s between specs). Each spec closes its own browsers and profiles.
					isolate: false,
					globalSetup: ['tests/global-setup.ts']
				}
			}
		]
	}
});
