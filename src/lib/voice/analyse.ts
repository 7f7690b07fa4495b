// One pass over a decoded recording gives both what the player draws (peaks per channel) and what the scorer
// reads (voice activity per channel), so a file is decoded once. Plain TS: runs in the analysis worker and in Node.
import type { PcmSource } from './pcm-source';
import { VoiceActivityDetector, type SpeechClassifier, type Span, type VadSettings } from './vad';

export interface Peaks {
	/** one array per channel, max |sample| per bucket, 0..1 */
	channels: Float32Array[];
	duration_s: number;
}

/** Buckets per second of audio: enough for the deepest zoom the player offers (200 px/s draws ~1 bucket per px). */
export const PEAKS_PER_SECOND = 200;
/**
 * Most buckets a channel keeps: a long recording's peaks are thinned to this (a 1-hour call: 33 a second), so the
 * waveform draws at once and the cache stays small; the deepest zoom then shows a bucket every few pixels.
 */
export const MAX_PEAKS = 120_000;

/** Max-pools `peaks` down to at most `max` buckets. */
export function thin(peaks: Float32Array, max: number): Float32Array {
	if (peaks.length <= max) return peaks;
	const k = Math.ceil(peaks.length / max);
	const out = new Float32Array(Math.ceil(peaks.length / k));
	for (let i = 0; i < out.length; i++) {
		let m = 0;
		for (let j = i * k, end = Math.min(peaks.length, j + k); j < end; j++) if (peaks[j] > m) m = peaks[j];
		out[i] = m;
	}
	return out;
}

export interface AnalyseOptions {
	peaksPerSecond?: number;
	/** thin a channel's peaks to at most this many buckets (default MAX_PEAKS) */
	maxPeaks?: number;
	/** one classifier per channel; omit for peaks only */
	classifiers?: SpeechClassifier[];
	vad?: Partial<VadSettings>;
	/** called now and then with seconds decoded so far */
	onProgress?: (decoded_s: number) => void;
	signal?: AbortSignal;
}

export interface Analysis {
	peaks: Peaks;
	/** speech spans per channel; null when no classifiers were given */
	activity: Span[][] | null;
	sample_rate: number;
	channels: number;
	duration_s: number;
}

class Growing {
	data: Float32Array;
	length = 0;
	constructor(initial: number) {
		this.data = new Float32Array(Math.max(16, initial));
	}
	ensure(n: number): void {
		if (n <= this.data.length) return;
		const next = new Float32Array(Math.max(n, this.data.length * 2));
		next.set(this.data);
		this.data = next;
	}
}

/**
 * Peaks and (with classifiers) voice activity of one recording, or of several played as one (a pair of mono
 * files of one call): their channels are numbered in order, the first file's first. Sources are decoded one
 * after the other, a chunk at a time.
 */
export async function analyse(sources: PcmSource | PcmSource[], opts: AnalyseOptions = {}): Promise<Analysis> {
	const list = Array.isArray(sources) ? sources : [sources];
	const perSecond = opts.peaksPerSecond ?? PEAKS_PER_SECOND;
	const rates = list.flatMap((s) => Array.from({ length: s.channels }, () => s.sampleRate));
	const vad = opts.classifiers ? new VoiceActivityDetector(rates, opts.classifiers, opts.vad) : null;
	const peaks: Growing[] = [];
	let duration_s = 0;
	let decoded_s = 0;
	let lastReport = 0;
	for (const src of list) {
		const width = src.sampleRate / perSecond;
		const expected = src.frames !== null ? Math.ceil(src.frames / width) : 0;
		const first = peaks.length;
		for (let c = 0; c < src.channels; c++) peaks.push(new Growing(expected));
		let done = 0;
		for await (const chunk of src.chunks()) {
			if (opts.signal?.aborted) throw new DOMException('aborted', 'AbortError');
			const n = chunk[0]?.length ?? 0;
			if (n === 0) continue;
			const lastBucket = Math.floor((done + n - 1) / width);
			for (let c = 0; c < src.channels; c++) {
				const g = peaks[first + c];
				g.ensure(lastBucket + 1);
				const data = g.data;
				const x = chunk[c] ?? chunk[0];
				// Bucket by bucket: a tight max |x| loop over each bucket's samples of this chunk.
				let i = 0;
				let b = Math.floor(done / width);
				let max = data[b];
				while (i < n) {
					const end = Math.min(n, Math.ceil((b + 1) * width) - done);
					for (; i < end; i++) {
						const v = x[i] < 0 ? -x[i] : x[i];
						if (v > max) max = v;
					}
					if (i < n) {
						data[b] = max;
						b++;
						max = data[b];
					}
				}
				data[b] = max;
				g.length = Math.max(g.length, lastBucket + 1);
				vad?.pushChannel(first + c, x);
			}
			done += n;
			decoded_s += n / src.sampleRate;
			if (opts.onProgress && decoded_s - lastReport >= 30) {
				lastReport = decoded_s;
				opts.onProgress(decoded_s);
			}
		}
		duration_s = Math.max(duration_s, done / src.sampleRate);
	}
	const buckets = Math.max(1, Math.ceil(duration_s * perSecond - 1e-6));
	const channels = peaks.map((g) =>
		g.data.length >= buckets ? g.data.slice(0, buckets) : Float32Array.from({ length: buckets }, (_, i) => g.data[i] ?? 0)
	);
	return {
		peaks: { channels: channels.map((c) => thin(c, opts.maxPeaks ?? MAX_PEAKS)), duration_s },
		activity: vad ? vad.finish() : null,
		sample_rate: list[0]?.sampleRate ?? 0,
		channels: peaks.length,
		duration_s
	};
}
