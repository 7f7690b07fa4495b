// Quote-aware scan of delimited text that finds where each record starts (byte offset and 1-based line),
// so that rows read by DuckDB can be reported by their line in the original file. It does not parse fields.

export interface RecordStarts {
	/** Byte offset (in the scanned bytes) where each data record starts; the header record is not included. */
	offsets: number[];
	/** 1-based line of the original file on which each data record starts (header = its own line). */
	lines: number[];
	/** Line of the header record (1 unless the file starts with blank lines). */
	headerLine: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Mirrors DuckDB's reader closely enough to count the same records: a quote opens a quoted field only at
 * the start of a field, `""` inside quotes is a literal quote, a newline inside quotes belongs to the
 * field, and empty lines are skipped. CRLF, LF and lone CR all end a line.
 */
export function scanRecordStarts(bytes: Uint8Array, delimiter: string, quote = '"'): RecordStarts {
	const delim = delimiter.charCodeAt(0);
	const q = quote.charCodeAt(0);
	const offsets: number[] = [];
	const lines: number[] = [];
	let headerLine = 0;
	let line = 1;
	let i = 0;
	const n = bytes.length;
	while (i < n) {
		// At a record start: skip empty lines.
		const b0 = bytes[i];
		if (b0 === LF || b0 === CR) {
			i += b0 === CR && bytes[i + 1] === LF ? 2 : 1;
			line++;
			continue;
		}
		if (headerLine === 0) headerLine = line;
		else {
			offsets.push(i);
			lines.push(line);
		}
		let atFieldStart = true;
		let inQuotes = false;
		for (; i < n; i++) {
			const b = bytes[i];
			if (inQuotes) {
				if (b === q) {
					if (bytes[i + 1] === q) i++;
					else inQuotes = false;
				} else if (b === LF || (b === CR && bytes[i + 1] !== LF)) line++;
				continue;
			}
			if (b === q && atFieldStart) {
				inQuotes = true;
				atFieldStart = false;
			} else if (b === delim) atFieldStart = true;
			else if (b === LF || b === CR) break;
			else atFieldStart = false;
		}
		if (i < n) {
			i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
			line++;
		}
	}
	return { offsets, lines, headerLine: headerLine || 1 };
}

/** Index of the record whose start offset is the greatest one ≤ `offset` (binary search). */
export function recordIndexAt(offsets: number[], offset: number): number {
	let lo = 0;
	let hi = offsets.length - 1;
	let ans = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (offsets[mid] <= offset) {
			ans = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return ans;
}
