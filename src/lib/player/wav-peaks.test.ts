// The waveform shows who spoke when: peaks read from a stereo WAV keep each channel apart and in time.
import { describe, expect, it } from 'vitest';
import { lanesOf } from './player-sql';
import { wavPeaks } from './wav-peaks';

/** A 16-bit PCM WAV: `seconds` long, left channel loud in the first half, right in the second. */
function stereoWav(rate: number, seconds: number): Blob {
	const frames = rate * seconds;
	const data = new DataView(new ArrayBuffer(frames * 4));
	for (let f = 0; f < frames; f++) {
		const firstHalf = f < frames / 2;
		data.setInt16(f * 4, firstHalf ? 16000 : 100, true);
		data.setInt16(f * 4 + 2, firstHalf ? 100 : -32768, true);
	}
	const h = new DataView(new ArrayBuffer(44));
	const ascii = (at: number, s: string) => [...s].forEach((c, i) => h.setUint8(at + i, c.charCodeAt(0)));
	ascii(0, 'RIFF');
	h.setUint32(4, 36 + frames * 4, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	h.setUint32(16, 16, true);
	h.setUint16(20, 1, true);
	h.setUint16(22, 2, true);
	h.setUint32(24, rate, true);
	h.setUint32(28, rate * 4, true);
	h.setUint16(32, 4, true);
	h.setUint16(34, 16, true);
	ascii(36, 'data');
	h.setUint32(40, frames * 4, true);
	return new Blob([h.buffer, data.buffer]);
}

describe('wavPeaks', () => {
	it('reads one peak array per channel, in time order, past the first megabyte', async () => {
		const peaks = await wavPeaks(stereoWav(8000, 40), 10); // 1.28 MB
		expect(peaks?.duration_s).toBe(40);
		const [left, right] = peaks!.channels;
		expect(left).toHaveLength(400);
		expect(left[0]).toBeCloseTo(16000 / 32768, 4);
		expect(left[399]).toBeCloseTo(100 / 32768, 4);
		expect(right[0]).toBeCloseTo(100 / 32768, 4);
		expect(right[399]).toBe(1);
	});

	it('returns null for audio that is not a PCM WAV, so the browser decodes it', async () => {
		expect(await wavPeaks(new Blob([new Uint8Array([0xff, 0xfb, 0x90, 0x00, 1, 2, 3])]))).toBeNull();
	});
});

describe('lanesOf', () => {
	it.each([
		[2, 'agent,customer', ['agent', 'customer']],
		[2, 'customer,agent', ['customer', 'agent']],
		[2, null, ['agent', 'customer']],
		[1, 'mixed', ['mixed']],
		[null, null, ['mixed']]
	] as const)('%s channels, map %s', (channels, map, lanes) => {
		expect(lanesOf(channels, map)).toEqual(lanes);
	});
});
