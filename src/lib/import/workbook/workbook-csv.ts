// An Excel workbook (.xlsx / .xls) as the CSV text the tabular importer already reads: one sheet (the first, or the
// one the user picked) becomes UTF-8 CSV, so call logs, complaint lists and transcript sheets go through the same
// mapping, validation and report as a CSV file. What cannot be read becomes a ReasonError naming the file.
import type { InputFile } from '../types';
import { ReasonError } from '../reasons';
import { errorMessage } from '../../i18n/error-message';
import { loadXlsx } from '../../xlsx/load';
import { sheetGrid } from './sheet-grid';
import { workbookFormat, type WorkbookFormat } from './sniff-workbook';

export interface WorkbookCsv {
	format: WorkbookFormat;
	/** UTF-8 CSV: the header row, then one line per sheet row below it */
	csv: Uint8Array;
	headers: string[];
	/** the sheet read and every sheet of the workbook, in workbook order */
	sheet: string;
	sheets: string[];
	/** add to a CSV line number to get the sheet's row number */
	lineShift: number;
}

export { workbookFormat };

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The grid as CSV text; every row as wide as the header so the reader sees a rectangle. A blank sheet row becomes
 * an empty line, which the reader skips while the line numbers still count it.
 */
export function gridCsv(headers: string[], rows: string[][]): string {
	const lines = [headers.map(csvField).join(',')];
	for (const row of rows) lines.push(row.every((v) => v === '') ? '' : headers.map((_, i) => csvField(row[i] ?? '')).join(','));
	return lines.join('\n') + '\n';
}

const ENCRYPTED_PACKAGE = new Uint8Array([...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]));

/** An .xlsx saved with a password is a Compound File holding an "EncryptedPackage" stream (MS-OFFCRYPTO 2.3.4.4). */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
	if (bytes[0] !== 0xd0 || bytes[1] !== 0xcf) return false;
	outer: for (let i = 0; i + ENCRYPTED_PACKAGE.length <= bytes.length; i++) {
		for (let j = 0; j < ENCRYPTED_PACKAGE.length; j++) if (bytes[i + j] !== ENCRYPTED_PACKAGE[j]) continue outer;
		return true;
	}
	return false;
}

function encrypted(file: string): ReasonError {
	return new ReasonError('workbook_encrypted', `${file}: the workbook is password-protected; save it without a password and import again`, {
		file
	});
}

function readFailure(file: string, e: unknown): ReasonError {
	const detail = errorMessage(e);
	// A password-protected .xls says so from the library (its FilePass record).
	if (/password/i.test(detail)) return encrypted(file);
	return new ReasonError('workbook_unreadable', `${file}: not a readable Excel workbook (${detail})`, { file, detail });
}

// The pipeline reads a workbook twice (to tell its kind, then to import it): the second time comes from here.
const cache = new WeakMap<Uint8Array, Map<string, WorkbookCsv>>();

/** Reads `file.sheet` (default the first sheet) of a workbook as CSV. Throws ReasonError when it cannot. */
export async function workbookCsv(file: InputFile): Promise<WorkbookCsv> {
	const key = file.sheet ?? '';
	const hit = cache.get(file.bytes)?.get(key);
	if (hit) return hit;
	const format = workbookFormat(file.name, file.bytes) ?? 'xlsx';
	if (isEncryptedOoxml(file.bytes)) throw encrypted(file.name);
	const x = await loadXlsx();
	let wb: ReturnType<Xlsx['read']>;
	try {
		// cellNF keeps each cell's number format: that is what tells a date from a number.
		wb = x.read(file.bytes, { type: 'array', cellNF: true, cellDates: false, cellHTML: false, cellFormula: false });
	} catch (e) {
		throw readFailure(file.name, e);
	}
	const sheets = wb.SheetNames;
	if (sheets.length === 0) throw new ReasonError('workbook_empty', `${file.name}: the workbook has no sheets`, { file: file.name });
	const sheet = file.sheet ?? sheets[0];
	if (!sheets.includes(sheet))
		throw new ReasonError('workbook_no_sheet', `${file.name}: no sheet named "${sheet}" (sheets: ${sheets.join(', ')})`, {
			file: file.name,
			sheet,
			sheets: sheets.join(', ')
		});
	const grid = sheetGrid(x, wb.Sheets[sheet], wb.Workbook?.WBProps?.date1904 === true);
	if (grid.headers.length === 0)
		throw new ReasonError('workbook_empty_sheet', `${file.name}: sheet "${sheet}" is empty`, { file: file.name, sheet });
	const out: WorkbookCsv = {
		format,
		csv: new TextEncoder().encode(gridCsv(grid.headers, grid.rows)),
		headers: grid.headers,
		sheet,
		sheets,
		lineShift: grid.lineShift
	};
	if (!cache.has(file.bytes)) cache.set(file.bytes, new Map());
	cache.get(file.bytes)!.set(key, out);
	return out;
}

type Xlsx = Awaited<ReturnType<typeof loadXlsx>>;
