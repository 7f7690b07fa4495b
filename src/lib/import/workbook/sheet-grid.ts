// One worksheet as the text rows the CSV importer reads: merged cells filled from their top-left cell, Excel
// date and time cells written as the text a CSV export holds ('2026-11-03 09:15:00', '00:03:27'), the header row
// found below any title rows, a two-row header (a merged group over sub-headers) joined into one name.
// No DOM; the SheetJS module is passed in (xlsx/load.ts loads it lazily).
import type { CellObject, WorkSheet } from '@e965/xlsx';
import type { Xlsx } from '../../xlsx/load';
import { guessKind } from '../tabular/fields';

export interface SheetGrid {
	/** header names, one per column kept */
	headers: string[];
	/** data rows below the header, as text ('' = empty) */
	rows: string[][];
	/** the CSV twin's line n (1 = header) is sheet row n + lineShift (1-based, as Excel numbers rows) */
	lineShift: number;
}

/** Rows searched for the header: title blocks above a table are a few rows, never dozens. */
const HEADER_SCAN_ROWS = 30;

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether a number format shows a calendar date (y, d or a month outside a time), not only a time of day. */
function hasDatePart(fmt: string): boolean {
	const bare = fmt
		.toLowerCase()
		.replace(/"[^"]*"|\[[^\]]*\]|\\.|am\/pm|a\/p/g, '')
		// minutes are the m next to an h or an s; what is left of y, d or m is a calendar part
		.replace(/h+(:m+)?|m+:s+|:m+|s+/g, '');
	return /[ydme]/.test(bare);
}

/** A date-formatted number cell as text: date (+ time when it has one), or a duration/time of day. */
function dateText(x: Xlsx, v: number, fmt: string, date1904: boolean): string {
	if (!hasDatePart(fmt)) {
		// A time of day or a duration ([h]:mm:ss): whole seconds, hours past 24 kept for durations.
		const secs = Math.round(v * 86400);
		return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
	}
	const d = x.SSF.parse_date_code(v, { date1904 }) as { y: number; m: number; d: number; H: number; M: number; S: number };
	const day = `${d.y}-${pad(d.m)}-${pad(d.d)}`;
	return v % 1 === 0 && !/[hs]/i.test(fmt.replace(/"[^"]*"/g, '')) ? day : `${day} ${pad(d.H)}:${pad(d.M)}:${pad(d.S)}`;
}

function cellText(x: Xlsx, c: CellObject | undefined, date1904: boolean): string {
	if (!c || c.v == null) return '';
	if (c.t === 'e') return '';
	if (c.t === 'n' && typeof c.v === 'number') {
		const fmt = typeof c.z === 'string' ? c.z : '';
		if (fmt && x.SSF.is_date(fmt)) return dateText(x, c.v, fmt, date1904);
		return String(c.v);
	}
	if (c.v instanceof Date) return c.w ?? c.v.toISOString();
	if (typeof c.v === 'boolean') return c.v ? 'TRUE' : 'FALSE';
	return String(c.v).trim();
}

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** The worksheet's cells as text, merges filled; `raw` keeps merged areas empty except their top-left cell. */
export function sheetCells(
	x: Xlsx,
	ws: WorkSheet,
	date1904 = false
): { raw: string[][]; filled: string[][]; merges: { s: { r: number; c: number }; e: { r: number; c: number } }[]; firstRow: number } {
	if (!ws['!ref']) return { raw: [], filled: [], merges: [], firstRow: 0 };
	const range = x.utils.decode_range(ws['!ref']);
	const raw: string[][] = [];
	for (let r = range.s.r; r <= range.e.r; r++) {
		const row: string[] = [];
		for (let c = range.s.c; c <= range.e.c; c++)
			row.push(cellText(x, ws[x.utils.encode_cell({ r, c })] as CellObject | undefined, date1904));
		raw.push(row);
	}
	const merges = (ws['!merges'] ?? []).map((m) => ({
		s: { r: m.s.r - range.s.r, c: m.s.c - range.s.c },
		e: { r: m.e.r - range.s.r, c: m.e.c - range.s.c }
	}));
	const filled = raw.map((row) => [...row]);
	for (const m of merges)
		for (let r = m.s.r; r <= m.e.r && r < filled.length; r++)
			for (let c = m.s.c; c <= m.e.c && c < filled[r].length; c++) filled[r][c] = raw[m.s.r]?.[m.s.c] ?? '';
	return { raw, filled, merges, firstRow: range.s.r };
}

/**
 * The header row: the first of the top rows whose names tell a call log, complaint list or transcript apart;
 * else the first row with two or more different values (a merged title row has one value, however wide).
 */
export function findHeaderRow(filled: string[][]): number {
	const top = filled.slice(0, HEADER_SCAN_ROWS);
	const distinct = (row: string[]) => new Set(row.filter((v) => v !== '')).size;
	const known = top.findIndex((row) => distinct(row) >= 2 && guessKind(row) !== 'unknown');
	if (known >= 0) return known;
	const wide = top.findIndex((row) => distinct(row) >= 2);
	return wide >= 0 ? wide : 0;
}

/** The sheet's table: header found, two-row headers joined, empty unnamed columns and trailing blank rows dropped. */
export function sheetGrid(x: Xlsx, ws: WorkSheet, date1904 = false): SheetGrid {
	const { filled, merges, firstRow } = sheetCells(x, ws, date1904);
	if (filled.length === 0) return { headers: [], rows: [], lineShift: firstRow };
	const h = findHeaderRow(filled);
	// A header cell merged downwards (坐席 over two rows beside 通话时间 over 开始 / 结束) makes a two-row header.
	const last = merges.filter((m) => m.s.r === h && m.e.r > h).reduce((end, m) => Math.max(end, m.e.r), h);
	const width = filled[h].length;
	const names = Array.from({ length: width }, (_, c) => {
		const parts: string[] = [];
		for (let r = h; r <= last; r++) {
			const v = filled[r][c];
			if (v && parts.at(-1) !== v) parts.push(v);
		}
		return parts.join(parts.every(isCjk) ? '' : ' ');
	});
	let body = filled.slice(last + 1);
	while (body.length > 0 && body.at(-1)!.every((v) => v === '')) body = body.slice(0, -1);
	const keep = names.map((n, c) => n !== '' || body.some((row) => row[c] !== ''));
	return {
		headers: names.filter((_, c) => keep[c]),
		rows: body.map((row) => row.filter((_, c) => keep[c])),
		lineShift: firstRow + last
	};
}
