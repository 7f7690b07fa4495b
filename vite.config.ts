import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { sampleData } from './scripts/sample-data-plugin.js';

export default defineConfig({
	plugins: [sveltekit(), sampleData()],
	worker: { format: 'es' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'sample-data/**/*.test.ts'],
					testTimeout: 60_000,
					// beforeAll hooks that score sample calls need more than the default 10 s on a busy 2-core machine.
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/**/*.spec.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false,
					globalSetup: ['tests/global-setup.ts']
				}
			}
		]
	}
});
