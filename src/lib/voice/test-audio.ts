// Test audio made in code (no files from elsewhere): 16-bit PCM WAV bytes, a voice-like signal (a glottal pulse
// train through vowel formants, in syllables), telephone line noise and cross-talk bleed. Tests only.

/** A 16-bit PCM WAV of `channels` float channels (-1..1) at `rate`. */
export function wavBytes(channels: Float32Array[], rate: number): Uint8Array {
	const frames = channels[0].length;
	const n = channels.length;
	const out = new Uint8Array(44 + frames * n * 2);
	const v = new DataView(out.buffer);
	const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
	ascii(0, 'RIFF');
	v.setUint32(4, 36 + frames * n * 2, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, 1, true);
	v.setUint16(22, n, true);
	v.setUint32(24, rate, true);
	v.setUint32(28, rate * n * 2, true);
	v.setUint16(32, n * 2, true);
	v.setUint16(34, 16, true);
	ascii(36, 'data');
	v.setUint32(40, frames * n * 2, true);
	for (let f = 0; f < frames; f++)
		for (let c = 0; c < n; c++)
			v.setInt16(44 + (f * n + c) * 2, Math.max(-32768, Math.min(32767, Math.round(channels[c][f] * 32767))), true);
	return out;
}

/** A silent 16-bit PCM WAV: `channels` channels of `seconds` at `rate` (import and call-key tests). */
export function silentWav(channels: number, seconds = 1, rate = 8000): Uint8Array {
	return wavBytes(
		Array.from({ length: channels }, () => new Float32Array(Math.round(rate * seconds))),
		rate
	);
}

/** Float channels of a 16-bit PCM WAV (the sample recordings). */
export function readWav16(bytes: Uint8Array): { channels: Float32Array[]; rate: number } {
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let at = 12;
	let n = 0;
	let rate = 0;
	while (at + 8 <= bytes.length) {
		const id = String.fromCharCode(...bytes.subarray(at, at + 4));
		const size = v.getUint32(at + 4, true);
		if (id === 'fmt ') {
			n = v.getUint16(at + 10, true);
			rate = v.getUint32(at + 12, true);
		} else if (id === 'data') {
			const frames = Math.floor(Math.min(size, bytes.length - at - 8) / (2 * n));
			const channels = Array.from({ length: n }, () => new Float32Array(frames));
			for (let f = 0; f < frames; f++) for (let c = 0; c < n; c++) channels[c][f] = v.getInt16(at + 8 + (f * n + c) * 2, true) / 32768;
			return { channels, rate };
		}
		at += 8 + size + (size & 1);
	}
	throw new Error('no data chunk');
}

/** A small deterministic PRNG (mulberry32) so test audio is the same on every run. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const VOWELS = [
	[730, 1090, 2440],
	[270, 2290, 3010],
	[300, 870, 2240],
	[530, 1840, 2480],
	[570, 840, 2410]
];

/** Adds a voice-like talk spurt to `out` from `start_s` to `end_s`: syllables of vowels on a wavering pitch. */
export function addVoice(
	out: Float32Array,
	rate: number,
	start_s: number,
	end_s: number,
	f0: number,
	level: number,
	rand: () => number
): void {
	const a = Math.floor(start_s * rate);
	const b = Math.min(out.length, Math.floor(end_s * rate));
	let phase = 0;
	// two-pole resonators per formant, re-tuned per syllable
	const state = VOWELS[0].map(() => [0, 0]);
	let coeffs: number[][] = [];
	let nextSyllable = a;
	let syllableStart = a;
	let syllableLen = 1;
	for (let i = a; i < b; i++) {
		if (i >= nextSyllable) {
			const vowel = VOWELS[Math.floor(rand() * VOWELS.length)];
			coeffs = vowel.map((f) => {
				const r = Math.exp((-Math.PI * 90) / rate);
				return [2 * r * Math.cos((2 * Math.PI * f) / rate), -r * r];
			});
			syllableStart = i;
			syllableLen = Math.floor((0.16 + rand() * 0.12) * rate);
			nextSyllable = i + syllableLen;
		}
		const t = (i - a) / rate;
		const pitch = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 3 * t));
		phase += pitch / rate;
		const pulse = phase >= 1 ? 1 : 0;
		if (phase >= 1) phase -= 1;
		const excitation = pulse + (rand() - 0.5) * 0.02;
		let y = 0;
		for (let k = 0; k < coeffs.length; k++) {
			const s = state[k];
			const v = excitation + coeffs[k][0] * s[0] + coeffs[k][1] * s[1];
			s[1] = s[0];
			s[0] = v;
			y += v / (k + 1);
		}
		// syllable envelope: rise and fall, a short dip between syllables
		const u = (i - syllableStart) / syllableLen;
		const env = Math.sin(Math.PI * Math.min(1, u * 1.15));
		out[i] += y * env * level * 0.02;
	}
}

/** Telephone line: white noise at `noiseDb` dBFS plus 50 Hz hum, and `bleedDb` of each other channel. */
export function telephoneLine(channels: Float32Array[], rate: number, noiseDb: number, bleedDb: number, seed = 7): Float32Array[] {
	const rand = rng(seed);
	const noise = Math.pow(10, noiseDb / 20) * Math.sqrt(3);
	const bleed = Math.pow(10, bleedDb / 20);
	return channels.map((ch, c) => {
		const out = new Float32Array(ch.length);
		for (let i = 0; i < ch.length; i++) {
			let x = ch[i] + (rand() * 2 - 1) * noise + 0.3 * noise * Math.sin((2 * Math.PI * 50 * i) / rate);
			for (let o = 0; o < channels.length; o++) if (o !== c) x += channels[o][i] * bleed;
			out[i] = x;
		}
		return out;
	});
}

export interface Turn {
	side: 0 | 1;
	start_s: number;
	end_s: number;
}

/** Two voice-like channels (a low and a high voice) speaking the given turns, each peaking at -4.4 dBFS. */
export function conversation(turns: Turn[], rate: number, seconds: number, seed = 1): Float32Array[] {
	const rand = rng(seed);
	const channels = [new Float32Array(Math.round(seconds * rate)), new Float32Array(Math.round(seconds * rate))];
	for (const t of turns) addVoice(channels[t.side], rate, t.start_s, t.end_s, t.side ? 210 : 120, 1, rand);
	for (const x of channels) {
		let max = 0;
		for (const v of x) max = Math.max(max, Math.abs(v));
		if (max > 0) for (let i = 0; i < x.length; i++) x[i] *= 0.6 / max;
	}
	return channels;
}
