// Checks on a tabular file's text before DuckDB reads it: the size caps (columns, line length) that keep a
// hostile file from exhausting memory, NUL characters, bytes the decoder could not read, and stray quotes.
// Each finding becomes an issue naming the line and the reason. Plain TypeScript, no Db.
import { issue } from '../reasons';
import type { ImportIssue } from '../types';
import type { BadQuote } from './record-lines';

/** Most columns a call log, complaint list or segment file may have (real exports have < 100). */
export const MAX_COLUMNS = 1000;
/** Longest line DuckDB's reader accepts (its max_line_size default); a longer header rejects the file. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

const LF = 0x0a;

/** 1-based line, byte offset and length of each line longer than `max` bytes (LF-separated bytes). */
export function longLines(bytes: Uint8Array, max = MAX_LINE_BYTES): { line: number; offset: number; bytes: number }[] {
	const out: { line: number; offset: number; bytes: number }[] = [];
	let line = 1;
	let start = 0;
	for (;;) {
		const end = bytes.indexOf(LF, start);
		const stop = end < 0 ? bytes.length : end;
		if (stop - start > max) out.push({ line, offset: start, bytes: stop - start });
		if (end < 0) return out;
		start = end + 1;
		line++;
	}
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The whole-file reject when the header row is over a cap (null when it is not). */
export function capIssue(columns: number, headerLineBytes: number): ImportIssue | null {
	if (headerLineBytes > MAX_LINE_BYTES)
		return issue(
			1,
			'header_line_too_long',
			`the first line is ${mb(headerLineBytes)} long; a header row may be at most ${mb(MAX_LINE_BYTES)} (is this a CSV file?)`,
			{ size: mb(headerLineBytes), max: mb(MAX_LINE_BYTES) }
		);
	if (columns > MAX_COLUMNS)
		return issue(1, 'too_many_columns', `${columns} columns in the header row; at most ${MAX_COLUMNS} are read`, {
			n: columns,
			max: MAX_COLUMNS
		});
	return null;
}

const DELIMITER_BYTES = [0x2c, 0x09, 0x3b, 0x7c];

/**
 * The caps checked on the raw bytes before anything parses the file: the first line's length, and its count of
 * the most frequent delimiter (comma, tab, semicolon, pipe). Null when the file is within both.
 */
export function headerCapIssue(bytes: Uint8Array): ImportIssue | null {
	const nl = bytes.indexOf(LF);
	const header = nl < 0 ? bytes : bytes.subarray(0, nl);
	if (header.length > MAX_LINE_BYTES) return capIssue(0, header.length);
	const counts = [0, 0, 0, 0];
	for (const b of header) {
		const k = DELIMITER_BYTES.indexOf(b);
		if (k >= 0) counts[k]++;
	}
	return capIssue(Math.max(...counts) + 1, 0);
}

/** The reject for one data line over the cap (DuckDB's reader cannot read it either). */
export function longLineIssue(line: number, bytes: number): ImportIssue {
	return issue(line, 'line_too_long', `line is ${mb(bytes)} long; a row may be at most ${mb(MAX_LINE_BYTES)}`, {
		size: mb(bytes),
		max: mb(MAX_LINE_BYTES)
	});
}

/** Per line, how many times `ch` occurs (lines 1-based; only lines that hold it). */
function perLine(text: string, ch: string): Map<number, number> {
	const out = new Map<number, number>();
	let line = 1;
	let from = 0;
	for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) {
		for (let nl = text.indexOf('\n', from); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
			line++;
			from = nl + 1;
		}
		out.set(line, (out.get(line) ?? 0) + 1);
	}
	return out;
}

/** At most this many lines are listed one by one; the rest are summed on one file-level line. */
const LISTED = 20;

function lineWarnings(
	counts: Map<number, number>,
	one: (line: number, n: number) => ImportIssue,
	rest: (lines: number, n: number) => ImportIssue
) {
	const entries = [...counts];
	const out = entries.slice(0, LISTED).map(([line, n]) => one(line, n));
	const more = entries.slice(LISTED);
	if (more.length > 0)
		out.push(
			rest(
				more.length,
				more.reduce((s, [, n]) => s + n, 0)
			)
		);
	return out;
}

/** NUL characters removed from the text (an id with a NUL inside is not the id it looks like), with a warning per line. */
export function stripNul(text: string): { text: string; warnings: ImportIssue[] } {
	if (!text.includes('\u0000')) return { text, warnings: [] };
	const warnings = lineWarnings(
		perLine(text, '\u0000'),
		(line, n) => issue(line, 'nul_removed', `${n} NUL character(s) removed from this line`, { n }),
		(lines, n) => issue(null, 'nul_removed_more', `${n} more NUL character(s) removed on ${lines} more lines`, { n, lines })
	);
	return { text: text.replaceAll('\u0000', ''), warnings };
}

/**
 * Byte sequences the decoder could not read (each became U+FFFD "�"), with a warning per line: a GBK file with
 * a cut or foreign character, or a file in another encoding. The value is kept with the � so the row loads.
 */
export function undecodableWarnings(text: string, encoding: string): ImportIssue[] {
	if (!text.includes('\uFFFD')) return [];
	return lineWarnings(
		perLine(text, '\uFFFD'),
		(line, n) => issue(line, 'invalid_bytes', `${n} byte sequence(s) that are not valid ${encoding} (shown as �)`, { n, encoding }),
		(lines, n) => issue(null, 'invalid_bytes_more', `${n} more invalid byte sequence(s) on ${lines} more lines`, { n, lines })
	);
}

/** The reject for a record a stray quote broke (record-lines.ts); its rows are not loaded. */
export function badQuoteIssue(b: BadQuote): ImportIssue {
	return b.kind === 'unclosed'
		? issue(
				b.line,
				'quote_never_closed',
				`a quote (") opened on line ${b.line} is never closed: lines ${b.line}–${b.endLine} (${b.rows} row(s)) were not loaded; check the quotes on line ${b.line}`,
				{ line: b.line, end_line: b.endLine, rows: b.rows }
			)
		: issue(
				b.line,
				'quote_swallows_rows',
				`a quote (") opened on line ${b.line} runs to line ${b.endLine} and takes in whole rows: lines ${b.line}–${b.endLine} (${b.rows} row(s)) were not loaded; check the quotes on line ${b.line}`,
				{ line: b.line, end_line: b.endLine, rows: b.rows }
			);
}
