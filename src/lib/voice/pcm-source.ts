// Any recording as a stream of float channels, decoded a slice at a time: PCM WAV read directly (wav-pcm.ts),
// MP3, Ogg Opus, Ogg Vorbis and FLAC by the maintained wasm decoders of the wasm-audio-decoders project (they run
// in a Web Worker and in Node alike, so the worker and the CLI decode the same way). Web Audio's decodeAudioData
// exists only on the main thread and decodes a whole file at once: it is never used. M4A/AAC and WebM have no
// decoder here; they still play through the media element, without a waveform or voice activity.
import { sniffAudio, type AudioFormat } from '../recordings/audio-info';
import { ReasonError } from '../import/reasons';
import { openWavPcm, HEADER_BYTES } from './wav-pcm';

export interface PcmSource {
	format: AudioFormat;
	sampleRate: number;
	channels: number;
	/** length in sample frames when known before decoding (WAV), else null */
	frames: number | null;
	/** decoded audio, one Float32Array per channel per chunk; a chunk is consumed before the next is asked */
	chunks(): AsyncGenerator<Float32Array[]>;
}

const SLICE = 256 << 10;
/** Opus is decoded straight at 8 kHz: all the waveform and the voice detector need, and the cheapest. */
const OPUS_RATE = 8000;

async function* slices(blob: Blob): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < blob.size; at += SLICE) yield new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
}

interface Decoded {
	channelData: Float32Array[];
	samplesDecoded: number;
	sampleRate: number;
}

/** A decoder's output chunks, with rate and channels learnt from the first chunk that holds samples. */
async function fromDecoder(format: AudioFormat, decoded: AsyncGenerator<Decoded>): Promise<PcmSource> {
	let first: IteratorResult<Decoded>;
	do first = await decoded.next();
	while (!first.done && first.value.samplesDecoded === 0);
	if (first.done)
		throw new ReasonError('audio_no_samples', `${format.toUpperCase()} file decodes to no audio samples`, { format: format.toUpperCase() });
	const head = first.value;
	const trim = (d: Decoded) => d.channelData.map((c) => c.subarray(0, d.samplesDecoded));
	return {
		format,
		sampleRate: head.sampleRate,
		channels: head.channelData.length,
		frames: null,
		async *chunks() {
			yield trim(head);
			for await (const d of decoded) if (d.samplesDecoded > 0) yield trim(d);
		}
	};
}

async function* mp3(blob: Blob): AsyncGenerator<Decoded> {
	const { MPEGDecoder } = await import('mpg123-decoder');
	const dec = new MPEGDecoder();
	await dec.ready;
	try {
		for await (const bytes of slices(blob)) yield dec.decode(bytes);
	} finally {
		dec.free();
	}
}

async function* flac(blob: Blob): AsyncGenerator<Decoded> {
	const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
	const dec = new FLACDecoder();
	await dec.ready;
	try {
		for await (const bytes of slices(blob)) yield await dec.decode(bytes);
		yield await dec.flush();
	} finally {
		dec.free();
	}
}

async function* vorbis(blob: Blob): AsyncGenerator<Decoded> {
	const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
	const dec = new OggVorbisDecoder();
	await dec.ready;
	try {
		for await (const bytes of slices(blob)) yield await dec.decode(bytes);
		yield await dec.flush();
	} finally {
		dec.free();
	}
}

/** Ogg pages → Opus packets (codec-parser), decoded by opus-decoder with the stream's own header. */
async function* opus(blob: Blob): AsyncGenerator<Decoded> {
	const [{ default: CodecParser }, { OpusDecoder }] = await Promise.all([import('codec-parser'), import('opus-decoder')]);
	const parser = new CodecParser('application/ogg', { enableFrameCRC32: false });
	let dec: InstanceType<typeof OpusDecoder<typeof OPUS_RATE>> | null = null;
	const decode = async function* (pages: Iterable<{ codecFrames: { data: Uint8Array; header: unknown }[] }>) {
		for (const page of pages) {
			if (page.codecFrames.length === 0) continue;
			if (!dec) {
				const h = page.codecFrames[0].header as {
					channels: number;
					streamCount: number;
					coupledStreamCount: number;
					channelMappingTable: number[];
					preSkip: number;
				};
				dec = new OpusDecoder({
					sampleRate: OPUS_RATE,
					channels: h.channels,
					streamCount: h.streamCount,
					coupledStreamCount: h.coupledStreamCount,
					channelMappingTable: h.channelMappingTable,
					preSkip: Math.round((h.preSkip / 48000) * OPUS_RATE)
				});
				await dec.ready;
			}
			yield dec.decodeFrames(page.codecFrames.map((f) => f.data));
		}
	};
	try {
		for await (const bytes of slices(blob))
			yield* decode(parser.parseChunk(bytes) as unknown as Iterable<{ codecFrames: { data: Uint8Array; header: unknown }[] }>);
		yield* decode(parser.flush() as unknown as Iterable<{ codecFrames: { data: Uint8Array; header: unknown }[] }>);
	} finally {
		(dec as { free(): void } | null)?.free();
	}
}

/** Whether this product can decode a format off the main thread (for a waveform and voice activity). */
export function canDecode(format: AudioFormat | null): boolean {
	return format === 'wav' || format === 'mp3' || format === 'opus' || format === 'ogg' || format === 'flac';
}

/**
 * Opens a recording for decoding. Throws a ReasonError naming the format when it cannot be decoded here
 * (M4A/AAC/WebM, ADPCM WAV…) or holds no samples.
 */
export async function openPcm(blob: Blob, name = ''): Promise<PcmSource> {
	const head = new Uint8Array(await blob.slice(0, Math.min(blob.size, HEADER_BYTES)).arrayBuffer());
	const format = sniffAudio(name, head);
	if (format === 'wav') {
		const wav = await openWavPcm(blob);
		if (wav) return { format, ...wav };
		throw new ReasonError('audio_no_decoder_wav', 'this WAV encoding cannot be analysed (only PCM, float, A-law and µ-law)');
	}
	switch (format) {
		case 'mp3':
			return fromDecoder(format, mp3(blob));
		case 'flac':
			return fromDecoder(format, flac(blob));
		case 'ogg':
			return fromDecoder(format, vorbis(blob));
		case 'opus':
			return fromDecoder(format, opus(blob));
		default:
			throw new ReasonError(
				'audio_no_decoder',
				`${(format ?? 'this').toUpperCase()} audio plays but cannot be analysed here (WAV, MP3, Ogg Opus/Vorbis and FLAC can)`,
				{
					format: (format ?? '?').toUpperCase()
				}
			);
	}
}
