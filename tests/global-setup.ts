// Starts the built app with `vite preview` for the end-to-end specs and stops it (by PID) afterwards, and
// prepares the sample workspace fixture (tests/sample-profile.ts) that most specs start from, unless
// scripts/test-all.js already made it while the type check and the lint ran (tests/prepare-sample-profile.ts).
// The build itself is done by scripts/test-all.js; run `npm run build` first when running specs alone.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { E2E_PORT } from './port';
import { startPreview } from './preview';
import { sampleProfile } from './sample-profile';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** Profile directory of a browser whose workspace holds the scored sample; copy it, never open it. */
		sampleProfile: string;
	}
}

export default async function setup(project: TestProject) {
	if (!existsSync('build/index.html')) throw new Error('no build/: run `npm run build` before the e2e specs');
	const preview = await startPreview(E2E_PORT);
	project.provide('baseUrl', preview.baseUrl);
	try {
		project.provide('sampleProfile', await sampleProfile(preview.baseUrl, E2E_PORT));
	} catch (e) {
		await preview.stop();
		throw e;
	}
	return () => preview.stop();
}
