import { describe, expect, it } from 'vitest';
import { emptyReport } from '../import/types';
import { csvCell } from '../format/csv';
import { issuesCsv } from './rejected-csv';
import { MASKED, privacyStatement } from '../privacy/export-privacy';

const MASKED_LINE = privacyStatement(MASKED) + '\r\n';

describe('rejected rows CSV', () => {
	it.each([
		['=SUM(A1)', "'=SUM(A1)"],
		['+86 138', "'+86 138"],
		['-5', "'-5"],
		['@cmd', "'@cmd"],
		['\tx', "'\tx"],
		['\rx', `"'\rx"`],
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""']
	])('neutralises and quotes %j', (input, expected) => {
		expect(csvCell(input)).toBe(expected);
	});

	it('lists every error and warning with its line', () => {
		const r = emptyReport('calls.csv', 'call_log');
		r.errors = [{ line: 3, reason: '=bad date' }];
		r.warnings = [{ line: 9, reason: 'negative wait' }];
		expect(issuesCsv(r)).toBe(
			MASKED_LINE + "file,line,severity,reason\r\ncalls.csv,3,error,'=bad date\r\ncalls.csv,9,warning,negative wait\r\n"
		);
	});

	it('writes each reason as the describe function gives it (the UI passes the localised text)', () => {
		const r = emptyReport('calls.csv', 'call_log');
		r.errors = [{ line: 3, reason: 'not a date', code: 'not_a_date', params: { column: '开始时间', value: 'x' } }];
		expect(issuesCsv(r, (i) => `${i.params?.column}：不是日期`)).toBe(
			MASKED_LINE + 'file,line,severity,reason\r\ncalls.csv,3,error,开始时间：不是日期\r\n'
		);
	});

	it('masks customer numbers a reason quotes, and says so in the first line', () => {
		const r = emptyReport('calls.csv', 'call_log');
		r.errors = [{ line: 4, reason: 'not a date: 13812345678' }];
		const lines = issuesCsv(r).split('\r\n');
		expect(lines[0]).toMatch(/^# callqa\.personal_data=masked/);
		expect(lines[2]).toBe('calls.csv,4,error,not a date: 138****5678');
		expect(issuesCsv(r, undefined, { isUnmasked: true }).split('\r\n')[2]).toBe('calls.csv,4,error,not a date: 13812345678');
	});
});
