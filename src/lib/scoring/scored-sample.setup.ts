// Global setup of the unit project: a fresh folder for this run's scored sample (scored-sample.ts), which the first
// test file that needs it fills.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Folder of this run's scored sample: pass it to openScoredSample. */
		scoredSampleDir: string;
	}
}

export default function setup(project: TestProject) {
	const dir = path.resolve('test-results/scored-sample');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	project.provide('scoredSampleDir', dir);
}
