// Hostile text in a CSV (issue 16): stray quotes, NULs, bytes that are not valid GBK, binary files under a .csv
// name, a header over the column cap, lines over the length cap. Each is reported with its line and reason and
// the other rows still load.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../db/test-db';
import type { Db } from '../../db/types';
import { importFiles } from '../pipeline';
import { fileStatus, type FileReport } from '../types';
import { MAX_COLUMNS, MAX_LINE_BYTES } from './text-checks';

const HEADER = 'call_id,agent_id,start_time,duration_sec,direction,caller_number';
const row = (id: string, phone = '1') => `${id},A1,2024-01-02 10:00:00,60,inbound,${phone}`;
const utf8 = (s: string) => new TextEncoder().encode(s);

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});

async function importOne(name: string, bytes: Uint8Array): Promise<FileReport> {
	return (await importFiles(db, [{ name, bytes }])).files[0];
}
const callIds = async () => (await db.query<{ id: string }>('SELECT call_id AS id FROM calls ORDER BY 1')).rows.map((r) => r.id);
const balanced = (r: FileReport) => r.rows_loaded + r.rows_rejected === r.rows_total;

describe('a stray quote never swallows rows silently', () => {
	it('a quote that never closes: rows before it load, the rest is rejected on the line it opens', async () => {
		const r = await importOne('q.csv', utf8([HEADER, row('C1'), row('C2', '"138'), row('C3'), row('C4'), ''].join('\n')));
		expect(await callIds()).toEqual(['C1']);
		expect([r.rows_total, r.rows_loaded, r.rows_rejected]).toEqual([4, 1, 3]);
		expect(r.errors).toMatchObject([{ line: 3, code: 'quote_never_closed', params: { end_line: 5, rows: 3 } }]);
		expect(fileStatus(r)).toBe('partial');
	});

	it('a quote that closes lines later: the rows it took in are rejected with their lines, the others load', async () => {
		const text = [
			HEADER,
			row('C1'),
			'C2,"A1,2024-01-02 11:00:00,60,inbound,2',
			row('C3'),
			'C4,A1,2024-01-02 13:00:00,60,inbound,"4"',
			row('C5')
		].join('\n');
		const r = await importOne('q.csv', utf8(text));
		expect(await callIds()).toEqual(['C1', 'C5']);
		expect(r.errors).toMatchObject([{ line: 3, code: 'quote_swallows_rows', params: { end_line: 5, rows: 3 } }]);
		expect(r.errors[0].reason).toMatch(/lines 3–5 \(3 row\(s\)\) were not loaded/);
		expect(balanced(r)).toBe(true);
	});

	it('a quoted note over two lines (no row inside it) still loads as one value', async () => {
		const r = await importOne('q.csv', utf8([HEADER, row('C1', '"note,\nsecond line"'), row('C2')].join('\n')));
		expect([r.errors, r.rows_loaded]).toEqual([[], 2]);
	});
});

describe('damaged text is reported on its line', () => {
	it('a NUL inside a call id or agent id is removed with a warning', async () => {
		const r = await importOne('nul.csv', utf8([HEADER, row('C\u00001'), 'C2,A\u00001,2024-01-02 11:00:00,60,inbound,2'].join('\n')));
		expect(await callIds()).toEqual(['C1', 'C2']);
		expect((await db.query<{ a: string }>(`SELECT agent_id AS a FROM calls WHERE call_id = 'C2'`)).rows[0].a).toBe('A1');
		expect(r.warnings).toMatchObject([
			{ line: 2, code: 'nul_removed', params: { n: 1 } },
			{ line: 3, code: 'nul_removed', params: { n: 1 } }
		]);
	});

	it('byte sequences that are not valid GBK are counted per line, and the row still loads', async () => {
		// 你好 in GBK is c4 e3 ba c3; a cut second character (ba then a comma) and a lone 0xff are invalid.
		const gbk = new Uint8Array([
			...utf8(HEADER + '\nG1,'),
			0xc4,
			0xe3,
			0xba,
			...utf8(',2024-01-02 10:00:00,60,inbound,1\nG2,'),
			0xff,
			0xc4,
			0xe3,
			...utf8(',2024-01-02 10:00:00,60,inbound,1\n')
		]);
		const r = await importOne('gbk.csv', gbk);
		expect(r.encoding).toBe('GBK/GB18030');
		expect(r.rows_loaded).toBe(2);
		expect(r.warnings).toMatchObject([
			{ line: 2, code: 'invalid_bytes', params: { n: 1 } },
			{ line: 3, code: 'invalid_bytes', params: { n: 1 } }
		]);
	});
});

describe('binary files under a text name say what they are', () => {
	const zipWith = (...names: string[]) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, ...utf8(names.join('\0'))]);
	it.each([
		[
			'a gzip',
			'calls.csv',
			new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]),
			'disguised_gzip',
			/^this is a gzip-compressed file renamed \.csv/
		],
		[
			'an Excel workbook',
			'calls.csv',
			zipWith('[Content_Types].xml', 'xl/workbook.xml'),
			'disguised_xlsx',
			/^this is an Excel workbook \(\.xlsx\) renamed \.csv/
		],
		['another zip', 'calls.txt', zipWith('readme.md'), 'disguised_zip', /^this is a zip archive renamed \.txt/],
		// An OLE file is read as an old Excel workbook whatever its name (workbook/sniff-workbook.ts); this one is not one.
		[
			'an old .xls',
			'calls.csv',
			new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
			'workbook_unreadable',
			/^calls\.csv: not a readable Excel workbook/
		],
		[
			'random bytes',
			'calls.csv',
			new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
			'disguised_binary',
			/^this is a binary file \(named \.csv\), not text/
		]
	])('%s', async (_what, name, bytes, code, reason) => {
		const r = await importOne(name, bytes);
		expect(fileStatus(r)).toBe('failed');
		expect(r.errors).toMatchObject([{ line: null, code, reason: expect.stringMatching(reason) }]);
	});

	it('UTF-16 text is not taken for binary', async () => {
		const r = await importOne('u16.csv', new Uint8Array(Buffer.from([HEADER, row('U1')].join('\n'), 'utf16le')));
		expect([r.encoding, r.rows_loaded]).toEqual(['UTF-16LE', 1]);
	});
});

describe('size caps', () => {
	it(`a header with more than ${MAX_COLUMNS} columns is rejected with the column cap`, async () => {
		const n = 100_000;
		const text = Array.from({ length: n }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(n - 1) + '1\n';
		const r = await importOne('wide.csv', utf8(text));
		expect(r.errors).toMatchObject([{ code: 'too_many_columns', params: { n, max: MAX_COLUMNS }, line: 1 }]);
	});

	it('a first line over the line cap rejects the file', async () => {
		const r = await importOne('long.csv', utf8('a'.repeat(MAX_LINE_BYTES + 10)));
		expect(r.errors).toMatchObject([{ line: 1, code: 'header_line_too_long' }]);
	});

	it('a data line over the line cap is rejected on its line; the other rows load', async () => {
		const r = await importOne('long.csv', utf8([HEADER, row('C1', 'x'.repeat(MAX_LINE_BYTES + 10)), row('C2')].join('\n')));
		expect(await callIds()).toEqual(['C2']);
		expect(r.errors).toMatchObject([{ line: 2, code: 'line_too_long' }]);
		expect(r.errors[0].reason).not.toMatch(/null/);
		expect(balanced(r)).toBe(true);
	});
});

describe('implausible values are warned about and stored as missing', () => {
	const H = 'call_id,agent_id,start_time,q_time,duration_sec';
	it('durations: negative, over a day, or with minutes/seconds ≥ 60 → NULL with a warning naming line, column and value', async () => {
		const r = await importOne(
			'd.csv',
			utf8(
				[
					H,
					'N1,A1,2024-01-02 10:00:00,5,-60',
					'N2,A1,2024-01-02 10:00:00,5,1e23',
					'N3,A1,2024-01-02 10:00:00,5,0:99:99',
					'N4,A1,2024-01-02 10:00:00,90000,0:59:59'
				].join('\n')
			)
		);
		expect(r.rows_loaded).toBe(4);
		const rows = (
			await db.query<{ id: string; ring: number | null; talk: number | null }>(
				'SELECT call_id AS id, ring_s AS ring, talk_s AS talk FROM calls ORDER BY 1'
			)
		).rows;
		expect(rows).toEqual([
			{ id: 'N1', ring: 5, talk: null },
			{ id: 'N2', ring: 5, talk: null },
			{ id: 'N3', ring: 5, talk: null },
			{ id: 'N4', ring: null, talk: 3599 }
		]);
		expect(r.warnings.map((w) => [w.line, w.code, w.params?.column, w.params?.value])).toEqual([
			[2, 'negative_talk', 'duration_sec', '-60'],
			[3, 'not_a_duration', 'duration_sec', '1e23'],
			[4, 'implausible_duration', 'duration_sec', '0:99:99'],
			[5, 'implausible_duration', 'q_time', '90000']
		]);
	});

	it('a start time in year 0001 or 9999, or 99999 read as a date, rejects its row with the value; the rest loads', async () => {
		const r = await importOne(
			'y.csv',
			utf8(
				[
					H,
					'Y1,A1,0001-01-01 00:00:00,1,1',
					'Y2,A1,9999-12-31 23:59:59,1,1',
					'Y3,A1,99999,1,1',
					'Y4,A1,45616.5,1,1',
					'Y5,A1,1999-02-01 07:00:00,1,1'
				].join('\n')
			)
		);
		expect(await callIds()).toEqual(['Y4', 'Y5']);
		expect(r.errors.map((e) => [e.line, e.code, e.params?.value])).toEqual([
			[2, 'implausible_date', '0001-01-01 00:00:00'],
			[3, 'implausible_date', '9999-12-31 23:59:59'],
			[4, 'implausible_date', '99999']
		]);
		expect(r.errors[0].reason).toBe('start_time: "0001-01-01 00:00:00" is not a plausible date (years 1980–2100)');
	});
});

describe('rows replaced by another file are said, never silent', () => {
	it('the same call ids in two files of one batch, and a re-import: "N rows replaced from file X"', async () => {
		const a = { name: 'a.csv', bytes: utf8([HEADER, row('R1'), row('R2'), row('R3')].join('\n')) };
		const b = { name: 'b.csv', bytes: utf8([HEADER, row('R2'), row('R3'), row('R9')].join('\n')) };
		const first = await importFiles(db, [a, b]);
		expect(first.files[0].warnings.filter((w) => w.code === 'rows_replaced')).toEqual([]);
		expect(first.files[1].warnings).toMatchObject([
			{
				line: null,
				code: 'rows_replaced',
				params: { n: 2, file: 'a.csv', ids: 'R2, R3' },
				reason: '2 row(s) replaced rows with the same id from file a.csv (R2, R3)'
			}
		]);
		const again = await importFiles(db, [a]);
		expect(again.files[0].warnings.filter((w) => w.code === 'rows_replaced').map((w) => w.params)).toEqual([
			{ n: 2, file: 'b.csv', ids: 'R2, R3' },
			{ n: 1, file: 'a.csv', ids: 'R1' }
		]);
		expect(
			(await db.query<{ n: number }>(`SELECT count(*) AS n FROM import_errors WHERE file = 'b.csv' AND reason LIKE '2 row(s) replaced%'`))
				.rows[0].n
		).toBe(1);
	});
});
