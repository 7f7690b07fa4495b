// Writes tables as an .xlsx workbook for people who open it in Excel: headers in the UI's language, each column's
// number format (percentages, scores with one decimal, counts, dates), the header row frozen, readable widths.
// Every export builds its SheetTable from the same rows its CSV comes from; this module only lays them out.
// No DOM; the library is loaded lazily (load.ts).
import type { CellObject, WorkSheet } from '@e965/xlsx';
import { loadXlsx, type Xlsx } from './load';
import type { KpiFormat } from '../metrics/definitions';
import { maskForExport, PRIVACY_META, privacyStatement, privacyValue, type ExportPrivacy } from '../privacy/export-privacy';

/**
 * pct: a share 0..1 shown as 85.0%; score: one decimal; num: two decimals; int: whole number; date 'YYYY-MM-DD' and
 * datetime 'YYYY-MM-DD HH:MM:SS' text become real Excel dates; text as is.
 */
export type ColumnFormat = 'text' | 'int' | 'pct' | 'score' | 'num' | 'date' | 'datetime';

export interface TableColumn {
	header: string;
	format: ColumnFormat;
	/** a note Excel shows on the header cell (e.g. why a column is empty) */
	note?: string;
}

export type TableValue = string | number | boolean | null;

export interface SheetTable {
	/** sheet name (made valid and unique when written) */
	name: string;
	columns: TableColumn[];
	rows: TableValue[][];
}

/** How a KPI of each kind shows in Excel: shares as percentages, scores with one decimal, seconds whole. */
export const KPI_CELL_FORMAT: Record<KpiFormat, ColumnFormat> = {
	share: 'pct',
	count: 'int',
	score: 'score',
	seconds: 'int',
	per100: 'num'
};

export const NUMBER_FORMATS: Record<ColumnFormat, string | null> = {
	text: null,
	int: '0',
	pct: '0.0%',
	score: '0.0',
	num: '0.00',
	date: 'yyyy-mm-dd',
	datetime: 'yyyy-mm-dd hh:mm:ss'
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** Excel's serial day (1900 system) of a wall-clock date text; null when it is not one. No time zone involved. */
export function excelSerial(text: string): number | null {
	const m = DATE_RE.exec(text);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
	return (Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 + (h * 3600 + mi * 60 + s) / 86_400;
}

function cellOf(v: TableValue, format: ColumnFormat): CellObject | null {
	if (v == null || v === '') return null;
	if (typeof v === 'boolean') return { t: 'b', v };
	const z = NUMBER_FORMATS[format] ?? undefined;
	if ((format === 'date' || format === 'datetime') && typeof v === 'string') {
		const serial = excelSerial(v);
		return serial == null ? { t: 's', v } : { t: 'n', v: serial, z };
	}
	if (typeof v === 'number') return Number.isFinite(v) ? { t: 'n', v, z } : null;
	return { t: 's', v };
}

/** Display width of a text in Excel columns: CJK characters take two. */
const widthOf = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);

function sheetOf(x: Xlsx, table: SheetTable, privacy: ExportPrivacy): WorkSheet {
	const ws: WorkSheet = {};
	const widths = table.columns.map((c) => Math.max(6, widthOf(c.header) + 2));
	table.columns.forEach((col, c) => {
		const head: CellObject = { t: 's', v: col.header };
		if (col.note) head.c = Object.assign([{ a: 'CallQA', t: col.note }], { hidden: true });
		ws[x.utils.encode_cell({ r: 0, c })] = head;
	});
	table.rows.forEach((row, i) => {
		table.columns.forEach((col, c) => {
			const value = row[c] ?? null;
			const cell = cellOf(typeof value === 'string' ? maskForExport(value, privacy) : value, col.format);
			if (!cell) return;
			ws[x.utils.encode_cell({ r: i + 1, c })] = cell;
			const shown =
				col.format === 'text' || cell.t === 's' ? String(cell.v) : col.format.startsWith('date') ? '2026-01-01 00:00:00' : '000000.0';
			widths[c] = Math.min(60, Math.max(widths[c], widthOf(col.format === 'date' ? shown.slice(0, 10) : shown) + 1));
		});
	});
	ws['!ref'] = x.utils.encode_range({
		s: { r: 0, c: 0 },
		e: { r: Math.max(table.rows.length, 1), c: Math.max(table.columns.length - 1, 0) }
	});
	ws['!cols'] = widths.map((wch) => ({ wch }));
	return ws;
}

/** Excel's rules for a sheet name: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
	const base = (name.replace(/[:\\/?*[\]]/g, ' ').trim() || 'Sheet').slice(0, 31);
	let out = base;
	for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
	taken.add(out.toLowerCase());
	return out;
}

// SheetJS community edition writes no frozen panes; the sheet view it writes is completed in the package.
const FROZEN_VIEW = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>';

function freezeHeaderRows(x: Xlsx, bytes: Uint8Array): Uint8Array {
	const zip = x.CFB.read(bytes, { type: 'array' });
	for (const entry of zip.FileIndex as { name: string; content: Uint8Array }[]) {
		if (!/^sheet\d+\.xml$/.test(entry.name)) continue;
		const xml = new TextDecoder().decode(entry.content);
		const next = xml.replace(/<sheetView workbookViewId="0"[^>]*\/>/, FROZEN_VIEW);
		if (next === xml) throw new Error('xlsx writer: no sheet view to freeze in ' + entry.name);
		entry.content = new TextEncoder().encode(next);
	}
	return new Uint8Array(x.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as number[]);
}

/**
 * The workbook's bytes: one sheet per table, in order. Customer numbers in text cells are masked unless the user
 * chose otherwise (export-privacy.ts); the choice is stated in the workbook's properties (custom property
 * `callqa.personal_data` = masked | unmasked, and the statement as its comments).
 */
export async function writeXlsx(tables: SheetTable[], privacy: ExportPrivacy): Promise<Uint8Array> {
	const x = await loadXlsx();
	const wb = x.utils.book_new();
	wb.Props = { Comments: privacyStatement(privacy).replace(/^# /, '') };
	wb.Custprops = { [PRIVACY_META]: privacyValue(privacy) };
	const taken = new Set<string>();
	for (const table of tables) x.utils.book_append_sheet(wb, sheetOf(x, table, privacy), sheetName(table.name, taken));
	const bytes = new Uint8Array(x.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
	return freezeHeaderRows(x, bytes);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
