// Quote-aware scan of delimited text that finds where each record starts (byte offset and 1-based line),
// so that rows read by DuckDB can be reported by their line in the original file. It does not parse fields.

export interface RecordStarts {
	/** Byte offset (in the scanned bytes) where each data record starts; the header record is not included. */
	offsets: number[];
	/** 1-based line of the original file on which each data record starts (header = its own line). */
	lines: number[];
	/** Line of the header record (1 unless the file starts with blank lines). */
	headerLine: number;
	/** Records whose quoting went wrong (see {@link BadQuote}); they are still in offsets/lines. */
	badQuotes: BadQuote[];
}

/**
 * A record a stray quote broke: its quoted field never closes (`unclosed`), or it runs over whole lines that
 * hold as many delimiters as the header (`swallows`: those lines are rows of their own, read into one field).
 */
export interface BadQuote {
	kind: 'unclosed' | 'swallows';
	/** byte range of the whole record, end exclusive */
	start: number;
	end: number;
	/** first and last line of the record */
	line: number;
	endLine: number;
	/** non-empty lines in the record: the rows a user sees there */
	rows: number;
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
	const badQuotes: BadQuote[] = [];
	let headerLine = 0;
	/** delimiters in the header record: a line inside quotes with this many is a row swallowed by a stray quote */
	let headerDelims = 0;
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
		const isHeader = headerLine === 0;
		if (isHeader) headerLine = line;
		else {
			offsets.push(i);
			lines.push(line);
		}
		const [recStart, recLine] = [i, line];
		let atFieldStart = true;
		let inQuotes = false;
		let delims = 0;
		/** delimiters on the current line inside a quoted field, and whether one such line looked like a row */
		let quotedDelims = 0;
		let swallows = false;
		let rows = 1;
		let lineHasText = true;
		let lastTextLine = line;
		for (; i < n; i++) {
			const b = bytes[i];
			if (inQuotes) {
				if (b === q) {
					if (bytes[i + 1] === q) i++;
					else inQuotes = false;
				} else if (b === LF || (b === CR && bytes[i + 1] !== LF)) {
					line++;
					if (headerDelims >= 2 && quotedDelims >= headerDelims) swallows = true;
					quotedDelims = 0;
					lineHasText = false;
				} else if (b !== CR) {
					if (!lineHasText) rows++;
					lineHasText = true;
					lastTextLine = line;
					if (b === delim) quotedDelims++;
				}
				continue;
			}
			if (b === q && atFieldStart) {
				inQuotes = true;
				atFieldStart = false;
				quotedDelims = 0;
			} else if (b === delim) {
				atFieldStart = true;
				delims++;
			} else if (b === LF || b === CR) break;
			else atFieldStart = false;
		}
		if (isHeader) headerDelims = delims;
		if (inQuotes || swallows)
			badQuotes.push({ kind: inQuotes ? 'unclosed' : 'swallows', start: recStart, end: i, line: recLine, endLine: lastTextLine, rows });
		if (i < n) {
			i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
			line++;
		}
	}
	return { offsets, lines, headerLine: headerLine || 1, badQuotes };
}

/**
 * The bytes with each bad record's characters removed but its line breaks kept: the reader then skips those
 * lines as empty and every other record keeps its line number.
 */
export function blankRecords(bytes: Uint8Array, bad: readonly { start: number; end: number }[]): Uint8Array {
	if (bad.length === 0) return bytes;
	const parts: Uint8Array[] = [];
	let from = 0;
	for (const b of bad) {
		parts.push(bytes.subarray(from, b.start));
		const breaks = bytes.subarray(b.start, b.end).filter((x) => x === LF);
		parts.push(breaks.length > 0 ? breaks : new Uint8Array(0));
		from = b.end;
	}
	parts.push(bytes.subarray(from));
	const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
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
