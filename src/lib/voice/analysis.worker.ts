// Worker side of worker-client.ts: decodes recordings a slice at a time and computes their peaks and (when asked)
// voice activity, off the main thread. Progress is posted every ~30 s of audio; results are transferred.
import wasmUrl from '@echogarden/fvad-wasm/fvad.wasm?url';
import { ReasonError } from '../import/reasons';
import { analyseFiles, type NamedBlob } from './analyse-files';
import { errorMessage } from '../i18n/error-message';

export interface WorkerRequest {
	files: NamedBlob[];
	withActivity: boolean;
}

export type WorkerMessage =
	| { kind: 'progress'; decoded_s: number }
	| { kind: 'result'; result: Awaited<ReturnType<typeof analyseFiles>> }
	| { kind: 'error'; message: string; code?: string; params?: Record<string, string | number> };

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
	const post = (m: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(m, { transfer });
	try {
		const result = await analyseFiles(e.data.files, {
			withActivity: e.data.withActivity,
			wasmUrl,
			onProgress: (decoded_s) => post({ kind: 'progress', decoded_s })
		});
		post(
			{ kind: 'result', result },
			result.peaks.channels.map((c) => c.buffer)
		);
	} catch (err) {
		if (err instanceof ReasonError) post({ kind: 'error', message: err.message, code: err.code, params: err.params });
		else post({ kind: 'error', message: errorMessage(err) });
	}
};
