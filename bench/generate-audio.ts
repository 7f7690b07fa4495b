// Long recordings for the audio bench, made here without any network: a dual-channel telephone conversation
// (voice-like talk spurts, line noise, -20 dB cross-talk bleed; src/lib/voice/test-audio.ts) of the given length,
// as 8 kHz 16-bit stereo WAV and as MP3 (encoded by lamejs), plus a batch of shorter calls, and a call log naming
// them. Usage: npx tsx bench/generate-audio.ts <dir> [--minutes 60] [--batch 20] [--batch-minutes 3]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Mp3Encoder } from '@breezystack/lamejs';
import { conversation, rng, telephoneLine, wavBytes, type Turn } from '../src/lib/voice/test-audio';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		minutes: { type: 'string', default: '60' },
		batch: { type: 'string', default: '20' },
		'batch-minutes': { type: 'string', default: '3' }
	}
});
const dir = positionals[0];
if (!dir) throw new Error('usage: generate-audio.ts <dir>');
mkdirSync(dir, { recursive: true });
const RATE = 8000;

/** Turns alternating between the sides, 2–12 s each, some overlapping the previous one, some after a pause. */
function turns(seconds: number, seed: number): Turn[] {
	const r = rng(seed);
	const out: Turn[] = [];
	let t = 0.5;
	let side: 0 | 1 = 0;
	while (t < seconds - 3) {
		const len = Math.min(2 + r() * 10, seconds - 1 - t);
		out.push({ side, start_s: t, end_s: t + len });
		const u = r();
		t += len + (u < 0.15 ? -Math.min(1.5, len / 2) : u < 0.2 ? 4 + r() * 6 : 0.2 + r() * 1.2);
		side = side === 0 ? 1 : 0;
	}
	return out;
}

function makeWav(seconds: number, seed: number): Uint8Array {
	return wavBytes(telephoneLine(conversation(turns(seconds, seed), RATE, seconds, seed), RATE, -48, -20, seed), RATE);
}

function mp3Of(wav: Uint8Array): Uint8Array {
	const frames = (wav.length - 44) / 4;
	const view = new DataView(wav.buffer, wav.byteOffset + 44);
	const enc = new Mp3Encoder(2, RATE, 32);
	const parts: Uint8Array[] = [];
	const l = new Int16Array(1152);
	const rr = new Int16Array(1152);
	for (let f = 0; f < frames; f += 1152) {
		const n = Math.min(1152, frames - f);
		for (let i = 0; i < n; i++) {
			l[i] = view.getInt16((f + i) * 4, true);
			rr[i] = view.getInt16((f + i) * 4 + 2, true);
		}
		parts.push(new Uint8Array(enc.encodeBuffer(l.subarray(0, n), rr.subarray(0, n))));
	}
	parts.push(new Uint8Array(enc.flush()));
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const minutes = Number(values.minutes);
const long = path.join(dir, 'LONG-WAV.wav');
if (!existsSync(long)) {
	const t0 = performance.now();
	const wav = makeWav(minutes * 60, 1);
	writeFileSync(long, wav);
	console.log(
		`LONG-WAV.wav: ${minutes} min stereo 8 kHz, ${(wav.length / 1e6).toFixed(0)} MB (${((performance.now() - t0) / 1000).toFixed(1)} s)`
	);
	const t1 = performance.now();
	const mp3 = mp3Of(wav);
	writeFileSync(path.join(dir, 'LONG-MP3.mp3'), mp3);
	console.log(
		`LONG-MP3.mp3: the same as MP3 32 kbit/s, ${(mp3.length / 1e6).toFixed(1)} MB (${((performance.now() - t1) / 1000).toFixed(1)} s)`
	);
}
const batch = Number(values.batch);
const batchMinutes = Number(values['batch-minutes']);
mkdirSync(path.join(dir, 'batch'), { recursive: true });
for (let i = 1; i <= batch; i++) {
	const f = path.join(dir, 'batch', `B${String(i).padStart(3, '0')}.wav`);
	if (!existsSync(f)) writeFileSync(f, makeWav(batchMinutes * 60, 100 + i));
}
const rows = ['通话ID,坐席工号,坐席姓名,渠道,呼叫方向,开始时间,振铃时长,通话时长,业务类型'];
const hms = (s: number) =>
	`${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
rows.push(`LONG-WAV,A1,王芳,电话,呼入,2026/08/03 09:00:00,5,${hms(minutes * 60)},投诉`);
rows.push(`LONG-MP3,A1,王芳,电话,呼入,2026/08/03 11:00:00,5,${hms(minutes * 60)},投诉`);
for (let i = 1; i <= batch; i++)
	rows.push(
		`B${String(i).padStart(3, '0')},A2,李强,电话,呼入,2026/08/04 09:${String(i).padStart(2, '0')}:00,5,${hms(batchMinutes * 60)},业务咨询`
	);
writeFileSync(path.join(dir, 'calls.csv'), rows.join('\n') + '\n');
console.log(`batch: ${batch} × ${batchMinutes} min WAV; calls.csv`);
