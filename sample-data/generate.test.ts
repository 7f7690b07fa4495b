import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSample, DEFAULT_SEED, CALLS_HEADER, COMPLAINTS_HEADER } from './lib/sample';
import { readWavFile } from './lib/audio';

const here = import.meta.dirname;
const sample = generateSample(DEFAULT_SEED);
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

describe('sample-data generator', () => {
	it('is deterministic for a seed and differs across seeds', () => {
		const again = generateSample(DEFAULT_SEED);
		const other = generateSample(DEFAULT_SEED + 1);
		for (const name of Object.keys(sample.files)) {
			expect(eq(sample.files[name], again.files[name]), name).toBe(true);
			expect(eq(sample.files[name], other.files[name]), name).toBe(false);
		}
	});

	it('matches the committed text outputs byte for byte', () => {
		for (const [name, bytes] of Object.entries(sample.files)) {
			const p = join(here, 'out', name);
			expect(existsSync(p), p).toBe(true);
			expect(eq(new Uint8Array(readFileSync(p)), bytes), `${name} is stale: run npm run sample-data`).toBe(true);
		}
	});

	it('has the promised shape', () => {
		const { agents, calls, complaints } = sample;
		expect(agents.length).toBeGreaterThanOrEqual(20);
		expect(new Set(agents.map((a) => a.team)).size).toBeGreaterThanOrEqual(3);
		expect(agents.every((a) => /^A\d{4}$/.test(a.id))).toBe(true);
		expect(calls.length).toBeGreaterThanOrEqual(5000);
		const months = new Set(calls.map((c) => c.id.slice(1, 7)));
		expect([...months].sort()).toEqual(['202608', '202609', '202610']);
		expect(complaints.length).toBeGreaterThanOrEqual(300);
		const abandoned = calls.filter((c) => c.abandoned);
		const share = abandoned.length / calls.length;
		expect(share).toBeGreaterThan(0.04);
		expect(share).toBeLessThan(0.09);
		expect(abandoned.every((c) => !c.agent && c.talk === 0 && !sample.segments.has(c.id))).toBe(true);
		const answered = calls.filter((c) => !c.abandoned);
		const csat = answered.filter((c) => c.csat !== null).length / answered.length;
		expect(csat).toBeGreaterThan(0.25);
		expect(csat).toBeLessThan(0.35);
		const resolved = answered.filter((c) => c.resolved).length / answered.length;
		expect(resolved).toBeGreaterThan(0.75);
		expect(resolved).toBeLessThan(0.85);
		expect(answered.every((c) => sample.segments.has(c.id) && sample.truth.has(c.id))).toBe(true);
		// every transcribed call has every item in the ground truth
		for (const items of sample.truth.values())
			expect(items.map((i) => i.item)).toEqual([
				'greeting',
				'closing',
				'banned_phrase',
				'interruption',
				'dead_air',
				'reply_latency',
				'identity_check',
				'promise',
				'pii_disclosure',
				'courtesy',
				'speech_rate'
			]);
	});

	it('writes the agreed headers and encodings', () => {
		const calls = sample.files['calls.csv'];
		expect([...calls.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(calls);
		expect(text.slice(0, text.indexOf('\r\n'))).toBe(CALLS_HEADER.join(','));
		expect(text.split('\r\n')[1]).toMatch(/^C20260801-000001,/);
		const comp = new TextDecoder('gbk').decode(sample.files['complaints.csv']);
		expect(comp.slice(0, comp.indexOf('\r\n'))).toBe(COMPLAINTS_HEADER.join(','));
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(sample.files['complaints.csv'])).toThrow();
		const tr = new TextDecoder().decode(sample.files['transcripts.csv']);
		expect(tr.slice(0, tr.indexOf('\n'))).toBe('通话ID,序号,角色,开始,结束,文本');
	});

	it('each recording matches its transcript timing (header duration and per-turn audio)', () => {
		expect(sample.recordings.length).toBeGreaterThanOrEqual(8);
		let interruptions = 0;
		let holdSilence = 0;
		let plainSilence = 0;
		for (const r of sample.recordings) {
			const { info, buf } = readWavFile(join(here, 'out', 'recordings', r.file));
			expect(info.channels).toBe(2);
			expect(info.sampleRate).toBe(8000);
			expect(info.bitsPerSample).toBe(16);
			const segs = sample.segments.get(r.callId)!;
			const lastEnd = Math.max(...segs.map((s) => s.end!)) / 10;
			expect(Math.abs(info.duration - (lastEnd + 0.5))).toBeLessThan(0.1);
			expect(info.duration).toBeGreaterThanOrEqual(30);
			expect(info.duration).toBeLessThanOrEqual(90);
			// per channel: audio exists only inside that speaker's turns, starting at 开始 and ending by 结束
			const dv = new DataView(buf.buffer, buf.byteOffset + info.dataOffset, info.dataBytes);
			const frames = info.dataBytes / 4;
			for (const [ch, speaker] of [
				[0, 'agent'],
				[1, 'customer']
			] as const) {
				const mine = segs.filter((s) => s.speaker === speaker);
				const inTurn = new Uint8Array(frames);
				for (const s of mine) inTurn.fill(1, s.start! * 800, s.end! * 800);
				let stray = 0;
				for (let i = 0; i < frames; i++) if (!inTurn[i] && dv.getInt16(i * 4 + ch * 2, true) !== 0) stray++;
				expect(stray, `${r.file} ch${ch}: audio outside ${speaker} turns`).toBe(0);
				for (const s of mine) {
					let first = -1,
						last = -1;
					for (let i = s.start! * 800; i < s.end! * 800; i++)
						if (Math.abs(dv.getInt16(i * 4 + ch * 2, true)) > 30) {
							if (first < 0) first = i;
							last = i;
						}
					expect((first - s.start! * 800) / 8000, `${r.file} seq ${s.seq} onset`).toBeLessThan(0.1);
					expect((s.end! * 800 - last) / 8000, `${r.file} seq ${s.seq} offset`).toBeLessThan(0.15);
				}
			}
			const gt = sample.truth.get(r.callId)!;
			interruptions += (gt.find((i) => i.item === 'interruption')!.count as number) ?? 0;
			for (const g of (gt.find((i) => i.item === 'dead_air')!.events as { after_hold: boolean; gap_s: number }[] | undefined) ?? []) {
				expect(g.gap_s).toBeGreaterThanOrEqual(8);
				if (g.after_hold) holdSilence++;
				else plainSilence++;
			}
		}
		expect(interruptions).toBeGreaterThanOrEqual(3);
		expect(holdSilence).toBeGreaterThanOrEqual(1);
		expect(plainSilence).toBeGreaterThanOrEqual(1);
	});

	it('CSAT follows behaviour', () => {
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		const surveyed = sample.calls.filter((c) => c.csat !== null);
		const clean = surveyed.filter((c) => !c.behaviour!.banned && !c.behaviour!.interruptions && c.resolved).map((c) => c.csat!);
		const bad = surveyed.filter((c) => c.behaviour!.banned || c.behaviour!.interruptions).map((c) => c.csat!);
		expect(mean(clean) - mean(bad)).toBeGreaterThan(0.8);
	});
});
