import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAudioInfo, sniffAudio } from './audio-info';

interface WavSpec {
	channels: number;
	rate: number;
	bits: number;
	seconds: number;
	/** WAV format tag: 1 PCM (default), 3 float, 0xfffe extensible. */
	tag?: number;
	/** Chunks placed between the RIFF header and fmt, e.g. a LIST/INFO block. */
	before?: { id: string; body: Uint8Array }[];
	/** Overrides the declared data size (truncation tests). */
	declaredData?: number;
	/** Keep only this many data bytes. */
	keepData?: number;
	bigEndian?: boolean;
}

/** Builds a WAV file byte by byte (silent samples) so each header feature is tested on its own. */
function makeWav(spec: WavSpec): Uint8Array {
	const le = !spec.bigEndian;
	const blockAlign = spec.channels * (spec.bits / 8);
	const dataBytes = Math.round(spec.seconds * spec.rate) * blockAlign;
	const tag = spec.tag ?? 1;
	const fmtSize = tag === 0xfffe ? 40 : 16;
	const chunks: { id: string; body: Uint8Array }[] = [...(spec.before ?? [])];
	const fmt = new Uint8Array(fmtSize);
	const f = new DataView(fmt.buffer);
	f.setUint16(0, tag, le);
	f.setUint16(2, spec.channels, le);
	f.setUint32(4, spec.rate, le);
	f.setUint32(8, spec.rate * blockAlign, le);
	f.setUint16(12, blockAlign, le);
	f.setUint16(14, spec.bits, le);
	if (tag === 0xfffe) {
		f.setUint16(16, 22, le);
		f.setUint16(18, spec.bits, le);
		f.setUint16(24, 1, le); // KSDATAFORMAT_SUBTYPE_PCM
	}
	chunks.push({ id: 'fmt ', body: fmt });
	const parts: Uint8Array[] = [];
	const header = (id: string, size: number) => {
		const h = new Uint8Array(8);
		for (let i = 0; i < 4; i++) h[i] = id.charCodeAt(i);
		new DataView(h.buffer).setUint32(4, size, le);
		return h;
	};
	for (const c of chunks) {
		parts.push(header(c.id, c.body.length), c.body);
		if (c.body.length & 1) parts.push(new Uint8Array(1));
	}
	const data = new Uint8Array(spec.keepData ?? dataBytes).fill(spec.bits === 8 ? 128 : 0);
	parts.push(header('data', spec.declaredData ?? dataBytes), data);
	const body = parts.reduce((n, p) => n + p.length, 4);
	const out = new Uint8Array(8 + body);
	out.set(header(spec.bigEndian ? 'RIFX' : 'RIFF', body), 0);
	out.set([0x57, 0x41, 0x56, 0x45], 8); // WAVE
	let at = 12;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const text = (s: string) => new TextEncoder().encode(s);

describe('readAudioInfo on WAV', () => {
	it.each([
		{ label: '8-bit unsigned 8 kHz mono', spec: { channels: 1, rate: 8000, bits: 8, seconds: 2 }, codec: 'pcm_u8' },
		{ label: '16-bit 8 kHz stereo', spec: { channels: 2, rate: 8000, bits: 16, seconds: 1.5 }, codec: 'pcm_s16le' },
		{ label: '24-bit 48 kHz', spec: { channels: 2, rate: 48000, bits: 24, seconds: 0.25 }, codec: 'pcm_s24le' },
		{ label: '32-bit float', spec: { channels: 1, rate: 16000, bits: 32, seconds: 1, tag: 3 }, codec: 'pcm_f32le' },
		{ label: 'WAVE_FORMAT_EXTENSIBLE', spec: { channels: 2, rate: 16000, bits: 16, seconds: 1, tag: 0xfffe }, codec: 'pcm_s16le' },
		{ label: 'big-endian RIFX', spec: { channels: 1, rate: 8000, bits: 16, seconds: 1, bigEndian: true }, codec: 'pcm_s16be' }
	])('reads $label', async ({ spec, codec }) => {
		const info = await readAudioInfo('x.wav', makeWav(spec));
		expect(info).toMatchObject({
			format: 'wav',
			channels: spec.channels,
			sample_rate: spec.rate,
			bits_per_sample: spec.bits,
			codec,
			warnings: []
		});
		expect(info.duration_s).toBeCloseTo(spec.seconds, 6);
	});

	it('skips LIST chunks before fmt, including an odd-sized one with its pad byte', async () => {
		const info = await readAudioInfo(
			'x.wav',
			makeWav({
				channels: 1,
				rate: 8000,
				bits: 16,
				seconds: 3,
				before: [
					{ id: 'LIST', body: text('INFOISFT\x05\x00\x00\x00Lavf\x00') },
					{ id: 'junk', body: new Uint8Array(7) }
				]
			})
		);
		expect(info.duration_s).toBeCloseTo(3, 6);
		expect(info.warnings).toEqual([]);
	});

	it('tolerates a writer that forgot the pad byte after an odd-sized chunk', async () => {
		const good = makeWav({ channels: 1, rate: 8000, bits: 16, seconds: 1, before: [{ id: 'LIST', body: new Uint8Array(5) }] });
		const unpadded = new Uint8Array(good.length - 1);
		unpadded.set(good.subarray(0, 12 + 8 + 5));
		unpadded.set(good.subarray(12 + 8 + 6), 12 + 8 + 5);
		const info = await readAudioInfo('x.wav', unpadded);
		expect(info).toMatchObject({ channels: 1, sample_rate: 8000, bits_per_sample: 16 });
		expect(info.duration_s).toBeCloseTo(1, 6);
	});

	it('loads a truncated WAV with a warning and the duration of the bytes present', async () => {
		const info = await readAudioInfo(
			'cut.wav',
			makeWav({ channels: 1, rate: 8000, bits: 16, seconds: 1, declaredData: 1_000_000, keepData: 40_000 })
		);
		expect(info.duration_s).toBeCloseTo(2.5, 6);
		expect(info.warnings.map((w) => w.reason)).toEqual([
			'WAV data chunk says 1,000,000 bytes but only 40,000 follow; the file is truncated, duration is computed from the bytes present'
		]);
	});

	it.each([
		{
			label: 'no RIFF header',
			bytes: new Uint8Array([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0]),
			reason: 'no RIFF header (file starts with 0x12 0x34 0x56 0x78): not a WAV file or the header is missing'
		},
		{
			label: 'an empty file',
			bytes: new Uint8Array(0),
			reason: 'no RIFF header (the file is empty): not a WAV file or the header is missing'
		},
		{
			label: 'an empty data chunk',
			bytes: makeWav({ channels: 1, rate: 8000, bits: 16, seconds: 0 }),
			reason: 'WAV data chunk is empty: the file holds no audio samples'
		},
		{
			label: 'no data chunk',
			bytes: makeWav({ channels: 1, rate: 8000, bits: 16, seconds: 1 }).subarray(0, 36),
			reason: 'WAV has no data chunk: the file holds a header but no audio'
		},
		{
			label: 'a header cut inside fmt',
			bytes: makeWav({ channels: 1, rate: 8000, bits: 16, seconds: 1 }).subarray(0, 30),
			reason: 'WAV fmt chunk says 16 bytes but only 10 follow: the file is cut off inside its header'
		},
		{
			label: '12-bit PCM',
			bytes: makeWav({ channels: 1, rate: 8000, bits: 12, seconds: 1 }),
			reason: 'WAV says PCM with 12 bits per sample: only 8, 16, 24 and 32 are valid'
		}
	])('rejects $label with a precise reason', async ({ bytes, reason }) => {
		await expect(readAudioInfo('bad.wav', bytes)).rejects.toThrow(reason);
	});
});

describe('sniffAudio', () => {
	it.each([
		{ name: 'a.wav', bytes: makeWav({ channels: 1, rate: 8000, bits: 8, seconds: 0.01 }), format: 'wav' },
		{ name: 'wrongly-named.mp3', bytes: makeWav({ channels: 1, rate: 8000, bits: 8, seconds: 0.01 }), format: 'wav' },
		{ name: 'headerless.wav', bytes: new Uint8Array([0, 0, 0xf6, 0xff]), format: 'wav' },
		{ name: 'x.bin', bytes: text('ID3\x04\x00\x00\x00\x00\x00\x00'), format: 'mp3' },
		{ name: 'x.bin', bytes: new Uint8Array([0xff, 0xfb, 0x90, 0x64]), format: 'mp3' },
		{ name: 'x.bin', bytes: new Uint8Array([0xff, 0xf1, 0x50, 0x80]), format: 'aac' },
		{ name: 'x.bin', bytes: text('fLaC\x00\x00\x00\x22'), format: 'flac' },
		{ name: 'x.bin', bytes: text('\x00\x00\x00\x20ftypM4A '), format: 'm4a' },
		{ name: 'x.bin', bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]), format: 'webm' },
		{ name: 'x.bin', bytes: text('OggS' + '\x00'.repeat(24) + 'OpusHead'), format: 'opus' },
		{ name: 'x.bin', bytes: text('OggS' + '\x00'.repeat(24) + '\x01vorbis'), format: 'ogg' },
		{ name: 'sample.rttm', bytes: text('SPEAKER sample 1 6.690 0.430 <NA> <NA> speaker90 <NA> <NA>\n'), format: null },
		{ name: 'sample.stm', bytes: text('sample 1 Diane 6.68 7.16 Hello?\n'), format: null },
		{ name: 'calls.csv', bytes: text('call_id,agent\n'), format: null }
	])('$name starting $bytes.0 → $format', ({ name, bytes, format }) => {
		expect(sniffAudio(name, bytes)).toBe(format);
	});
});

describe('readAudioInfo on compressed formats (fixtures made by sox at test time)', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'callqa-audio-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const synth = (file: string, rate: number, channels: number, seconds: number) => {
		const out = path.join(dir, file);
		execFileSync('sox', ['-n', '-r', String(rate), '-c', String(channels), out, 'synth', String(seconds), 'sine', '440'], {
			stdio: 'pipe'
		});
		return new Uint8Array(readFileSync(out));
	};

	it('reads OGG Vorbis stereo', async () => {
		const info = await readAudioInfo('call.ogg', synth('a.ogg', 16000, 2, 1.5));
		expect(info).toMatchObject({ format: 'ogg', channels: 2, sample_rate: 16000, codec: 'vorbis' });
		expect(info.duration_s).toBeCloseTo(1.5, 2);
	});

	it('reads FLAC mono', async () => {
		const info = await readAudioInfo('call.flac', synth('a.flac', 8000, 1, 0.5));
		expect(info).toMatchObject({ format: 'flac', channels: 1, sample_rate: 8000, codec: 'flac' });
		expect(info.duration_s).toBeCloseTo(0.5, 3);
	});

	it('rejects a damaged OGG whose pages are gone', async () => {
		const bytes = synth('b.ogg', 8000, 1, 1).slice(0, 60);
		await expect(readAudioInfo('cut.ogg', bytes)).rejects.toThrow(/OGG/);
	});

	it('reads MP3 built from silent MPEG-1 Layer III frames (sox here cannot write MP3)', async () => {
		// 128 kbit/s, 44.1 kHz, no padding: 417-byte frames of 1152 samples; all-zero side info decodes as silence.
		const frames = 38;
		const bytes = new Uint8Array(frames * 417);
		for (let i = 0; i < frames; i++) bytes.set([0xff, 0xfb, 0x90, 0xc4], i * 417); // 0xc4: mono
		const info = await readAudioInfo('C1.mp3', bytes);
		expect(info).toMatchObject({ format: 'mp3', channels: 1, sample_rate: 44100, codec: 'mp3', bits_per_sample: null });
		expect(info.duration_s).toBeCloseTo((frames * 1152) / 44100, 3);
	});

	it('rejects a file named .mp3 that holds no MPEG frames', async () => {
		await expect(readAudioInfo('notes.mp3', text('hello, this is not audio at all'.repeat(10)))).rejects.toThrow(/MP3/);
	});
});
