// Cutting a clip's audio out of a recording as a standalone WAV: PCM-family WAVs are sliced frame-exact with a
// new 44-byte header (every channel kept); anything else arrives decoded (WebAudio) and is written as 16-bit PCM.
// Plain TS, no DOM: the browser side that reads files and decodes is clip-audio.ts.
import { readWavInfo, type WavInfo } from '../recordings/wav';

/** WAV format tags we can write back for a sliced codec; other codecs take the decode path. */
const FORMAT_TAG: Record<string, number> = {
	pcm_u8: 1,
	pcm_s16le: 1,
	pcm_s24le: 1,
	pcm_s32le: 1,
	pcm_f32le: 3,
	pcm_f64le: 3,
	pcm_alaw: 6,
	pcm_mulaw: 7
};

export interface WavFormat {
	tag: number;
	channels: number;
	sample_rate: number;
	bits_per_sample: number;
}

/** A canonical 44-byte RIFF/WAVE header for `dataBytes` bytes of sample data. */
export function wavHeader(f: WavFormat, dataBytes: number): Uint8Array {
	const out = new Uint8Array(44);
	const v = new DataView(out.buffer);
	const ascii = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
	const blockAlign = f.channels * Math.ceil(f.bits_per_sample / 8);
	ascii(0, 'RIFF');
	v.setUint32(4, 36 + dataBytes + (dataBytes & 1), true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, f.tag, true);
	v.setUint16(22, f.channels, true);
	v.setUint32(24, f.sample_rate, true);
	v.setUint32(28, f.sample_rate * blockAlign, true);
	v.setUint16(32, blockAlign, true);
	v.setUint16(34, f.bits_per_sample, true);
	ascii(36, 'data');
	v.setUint32(40, dataBytes, true);
	return out;
}

export interface WavSlice {
	format: WavFormat;
	/** byte range of the file holding the clip's frames */
	from: number;
	to: number;
	frames: number;
}

/**
 * Where the frames of [start_s, end_s) sit in a WAV whose header is in `head` (the first bytes of a file of
 * `fileSize` bytes); null when the codec cannot be sliced (compressed, big-endian) and must be decoded.
 */
export function planWavSlice(head: Uint8Array, fileSize: number, start_s: number, end_s: number): WavSlice | null {
	let info: WavInfo;
	try {
		info = readWavInfo(head);
	} catch {
		return null;
	}
	const tag = FORMAT_TAG[info.codec];
	if (!tag || info.bits_per_sample == null) return null;
	// The data chunk's declared size (the 4 bytes before its data); a streaming writer may leave it 0 or ~0.
	const declared = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(info.data_offset - 4, true);
	const present = fileSize - info.data_offset;
	const dataBytes = declared > 0 && declared !== 0xffffffff ? Math.min(declared, present) : present;
	const total = Math.floor(dataBytes / info.block_align);
	const first = Math.max(0, Math.min(total, Math.round(start_s * info.sample_rate)));
	const last = Math.max(first, Math.min(total, Math.round(end_s * info.sample_rate)));
	return {
		format: { tag, channels: info.channels, sample_rate: info.sample_rate, bits_per_sample: info.bits_per_sample },
		from: info.data_offset + first * info.block_align,
		to: info.data_offset + last * info.block_align,
		frames: last - first
	};
}

/** The clip [start_s, end_s) of a whole PCM WAV file as a new WAV; null when it must be decoded instead. */
export function cutWav(bytes: Uint8Array, start_s: number, end_s: number): Uint8Array | null {
	const plan = planWavSlice(bytes, bytes.length, start_s, end_s);
	if (!plan) return null;
	return joinWav(plan.format, bytes.subarray(plan.from, plan.to));
}

/** Header + sample data (+ pad byte when odd) as one WAV file. */
export function joinWav(format: WavFormat, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(44 + data.length + (data.length & 1));
	out.set(wavHeader(format, data.length), 0);
	out.set(data, 44);
	return out;
}

/** Decoded channels (−1..1 floats, equal length) as a 16-bit PCM WAV, interleaved. */
export function encodeWav16(channels: Float32Array[], sample_rate: number): Uint8Array {
	const n = channels[0]?.length ?? 0;
	const c = channels.length;
	const data = new Uint8Array(n * c * 2);
	const v = new DataView(data.buffer);
	for (let i = 0; i < n; i++) {
		for (let ch = 0; ch < c; ch++) {
			const x = Math.max(-1, Math.min(1, channels[ch][i]));
			v.setInt16((i * c + ch) * 2, x < 0 ? Math.round(x * 0x8000) : Math.round(x * 0x7fff), true);
		}
	}
	return joinWav({ tag: 1, channels: c, sample_rate, bits_per_sample: 16 }, data);
}
