/**
 * Speech synthesis (espeak-ng, Mandarin) and dual-channel layout (sox): agent LEFT, customer RIGHT, 8 kHz 16-bit.
 * Every turn is trimmed of leading/trailing silence and padded to a whole tenth of a second, so a turn placed at
 * transcript 开始 ends exactly at 结束.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Voice } from './dialogue';
import type { Durations, RecordingPlan } from './sample';
import { durationKey } from './sample';

export const SAMPLE_RATE = 8000;
const TENTH = SAMPLE_RATE / 10;
/** no dither, repeatable: byte-identical audio on every run */
const SOX_OPTS = ['-D', '-R'];

/** espeak-ng arguments per voice: different pitch, speed and variant for agent and customer. */
export const VOICES: Record<Voice, string[]> = {
	agent: ['-v', 'cmn', '-p', '40', '-s', '315'],
	agent_fast: ['-v', 'cmn', '-p', '40', '-s', '540'],
	agent_soft: ['-v', 'cmn', '-p', '45', '-s', '140'],
	customer: ['-v', 'cmn+f3', '-p', '70', '-s', '300']
};

function has(cmd: string, args: string[]): boolean {
	try {
		execFileSync(cmd, args, { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

export function audioToolsAvailable(): boolean {
	return has('espeak-ng', ['--version']) && has('sox', ['--version']);
}

function samples(file: string): number {
	return Number(execFileSync('soxi', ['-s', file]).toString().trim());
}

/** Synthesise one turn into `dir`, return its path and length in tenths. */
export function synthTurn(dir: string, voice: Voice, text: string): { file: string; tenths: number } {
	const h = createHash('sha1')
		.update(VOICES[voice].join(' ') + '|' + text)
		.digest('hex')
		.slice(0, 16);
	const file = join(dir, `${h}.wav`);
	if (!existsSync(file)) {
		const raw = join(dir, `${h}.raw.wav`);
		const trimmed = join(dir, `${h}.trim.wav`);
		execFileSync('espeak-ng', [...VOICES[voice], '-w', raw, text]);
		execFileSync('sox', [
			...SOX_OPTS,
			raw,
			'-r',
			String(SAMPLE_RATE),
			'-c',
			'1',
			'-b',
			'16',
			trimmed,
			'silence',
			'1',
			'0.02',
			'-45d',
			'reverse',
			'silence',
			'1',
			'0.02',
			'-45d',
			'reverse'
		]);
		const n = samples(trimmed);
		const padTo = Math.ceil(n / TENTH) * TENTH;
		execFileSync('sox', [...SOX_OPTS, trimmed, file, 'pad', '0', `${padTo - n}s`]);
	}
	return { file, tenths: samples(file) / TENTH };
}

/** Synthesise every turn of the planned recordings; returns the measured durations. */
export function synthesiseAll(dir: string, plans: RecordingPlan[]): Durations {
	mkdirSync(dir, { recursive: true });
	const d: Durations = {};
	for (const p of plans) for (const s of p.segments) d[durationKey(s.voice, s.text)] = synthTurn(dir, s.voice, s.text).tenths;
	return d;
}

/** Lay the turns out on two channels and merge: LEFT = agent, RIGHT = customer. */
export function buildRecording(dir: string, plan: RecordingPlan, outFile: string): void {
	const chans: string[] = [];
	for (const speaker of ['agent', 'customer'] as const) {
		const segs = plan.segments.filter((s) => s.speaker === speaker).sort((a, b) => a.start! - b.start!);
		const pieces: string[] = [];
		let cursor = 0;
		segs.forEach((s, i) => {
			if (s.start! < cursor) throw new Error(`${plan.callId}: ${speaker} turns ${s.seq} overlaps its own channel`);
			const turn = synthTurn(dir, s.voice, s.text);
			if (turn.tenths !== s.end! - s.start!)
				throw new Error(`${plan.callId} seq ${s.seq}: synthesised ${turn.tenths} != planned ${s.end! - s.start!}`);
			const piece = join(dir, `${plan.callId}-${speaker}-${i}.wav`);
			execFileSync('sox', [...SOX_OPTS, turn.file, piece, 'pad', `${(s.start! - cursor) * TENTH}s`, '0']);
			pieces.push(piece);
			cursor = s.end!;
		});
		const chan = join(dir, `${plan.callId}-${speaker}.wav`);
		execFileSync('sox', [...SOX_OPTS, ...pieces, chan, 'pad', '0', `${(plan.length - cursor) * TENTH}s`]);
		chans.push(chan);
	}
	execFileSync('sox', [...SOX_OPTS, '-M', chans[0], chans[1], '-b', '16', outFile]);
	const n = samples(outFile);
	if (n !== plan.length * TENTH) throw new Error(`${outFile}: ${n} samples, expected ${plan.length * TENTH}`);
}

export interface WavInfo {
	channels: number;
	sampleRate: number;
	bitsPerSample: number;
	dataBytes: number;
	duration: number;
	dataOffset: number;
}

/** Parse a RIFF/WAVE header (PCM). */
export function readWavInfo(buf: Uint8Array): WavInfo {
	const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
	const tag = (o: number) => String.fromCharCode(buf[o], buf[o + 1], buf[o + 2], buf[o + 3]);
	if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
	let o = 12;
	let channels = 0,
		sampleRate = 0,
		bitsPerSample = 0;
	while (o + 8 <= buf.length) {
		const id = tag(o);
		const size = dv.getUint32(o + 4, true);
		if (id === 'fmt ') {
			channels = dv.getUint16(o + 10, true);
			sampleRate = dv.getUint32(o + 12, true);
			bitsPerSample = dv.getUint16(o + 22, true);
		} else if (id === 'data') {
			const dataBytes = Math.min(size, buf.length - o - 8);
			return {
				channels,
				sampleRate,
				bitsPerSample,
				dataBytes,
				duration: dataBytes / (channels * (bitsPerSample / 8) * sampleRate),
				dataOffset: o + 8
			};
		}
		o += 8 + size + (size & 1);
	}
	throw new Error('no data chunk');
}

export function readWavFile(path: string): { info: WavInfo; buf: Uint8Array } {
	const buf = new Uint8Array(readFileSync(path));
	return { info: readWavInfo(buf), buf };
}
