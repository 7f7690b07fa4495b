// Excel call logs, complaint lists and transcript sheets go through the CSV importer: the same rows and values as
// the CSV twin, title rows and merged headers skipped, Excel dates read as dates, bad workbooks named.
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { createTestDb } from '../../db/test-db';
import type { Db } from '../../db/types';
import { importFiles } from '../pipeline';
import type { InputFile } from '../types';

const HEADER = ['通话ID', '坐席工号', '坐席姓名', '班组', '开始时间', '通话时长', '是否解决', '满意度'];
/** [id, agent, name, team, start (Excel serial parts), talk seconds, resolved, csat] */
const CALLS: [string, string, string, string, [number, number, number, number, number, number], number, string, number | null][] = [
	['C001', 'A01', '张三', '一组', [2026, 11, 3, 9, 15, 42], 185, '是', 5],
	['C002', 'A02', '李四', '一组', [2026, 11, 3, 23, 59, 59], 61, '否', null],
	['C003', 'A01', '张三', '二组', [2026, 11, 30, 0, 0, 0], 3605, '是', 4]
];

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = ([y, mo, d, h, mi, s]: number[]) => `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
const hms = (secs: number) => `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
/** Excel's serial day number (1900 system) of a wall-clock time: no time zone involved. */
const serial = ([y, mo, d, h, mi, s]: number[]) =>
	(Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / 86400000 + (h * 3600 + mi * 60 + s) / 86400;

const csvTwin = () =>
	[HEADER.join(','), ...CALLS.map((c) => [c[0], c[1], c[2], c[3], stamp(c[4]), hms(c[5]), c[6], c[7] ?? ''].join(','))].join('\n');

/** A workbook as call-centre systems write them: a merged title row, a blank row, then the table with typed cells. */
function xlsxTwin(opts: { bookType?: 'xlsx' | 'xls'; extraSheetFirst?: boolean } = {}): Uint8Array {
	const ws: XLSX.WorkSheet = {};
	const put = (r: number, c: number, cell: XLSX.CellObject) => (ws[XLSX.utils.encode_cell({ r, c })] = cell);
	put(0, 0, { t: 's', v: '2026年11月 通话明细报表' });
	HEADER.forEach((h, c) => put(2, c, { t: 's', v: h }));
	CALLS.forEach((row, i) => {
		const r = 3 + i;
		put(r, 0, { t: 's', v: row[0] });
		put(r, 1, { t: 's', v: row[1] });
		put(r, 2, { t: 's', v: row[2] });
		put(r, 3, { t: 's', v: row[3] });
		put(r, 4, { t: 'n', v: serial(row[4]), z: 'yyyy/m/d h:mm:ss' });
		put(r, 5, { t: 'n', v: row[5] / 86400, z: '[h]:mm:ss' });
		put(r, 6, { t: 's', v: row[6] });
		if (row[7] != null) put(r, 7, { t: 'n', v: row[7] });
	});
	ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 2 + CALLS.length, c: HEADER.length - 1 } });
	ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: HEADER.length - 1 } }];
	const wb = XLSX.utils.book_new();
	if (opts.extraSheetFirst) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明'], ['本表由系统导出']]), '说明');
	XLSX.utils.book_append_sheet(wb, ws, '通话明细');
	return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: opts.bookType ?? 'xlsx' }) as ArrayBuffer);
}

const CALL_COLUMNS = 'call_id, agent_id, agent_name, team, started_at, talk_s, resolved, csat';

async function importedCalls(
	file: InputFile
): Promise<{ db: Db; report: Awaited<ReturnType<typeof importFiles>>['files'][0]; rows: unknown[] }> {
	const db = await createTestDb();
	const { files } = await importFiles(db, [file]);
	const rows = (await db.query(`SELECT ${CALL_COLUMNS} FROM calls ORDER BY call_id`)).rows;
	return { db, report: files[0], rows };
}

// Each case imports into a fresh DuckDB; on a busy shared machine that alone can take tens of seconds.
describe('Excel call logs import like their CSV twin', { timeout: 240_000 }, () => {
	let csv: Awaited<ReturnType<typeof importedCalls>>;
	beforeAll(async () => {
		csv = await importedCalls({ name: 'calls.csv', bytes: new TextEncoder().encode(csvTwin()) });
	}, 240_000);

	it.each([
		['xlsx', 'calls.xlsx'],
		['xls', 'calls.xls']
	] as const)('%s: Chinese headers, a merged title row and Excel date/duration cells give the CSV rows', async (bookType, name) => {
		const book = await importedCalls({ name, bytes: xlsxTwin({ bookType }) });
		expect(csv.report.rows_loaded).toBe(3);
		expect(book.report).toMatchObject({ kind: 'call_log', format: bookType, rows_total: 3, rows_loaded: 3, rows_rejected: 0, errors: [] });
		expect(book.report.sheet).toEqual({ name: '通话明细', names: ['通话明细'] });
		expect(book.report.columns_recognised).toEqual(csv.report.columns_recognised);
		expect(book.rows).toEqual(csv.rows);
		expect(book.rows[0]).toMatchObject({ call_id: 'C001', started_at: '2026-11-03 09:15:42', talk_s: 185, agent_name: '张三' });
	});

	it('reports problems by the sheet row Excel shows, below the title rows', async () => {
		const bytes = xlsxTwin();
		const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
		wb.Sheets['通话明细']['E5'] = { t: 's', v: '不是日期' }; // the second call, sheet row 5
		const file = { name: 'bad-date.xlsx', bytes: new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer) };
		const { report } = await importedCalls(file);
		expect(report.rows_loaded).toBe(2);
		expect(report.errors).toMatchObject([{ line: 5, reason: '开始时间: "不是日期" is not a date' }]);
	});

	it('reads the first sheet by default and the sheet asked for, listing every sheet for the picker', async () => {
		const bytes = xlsxTwin({ extraSheetFirst: true });
		const first = await importedCalls({ name: 'two.xlsx', bytes });
		expect(first.report.sheet).toEqual({ name: '说明', names: ['说明', '通话明细'] });
		expect(first.report.rows_loaded).toBe(0);
		const picked = await importedCalls({ name: 'two.xlsx', bytes, sheet: '通话明细' });
		expect(picked.report).toMatchObject({ kind: 'call_log', rows_loaded: 3, sheet: { name: '通话明细' } });
	});

	it('joins a two-row header: a merged group cell over its sub-headers, and a cell merged down beside it', async () => {
		const ws = XLSX.utils.aoa_to_sheet([
			['通话ID', '坐席', '', '开始时间', '通话时长'],
			['', '工号', '姓名', '', ''],
			['C9', 'A9', '钱七', '2026-11-05 10:00:00', '60']
		]);
		ws['!merges'] = [
			{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } },
			{ s: { r: 0, c: 1 }, e: { r: 0, c: 2 } },
			{ s: { r: 0, c: 3 }, e: { r: 1, c: 3 } },
			{ s: { r: 0, c: 4 }, e: { r: 1, c: 4 } }
		];
		const wb = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(wb, ws, 'S');
		const { report, rows } = await importedCalls({
			name: 'grouped.xlsx',
			bytes: new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer)
		});
		expect(report.columns_recognised).toEqual(
			expect.arrayContaining([
				{ column: '坐席工号', field: 'agent_id' },
				{ column: '坐席姓名', field: 'agent_name' }
			])
		);
		expect(rows).toMatchObject([{ call_id: 'C9', agent_id: 'A9', agent_name: '钱七', talk_s: 60 }]);
	});

	/** What Excel writes for a workbook saved with a password: a Compound File around an encrypted package. */
	function passwordProtected(): Uint8Array {
		const cfb = XLSX.CFB.utils.cfb_new();
		XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
		XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(64));
		return new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as number[]);
	}

	it.each([
		['locked.xlsx', passwordProtected(), 'workbook_encrypted', /^locked\.xlsx: the workbook is password-protected/],
		[
			'corrupt.xlsx',
			new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
			'workbook_unreadable',
			/^corrupt\.xlsx: not a readable Excel workbook/
		],
		['empty-sheet.xlsx', null, 'workbook_empty_sheet', /^empty-sheet\.xlsx: sheet "Sheet1" is empty$/]
	])('rejects %s with a reason naming the file', async (name, given, code, reason) => {
		let bytes = given;
		if (!bytes) {
			const wb = XLSX.utils.book_new();
			XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Sheet1');
			bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
		}
		const { report } = await importedCalls({ name, bytes });
		expect(report.rows_loaded).toBe(0);
		expect(report.errors).toMatchObject([{ line: null, code, reason: expect.stringMatching(reason) }]);
	});
});
