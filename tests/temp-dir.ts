// A temporary folder for one test's files (downloads, files to upload), removed when the test ends, pass or fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A new folder under the system's temp folder, named `prefix` + random; call it inside a test. */
export function testTempDir(prefix: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}
