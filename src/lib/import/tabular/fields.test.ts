import { describe, expect, it } from 'vitest';
import { guessKind, guessMapping, TARGET_FIELDS } from './fields';

const SAMPLE_CALLS =
	'通话ID,坐席工号,坐席姓名,班组,队列,渠道,呼叫方向,客户ID,开始时间,振铃时长,通话时长,保持时长,话后处理时长,是否放弃,是否转接,是否解决,满意度,业务类型,录音文件'.split(
		','
	);
const SAMPLE_COMPLAINTS = '投诉编号,通话ID,客户ID,坐席工号,受理时间,投诉类别,严重程度,处理时限,解决时间,回访时间,回访满意,状态,标题'.split(
	','
);
const SAMPLE_TRANSCRIPTS = '通话ID,序号,角色,开始,结束,文本'.split(',');
const TECHNION =
	'vru+line,call_id,customer_id,priority,type,date,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server'.split(
		','
	);
const PWC = 'Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating'.split(
	','
);
const COMCAST =
	'Ticket #,Customer Complaint,Date,Date_month_year,Time,Received Via,City,State,Zip code,Status,Filing on Behalf of Someone'.split(',');
const CHEZHIWANG = 'id,brand,car_model,type,desc,problem,datetime,status'.split(',');
const HEIMAO = 'date,title,summary,object,demands,href'.split(',');

describe('guessKind', () => {
	it.each([
		['sample call log (Chinese headers)', SAMPLE_CALLS, 'call_log'],
		['sample complaints', SAMPLE_COMPLAINTS, 'complaints'],
		['sample transcript segments', SAMPLE_TRANSCRIPTS, 'transcript'],
		['Technion bank call log', TECHNION, 'call_log'],
		['PwC call centre', PWC, 'call_log'],
		['Comcast complaints', COMCAST, 'complaints'],
		['12365auto complaints', CHEZHIWANG, 'complaints'],
		['黑猫 complaints without id', HEIMAO, 'complaints'],
		['English transcript', ['call_id', 'speaker', 'start_s', 'end_s', 'text'], 'transcript'],
		['unrelated table', ['name', 'price', 'sku'], 'unknown']
	])('%s → %s', (_n, headers, kind) => {
		expect(guessKind(headers)).toBe(kind);
	});
});

describe('guessMapping', () => {
	it('maps every column of the sample call log', () => {
		const m = guessMapping(SAMPLE_CALLS, 'call_log');
		expect(Object.values(m).filter((f) => f === '')).toEqual([]);
		expect(m).toMatchObject({
			通话ID: 'call_id',
			坐席工号: 'agent_id',
			坐席姓名: 'agent_name',
			开始时间: 'started_at',
			振铃时长: 'ring_s',
			话后处理时长: 'wrap_s',
			是否放弃: 'abandoned',
			满意度: 'csat',
			录音文件: 'recording'
		});
	});
	it.each([
		['call_log', SAMPLE_COMPLAINTS, {}],
		[
			'complaints',
			SAMPLE_COMPLAINTS,
			{
				投诉编号: 'complaint_id',
				受理时间: 'received_at',
				严重程度: 'severity',
				处理时限: 'due_at',
				回访满意: 'follow_up_satisfied',
				标题: 'title'
			}
		],
		['transcript', SAMPLE_TRANSCRIPTS, { 通话ID: 'call_id', 序号: 'seq', 角色: 'speaker', 开始: 'start_s', 结束: 'end_s', 文本: 'text' }],
		[
			'call_log',
			TECHNION,
			{
				'vru+line': 'call_id_scope',
				call_id: 'call_id',
				date: 'start_date',
				vru_entry: 'start_time',
				q_time: 'ring_s',
				ser_time: 'talk_s',
				server: 'agent_name',
				outcome: 'outcome',
				q_start: '',
				ser_start: ''
			}
		],
		[
			'call_log',
			PWC,
			{
				'Call Id': 'call_id',
				Date: 'start_date',
				Time: 'start_time',
				'Answered (Y/N)': 'answered',
				'Speed of answer in seconds': 'ring_s',
				AvgTalkDuration: 'talk_s',
				'Satisfaction rating': 'csat'
			}
		],
		[
			'complaints',
			COMCAST,
			{
				'Ticket #': 'complaint_id',
				'Customer Complaint': 'title',
				Date: 'received_date',
				Date_month_year: '',
				Time: 'received_time',
				'Received Via': 'channel'
			}
		],
		['complaints', CHEZHIWANG, { id: 'complaint_id', desc: 'title', problem: 'category', type: '', datetime: 'received_at' }],
		[
			'call_log',
			['Call ID', '通话时长(秒)', '振铃时长（s）', 'Agent Name'],
			{ 'Call ID': 'call_id', '通话时长(秒)': 'talk_s', '振铃时长（s）': 'ring_s', 'Agent Name': 'agent_name' }
		],
		['transcript', ['call_id', '说话人', '开始(秒)', '内容'], { 说话人: 'speaker', '开始(秒)': 'start_s', 内容: 'text' }]
	])('%s: %j', (kind, headers, expected) => {
		expect(guessMapping(headers, kind as 'call_log')).toMatchObject(expected);
	});

	it('offers only fields that exist for the kind', () => {
		for (const kind of ['call_log', 'complaints', 'transcript'] as const) {
			const known = new Set(TARGET_FIELDS[kind].map((f) => f.field));
			for (const headers of [SAMPLE_CALLS, SAMPLE_COMPLAINTS, SAMPLE_TRANSCRIPTS, TECHNION, PWC, COMCAST])
				for (const f of Object.values(guessMapping(headers, kind))) if (f) expect(known.has(f)).toBe(true);
		}
	});
});
