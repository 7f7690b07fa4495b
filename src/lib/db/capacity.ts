// How much one browser workspace holds, from what was measured (docs/scale.md, bench/README.md): importing and scoring
// a month of 200,000 calls (2.88M transcript turns) took the tab to 2.5–3.0 GB, and duckdb-wasm's 32-bit heap stops
// at 4 GB. The import page says so before an import that would go past it, and while the workspace is near it.
// Plain TypeScript, no DOM.

/** Turns from which the import page warns: about 170,000 calls of the sample's 14 turns. */
export const SEGMENTS_NEAR = 2_500_000;
/** Turns past which the tab is expected to run out of memory (≈ 4 GB at the measured ≈ 1 KB per turn). */
export const SEGMENTS_MAX = 3_600_000;
/** Bytes of transcript text per turn in the generated CSV (123 MB for 1.44M turns); other formats carry more. */
const TEXT_BYTES_PER_SEGMENT = 85;
/** Files whose bytes are transcript text or tables; recordings (audio) add no turns. */
const TEXT_FILE = /\.(csv|tsv|txt|json|vtt|srt|stm|rttm|xlsx|xls)$/i;

export type Capacity = 'ok' | 'near' | 'over';

export function capacityOf(segments: number): Capacity {
	return segments > SEGMENTS_MAX ? 'over' : segments >= SEGMENTS_NEAR ? 'near' : 'ok';
}

/** An upper estimate of the turns `files` add: their text bytes at the densest format measured. */
export function estimateSegments(files: readonly { name: string; bytes: { length: number } }[]): number {
	let bytes = 0;
	for (const f of files) if (TEXT_FILE.test(f.name)) bytes += f.bytes.length;
	return Math.round(bytes / TEXT_BYTES_PER_SEGMENT);
}

/**
 * Bytes of workspace an import's text files took in OPFS per byte of file: 137 MB of call log and transcripts made a
 * 192 MB workspace (bench/results.md, 100k calls), with the turns' derived columns stored; rounded up. Audio is
 * kept as it is (× 1).
 */
const WORKSPACE_BYTES_PER_TEXT_BYTE = 1.5;

/** An upper estimate of the bytes `files` add to the browser's storage (the workspace file and kept recordings). */
export function estimateStorageBytes(files: readonly { name: string; bytes: { length: number } }[]): number {
	let bytes = 0;
	for (const f of files) bytes += TEXT_FILE.test(f.name) ? f.bytes.length * WORKSPACE_BYTES_PER_TEXT_BYTE : f.bytes.length;
	return Math.round(bytes);
}

/**
 * Whether an import of `incomingBytes` fits in what the browser still grants this site (quota − usage, from
 * navigator.storage.estimate()): 'short' when it probably does not. Unknown figures (null) say nothing.
 */
export function storageFits(incomingBytes: number, free: number | null): 'ok' | 'short' {
	return free !== null && incomingBytes > free ? 'short' : 'ok';
}
