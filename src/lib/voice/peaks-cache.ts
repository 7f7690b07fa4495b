// Waveform peaks kept in the browser's private storage (OPFS `peaks/`), so a long or compressed recording that
// was analysed once draws at once the next time it opens. One file per recording (or mono pair): a small JSON
// header (the source files' sizes and dates, to tell a stale entry) and the peaks as one byte each, square-root
// companded so quiet recordings keep their shape (a 1-hour stereo call at 200 peaks/s: 1.4 MB). Browser only; a failure to read or write just means no cache.
import type { Peaks } from './analyse';

const DIR = 'peaks';
const VERSION = 1;

interface Header {
	v: number;
	sources: { name: string; size: number; modified: number }[];
	duration_s: number;
	channels: number;
	buckets: number;
}

const keyOf = (files: File[]) => encodeURIComponent(files.map((f) => f.name).join(' + ')).replace(/^\./, '%2E') + '.peaks';
const sourcesOf = (files: File[]) => files.map((f) => ({ name: f.name, size: f.size, modified: f.lastModified }));

async function dir(): Promise<FileSystemDirectoryHandle | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
	return (await navigator.storage.getDirectory()).getDirectoryHandle(DIR, { create: true });
}

export async function readPeaks(files: File[]): Promise<Peaks | null> {
	try {
		const d = await dir();
		if (!d) return null;
		const file = await (await d.getFileHandle(keyOf(files))).getFile();
		const bytes = new Uint8Array(await file.arrayBuffer());
		const headLen = new DataView(bytes.buffer).getUint32(0, true);
		const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headLen))) as Header;
		if (head.v !== VERSION || JSON.stringify(head.sources) !== JSON.stringify(sourcesOf(files))) return null;
		const body = bytes.subarray(4 + headLen);
		const channels = Array.from({ length: head.channels }, (_, c) =>
			Float32Array.from(body.subarray(c * head.buckets, (c + 1) * head.buckets), (v) => (v / 255) ** 2)
		);
		return { channels, duration_s: head.duration_s };
	} catch {
		return null;
	}
}

export async function writePeaks(files: File[], peaks: Peaks): Promise<void> {
	try {
		const d = await dir();
		if (!d) return;
		const buckets = peaks.channels[0]?.length ?? 0;
		const head = new TextEncoder().encode(
			JSON.stringify({
				v: VERSION,
				sources: sourcesOf(files),
				duration_s: peaks.duration_s,
				channels: peaks.channels.length,
				buckets
			} satisfies Header)
		);
		const out = new Uint8Array(4 + head.length + buckets * peaks.channels.length);
		new DataView(out.buffer).setUint32(0, head.length, true);
		out.set(head, 4);
		peaks.channels.forEach((ch, c) => {
			const at = 4 + head.length + c * buckets;
			for (let i = 0; i < buckets; i++) out[at + i] = Math.round(Math.sqrt(Math.min(1, Math.max(0, ch[i]))) * 255);
		});
		const w = await (await d.getFileHandle(keyOf(files), { create: true })).createWritable();
		await w.write(out);
		await w.close();
	} catch {
		// no cache: the next open computes the peaks again
	}
}
