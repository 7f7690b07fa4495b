import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../db/test-db';
import type { Db } from '../../db/types';
import type { FileReport, MappingPreset } from '../types';
import { importTabular } from './import-tabular';
import { encodeGbk as gbk } from '../../../../sample-data/lib/csv';

const utf8 = (s: string) => new TextEncoder().encode(s);

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});

const balanced = (r: FileReport) => r.rows_loaded + r.rows_rejected === r.rows_total;

const CALLS_HEADER =
	'通话ID,坐席工号,坐席姓名,班组,队列,渠道,呼叫方向,客户ID,开始时间,振铃时长,通话时长,保持时长,话后处理时长,是否放弃,是否转接,是否解决,满意度,业务类型,录音文件';

describe('importTabular: call log with Chinese headers', () => {
	const csv = [
		CALLS_HEADER,
		'C001,A01,张三,一组,售后,电话,呼入,U9,2026/08/03 09:15:42,12,0:03:05,5,20,否,否,是,5,账单查询,C001.wav',
		'C002,A02,李四,一组,售后,在线,呼入,U8,2026/08/03 09:20:00,8,0:00:00,0,0,否,是,否,,投诉,',
		'C003,A01,张三,二组,售前,电话,呼出,U7,2024/13/45,3,0:01:00,0,0,否,否,是,4,咨询,',
		',A01,张三,二组,售前,电话,呼出,U7,2026/08/03 10:00:00,3,0:01:00,0,0,否,否,是,4,咨询,',
		'C001,A03,王五,二组,售前,电话,呼入,U6,2026/08/03 11:00:00,-4,0:02:00,0,0,否,否,是,9,咨询,',
		'C006,A03,王五,二组,售前,电话,呼入,U6,2026/08/03 11:30:00,-4,0:02:00,0,0,是,否,否,,"备注,含逗号',
		'和换行",',
		'C007,A03,王五,二组,售前,电话,呼入,U6,2026/08/03 12:00:00,5,0:02:00,0,0,否,否,是,3,咨询,x.wav,extra,columns',
		'C008,A04,赵六,二组,售前,电话,呼入,U5,2026-08-03T12:30:00+08:00,5,65,0,0,否,否,是,非常满意,咨询,'
	].join('\n');

	it('loads good rows, rejects bad ones with a reason and the right line, warns on doubtful values', async () => {
		const r = await importTabular(db, { name: 'calls.csv', bytes: utf8(csv) });
		expect(r.kind).toBe('call_log');
		expect(r.rows_total).toBe(8);
		expect(balanced(r)).toBe(true);
		expect(r.columns_ignored).toEqual([]);
		expect(r.errors).toMatchObject([
			{ line: 4, reason: '开始时间: "2024/13/45" is not a date' },
			{ line: 5, reason: '通话ID: empty call id' },
			{ line: 6, reason: 'duplicate call id C001 (first seen on line 2)' },
			{ line: 9, reason: expect.stringMatching(/^unreadable row: .*Expected Number of Columns: 19/) }
		]);
		expect(r.warnings).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ line: 3, reason: '通话时长: talk time 0 on an answered call' }),
				expect.objectContaining({ line: 7, reason: '振铃时长: negative wait -4, left empty' })
			])
		);
		const rows = (
			await db.query(
				'SELECT call_id, started_at, ring_s, talk_s, abandoned, transferred, resolved, csat, channel, direction, category, source_line FROM calls ORDER BY call_id'
			)
		).rows;
		expect(rows).toEqual([
			{
				call_id: 'C001',
				started_at: '2026-08-03 09:15:42',
				ring_s: 12,
				talk_s: 185,
				abandoned: false,
				transferred: false,
				resolved: true,
				csat: 5,
				channel: 'phone',
				direction: 'inbound',
				category: '账单查询',
				source_line: 2
			},
			{
				call_id: 'C002',
				started_at: '2026-08-03 09:20:00',
				ring_s: 8,
				talk_s: 0,
				abandoned: false,
				transferred: true,
				resolved: false,
				csat: null,
				channel: 'chat',
				direction: 'inbound',
				category: '投诉',
				source_line: 3
			},
			{
				call_id: 'C006',
				started_at: '2026-08-03 11:30:00',
				ring_s: null,
				talk_s: 120,
				abandoned: true,
				transferred: false,
				resolved: false,
				csat: null,
				channel: 'phone',
				direction: 'inbound',
				category: '备注,含逗号\n和换行',
				source_line: 7
			},
			{
				call_id: 'C008',
				started_at: '2026-08-03 12:30:00',
				ring_s: 5,
				talk_s: 65,
				abandoned: false,
				transferred: false,
				resolved: true,
				csat: 5,
				channel: 'phone',
				direction: 'inbound',
				category: '咨询',
				source_line: 10
			}
		]);
		const logged = (await db.query("SELECT severity, count(*) AS n FROM import_errors WHERE file = 'calls.csv' GROUP BY 1 ORDER BY 1"))
			.rows;
		expect(logged).toEqual([
			{ severity: 'error', n: 4 },
			{ severity: 'warning', n: r.warnings.length }
		]);
	});

	it('re-importing a corrected export replaces rows instead of duplicating them', async () => {
		await importTabular(db, { name: 'calls.csv', bytes: utf8(csv) });
		const fixed = csv.replace(
			'C001,A01,张三,一组,售后,电话,呼入,U9,2026/08/03 09:15:42,12,0:03:05,5,20,否,否,是,5',
			'C001,A01,张三,一组,售后,电话,呼入,U9,2026/08/03 09:15:42,12,0:03:05,5,20,否,否,是,2'
		);
		const r = await importTabular(db, { name: 'calls.csv', bytes: utf8(fixed) });
		expect(r.rows_loaded).toBe(4);
		const rows = (await db.query("SELECT count(*) AS n, max(csat) FILTER (WHERE call_id = 'C001') AS c1 FROM calls")).rows;
		expect(rows).toEqual([{ n: 4, c1: 2 }]);
		const errors = (await db.query("SELECT count(*) AS n FROM import_errors WHERE severity = 'error'")).rows;
		expect(errors).toEqual([{ n: 4 }]);
	});

	it.each([
		['warns and blanks an out-of-range CSAT', 'csat\n9', '满意度: 9 is outside 1–5, left empty'],
		['warns on an unreadable yes/no', 'resolved\nmaybe', '是否解决: "maybe" is not yes/no'],
		['warns on an unreadable duration', 'talk\nabc', '通话时长: "abc" is not a duration']
	])('%s', async (_n, which, reason) => {
		const values: Record<string, string> = { csat: '9', resolved: 'maybe', talk: 'abc' };
		const key = which.split('\n')[0];
		const row = [
			'X1',
			'A',
			'B',
			'',
			'',
			'',
			'',
			'',
			'2026/08/03 09:00:00',
			'1',
			key === 'talk' ? values.talk : '60',
			'0',
			'0',
			'否',
			'否',
			key === 'resolved' ? values.resolved : '是',
			key === 'csat' ? values.csat : '',
			'',
			''
		];
		const r = await importTabular(db, { name: 'one.csv', bytes: utf8(`${CALLS_HEADER}\n${row.join(',')}\n`) });
		expect(r.rows_loaded).toBe(1);
		expect(r.warnings.map((w) => w.reason)).toContain(reason);
	});
});

describe('importTabular: real export shapes (small fixtures)', () => {
	it('Technion-style TSV: YYMMDD + H:MM:SS, outcome, NO_SERVER, ids unique per VRU line', async () => {
		const tsv = [
			'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver',
			'AA0101\t34536\t0\t0\tPS\t990201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT',
			'AA0101\t34537\t0\t0\tPS\t990201\t7:31:45\t7:31:55\t10\t0:00:00\t0:00:00\t0\tAGENT\t7:31:54\t7:31:59\t5\tNO_SERVER',
			'AA0102\t34537\t0\t2\tNW\t990201\t8:00:00\t8:00:10\t10\t8:00:10\t8:01:00\t50\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER',
			'AA0102\t34540\t0\t2\tNW\t990201\t8:10:00\t8:10:10\t10\t8:10:10\t8:10:20\t10\tAGENT\t8:10:20\t8:10:20\t0\tMICHAL'
		].join('\n');
		const r = await importTabular(db, { name: 'technion.tsv', bytes: utf8(tsv) });
		expect([r.kind, r.format, r.rows_total, r.rows_loaded, r.rows_rejected]).toEqual(['call_log', 'tsv', 4, 4, 0]);
		expect(r.warnings).toMatchObject([
			{ line: 3, reason: 'server: call answered by NO_SERVER' },
			{ line: 5, reason: 'ser_time: talk time 0 on an answered call' }
		]);
		const rows = (await db.query('SELECT call_id, agent_name, started_at, ring_s, talk_s, abandoned FROM calls ORDER BY source_line')).rows;
		expect(rows).toEqual([
			{ call_id: 'AA0101-34536', agent_name: 'DORIT', started_at: '1999-02-01 07:02:47', ring_s: 0, talk_s: 166, abandoned: false },
			{ call_id: 'AA0101-34537', agent_name: null, started_at: '1999-02-01 07:31:45', ring_s: 0, talk_s: 5, abandoned: false },
			{ call_id: 'AA0102-34537', agent_name: null, started_at: '1999-02-01 08:00:00', ring_s: 50, talk_s: 0, abandoned: true },
			{ call_id: 'AA0102-34540', agent_name: 'MICHAL', started_at: '1999-02-01 08:10:00', ring_s: 10, talk_s: 0, abandoned: false }
		]);
	});

	it('PwC-style CSV: Answered (Y/N) is inverted into abandoned; unanswered rows have empty measures', async () => {
		const csv = [
			'Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating',
			'ID0001,Diane,2021-01-01,09:12:58,Contract related,Y,Y,109,00:02:23,3',
			'ID0005,Joe,2021-01-01,10:00:15,Streaming,N,N,,,'
		].join('\r\n');
		const r = await importTabular(db, { name: 'pwc.csv', bytes: utf8(csv) });
		expect([r.rows_total, r.rows_loaded, r.warnings]).toEqual([2, 2, []]);
		const rows = (
			await db.query('SELECT call_id, started_at, ring_s, talk_s, hold_s, abandoned, resolved, csat FROM calls ORDER BY call_id')
		).rows;
		expect(rows).toEqual([
			{
				call_id: 'ID0001',
				started_at: '2021-01-01 09:12:58',
				ring_s: 109,
				talk_s: 143,
				hold_s: null,
				abandoned: false,
				resolved: true,
				csat: 3
			},
			{
				call_id: 'ID0005',
				started_at: '2021-01-01 10:00:15',
				ring_s: null,
				talk_s: null,
				hold_s: null,
				abandoned: true,
				resolved: false,
				csat: null
			}
		]);
	});

	it('GBK complaints with CRLF and TABs inside a field read as Chinese; severity words become 1–3', async () => {
		const text = [
			'投诉编号,通话ID,客户ID,坐席工号,受理时间,投诉类别,严重程度,处理时限,解决时间,回访时间,回访满意,状态,标题',
			'T1,C001,U9,A01,2026/08/03 10:00,服务态度,重大,48小时,2026/08/04 09:00,2026/08/05 10:00,是,已解决,坐席\t态度差',
			'T2,,U8,A02,2026/08/03 11:00,"计费,资费",一般,2026/08/06 11:00,,,,处理中,扣费有误',
			'T3,,U8,A02,2026/02/30 11:00,计费,严重,,,,,处理中,日期不存在',
			'T1,,U8,A02,2026/08/03 12:00,计费,3,,,,,处理中,重复'
		].join('\r\n');
		const r = await importTabular(db, { name: 'complaints.csv', bytes: gbk(text) });
		expect([r.kind, r.encoding, r.rows_total, r.rows_loaded, r.rows_rejected]).toEqual(['complaints', 'GBK/GB18030', 4, 2, 2]);
		expect(r.errors).toMatchObject([
			{ line: 4, reason: '受理时间: "2026/02/30 11:00" is not a date' },
			{ line: 5, reason: 'duplicate complaint id T1 (first seen on line 2)' }
		]);
		const rows = (
			await db.query(
				'SELECT complaint_id, call_id, received_at, category, severity, due_at, resolved_at, follow_up_satisfied, status, title FROM complaints ORDER BY complaint_id'
			)
		).rows;
		expect(rows).toEqual([
			{
				complaint_id: 'T1',
				call_id: 'C001',
				received_at: '2026-08-03 10:00:00',
				category: '服务态度',
				severity: 3,
				due_at: '2026-08-05 10:00:00',
				resolved_at: '2026-08-04 09:00:00',
				follow_up_satisfied: true,
				status: '已解决',
				title: '坐席\t态度差'
			},
			{
				complaint_id: 'T2',
				call_id: null,
				received_at: '2026-08-03 11:00:00',
				category: '计费,资费',
				severity: 1,
				due_at: '2026-08-06 11:00:00',
				resolved_at: null,
				follow_up_satisfied: null,
				status: '处理中',
				title: '扣费有误'
			}
		]);
	});

	it('complaints without an id column get ids from file name + line, with one warning', async () => {
		const csv =
			'date,title,summary,object,demands,href\n2025-11-23,信*飞,"多收费，要求退还",信*飞App,退费,https://x\n2025-12-13,信*飞,催收骚扰,信*飞App,道歉,https://y\n';
		const r = await importTabular(db, { name: 'heimao.csv', bytes: utf8(csv) });
		expect([r.rows_loaded, r.rows_rejected]).toEqual([2, 0]);
		expect(r.warnings).toMatchObject([{ line: null, reason: 'no complaint id column: ids were generated as "heimao.csv#<line>"' }]);
		const ids = (await db.query('SELECT complaint_id, received_at, description FROM complaints ORDER BY 1')).rows;
		expect(ids).toEqual([
			{ complaint_id: 'heimao.csv#2', received_at: '2025-11-23 00:00:00', description: '多收费，要求退还' },
			{ complaint_id: 'heimao.csv#3', received_at: '2025-12-13 00:00:00', description: '催收骚扰' }
		]);
	});

	it('a header ending in CRLF over rows ending in LF loads every row (mixed line endings)', async () => {
		const bytes = utf8('通话ID,开始时间,通话时长\r\nC1,2024/11/20 08:30,35\nC2,2024/11/20 09:00,40\nC3,2024/11/20 09:30,45');
		const r = await importTabular(db, { name: 'mixed.csv', bytes });
		expect(r).toMatchObject({ kind: 'call_log', rows_total: 3, rows_loaded: 3, rows_rejected: 0 });
	});

	it('Comcast-style dd-mm-yy date with a 12-hour time column', async () => {
		const csv =
			'Ticket #,Customer Complaint,Date,Date_month_year,Time,Received Via,City,State,Zip code,Status,Filing on Behalf of Someone\n250635,Comcast Cable Internet Speeds,22-04-15,22-Apr-15,3:53:50 PM,Customer Care Call,Abingdon,Maryland,21009,Closed,No\n';
		const r = await importTabular(db, { name: 'comcast.csv', bytes: utf8(csv) });
		expect(r.rows_loaded).toBe(1);
		expect(r.columns_ignored).toEqual(['Date_month_year', 'City', 'State', 'Zip code', 'Filing on Behalf of Someone']);
		const rows = (await db.query('SELECT complaint_id, received_at, channel, status FROM complaints')).rows;
		expect(rows).toEqual([{ complaint_id: '250635', received_at: '2015-04-22 15:53:50', channel: 'Customer Care Call', status: 'Closed' }]);
	});
});

describe('importTabular: transcript segments', () => {
	const csv = [
		'通话ID,序号,角色,开始,结束,文本',
		'C001,1,客服,0.0,3.2,您好，很高兴为您服务',
		'C001,2,客户,3.5,6.0,"我的账单,有问题"',
		'C001,3,客户,7,6.5,时间倒了',
		'C001,4,客服,,,',
		'C002,1,客服,,,在线您好',
		'C001,2,客户,8,9,重复序号'
	].join('\n');

	it('maps roles, keeps labels, rejects segments without text and duplicate seq', async () => {
		const r = await importTabular(db, { name: 'transcripts.csv', bytes: utf8(csv) });
		expect([r.kind, r.rows_total, r.rows_loaded, r.rows_rejected]).toEqual(['transcript', 6, 4, 2]);
		expect(r.errors).toMatchObject([
			{ line: 5, reason: '文本: empty text' },
			{ line: 7, reason: 'duplicate segment: call C001 seq 2 (first seen on line 3)' }
		]);
		expect(r.warnings).toMatchObject([{ line: 4, reason: '结束: ends (6.5) before it starts (7)' }]);
		const rows = (await db.query('SELECT call_id, seq, speaker, speaker_label, start_s, end_s, text FROM segments ORDER BY call_id, seq'))
			.rows;
		expect(rows).toEqual([
			{ call_id: 'C001', seq: 1, speaker: 'agent', speaker_label: '客服', start_s: 0, end_s: 3.2, text: '您好，很高兴为您服务' },
			{ call_id: 'C001', seq: 2, speaker: 'customer', speaker_label: '客户', start_s: 3.5, end_s: 6, text: '我的账单,有问题' },
			{ call_id: 'C001', seq: 3, speaker: 'customer', speaker_label: '客户', start_s: 7, end_s: 6.5, text: '时间倒了' },
			{ call_id: 'C002', seq: 1, speaker: 'agent', speaker_label: '客服', start_s: null, end_s: null, text: '在线您好' }
		]);
		await importTabular(db, { name: 'transcripts.csv', bytes: utf8(csv) });
		expect((await db.query('SELECT count(*) AS n FROM segments')).rows).toEqual([{ n: 4 }]);
	});
});

describe('presets, kind override and unknown files', () => {
	const csv = 'Ref,Rep,When,Secs\nR1,Ann,2024/11/20 08:30,35\n';
	const preset: MappingPreset = {
		name: 'odd export',
		kind: 'call_log',
		headers: ['Ref', 'Rep', 'When', 'Secs'],
		mapping: { Ref: 'call_id', Rep: 'agent_name', When: 'started_at', Secs: 'talk_s' }
	};

	it('a preset dateFormat overrides the dd-mm-yy guess', async () => {
		const yymmdd = { ...preset, options: { dateFormat: '%y-%m-%d' } };
		const r = await importTabular(db, { name: 'odd.csv', bytes: utf8('Ref,Rep,When,Secs\nR1,Ann,22-04-15,35\n') }, { preset: yymmdd });
		expect(r.rows_loaded).toBe(1);
		expect((await db.query('SELECT started_at FROM calls')).rows).toEqual([{ started_at: '2022-04-15 00:00:00' }]);
	});

	it('a file no alias recognises is reported, not loaded', async () => {
		const r = await importTabular(db, { name: 'odd.csv', bytes: utf8(csv) });
		expect([r.kind, r.rows_total, r.rows_loaded, r.rows_rejected]).toEqual(['unknown', 1, 0, 1]);
		expect(r.errors[0].reason).toMatch(/could not tell/);
	});

	it.each([
		['a matching preset from the list', { presets: [preset] }],
		['an explicit preset', { preset }]
	])('%s maps the columns', async (_n, opts) => {
		const r = await importTabular(db, { name: 'odd.csv', bytes: utf8(csv) }, opts);
		expect([r.kind, r.rows_loaded]).toEqual(['call_log', 1]);
		expect((await db.query('SELECT call_id, agent_name, talk_s FROM calls')).rows).toEqual([
			{ call_id: 'R1', agent_name: 'Ann', talk_s: 35 }
		]);
	});
});

describe('importTabular: reasons carry a code and params for the interface language', () => {
	it('gives each rejected row and warning its code, the column and the value as written, quotes and all', async () => {
		const csv = ['通话ID,开始时间,振铃时长', 'A1,"2024/13/45 ""x"" \\ y",5', 'A2,2024-03-01 09:00:00,-4', 'A2,2024-03-01 09:00:00,3'].join(
			'\n'
		);
		const r = await importTabular(db, { name: 'calls.csv', bytes: utf8(csv) }, { kind: 'call_log' });
		expect(r.errors).toEqual([
			{
				line: 2,
				reason: '开始时间: "2024/13/45 "x" \\ y" is not a date',
				code: 'not_a_date',
				params: { column: '开始时间', value: '2024/13/45 "x" \\ y' }
			},
			{ line: 4, reason: 'duplicate call id A2 (first seen on line 3)', code: 'duplicate_call_id', params: { id: 'A2', first_line: '3' } }
		]);
		expect(r.warnings).toEqual([
			{ line: 3, reason: '振铃时长: negative wait -4, left empty', code: 'negative_wait', params: { column: '振铃时长', value: '-4' } }
		]);
		const booked = (await db.query<{ reason: string }>("SELECT reason FROM import_errors WHERE file = 'calls.csv' ORDER BY line")).rows.map(
			(x) => x.reason
		);
		expect(booked).toEqual([r.errors[0].reason, r.warnings[0].reason, r.errors[1].reason]);
	});
});
