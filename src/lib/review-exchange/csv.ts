// Review exchange as one CSV file (layout in records.ts): UTF-8 with a BOM so Excel reads Chinese, every cell a
// spreadsheet would run as a formula neutralised with a leading ' (DESIGN §8), and the reader that undoes it.
import Papa from 'papaparse';
import { COLUMNS, checkHeader, neutraliseCell, restoreCell, validateRows, type ExchangeRecord, type ParsedFile } from './records';
import { isPrivacyStatement, MASKED, privacyStatement, type ExportPrivacy } from '../privacy/export-privacy';
import { maskRecord } from './mask-records';

const BOM = '\uFEFF';

function cell(v: string | number | null): string {
	if (v == null) return '';
	const s = neutraliseCell(String(v));
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole file's text, BOM included: the personal-data statement line, the header, one line per record. */
export function recordsToCsv(records: readonly ExchangeRecord[], privacy: ExportPrivacy = MASKED): string {
	const lines = [privacyStatement(privacy), COLUMNS.map((c) => c.name).join(',')];
	for (const r of records.map((x) => maskRecord(x, privacy)))
		lines.push(COLUMNS.map((c) => cell(r[c.name] as string | number | null)).join(','));
	return BOM + lines.join('\r\n') + '\r\n';
}

/** 1-based line of a character offset, for offsets asked in increasing order. */
function lineCounter(text: string): (offset: number) => number {
	let [line, at] = [1, 0];
	return (offset) => {
		for (let nl = text.indexOf('\n', at); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
			line++;
			at = nl + 1;
		}
		return line;
	};
}

/** Reads a review exchange CSV; rows with problems are reported (spreadsheet row numbers) and left out. */
export function parseReviewCsv(text: string, file: string): ParsedFile {
	const body = text.startsWith(BOM) ? text.slice(1) : text;
	// Row by row, to know where each starts: a comment with a line break makes spreadsheet rows and file lines differ.
	const all: string[][] = [];
	const allStarts: number[] = [];
	let cursor = 0;
	Papa.parse<string[]>(body, {
		header: false,
		skipEmptyLines: false,
		delimiter: body.slice(0, 200).includes('\t') && !body.slice(0, 200).includes(',') ? '\t' : ',',
		step: (result) => {
			all.push(result.data);
			allStarts.push(cursor);
			cursor = result.meta.cursor;
		}
	});
	const lineAt = lineCounter(body);
	// The personal-data statement line of our own export comes before the header (spreadsheet row 1).
	const skipped = all.length > 0 && isPrivacyStatement(all[0].join(',')) ? 1 : 0;
	const table = all.slice(skipped);
	const starts = allStarts.slice(skipped);
	if (table.length === 0 || (table.length === 1 && table[0].every((c) => c === ''))) {
		return { file, records: [], rowsTotal: 0, issues: [{ file, row: null, severity: 'error', code: 'unreadable', detail: 'empty' }] };
	}
	const header = table[0].map((h) => h.trim());
	const head = checkHeader(header, file);
	if (!head.isReadable) return { file, records: [], rowsTotal: Math.max(0, table.length - 1), issues: head.issues };
	const rows: { raw: Record<string, unknown>; row: number; line: number }[] = [];
	for (let i = 1; i < table.length; i++) {
		const cells = table[i];
		if (cells.length === 1 && cells[0] === '') continue; // blank line (the file's last line ending)
		const raw: Record<string, unknown> = {};
		header.forEach((name, j) => {
			raw[name] = restoreCell(cells[j] ?? '');
		});
		rows.push({ raw, row: i + 1 + skipped, line: lineAt(starts[i]) });
	}
	return validateRows(file, rows, head.issues);
}
