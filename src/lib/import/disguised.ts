// Recognises binary files that arrive under a text name (a gzip or an Excel workbook renamed .csv, a PDF, a
// picture) from their first bytes, so the report names what the file is instead of showing its bytes as
// mojibake "headers". One small function the tabular importer and the Excel reader share. Plain TypeScript.
import { issue, type ReasonCode } from './reasons';
import type { ImportIssue } from './types';

export type BinaryKind = 'gzip' | 'xlsx' | 'zip' | 'xls' | 'pdf' | 'sevenzip' | 'rar' | 'png' | 'jpeg' | 'parquet' | 'sqlite' | 'binary';

/** Human names for the English reason (the UI localises by kind, `reason.disguised_<kind>`). */
const WHAT: Record<BinaryKind, string> = {
	gzip: 'a gzip-compressed file',
	xlsx: 'an Excel workbook (.xlsx)',
	zip: 'a zip archive',
	xls: 'an old Excel workbook (.xls) or another Office file',
	pdf: 'a PDF document',
	sevenzip: 'a 7-Zip archive',
	rar: 'a RAR archive',
	png: 'a PNG image',
	jpeg: 'a JPEG image',
	parquet: 'a Parquet file',
	sqlite: 'an SQLite database',
	binary: 'a binary file'
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** True when `needle` (ASCII) occurs in the first `limit` bytes. */
function contains(b: Uint8Array, needle: string, limit = 64 * 1024): boolean {
	const n = ascii(needle);
	const end = Math.min(b.length, limit) - n.length;
	for (let i = 0; i <= end; i++) if (startsWith(b, n, i)) return true;
	return false;
}

/**
 * Control bytes other than TAB, LF, CR, FF, ESC in the first 4 KB: text in UTF-8, GBK or UTF-16 (whose zero
 * bytes are recognised before this is asked) has almost none. More than 10 % is a binary file.
 */
function looksBinary(b: Uint8Array): boolean {
	const n = Math.min(b.length, 4096);
	if (n === 0) return false;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const x = b[i];
		if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c && x !== 0x1b) control++;
	}
	return control > n * 0.1;
}

/** What a file is when its bytes say it is not text, or null for text (or anything unrecognised). */
export function binaryKind(bytes: Uint8Array, opts: { textCheck?: boolean } = {}): BinaryKind | null {
	const b = bytes;
	if (startsWith(b, [0x1f, 0x8b])) return 'gzip';
	if (startsWith(b, ascii('PK\u0003\u0004')) || startsWith(b, ascii('PK\u0005\u0006'))) {
		return contains(b, 'xl/') || contains(b, '[Content_Types].xml') ? 'xlsx' : 'zip';
	}
	if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
	if (startsWith(b, ascii('%PDF-'))) return 'pdf';
	if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'sevenzip';
	if (startsWith(b, ascii('Rar!'))) return 'rar';
	if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'png';
	if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(b, ascii('PAR1'))) return 'parquet';
	if (startsWith(b, ascii('SQLite format 3\u0000'))) return 'sqlite';
	if (opts.textCheck && looksBinary(b)) return 'binary';
	return null;
}

/**
 * The whole-file issue for a binary file under a text name, or null when the bytes may be text. `textCheck`
 * adds the control-byte count (for files that must be text: .csv/.tsv/.txt); UTF-16 must be ruled out first.
 */
export function disguisedFileIssue(name: string, bytes: Uint8Array, opts: { textCheck?: boolean } = {}): ImportIssue | null {
	const kind = binaryKind(bytes, opts);
	if (!kind) return null;
	const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
	const renamed = ext ? ` renamed .${ext}` : '';
	const hint =
		kind === 'xlsx' || kind === 'xls'
			? '; open it in Excel and save it as CSV, or import the workbook itself'
			: kind === 'gzip' || kind === 'zip' || kind === 'sevenzip' || kind === 'rar'
				? '; unpack it and import the files inside'
				: '';
	const english =
		kind === 'binary'
			? `this is a binary file${ext ? ` (named .${ext})` : ''}, not text`
			: `this is ${WHAT[kind]}${renamed}, not a text file${hint}`;
	return issue(null, `disguised_${kind}` as ReasonCode, english, { ext: ext || '—' });
}
