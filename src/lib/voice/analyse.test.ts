// The waveform and the voice detector read any recording a slice at a time: peaks per channel keep the channels
// apart and in time, past the first megabyte, for WAV and for compressed audio decoded in wasm (FLAC and Ogg
// Vorbis made by sox here, MP3 by lamejs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Mp3Encoder } from '@breezystack/lamejs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse, thin } from './analyse';
import { analyseFiles } from './analyse-files';
import { canDecode, openPcm } from './pcm-source';
import { wavBytes } from './test-audio';

/** `seconds` of stereo: left loud in the first half, right in the second. */
function halves(rate: number, seconds: number, loud = 0.5, quiet = 0.003): Float32Array[] {
	const n = rate * seconds;
	const l = new Float32Array(n);
	const r = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		const s = Math.sin((2 * Math.PI * 440 * i) / rate);
		l[i] = s * (i < n / 2 ? loud : quiet);
		r[i] = s * (i < n / 2 ? quiet : loud);
	}
	return [l, r];
}

const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

function expectHalves(channels: Float32Array[], buckets: number) {
	const [left, right] = channels;
	expect(left.length).toBeGreaterThanOrEqual(buckets - 1);
	const mid = Math.floor(left.length / 2);
	expect(left[Math.floor(mid / 2)]).toBeGreaterThan(0.3);
	expect(right[Math.floor(mid / 2)]).toBeLessThan(0.05);
	expect(left[mid + Math.floor(mid / 2)]).toBeLessThan(0.05);
	expect(right[mid + Math.floor(mid / 2)]).toBeGreaterThan(0.3);
}

describe('peaks', () => {
	it('reads one peak array per channel of a 16-bit WAV, in time order, past the first megabyte', async () => {
		const src = await openPcm(blob(wavBytes(halves(8000, 40), 8000)), 'x.wav'); // 1.28 MB
		const a = await analyse(src, { peaksPerSecond: 10 });
		expect(a.duration_s).toBe(40);
		expect(a.peaks.channels[0]).toHaveLength(400);
		expectHalves(a.peaks.channels, 400);
	});

	it('tells which formats it decodes off the main thread', () => {
		expect(['wav', 'mp3', 'opus', 'ogg', 'flac', 'm4a', 'webm', 'aac', null].map((f) => canDecode(f as never))).toEqual([
			true,
			true,
			true,
			true,
			true,
			false,
			false,
			false,
			false
		]);
	});

	it('rejects M4A with a reason instead of decoding it on the main thread', async () => {
		await expect(openPcm(blob(new TextEncoder().encode('\x00\x00\x00\x20ftypM4A ')), 'x.m4a')).rejects.toThrow(
			/M4A audio plays but cannot be analysed here/
		);
	});

	describe('compressed', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'callqa-voice-'));
		afterAll(() => rmSync(dir, { recursive: true, force: true }));
		const viaSox = (ext: string) => {
			writeFileSync(path.join(dir, 'in.wav'), wavBytes(halves(8000, 20), 8000));
			execFileSync('sox', [path.join(dir, 'in.wav'), path.join(dir, `out.${ext}`)], { stdio: 'pipe' });
			return new Uint8Array(readFileSync(path.join(dir, `out.${ext}`)));
		};

		it.each(['flac', 'ogg'])('%s made by sox', async (ext) => {
			const a = await analyseFiles([{ name: `x.${ext}`, blob: blob(viaSox(ext)) }], { withActivity: false, peaksPerSecond: 10 });
			expect(a.duration_s).toBeCloseTo(20, 1);
			expectHalves(a.peaks.channels, 200);
		});

		it('mp3 made by lamejs', async () => {
			const [l, r] = halves(16000, 20).map((c) => Int16Array.from(c, (v) => v * 32767));
			const enc = new Mp3Encoder(2, 16000, 64);
			const parts: Uint8Array[] = [];
			for (let i = 0; i < l.length; i += 1152)
				parts.push(new Uint8Array(enc.encodeBuffer(l.subarray(i, i + 1152), r.subarray(i, i + 1152))));
			parts.push(new Uint8Array(enc.flush()));
			const a = await analyseFiles([{ name: 'x.mp3', blob: new Blob(parts as Uint8Array<ArrayBuffer>[]) }], {
				withActivity: false,
				peaksPerSecond: 10
			});
			expect(a.duration_s).toBeGreaterThan(19.9);
			expectHalves(a.peaks.channels, 200);
		});
	});
});

describe('thin', () => {
	it.each([
		{ peaks: [0.1, 0.5, 0.2, 0.9, 0.3], max: 10, want: [0.1, 0.5, 0.2, 0.9, 0.3] },
		{ peaks: [0.1, 0.5, 0.2, 0.9, 0.3], max: 3, want: [0.5, 0.9, 0.3] },
		{ peaks: [0.1, 0.5, 0.2, 0.9, 0.3], max: 2, want: [0.5, 0.9] }
	])('keeps the loudest of each group: $peaks → at most $max', ({ peaks, max, want }) => {
		expect([...thin(Float32Array.from(peaks), max)].map((v) => Math.round(v * 10) / 10)).toEqual(want);
	});
});
