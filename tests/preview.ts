// `vite preview` of build/ for the e2e specs, started as a child process and stopped by PID. No vitest import: the
// fixture script (tests/prepare-sample-profile.ts) runs outside vitest.
import { spawn, type ChildProcess } from 'node:child_process';

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

export interface Preview {
	baseUrl: string;
	/** Stops the server; resolves once it has exited. */
	stop(): Promise<void>;
}

export async function startPreview(port: number): Promise<Preview> {
	const child = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--strictPort', '--port', String(port), '--host', '127.0.0.1'],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const baseUrl = `http://127.0.0.1:${port}`;
	await waitForServer(baseUrl + '/', child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		baseUrl,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}
