// Waveform peaks of a PCM WAV read straight from its bytes, a slice at a time, so a 1-hour recording never sits
// decoded in memory and never touches the main thread (peaks.worker.ts runs this). Other formats return null and
// the player lets wavesurfer decode them (Web Audio decoding exists only on the main thread).
import { readWavInfo } from '../recordings/wav';

export interface Peaks {
	/** one array per channel, max |sample| per bucket, 0..1 */
	channels: Float32Array[];
	duration_s: number;
}

/** Buckets per second of audio: enough for the deepest zoom the player offers (200 px/s draws ~1 bucket per px). */
export const PEAKS_PER_SECOND = 200;
/** Read size: bounded memory whatever the file length. */
const SLICE_BYTES = 4 << 20;
const HEADER_BYTES = 1 << 20;

type SampleReader = (view: DataView, at: number) => number;

function readerFor(codec: string): { bytes: number; read: SampleReader } | null {
	switch (codec) {
		case 'pcm_u8':
			return { bytes: 1, read: (v, at) => (v.getUint8(at) - 128) / 128 };
		case 'pcm_s16le':
			return { bytes: 2, read: (v, at) => v.getInt16(at, true) / 32768 };
		case 'pcm_s24le':
			return { bytes: 3, read: (v, at) => ((v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) / 8388608) };
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
	return ((a & 0x80 ? t : -t) / 32768);
});
const MULAW = new Float32Array(256).map((_, i) => {
	const u = ~i & 0xff;
	let t = ((u & 0x0f) << 3) + 0x84;
	t <<= (u & 0x70) >> 4;
	return ((u & 0x80 ? 0x84 - t : t - 0x84) / 32768);
});

/** Peaks of a PCM WAV blob, or null when it is not a WAV this reader understands. */
export async function wavPeaks(blob: Blob, perSecond = PEAKS_PER_SECOND): Promise<Peaks | null> {
	const head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
	let info;
	try {
		info = readWavInfo(head);
	} catch {
		return null;
	}
	const reader = readerFor(info.codec);
	if (!reader || info.channels < 1 || info.sample_rate <= 0) return null;
	const frameBytes = reader.bytes * info.channels;
	// readWavInfo saw only the first HEADER_BYTES, so its data_bytes stops there: take the data chunk's declared
	// size (RF64 and streamed files say 0xFFFFFFFF or 0: up to the end of the file).
	const declared = new DataView(head.buffer, head.byteOffset).getUint32(info.data_offset - 4, true);
	const dataEnd = declared > 0 && declared < 0xffffffff ? Math.min(blob.size, info.data_offset + declared) : blob.size;
	const frames = Math.floor((dataEnd - info.data_offset) / frameBytes);
	const duration_s = frames / info.sample_rate;
	const buckets = Math.max(1, Math.ceil(duration_s * perSecond));
	const framesPerBucket = Math.max(1, frames / buckets);
	const channels = Array.from({ length: info.channels }, () => new Float32Array(buckets));

	const framesPerSlice = Math.max(1, Math.floor(SLICE_BYTES / frameBytes));
	for (let first = 0; first < frames; first += framesPerSlice) {
		const n = Math.min(framesPerSlice, frames - first);
		const start = info.data_offset + first * frameBytes;
		const view = new DataView(await blob.slice(start, start + n * frameBytes).arrayBuffer());
		for (let f = 0; f < n; f++) {
			const b = Math.min(buckets - 1, Math.floor((first + f) / framesPerBucket));
			const at = f * frameBytes;
			for (let c = 0; c < info.channels; c++) {
				const v = Math.abs(reader.read(view, at + c * reader.bytes));
				if (v > channels[c][b]) channels[c][b] = v;
			}
		}
	}
	return { channels, duration_s };
}
