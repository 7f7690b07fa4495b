// Main-thread side of analysis.worker.ts: one short-lived worker per analysis, ended when done or aborted. A
// decoding failure comes back as the ReasonError the worker raised (its code and params survive the trip).
import { ReasonError, type ReasonCode } from '../import/reasons';
import type { Analysis } from './analyse';
import type { NamedBlob } from './analyse-files';
import type { WorkerMessage, WorkerRequest } from './analysis.worker';

export interface WorkerOptions {
	withActivity: boolean;
	signal?: AbortSignal;
	onProgress?: (decoded_s: number) => void;
}

export function analyseInWorker(files: NamedBlob[], opts: WorkerOptions): Promise<Analysis> {
	return new Promise((resolve, reject) => {
		if (opts.signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
		const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
		const done = () => worker.terminate();
		opts.signal?.addEventListener('abort', () => (done(), reject(new DOMException('aborted', 'AbortError'))), { once: true });
		worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
			const m = e.data;
			if (m.kind === 'progress') return opts.onProgress?.(m.decoded_s);
			done();
			if (m.kind === 'result') resolve(m.result);
			else reject(m.code ? new ReasonError(m.code as ReasonCode, m.message, m.params) : new Error(m.message));
		};
		worker.onerror = (e) => {
			done();
			reject(new Error(e.message || 'analysis worker failed'));
		};
		worker.postMessage({ files, withActivity: opts.withActivity } satisfies WorkerRequest);
	});
}
