// Recognises audio files and reads their metadata (format, duration, channels, rate) without decoding.
// WAV is parsed here (wav.ts); compressed formats go through music-metadata, whose browser entry point
// (lib/core.js) uses no Node APIs; it is loaded on first use (≈235 kB minified) so a WAV-only session
// never downloads it. Plain TS, no DOM: the CLI and the tests run this same code.
import { readWavInfo } from './wav';
import { ReasonError } from '../import/reasons';
import type { ImportIssue } from '../import/types';
import { errorMessage } from '../i18n/error-message';

export type AudioFormat = 'wav' | 'mp3' | 'aac' | 'ogg' | 'opus' | 'm4a' | 'flac' | 'webm';

export interface AudioInfo {
	format: AudioFormat;
	duration_s: number;
	channels: number;
	sample_rate: number;
	bits_per_sample: number | null;
	/** pcm_s16le, pcm_u8, mp3, opus, vorbis, aac, flac… */
	codec: string;
	/** Non-fatal problems the import report should show (truncated file, codec browsers cannot play). */
	/** Doubts about a file that still loads (truncated WAV, codec browsers cannot play). */
	warnings: ImportIssue[];
}

const EXTENSIONS: Record<string, AudioFormat> = {
	wav: 'wav',
	wave: 'wav',
	mp3: 'mp3',
	aac: 'aac',
	ogg: 'ogg',
	oga: 'ogg',
	opus: 'opus',
	m4a: 'm4a',
	mp4: 'm4a',
	flac: 'flac',
	webm: 'webm',
	weba: 'webm',
	mka: 'webm'
};

const MIME: Record<AudioFormat, string> = {
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	aac: 'audio/aac',
	ogg: 'audio/ogg',
	opus: 'audio/ogg',
	m4a: 'audio/mp4',
	flac: 'audio/flac',
	webm: 'audio/webm'
};

export function extensionOf(name: string): string {
	const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function mimeTypeOf(format: AudioFormat): string {
	return MIME[format];
}

/** The MIME type a file name's extension says; application/octet-stream when it names no audio format. */
export function mimeTypeOfName(name: string): string {
	const format = EXTENSIONS[extensionOf(name)];
	return format ? MIME[format] : 'application/octet-stream';
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
	if (at + text.length > bytes.length) return false;
	for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

function indexOfAscii(bytes: Uint8Array, text: string, from: number, to: number): number {
	const end = Math.min(to, bytes.length - text.length);
	for (let i = from; i <= end; i++) if (startsWith(bytes, i, text)) return i;
	return -1;
}

function sniffMagic(b: Uint8Array): AudioFormat | null {
	if ((startsWith(b, 0, 'RIFF') || startsWith(b, 0, 'RIFX') || startsWith(b, 0, 'RF64')) && startsWith(b, 8, 'WAVE')) return 'wav';
	if (startsWith(b, 0, 'fLaC')) return 'flac';
	if (startsWith(b, 0, 'OggS')) {
		// The first page carries the codec's identification header.
		return indexOfAscii(b, 'OpusHead', 28, 64) >= 0 ? 'opus' : 'ogg';
	}
	if (startsWith(b, 4, 'ftyp')) return 'm4a';
	if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'webm';
	if (startsWith(b, 0, 'ID3')) {
		// An ID3v2 tag can also precede ADTS AAC; look past it.
		const tagSize = b.length >= 10 ? ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f) : 0;
		const at = 10 + tagSize;
		if (at + 1 < b.length && b[at] === 0xff && (b[at + 1] & 0xf6) === 0xf0) return 'aac';
		return 'mp3';
	}
	if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) {
		const layer = (b[1] >> 1) & 0x03;
		if (layer === 0) return (b[1] & 0xf6) === 0xf0 ? 'aac' : null; // ADTS AAC
		return 'mp3';
	}
	return null;
}

/**
 * The audio format of a file: by its leading bytes first, by its extension second. A `.wav` without a RIFF
 * header is still 'wav' (claimed by its name) so that {@link readAudioInfo} rejects it with a reason.
 * Null for anything that is not audio (transcripts, RTTM, STM…).
 */
export function sniffAudio(name: string, bytes: Uint8Array): AudioFormat | null {
	return sniffMagic(bytes) ?? EXTENSIONS[extensionOf(name)] ?? null;
}

/**
 * Format, duration, channels, rate and bit depth of an audio file. Throws an Error with a precise reason
 * when the file is not playable audio; a truncated WAV loads with a warning.
 */
export async function readAudioInfo(name: string, bytes: Uint8Array): Promise<AudioInfo> {
	const format = sniffAudio(name, bytes);
	if (format === null) {
		const ext = extensionOf(name);
		const what = 'not an audio file: no WAV/MP3/AAC/OGG/Opus/M4A/FLAC/WebM signature';
		throw ext
			? new ReasonError('not_audio_file_ext', `${what} and .${ext} is not an audio extension`, { ext })
			: new ReasonError('not_audio_file', what);
	}
	if (format === 'wav') {
		const w = readWavInfo(bytes);
		return {
			format,
			duration_s: w.duration_s,
			channels: w.channels,
			sample_rate: w.sample_rate,
			bits_per_sample: w.bits_per_sample,
			codec: w.codec,
			warnings: w.warnings
		};
	}
	const name_ = format.toUpperCase();
	if (bytes.length === 0) throw new ReasonError('audio_empty', `${name_} file is empty`, { format: name_ });
	let meta;
	try {
		const { parseBuffer } = await import('music-metadata');
		meta = await parseBuffer(bytes, { mimeType: MIME[format], size: bytes.length, path: name }, { duration: true, skipCovers: true });
	} catch (e) {
		throw new ReasonError('audio_unreadable', `not a readable ${name_} file: ${errorMessage(e)}`, {
			format: name_,
			detail: errorMessage(e)
		});
	}
	const f = meta.format;
	if (!f.duration || !Number.isFinite(f.duration) || f.duration <= 0) {
		throw new ReasonError('audio_no_duration', `${name_} file holds no audio frames that give a duration: the file is damaged or empty`, {
			format: name_
		});
	}
	if (!f.numberOfChannels || !f.sampleRate) {
		throw new ReasonError('audio_no_channels', `${name_} file does not state its channel count or sample rate: the header is damaged`, {
			format: name_
		});
	}
	return {
		format,
		duration_s: f.duration,
		channels: f.numberOfChannels,
		sample_rate: f.sampleRate,
		bits_per_sample: f.bitsPerSample ?? null,
		codec: normaliseCodec(f.codec, format),
		warnings: []
	};
}

function normaliseCodec(codec: string | undefined, format: AudioFormat): string {
	const c = (codec ?? '').toLowerCase();
	if (c.includes('layer 3') || c === 'mp3') return 'mp3';
	if (c.includes('opus')) return 'opus';
	if (c.includes('vorbis')) return 'vorbis';
	if (c.includes('flac')) return 'flac';
	if (c.includes('aac') || c.includes('mp4a')) return 'aac';
	if (c.includes('alac')) return 'alac';
	return c || format;
}
