import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../db/test-db';
import type { Db } from '../../db/types';
import { ensureParseMacros } from './sql-macros';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await ensureParseMacros(db);
});

async function one(sql: string, value: string | null, value2?: string | null): Promise<unknown> {
	const params = value2 === undefined ? [value] : [value, value2];
	return (await db.query<{ v: unknown }>(`SELECT ${sql} AS v`, params)).rows[0].v;
}

describe('cqa_ts: date-times found in real exports', () => {
	it.each([
		['2024/11/20 08:30', '2024-11-20 08:30:00'],
		['2024/11/20 08:30:15', '2024-11-20 08:30:15'],
		['2024-11-20 08:30:15', '2024-11-20 08:30:15'],
		['2026/08/03 09:15:42', '2026-08-03 09:15:42'],
		['2024-11-20T08:30:15+08:00', '2024-11-20 08:30:15'], // wall clock kept, offset dropped (no ICU)
		['2024-11-20T08:30:15Z', '2024-11-20 08:30:15'],
		['2020/6/8', '2020-06-08 00:00:00'],
		['45616.35417', '2024-11-20 08:30:00'], // Excel serial
		['45616', '2024-11-20 00:00:00'],
		['990201', '1999-02-01 00:00:00'], // YYMMDD
		['22-04-15', '2015-04-22 00:00:00'], // dd-mm-yy
		['22-Apr-15', '2015-04-22 00:00:00'], // dd-Mon-yy
		['2015-04-22 3:53:50 PM', '2015-04-22 15:53:50'],
		['2024年11月20日 08:30', '2024-11-20 08:30:00'],
		['2024/13/45', null],
		['yesterday', null],
		[null, null]
	])('%s → %s', async (input, expected) => {
		expect(await one('cqa_ts(cqa_clean(?))', input)).toBe(expected);
	});
});

describe('cqa_ts2: date and time of day in separate columns', () => {
	it.each([
		['990201', '7:05:09', '1999-02-01 07:05:09'],
		['22-04-15', '3:53:50 PM', '2015-04-22 15:53:50'],
		['22-04-15', '12:10:00 AM', '2015-04-22 00:10:00'],
		['2021-01-01', '09:12:58', '2021-01-01 09:12:58'],
		['2021-01-01', null, '2021-01-01 00:00:00'],
		['2021-01-01', '下午3:05', '2021-01-01 15:05:00'],
		['2021-01-01', '0.5', '2021-01-01 12:00:00'], // Excel time fraction
		['2021-01-01', '25:00:00', null],
		['2021-01-01', '13:00 PM', null]
	])('%s + %s → %s', async (d, t, expected) => {
		expect(await one('cqa_ts2(cqa_clean(?), cqa_clean(?))', d, t)).toBe(expected);
	});
});

describe('cqa_dur: durations → seconds', () => {
	it.each([
		['35', 35],
		['35.5', 35.5],
		['0:02:23', 143],
		['1:02:03', 3723],
		['02:23', 143],
		['0:00:00', 0],
		['35秒', 35],
		['1分5秒', 65],
		['2分钟', 120],
		['1小时2分3秒', 3723],
		['-3', -3],
		['abc', null],
		['', null]
	])('%s → %s', async (input, expected) => {
		expect(await one('cqa_dur(cqa_clean(?))', input)).toBe(expected);
	});
});

describe('cqa_bool', () => {
	it.each([
		['Y', true],
		['N', false],
		['yes', true],
		['No', false],
		['TRUE', true],
		['false', false],
		['1', true],
		['0', false],
		['是', true],
		['否', false],
		['已解决', true],
		['未解决', false],
		['maybe', null]
	])('%s → %s', async (input, expected) => {
		expect(await one('cqa_bool(cqa_clean(?))', input)).toBe(expected);
	});
});

describe('cqa_csat_raw: satisfaction (range is checked by the importer)', () => {
	it.each([
		['5', 5],
		['1', 1],
		['4.0', 4],
		['7', 7],
		['0', 0],
		['非常满意', 5],
		['满意', 4],
		['一般', 3],
		['不满意', 2],
		['非常不满意', 1],
		['5分', 5],
		['good', null]
	])('%s → %s', async (input, expected) => {
		expect(await one('cqa_csat_raw(cqa_clean(?))', input)).toBe(expected);
	});
});

describe('cqa_severity, cqa_speaker, cqa_outcome_abandoned, cqa_channel, cqa_direction', () => {
	it.each([
		['cqa_severity', '1', 1],
		['cqa_severity', '3', 3],
		['cqa_severity', '一般', 1],
		['cqa_severity', '严重', 2],
		['cqa_severity', '重大', 3],
		['cqa_severity', 'general', 1],
		['cqa_severity', 'Serious', 2],
		['cqa_severity', 'major', 3],
		['cqa_severity', '4', null],
		['cqa_speaker', '客服', 'agent'],
		['cqa_speaker', '坐席', 'agent'],
		['cqa_speaker', 'Agent', 'agent'],
		['cqa_speaker', '客户', 'customer'],
		['cqa_speaker', '用户', 'customer'],
		['cqa_speaker', 'customer', 'customer'],
		['cqa_speaker', 'IVR', 'system'],
		['cqa_outcome_abandoned', 'AGENT', false],
		['cqa_outcome_abandoned', 'HANG', true],
		['cqa_outcome_abandoned', 'PHANTOM', true],
		['cqa_channel', '电话', 'phone'],
		['cqa_channel', '在线客服', 'chat'],
		['cqa_channel', 'Email', 'email'],
		['cqa_channel', 'Customer Care Call', 'phone'],
		['cqa_direction', '呼入', 'inbound'],
		['cqa_direction', '呼出', 'outbound'],
		['cqa_direction', 'Outbound', 'outbound']
	])('%s(%s) → %s', async (fn, input, expected) => {
		expect(await one(`${fn}(cqa_clean(?))`, input)).toBe(expected);
	});
});
