// Clip audio in the browser: cutting a clip out of a call's recording (PCM WAV sliced without decoding; other
// formats decoded with WebAudio and written as 16-bit PCM WAV) and keeping the result in OPFS under coaching/, so
// a clip plays, exports and survives reload without its call. Browser only; the byte work is wav-cut.ts.
import { encodeWav16, joinWav, planWavSlice } from './wav-cut';

const DIR = 'coaching';
/** Header bytes read to find a WAV's data chunk (long LIST/bext chunks come before it in some exports). */
const HEAD_BYTES = 256 * 1024;

async function directory(): Promise<FileSystemDirectoryHandle> {
	const root = await navigator.storage.getDirectory();
	return root.getDirectoryHandle(DIR, { create: true });
}

/** coaching/<clip_id>.wav → the entry name inside the coaching directory. */
function entryOf(path: string): string {
	if (!path.startsWith(DIR + '/')) throw new Error(`clip audio path ${path} is not under ${DIR}/`);
	return path.slice(DIR.length + 1);
}

/** Write a clip's WAV whole (swap-file semantics of createWritable: never half a file). */
export async function putClipAudio(path: string, bytes: Uint8Array): Promise<void> {
	const handle = await (await directory()).getFileHandle(entryOf(path), { create: true });
	const w = await handle.createWritable();
	try {
		await w.write(bytes as Uint8Array<ArrayBuffer>);
		await w.close();
	} catch (e) {
		await w.abort().catch(() => {});
		throw e;
	}
}

/** The clip's audio as a File (audio/wav); null when it is not stored. */
export async function getClipAudio(path: string): Promise<File | null> {
	try {
		const file = await (await (await directory()).getFileHandle(entryOf(path))).getFile();
		return new File([file], file.name, { type: 'audio/wav' });
	} catch (e) {
		if (e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError')) return null;
		throw e;
	}
}

export async function readClipAudio(path: string): Promise<Uint8Array | null> {
	const f = await getClipAudio(path);
	return f ? new Uint8Array(await f.arrayBuffer()) : null;
}

export async function removeClipAudio(path: string): Promise<void> {
	await (await directory()).removeEntry(entryOf(path)).catch(() => {});
}

/** The clip [start_s, end_s) of a recording as a WAV file's bytes, every channel kept. */
export async function cutRecording(file: Blob, start_s: number, end_s: number): Promise<Uint8Array> {
	const head = new Uint8Array(await file.slice(0, Math.min(file.size, HEAD_BYTES)).arrayBuffer());
	const plan = planWavSlice(head, file.size, start_s, end_s);
	if (plan) return joinWav(plan.format, new Uint8Array(await file.slice(plan.from, plan.to).arrayBuffer()));
	// Not a PCM WAV (MP3, Opus, M4A, ADPCM…): decode at the file's own rate and re-encode the range.
	const ctx = new OfflineAudioContext(1, 1, 8000);
	const buffer = await ctx.decodeAudioData(await file.arrayBuffer());
	const rate = buffer.sampleRate;
	const first = Math.max(0, Math.min(buffer.length, Math.round(start_s * rate)));
	const last = Math.max(first, Math.min(buffer.length, Math.round(end_s * rate)));
	const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c).subarray(first, last));
	return encodeWav16(channels, rate);
}
