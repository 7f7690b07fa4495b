// Worker side of peaks.ts: reads a recording's peaks off the main thread and hands the arrays back (transferred).
import { wavPeaks } from './wav-peaks';

self.onmessage = async (e: MessageEvent<{ file: Blob }>) => {
	try {
		const peaks = await wavPeaks(e.data.file);
		if (!peaks) return self.postMessage({ peaks: null });
		self.postMessage({ peaks }, { transfer: peaks.channels.map((c) => c.buffer) });
	} catch (err) {
		self.postMessage({ peaks: null, error: err instanceof Error ? err.message : String(err) });
	}
};
