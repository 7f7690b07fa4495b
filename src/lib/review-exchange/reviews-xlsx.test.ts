// The reviews a lead opens in Excel: the exchange records with headers in the UI's language, the reviewed score
// with one decimal, times as Excel dates, and a comment that looks like a formula kept as text.
import { MASKED } from '../privacy/export-privacy';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { zh } from '../i18n/zh';
import type { MessageKey } from '../i18n/zh';
import { writeXlsx } from '../xlsx/write-table';
import type { ExchangeRecord } from './records';
import { reviewsTable } from './reviews-xlsx';

const base = {
	rubric_id: 'default-zh',
	rubric_version: 1,
	inspector: '质检员甲',
	status: null,
	score: null,
	submitted_at: null,
	updated_at: null,
	item_id: null,
	override_result: null,
	reason: null,
	comment_id: null,
	at_s: null,
	text: null,
	created_at: null
};
const RECORDS = [
	{
		...base,
		record_type: 'review',
		call_id: 'C1',
		status: 'submitted',
		score: 87.25,
		submitted_at: '2026-11-30 09:00:00',
		updated_at: '2026-11-30 09:00:00'
	},
	{
		...base,
		record_type: 'comment',
		call_id: 'C1',
		comment_id: 'k1',
		at_s: 12.5,
		text: '=HYPERLINK("x")',
		created_at: '2026-11-30 09:01:00'
	}
] as unknown as ExchangeRecord[];

describe('reviews as .xlsx', () => {
	it('writes the records with Chinese headers, typed cells and formula-like text as text', async () => {
		const bytes = await writeXlsx([reviewsTable(RECORDS, (c) => zh[`xchg.col.${c}` as MessageKey], zh['xchg.sheetName'])], MASKED);
		const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
		const ws = wb.Sheets['质检记录'];
		const [head] = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 });
		expect(head.slice(0, 9)).toEqual(['记录类型', '通话ID', '评分标准', '标准版本', '质检员', '状态', '复核得分', '提交时间', '更新时间']);
		const cell = (col: string, row: number) => ws[XLSX.utils.encode_cell({ r: row - 1, c: head.indexOf(col) })];
		expect(cell('复核得分', 2)).toMatchObject({ t: 'n', v: 87.25, w: '87.3' });
		expect(cell('提交时间', 2)).toMatchObject({ t: 'n', w: '2026-11-30 09:00:00' });
		expect(cell('评论内容', 3)).toMatchObject({ t: 's', v: '=HYPERLINK("x")' });
		expect(cell('评论内容', 3).f).toBeUndefined();
	});
});
