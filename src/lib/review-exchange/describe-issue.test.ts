// Every problem an imported review file can have reads as a full sentence in both languages, naming where
// (row or whole file) and what, with no placeholder left unfilled.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zh, type MessageKey } from '../i18n/zh';
import { describeExchangeIssue } from './describe-issue';
import type { ExchangeIssue } from './records';

const tr = (cat: Record<MessageKey, string>) => (key: MessageKey, params?: Record<string, string | number>) =>
	cat[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));

const ISSUES: [ExchangeIssue, string, string][] = [
	[
		{ file: 'a.csv', row: null, severity: 'error', code: 'unreadable', detail: 'not a Parquet file' },
		'整个文件',
		'无法读取：not a Parquet file'
	],
	[{ file: 'a.csv', row: null, severity: 'error', code: 'unreadable', detail: 'empty' }, '整个文件', '文件是空的'],
	[
		{ file: 'a.csv', row: null, severity: 'error', code: 'missing_column', column: 'call_id' },
		'整个文件',
		'缺少必需的列“call_id”，文件未导入'
	],
	[{ file: 'a.csv', row: null, severity: 'warning', code: 'unknown_column', column: 'colour' }, '整个文件', '不认识的列“colour”，已忽略'],
	[
		{ file: 'a.parquet', row: null, severity: 'error', code: 'wrong_column_type', column: 'score', value: 'BYTE_ARRAY', detail: 'DOUBLE' },
		'整个文件',
		'列“score”的类型是 BYTE_ARRAY，应为 DOUBLE，已忽略此列'
	],
	[
		{ file: 'a.csv', row: 7, severity: 'error', code: 'bad_record_type', column: 'record_type', value: 'note' },
		'第 7 行',
		'记录类型“note”无效（应为 review、override、comment、appeal 或 appeal_item），此行未导入'
	],
	[{ file: 'a.csv', row: 6, severity: 'error', code: 'missing_value', column: 'call_id' }, '第 6 行', '“call_id”为空，此行未导入'],
	[
		{ file: 'a.csv', row: 3, severity: 'error', code: 'bad_value', column: 'rubric_version', value: 'one', detail: 'int' },
		'第 3 行',
		'“rubric_version”的值“one”无效（应为 整数），此行未导入'
	],
	[
		{ file: 'a.csv', row: 4, severity: 'error', code: 'bad_value', column: 'override_result', value: 'maybe', detail: 'pass|fail|na' },
		'第 4 行',
		'“override_result”的值“maybe”无效（应为 pass|fail|na），此行未导入'
	],
	[
		{ file: 'a.csv', row: 10, severity: 'error', code: 'duplicate', column: 'comment_id', value: 'cm3' },
		'第 10 行',
		'与前面的行重复（comment_id = cm3），此行未导入'
	],
	[
		{ file: 'a.csv', row: 5, severity: 'error', code: 'orphan_override', column: 'call_id', value: 'C9' },
		'第 5 行',
		'通话 C9 的更正没有对应的复核行，此行未导入'
	],
	[
		{ file: 'a.csv', row: null, severity: 'warning', code: 'unknown_call', value: 'C9' },
		'整个文件',
		'本工作区没有通话 C9；复核已导入，导入该通话后即可查看'
	],
	[
		{ file: 'a.csv', row: null, severity: 'warning', code: 'comment_differs', value: 'cm1' },
		'整个文件',
		'评语 cm1 在本地已存在且内容不同，保留本地版本'
	]
];

describe('review file problems in the interface language', () => {
	it.each(ISSUES)('%o', (issue, where, what) => {
		expect(describeExchangeIssue(issue, tr(zh))).toEqual({ where, what });
		const english = describeExchangeIssue(issue, tr(en));
		expect(english.where).toMatch(issue.row == null ? /^Whole file$/ : new RegExp(`^Row ${issue.row}$`));
		expect(english.what).not.toMatch(/[{}]|[\u4e00-\u9fff]/);
		if (issue.value) expect(english.what).toContain(issue.value);
	});
});
