// Reads the header of a WAV file (RIFF, big-endian RIFX, 64-bit RF64) without decoding samples: format,
// channels, rate, bit depth, where the sample data sits and how long it plays. Plain TS, no DOM.
// Chunk layout per the Microsoft RIFF/WAVE spec and EBU Tech 3306 (RF64).
import { issue, ReasonError } from '../import/reasons';
import type { ImportIssue } from '../import/types';

export interface WavInfo {
	duration_s: number;
	channels: number;
	sample_rate: number;
	bits_per_sample: number | null;
	/** ffmpeg-style codec name: pcm_u8, pcm_s16le, pcm_f32le, pcm_alaw, pcm_mulaw, adpcm_ima_wav… */
	codec: string;
	/** Byte offset and length of the sample data actually present in the file. */
	data_offset: number;
	data_bytes: number;
	block_align: number;
	/** Non-fatal problems (truncated data, odd header values). */
	warnings: ImportIssue[];
}

const WAVE_FORMAT = {
	PCM: 0x0001,
	ADPCM_MS: 0x0002,
	IEEE_FLOAT: 0x0003,
	ALAW: 0x0006,
	MULAW: 0x0007,
	IMA_ADPCM: 0x0011,
	GSM610: 0x0031,
	MPEGLAYER3: 0x0055,
	EXTENSIBLE: 0xfffe
} as const;

/** Codecs that Chromium/Firefox do not play from a WAV container. */
const NOT_PLAYABLE_IN_BROWSERS = new Set(['adpcm_ms', 'adpcm_ima_wav', 'gsm_ms']);

function ascii(bytes: Uint8Array, at: number, len: number): string {
	let s = '';
	for (let i = at; i < at + len && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return s;
}

function hexStart(bytes: Uint8Array, n = 4): string {
	if (bytes.length === 0) return 'the file is empty';
	return `file starts with ${hexBytes(bytes, n)}`;
}

/** The first bytes in hex ('—' for none): the language-neutral part of {@link hexStart}, for reason params. */
function hexBytes(bytes: Uint8Array, n = 4): string {
	return Array.from(bytes.subarray(0, n), (b) => '0x' + b.toString(16).padStart(2, '0')).join(' ') || '—';
}

function isChunkId(bytes: Uint8Array, at: number): boolean {
	if (at + 4 > bytes.length) return false;
	for (let i = at; i < at + 4; i++) if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
	return true;
}

const fmtInt = (n: number) => n.toLocaleString('en-US');

function codecName(tag: number, bits: number, bigEndian: boolean): string {
	const e = bigEndian ? 'be' : 'le';
	switch (tag) {
		case WAVE_FORMAT.PCM:
			if (bits === 8) return 'pcm_u8';
			if (bits === 16 || bits === 24 || bits === 32) return `pcm_s${bits}${e}`;
			throw new ReasonError('wav_bad_pcm_bits', `WAV says PCM with ${bits} bits per sample: only 8, 16, 24 and 32 are valid`, { bits });
		case WAVE_FORMAT.IEEE_FLOAT:
			if (bits === 32 || bits === 64) return `pcm_f${bits}${e}`;
			throw new ReasonError('wav_bad_float_bits', `WAV says floating-point samples of ${bits} bits: only 32 and 64 are valid`, { bits });
		case WAVE_FORMAT.ALAW:
			return 'pcm_alaw';
		case WAVE_FORMAT.MULAW:
			return 'pcm_mulaw';
		case WAVE_FORMAT.ADPCM_MS:
			return 'adpcm_ms';
		case WAVE_FORMAT.IMA_ADPCM:
			return 'adpcm_ima_wav';
		case WAVE_FORMAT.GSM610:
			return 'gsm_ms';
		case WAVE_FORMAT.MPEGLAYER3:
			return 'mp3';
		default:
			throw new ReasonError(
				'wav_unsupported_tag',
				`WAV format tag 0x${tag.toString(16).padStart(4, '0')} is not a supported audio encoding`,
				{ tag: `0x${tag.toString(16).padStart(4, '0')}` }
			);
	}
}

/** Codecs whose duration follows from byte count / block size (one block = one sample frame). */
function isFrameCodec(codec: string): boolean {
	return codec.startsWith('pcm_');
}

/**
 * Parse a WAV header. Throws an Error whose message says exactly what is wrong when the file cannot be
 * played; a truncated data chunk is accepted with a warning and the duration of the bytes present.
 */
export function readWavInfo(bytes: Uint8Array): WavInfo {
	const warnings: ImportIssue[] = [];
	const magic = ascii(bytes, 0, 4);
	if (magic !== 'RIFF' && magic !== 'RIFX' && magic !== 'RF64') {
		throw new ReasonError('wav_no_riff', `no RIFF header (${hexStart(bytes)}): not a WAV file or the header is missing`, {
			start: hexBytes(bytes)
		});
	}
	if (bytes.length < 12)
		throw new ReasonError('wav_too_short', `WAV file is only ${bytes.length} bytes: the header is cut off`, { bytes: bytes.length });
	const form = ascii(bytes, 8, 4);
	if (form !== 'WAVE') throw new ReasonError('wav_not_wave', `RIFF file of type '${form}' is not WAVE audio`, { form });

	const bigEndian = magic === 'RIFX';
	const le = !bigEndian;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => view.getUint16(at, le);
	const u32 = (at: number) => view.getUint32(at, le);

	let fmt: { tag: number; channels: number; rate: number; byteRate: number; blockAlign: number; bits: number } | null = null;
	let data: { offset: number; declared: number } | null = null;
	let factSamples: number | null = null;
	let ds64DataSize: number | null = null;

	let at = 12;
	while (at + 8 <= bytes.length) {
		const id = ascii(bytes, at, 4);
		let size = u32(at + 4);
		const body = at + 8;
		if (id === 'ds64' && magic === 'RF64' && body + 16 <= bytes.length) {
			// 64-bit sizes; RIFF size first, then data size. Above 2^53 is not a recording anyone has.
			ds64DataSize = Number(view.getBigUint64(body + 8, true));
		}
		if (id === 'data') {
			if (magic === 'RF64' && size === 0xffffffff && ds64DataSize !== null) size = ds64DataSize;
			data = { offset: body, declared: size };
			// The data chunk usually runs to the end; a declared size past the end is a truncated file
			// (or a streaming writer that never went back to fill the size in).
			if (body + size > bytes.length) break;
		} else if (id === 'fmt ') {
			if (size < 16)
				throw new ReasonError('wav_fmt_too_small', `WAV fmt chunk is ${size} bytes (needs at least 16): the header is damaged`, { size });
			if (body + 16 > bytes.length) {
				throw new ReasonError(
					'wav_fmt_cut',
					`WAV fmt chunk says ${size} bytes but only ${fmtInt(bytes.length - body)} follow: the file is cut off inside its header`,
					{
						size,
						available: fmtInt(bytes.length - body)
					}
				);
			}
			let tag = u16(body);
			const bits = u16(body + 14);
			if (tag === WAVE_FORMAT.EXTENSIBLE) {
				if (size < 40 || body + 40 > bytes.length) {
					throw new ReasonError(
						'wav_extensible_too_small',
						`WAV says WAVE_FORMAT_EXTENSIBLE but its fmt chunk is ${size} bytes (needs 40)`,
						{ size }
					);
				}
				// The sub-format GUID starts with the ordinary format tag (KSDATAFORMAT_SUBTYPE_PCM = 0x0001…).
				tag = u16(body + 24);
			}
			fmt = { tag, channels: u16(body + 2), rate: u32(body + 4), byteRate: u32(body + 8), blockAlign: u16(body + 12), bits };
		} else if (id === 'fact' && size >= 4 && body + 4 <= bytes.length) {
			factSamples = u32(body);
		} else if (!isChunkId(bytes, at)) {
			if (fmt && data) break; // trailing junk after the audio: harmless
			throw new ReasonError(
				'wav_bad_chunk_id',
				`WAV chunk at byte ${fmtInt(at)} has no valid id (${hexStart(bytes.subarray(at))}): the header is damaged`,
				{
					at: fmtInt(at),
					start: hexBytes(bytes.subarray(at))
				}
			);
		}
		let next = body + size + (size & 1);
		// Some writers forget the pad byte after an odd-sized chunk; take whichever offset lands on a chunk id.
		if (size & 1 && !isChunkId(bytes, next) && isChunkId(bytes, next - 1)) next -= 1;
		if (next > bytes.length && id !== 'data') {
			if (fmt && data) break;
			throw new ReasonError(
				'wav_chunk_cut',
				`WAV chunk '${id.trim()}' at byte ${fmtInt(at)} says ${fmtInt(size)} bytes but only ${fmtInt(bytes.length - body)} follow: the file is cut off inside its header`,
				{ id: id.trim(), at: fmtInt(at), size: fmtInt(size), available: fmtInt(bytes.length - body) }
			);
		}
		at = next;
	}

	if (!fmt) throw new ReasonError('wav_no_fmt', 'WAV has no fmt chunk: channels and sample rate are unknown');
	if (!data) throw new ReasonError('wav_no_data', 'WAV has no data chunk: the file holds a header but no audio');
	if (fmt.channels === 0) throw new ReasonError('wav_zero_channels', 'WAV fmt chunk says 0 channels');
	if (fmt.rate === 0) throw new ReasonError('wav_zero_rate', 'WAV fmt chunk says a sample rate of 0 Hz');

	const codec = codecName(fmt.tag, fmt.bits, bigEndian);
	let blockAlign = fmt.blockAlign;
	if (isFrameCodec(codec)) {
		const expected = fmt.channels * Math.ceil(fmt.bits / 8);
		if (blockAlign !== expected) {
			warnings.push(
				issue(
					null,
					'wav_block_size_fixed',
					`WAV block size is ${blockAlign} bytes but ${fmt.channels} channel(s) of ${fmt.bits} bits need ${expected}; using ${expected}`,
					{
						block: blockAlign,
						channels: fmt.channels,
						bits: fmt.bits,
						expected
					}
				)
			);
			blockAlign = expected;
		}
	} else if (blockAlign === 0) {
		throw new ReasonError('wav_zero_block', `WAV fmt chunk says a block size of 0 for ${codec}`, { codec });
	}

	const available = bytes.length - data.offset;
	let dataBytes = data.declared;
	if (data.declared > available) {
		warnings.push(
			issue(
				null,
				'wav_truncated',
				`WAV data chunk says ${fmtInt(data.declared)} bytes but only ${fmtInt(available)} follow; the file is truncated, duration is computed from the bytes present`,
				{
					declared: fmtInt(data.declared),
					available: fmtInt(available)
				}
			)
		);
		dataBytes = available;
	}
	// Drop a partial last frame rather than report a fractional sample.
	dataBytes -= dataBytes % blockAlign;
	if (dataBytes === 0) throw new ReasonError('wav_empty_data', 'WAV data chunk is empty: the file holds no audio samples');

	let duration: number;
	if (isFrameCodec(codec)) {
		duration = dataBytes / blockAlign / fmt.rate;
	} else if (factSamples !== null && factSamples > 0 && data.declared <= available) {
		duration = factSamples / fmt.rate;
	} else if (fmt.byteRate > 0) {
		duration = dataBytes / fmt.byteRate;
	} else {
		throw new ReasonError('wav_unknown_length', `WAV with ${codec} has neither a fact chunk nor a byte rate: its length is unknown`, {
			codec
		});
	}
	if (NOT_PLAYABLE_IN_BROWSERS.has(codec)) {
		warnings.push(
			issue(null, 'wav_not_playable', `WAV encoded as ${codec}: browsers cannot play it; convert to PCM WAV, MP3 or Opus`, { codec })
		);
	}

	return {
		duration_s: duration,
		channels: fmt.channels,
		sample_rate: fmt.rate,
		bits_per_sample: fmt.bits > 0 && codec !== 'mp3' ? fmt.bits : null,
		codec,
		data_offset: data.offset,
		data_bytes: dataBytes,
		block_align: blockAlign,
		warnings
	};
}
