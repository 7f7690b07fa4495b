import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zh, type MessageKey } from '../i18n/zh';
import { formatMessage, placeholderNames } from '../i18n/format-message';
import { REASON_CODES, parseSqlIssue } from './reasons';
import type { ImportIssue } from './types';
import { describeIssue } from './describe-issue';

/** t() over one catalogue, as the UI's locale does it. */
const tr = (cat: Record<MessageKey, string>) => (key: MessageKey, params?: Record<string, string | number>) =>
	formatMessage(cat[key], params, cat === zh ? 'zh' : 'en');
const placeholders = placeholderNames;

describe('import reasons in the interface language', () => {
	it.each(REASON_CODES)('reason.%s has a Chinese and an English text', (code) => {
		const key = `reason.${code}` as MessageKey;
		expect(zh[key], `zh ${key}`).toBeTruthy();
		expect(en[key], `en ${key}`).toBeTruthy();
		// Chinese may leave a detail out (the speaker map is on the card), never name one English lacks.
		for (const p of placeholders(zh[key])) expect(placeholders(en[key]), `${key} {${p}}`).toContain(p);
	});

	it('has no reason text for a code the importers cannot emit', () => {
		const codes = new Set<string>(REASON_CODES);
		const stale = Object.keys(zh).filter((k) => k.startsWith('reason.') && !codes.has(k.slice('reason.'.length)));
		expect(stale).toEqual([]);
	});

	it.each([
		[
			{ line: 3, reason: '开始时间: "2024/13/45" is not a date', code: 'not_a_date', params: { column: '开始时间', value: '2024/13/45' } },
			'开始时间：“2024/13/45” 不是有效的日期',
			'开始时间: "2024/13/45" is not a date'
		],
		[
			{
				line: 9,
				reason: 'duplicate call id C001 (first seen on line 2)',
				code: 'duplicate_call_id',
				params: { id: 'C001', first_line: 2 }
			},
			'通话编号 C001 重复（首次出现在第 2 行）',
			'duplicate call id C001 (first seen on line 2)'
		],
		[
			{
				line: null,
				reason: 'no RIFF header (file starts with 0x00 0x00 0xf6 0xff): not a WAV file or the header is missing',
				code: 'wav_no_riff',
				params: { start: '0x00 0x00 0xf6 0xff' }
			},
			'没有 RIFF 文件头（文件开头为 0x00 0x00 0xf6 0xff）：不是 WAV 文件，或文件头缺失',
			'no RIFF header (file starts with 0x00 0x00 0xf6 0xff): not a WAV file or the header is missing'
		],
		[
			{
				line: null,
				reason: '2 segment(s) name no speaker in the source; attributed to customer until you map "unknown"',
				code: 'unknown_speaker_attributed',
				params: { n: 2, role: 'customer', label: 'unknown' }
			},
			'2 个片段在源文件中没有标明说话人，暂时归为客户，直到您为“unknown”指定角色',
			'2 segment(s) name no speaker in the source; attributed to Customer until you map "unknown"'
		]
	] as [ImportIssue, string, string][])('fills the params of %j', (issue, zhText, enText) => {
		expect(describeIssue(issue, tr(zh))).toBe(zhText);
		expect(describeIssue(issue, tr(en))).toBe(enText);
	});

	it('falls back to the English reason when there is no code or the code is unknown', () => {
		expect(describeIssue({ line: 1, reason: 'something new' }, tr(zh))).toBe('something new');
		expect(describeIssue({ line: 1, reason: 'from a newer importer', code: 'not_in_catalogue' }, tr(zh))).toBe('from a newer importer');
	});

	it('splits an issue tagged in SQL into code, params and the English reason', () => {
		expect(parseSqlIssue(4, 'not_a_date\u001f{"column":"日期","value":"a \\"b\\" \\\\ c"}\u001f日期: "a "b" \\ c" is not a date')).toEqual({
			line: 4,
			reason: '日期: "a "b" \\ c" is not a date',
			code: 'not_a_date',
			params: { column: '日期', value: 'a "b" \\ c' }
		});
		expect(parseSqlIssue(4, 'plain text')).toEqual({ line: 4, reason: 'plain text' });
	});
});
