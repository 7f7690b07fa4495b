// The voice activity detector on telephone audio: 8 kHz, line noise and hum, the other side bleeding in at
// -20 dB. Each side's speech is found where it is, the bleed is not taken for speech, and an overlap stays an
// overlap. Audio is generated here (test-audio.ts).
import { describe, expect, it } from 'vitest';
import { analyseFiles } from './analyse-files';
import { conversation, telephoneLine, wavBytes, type Turn } from './test-audio';
import { framesToSpans } from './vad';

const RATE = 8000;
const TURNS: Turn[] = [
	{ side: 0, start_s: 1, end_s: 4 },
	{ side: 1, start_s: 4.5, end_s: 9 },
	{ side: 0, start_s: 8, end_s: 12 }, // the agent talks over the customer's last second
	{ side: 1, start_s: 13, end_s: 16 },
	{ side: 0, start_s: 16.4, end_s: 22 },
	{ side: 1, start_s: 21, end_s: 25 }, // the customer talks over the agent
	{ side: 0, start_s: 26, end_s: 29 }
];

async function detect(channels: Float32Array[]) {
	const blob = new Blob([wavBytes(channels, RATE) as Uint8Array<ArrayBuffer>]);
	return (await analyseFiles([{ name: 'line.wav', blob }], { withActivity: true })).activity!;
}

describe('voice activity on a telephone line', () => {
	const clean = conversation(TURNS, RATE, 30);

	it.each([
		{ label: 'quiet line (-60 dBFS noise), bleed -20 dB', noise: -60, bleed: -20 },
		{ label: 'noisy line (-45 dBFS noise + hum), bleed -20 dB', noise: -45, bleed: -20 },
		{ label: 'very noisy line (-40 dBFS), bleed -20 dB', noise: -40, bleed: -20 },
		{ label: 'noisy line, bleed -15 dB', noise: -45, bleed: -15 }
	])('$label: each side within 0.1 s of its turns, no bleed taken for speech', async ({ noise, bleed }) => {
		const activity = await detect(telephoneLine(clean, RATE, noise, bleed));
		for (const side of [0, 1] as const) {
			const want = TURNS.filter((t) => t.side === side);
			expect(activity[side]).toHaveLength(want.length);
			activity[side].forEach((s, i) => {
				expect(Math.abs(s.start_s - want[i].start_s)).toBeLessThanOrEqual(0.1);
				expect(Math.abs(s.end_s - want[i].end_s)).toBeLessThanOrEqual(0.1);
			});
		}
	});

	it('finds nothing on a line that carries only noise and hum', async () => {
		const silent = [new Float32Array(10 * RATE), new Float32Array(10 * RATE)];
		expect(await detect(telephoneLine(silent, RATE, -40, -20))).toEqual([[], []]);
	});
});

describe('framesToSpans', () => {
	it.each([
		{ frames: '1111000011', bridge: 0.05, min: 0.01, spans: [[0, 0.1]] },
		{
			frames: '1111000000011',
			bridge: 0.05,
			min: 0.01,
			spans: [
				[0, 0.04],
				[0.11, 0.13]
			]
		},
		{ frames: '0011000000111111', bridge: 0.05, min: 0.03, spans: [[0.1, 0.16]] }
	])('$frames (bridge $bridge s, min $min s) → $spans', ({ frames, bridge, min, spans }) => {
		const active = Uint8Array.from([...frames].map(Number));
		expect(framesToSpans(active, { bridge_s: bridge, min_speech_s: min }).map((s) => [s.start_s, s.end_s])).toEqual(spans);
	});
});
