// Samples of a PCM WAV read straight from its bytes, a slice at a time, as float channels: a 1-hour recording is
// never whole in memory. Codecs: 8-bit unsigned, 16/24/32-bit, 32-bit float, A-law, µ-law (little-endian).
import { readWavInfo } from '../recordings/wav';

type SampleReader = (view: DataView, at: number) => number;

export function sampleReader(codec: string): { bytes: number; read: SampleReader } | null {
	switch (codec) {
		case 'pcm_u8':
			return { bytes: 1, read: (v, at) => (v.getUint8(at) - 128) / 128 };
		case 'pcm_s16le':
			return { bytes: 2, read: (v, at) => v.getInt16(at, true) / 32768 };
		case 'pcm_s24le':
			return { bytes: 3, read: (v, at) => (v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) / 8388608 };
		case 'pcm_s32le':
			return { bytes: 4, read: (v, at) => v.getInt32(at, true) / 2147483648 };
		case 'pcm_f32le':
			return { bytes: 4, read: (v, at) => v.getFloat32(at, true) };
		case 'pcm_alaw':
			return { bytes: 1, read: (v, at) => ALAW[v.getUint8(at)] };
		case 'pcm_mulaw':
			return { bytes: 1, read: (v, at) => MULAW[v.getUint8(at)] };
		default:
			return null;
	}
}

// G.711 expansion tables (ITU-T G.711), normalised to -1..1.
const ALAW = new Float32Array(256).map((_, i) => {
	const a = i ^ 0x55;
	const seg = (a & 0x70) >> 4;
	let t = (a & 0x0f) << 4;
	t = seg === 0 ? t + 8 : (t + 0x108) << (seg - 1);
	return (a & 0x80 ? t : -t) / 32768;
});
const MULAW = new Float32Array(256).map((_, i) => {
	const u = ~i & 0xff;
	let t = ((u & 0x0f) << 3) + 0x84;
	t <<= (u & 0x70) >> 4;
	return (u & 0x80 ? 0x84 - t : t - 0x84) / 32768;
});

/** Read size: bounded memory whatever the file length. */
const SLICE_BYTES = 4 << 20;
export const HEADER_BYTES = 1 << 20;

export interface WavPcm {
	sampleRate: number;
	channels: number;
	frames: number;
	chunks(): AsyncGenerator<Float32Array[]>;
}

/** The PCM stream of a WAV blob, or null when it is not a WAV this reader understands. */
export async function openWavPcm(blob: Blob): Promise<WavPcm | null> {
	const head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
	let info;
	try {
		info = readWavInfo(head);
	} catch {
		return null;
	}
	const reader = sampleReader(info.codec);
	if (!reader || info.channels < 1 || info.sample_rate <= 0) return null;
	const channels = info.channels;
	const frameBytes = reader.bytes * channels;
	// readWavInfo saw only the first HEADER_BYTES, so its data_bytes stops there: take the data chunk's declared
	// size (RF64 and streamed files say 0xFFFFFFFF or 0: up to the end of the file).
	const declared = new DataView(head.buffer, head.byteOffset).getUint32(info.data_offset - 4, true);
	const dataEnd = declared > 0 && declared < 0xffffffff ? Math.min(blob.size, info.data_offset + declared) : blob.size;
	const frames = Math.floor((dataEnd - info.data_offset) / frameBytes);
	const isS16 = info.codec === 'pcm_s16le';
	return {
		sampleRate: info.sample_rate,
		channels,
		frames,
		async *chunks() {
			const framesPerSlice = Math.max(1, Math.floor(SLICE_BYTES / frameBytes));
			for (let first = 0; first < frames; first += framesPerSlice) {
				const n = Math.min(framesPerSlice, frames - first);
				const start = info.data_offset + first * frameBytes;
				const buf = await blob.slice(start, start + n * frameBytes).arrayBuffer();
				const out = Array.from({ length: channels }, () => new Float32Array(n));
				if (isS16) {
					// The common case (8 kHz 16-bit telephone audio) without a DataView call per sample.
					const s = new Int16Array(buf, 0, n * channels);
					for (let f = 0, k = 0; f < n; f++) for (let c = 0; c < channels; c++, k++) out[c][f] = s[k] / 32768;
				} else {
					const view = new DataView(buf);
					for (let f = 0; f < n; f++) {
						const at = f * frameBytes;
						for (let c = 0; c < channels; c++) out[c][f] = reader.read(view, at + c * reader.bytes);
					}
				}
				yield out;
			}
		}
	};
}
