// Loads the bundled sample contact centre (sample-data/out, served at /sample-data/) through the very
// same import pipeline a user's files go through. Browser-only: it fetches from the app's own origin.
import type { Db } from '../db/types';
import type { ImportOptions } from './pipeline';
import { importFiles } from './pipeline';
import type { ImportReport, InputFile } from './types';

export const SAMPLE_BASE = '/sample-data/';

interface Manifest {
	files: { file: string; bytes: number }[];
}

/** Files the sample import reads; the ground truth and the manifest are for tests, not for users. */
export function sampleFiles(manifest: Manifest): string[] {
	return manifest.files.map((f) => f.file).filter((f) => /\.(csv|wav)$/i.test(f));
}

export async function fetchSampleFiles(onFetched?: (done: number, total: number) => void): Promise<InputFile[]> {
	const res = await fetch(SAMPLE_BASE + 'manifest.json');
	if (!res.ok) throw new Error(`sample data manifest: HTTP ${res.status}`);
	const names = sampleFiles((await res.json()) as Manifest);
	const out: InputFile[] = [];
	for (const name of names) {
		const r = await fetch(SAMPLE_BASE + name);
		if (!r.ok) throw new Error(`sample data ${name}: HTTP ${r.status}`);
		out.push({ name, bytes: new Uint8Array(await r.arrayBuffer()) });
		onFetched?.(out.length, names.length);
	}
	return out;
}

export async function loadSampleData(db: Db, opts: ImportOptions = {}): Promise<ImportReport> {
	return importFiles(db, await fetchSampleFiles(), opts);
}
