// Voice activity per channel of a recording: a WebRTC speech/non-speech classifier (libfvad, fvad.ts) on 10 ms
// frames at 8 kHz, gated by each channel's own noise floor and speech level, with cross-talk bleed removed and
// a hangover that bridges the pauses inside a turn. Plain TS, no DOM: the worker, the CLI and the tests run it.
//
// Why both a classifier and levels: fvad tells speech from line noise and hum, but a voice leaking from the other
// channel (bleed, typically 20–40 dB down) IS speech to it; only the levels of the two channels say whose it is.

/** Frame length of the analysis; fvad takes 10, 20 or 30 ms frames. */
export const FRAME_S = 0.01;
export const VAD_RATE = 8000;
const FRAME = VAD_RATE * FRAME_S;

/** 1 when a frame of 80 int16 samples at 8 kHz holds speech. */
export interface SpeechClassifier {
	classify(frame: Int16Array): number;
}

export interface VadSettings {
	/** pauses up to this long inside one side's speech are bridged (hangover) */
	bridge_s: number;
	/** bursts shorter than this after bridging are dropped (clicks, line pops) */
	min_speech_s: number;
	/** each span is widened by this on both sides: word onsets and endings are quieter than the frames that trip the detector */
	pad_s: number;
	/** a frame must be this far above the channel's noise floor */
	floor_margin_db: number;
	/** a frame this far below the other channel (each relative to its own speech level) is that channel's bleed */
	bleed_margin_db: number;
	/** frames this far below the channel's speech level are not its speaker */
	range_db: number;
	/** absolute floor: quieter frames are silence whatever the classifier says (dBFS) */
	min_db: number;
}

export const DEFAULT_VAD: VadSettings = {
	bridge_s: 0.3,
	min_speech_s: 0.12,
	pad_s: 0.05,
	floor_margin_db: 8,
	bleed_margin_db: 12,
	range_db: 40,
	min_db: -60
};

export interface Span {
	start_s: number;
	end_s: number;
}

/** A growable array of per-frame numbers (a 1-hour call is 360,000 frames a channel: ~1.4 MB as Float32). */
class Series {
	data = new Float32Array(4096);
	length = 0;
	push(v: number): void {
		if (this.length === this.data.length) {
			const next = new Float32Array(this.data.length * 2);
			next.set(this.data);
			this.data = next;
		}
		this.data[this.length++] = v;
	}
	view(): Float32Array {
		return this.data.subarray(0, this.length);
	}
}

/** One channel: box-filter decimation to 8 kHz, then 10 ms frames → (energy dB, classifier vote). */
class ChannelFrames {
	readonly energy = new Series();
	readonly vote = new Series();
	#ratio: number;
	#n = 0;
	#out = 0;
	#acc = 0;
	#cnt = 0;
	#frame = new Float32Array(FRAME);
	#pcm = new Int16Array(FRAME);
	#fill = 0;
	#classifier: SpeechClassifier | null;

	constructor(sampleRate: number, classifier: SpeechClassifier | null) {
		this.#ratio = sampleRate / VAD_RATE;
		this.#classifier = classifier;
	}

	push(samples: Float32Array): void {
		const ratio = this.#ratio;
		for (let i = 0; i < samples.length; i++) {
			this.#acc += samples[i];
			this.#cnt++;
			const end = Math.floor((this.#n + 1) / ratio);
			this.#n++;
			if (this.#out < end) {
				const v = this.#acc / this.#cnt;
				while (this.#out < end) {
					this.#sample(v);
					this.#out++;
				}
				this.#acc = 0;
				this.#cnt = 0;
			}
		}
	}

	#sample(v: number): void {
		this.#frame[this.#fill++] = v;
		if (this.#fill < FRAME) return;
		this.#fill = 0;
		let sum = 0;
		for (let i = 0; i < FRAME; i++) {
			const x = this.#frame[i];
			sum += x * x;
			this.#pcm[i] = Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
		}
		this.energy.push(10 * Math.log10(sum / FRAME + 1e-12));
		this.vote.push(this.#classifier ? this.#classifier.classify(this.#pcm) : 1);
	}
}

function percentile(values: Float32Array, p: number): number {
	if (values.length === 0) return -120;
	const sorted = Float32Array.from(values).sort();
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Runs of true frames → spans, bridging short gaps, dropping short bursts, widened by the pad. */
export function framesToSpans(
	active: Uint8Array,
	s: Pick<VadSettings, 'bridge_s' | 'min_speech_s'> & Partial<Pick<VadSettings, 'pad_s'>>
): Span[] {
	const bridge = Math.round(s.bridge_s / FRAME_S);
	const minLen = Math.round(s.min_speech_s / FRAME_S);
	const pad = Math.round((s.pad_s ?? 0) / FRAME_S);
	const runs: [number, number][] = [];
	for (let i = 0; i < active.length;) {
		if (!active[i]) {
			i++;
			continue;
		}
		let j = i;
		while (j < active.length && active[j]) j++;
		const last = runs.at(-1);
		if (last && i - last[1] <= bridge) last[1] = j;
		else runs.push([i, j]);
		i = j;
	}
	const round = (f: number) => Math.round(f * FRAME_S * 100) / 100;
	const out: [number, number][] = [];
	for (const [a, b] of runs) {
		if (b - a < minLen) continue;
		const start = Math.max(0, a - pad);
		const end = Math.min(active.length, b + pad);
		const last = out.at(-1);
		if (last && start <= last[1]) last[1] = end;
		else out.push([start, end]);
	}
	return out.map(([a, b]) => ({ start_s: round(a), end_s: round(b) }));
}

/**
 * Feeds decoded audio (any rate, any number of channels, chunks of any length) and says, per channel, when
 * someone speaks on it. Memory: two numbers per channel per 10 ms, whatever the recording's length.
 */
export class VoiceActivityDetector {
	readonly #channels: ChannelFrames[];
	readonly #settings: VadSettings;

	/** One sample rate per channel: the two files of a mono pair may differ. */
	constructor(rates: number[], classifiers: (SpeechClassifier | null)[], settings: Partial<VadSettings> = {}) {
		this.#channels = rates.map((rate, c) => new ChannelFrames(rate, classifiers[c] ?? null));
		this.#settings = { ...DEFAULT_VAD, ...settings };
	}

	/** The next samples of one channel (channels need not be fed in step). */
	pushChannel(channel: number, samples: Float32Array): void {
		this.#channels[channel].push(samples);
	}

	/** Speech spans per channel, in time order. */
	finish(): Span[][] {
		const s = this.#settings;
		const n = Math.min(...this.#channels.map((c) => c.energy.length));
		const energy = this.#channels.map((c) => c.energy.view().subarray(0, n));
		const vote = this.#channels.map((c) => c.vote.view().subarray(0, n));
		const floors = energy.map((e) => percentile(e, 0.1));
		const candidate = energy.map((e, c) => {
			const out = new Uint8Array(n);
			const gate = Math.max(floors[c] + s.floor_margin_db, s.min_db);
			for (let i = 0; i < n; i++) out[i] = vote[c][i] > 0 && e[i] > gate ? 1 : 0;
			return out;
		});
		// A channel's speech level: the loud end of its candidate frames.
		const levels = energy.map((e, c) => {
			const voiced = e.filter((_, i) => candidate[c][i]);
			return voiced.length ? percentile(voiced, 0.95) : s.min_db;
		});
		const active = candidate.map((cand, c) => {
			const out = new Uint8Array(n);
			for (let i = 0; i < n; i++) {
				if (!cand[i]) continue;
				const rel = energy[c][i] - levels[c];
				if (rel < -s.range_db) continue;
				let isBleed = false;
				for (let o = 0; o < candidate.length && !isBleed; o++) {
					if (o !== c && candidate[o][i] && rel < energy[o][i] - levels[o] - s.bleed_margin_db) isBleed = true;
				}
				out[i] = isBleed ? 0 : 1;
			}
			return out;
		});
		return active.map((a) => framesToSpans(a, s));
	}
}
