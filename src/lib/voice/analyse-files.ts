// Decode + analyse recordings given as Blobs: what the analysis worker runs, and what the CLI runs in-process.
import { analyse, type Analysis, type AnalyseOptions } from './analyse';
import { createFvad, type Fvad } from './fvad';
import { openPcm } from './pcm-source';

export interface NamedBlob {
	name: string;
	blob: Blob;
}

export interface AnalyseFilesOptions extends Omit<AnalyseOptions, 'classifiers'> {
	/** compute voice activity too (peaks only otherwise) */
	withActivity: boolean;
	/** where the fvad .wasm is served (browser); Node finds it itself */
	wasmUrl?: string;
}

export async function analyseFiles(files: NamedBlob[], opts: AnalyseFilesOptions): Promise<Analysis> {
	const sources = [];
	for (const f of files) sources.push(await openPcm(f.blob, f.name));
	const channels = sources.reduce((n, s) => n + s.channels, 0);
	const detectors: Fvad[] = [];
	try {
		if (opts.withActivity) for (let c = 0; c < channels; c++) detectors.push(await createFvad(opts.wasmUrl));
		return await analyse(sources, { ...opts, classifiers: opts.withActivity ? detectors : undefined });
	} finally {
		for (const d of detectors) d.free();
	}
}
