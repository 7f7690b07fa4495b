// Test helper: runs the real `callqa` launcher (bin/callqa.js) in a child process, as a user would, and
// collects its exit code and output. Used by the CLI's end-to-end tests; not part of the CLI itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'callqa.js');

export interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function callqa(...args: string[]): Promise<Run> {
	return callqaWithEnv({}, ...args);
}

/** callqa with these environment variables set too (TMPDIR, say). */
export function callqaWithEnv(env: Record<string, string>, ...args: string[]): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, NO_COLOR: '1' } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}
