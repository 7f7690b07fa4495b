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

/** Resolves when vite preview prints that it listens (its "Local: <url>" line); rejects when it exits first. */
function waitForServer(url: string, child: ChildProcess): Promise<void> {
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`vite preview did not start on ${url}`)), 60_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			// Colours may split the URL (vite prints the port in bold): compare the text without them.
			// eslint-disable-next-line no-control-regex -- ESC starts every colour code
			out += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
			if (out.includes(url)) {
				clearTimeout(timer);
				child.stdout?.resume();
				resolve();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`vite preview exited with ${code}`));
		});
	});
}

export default async function setup(project: TestProject) {
	if (!existsSync('build/index.html')) throw new Error('no build/: run `npm run build` before the e2e specs');
	const child = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--strictPort', '--port', String(PORT), '--host', '127.0.0.1'],
		{
			stdio: ['ignore', 'pipe', 'inherit']
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
