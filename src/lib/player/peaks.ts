// Main-thread side of the peaks worker: one short-lived worker per recording, ended when done or cancelled.
import type { Peaks } from './wav-peaks';

/** Peaks computed in a worker; null when the format needs the browser's decoder (not WAV PCM). */
export function computePeaks(file: Blob, signal?: AbortSignal): Promise<Peaks | null> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./peaks.worker.ts', import.meta.url), { type: 'module' });
		const done = () => worker.terminate();
		signal?.addEventListener('abort', () => (done(), reject(new DOMException('aborted', 'AbortError'))), { once: true });
		worker.onmessage = (e: MessageEvent<{ peaks: Peaks | null; error?: string }>) => {
			done();
			resolve(e.data.peaks);
		};
		worker.onerror = (e) => {
			done();
			reject(new Error(e.message || 'peaks worker failed'));
		};
		worker.postMessage({ file });
	});
}
