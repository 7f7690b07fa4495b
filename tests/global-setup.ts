// Starts the built app with `vite preview` for the end-to-end specs and stops it (by PID) afterwards, and
// prepares the sample workspace fixture (tests/sample-profile.ts) that most specs start from.
// The build itself is done by scripts/test-all.js; run `npm run build` first when running specs alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { sampleProfile } from './sample-profile';

const PORT = Number(process.env.CALLQA_E2E_PORT ?? 4319);

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** Profile directory of a browser whose workspace holds the scored sample; copy it, never open it. */
		sampleProfile: string;
	}
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`vite preview did not answer on ${url}`);
}

export default async function setup(project: TestProject) {
	if (!existsSync('build/index.html')) throw new Error('no build/: run `npm run build` before the e2e specs');
	const child = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--strictPort', '--port', String(PORT), '--host', '127.0.0.1'],
		{
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	const baseUrl = `http://127.0.0.1:${PORT}`;
	await waitForServer(baseUrl + '/', child);
	project.provide('baseUrl', baseUrl);
	try {
		project.provide('sampleProfile', await sampleProfile(baseUrl, PORT));
	} catch (e) {
		child.kill('SIGTERM');
		throw e;
	}
	return () => {
		child.kill('SIGTERM');
	};
}
