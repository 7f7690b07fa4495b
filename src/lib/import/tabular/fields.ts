// The canonical target fields of each tabular kind (the mapping screen's dropdowns) and the dictionary of
// header aliases seen in real Chinese and English exports. Guessing only; values are parsed in SQL.

export type TabularKind = 'call_log' | 'complaints' | 'transcript';

export interface TargetField {
	field: string;
	required: boolean;
	label: { zh: string; en: string };
}

const f = (field: string, zh: string, en: string, required = false): TargetField => ({ field, required, label: { zh, en } });

export const TARGET_FIELDS: Record<TabularKind, TargetField[]> = {
	call_log: [
		f('call_id', '通话ID', 'Call ID', true),
		f('call_id_scope', '通话ID前缀（线路/站点）', 'Call ID scope (line/site, prefixed to the ID)'),
		f('agent_id', '坐席工号', 'Agent ID'),
		f('agent_name', '坐席姓名', 'Agent name'),
		f('team', '班组', 'Team'),
		f('queue', '队列/技能组', 'Queue'),
		f('channel', '渠道', 'Channel'),
		f('direction', '呼叫方向', 'Direction'),
		f('customer_id', '客户ID', 'Customer ID'),
		f('started_at', '开始时间（日期+时间）', 'Start (date and time)', true),
		f('start_date', '开始日期', 'Start date'),
		f('start_time', '开始时刻', 'Start time of day'),
		f('ring_s', '振铃/等待时长', 'Wait before answer'),
		f('talk_s', '通话时长', 'Talk time'),
		f('hold_s', '保持时长', 'Hold time'),
		f('wrap_s', '话后处理时长', 'Wrap-up time'),
		f('abandoned', '是否放弃', 'Abandoned'),
		f('answered', '是否接通（取反为放弃）', 'Answered (inverse of abandoned)'),
		f('outcome', '通话结果', 'Outcome (answered/hang-up)'),
		f('transferred', '是否转接', 'Transferred'),
		f('resolved', '是否解决', 'Resolved'),
		f('csat', '满意度', 'Satisfaction (1–5)'),
		f('category', '业务类型', 'Category'),
		f('recording', '录音文件', 'Recording file')
	],
	complaints: [
		f('complaint_id', '投诉编号', 'Complaint ID', true),
		f('call_id', '通话ID', 'Call ID'),
		f('customer_id', '客户ID', 'Customer ID'),
		f('agent_id', '坐席工号', 'Agent ID'),
		f('received_at', '受理时间（日期+时间）', 'Received (date and time)', true),
		f('received_date', '受理日期', 'Received date'),
		f('received_time', '受理时刻', 'Received time of day'),
		f('category', '投诉类别', 'Category'),
		f('severity', '严重程度', 'Severity'),
		f('due_at', '处理时限', 'Due'),
		f('resolved_at', '解决时间', 'Resolved at'),
		f('followed_up_at', '回访时间', 'Followed up at'),
		f('follow_up_satisfied', '回访满意', 'Satisfied at follow-up'),
		f('status', '状态', 'Status'),
		f('title', '标题', 'Title'),
		f('description', '描述', 'Description'),
		f('channel', '渠道', 'Channel')
	],
	transcript: [
		f('call_id', '通话ID', 'Call ID', true),
		f('seq', '序号', 'Sequence'),
		f('speaker', '角色', 'Speaker'),
		f('start_s', '开始（秒）', 'Start (s)'),
		f('end_s', '结束（秒）', 'End (s)'),
		f('text', '文本', 'Text', true)
	]
};

/** Aliases in priority order: when two headers fit one field, the one matching the earlier alias wins. */
const ALIASES: Record<TabularKind, Record<string, string[]>> = {
	call_log: {
		call_id: [
			'通话ID',
			'通话编号',
			'呼叫ID',
			'流水号',
			'录音流水号',
			'call id',
			'callid',
			'call_id',
			'call no',
			'contact id',
			'session id'
		],
		call_id_scope: ['vru+line', 'vru line', '线路', 'line id'],
		agent_id: ['工号', '坐席工号', '客服工号', '坐席ID', 'agent_id', 'agent id', 'agent no', 'employee id'],
		agent_name: ['坐席', '坐席姓名', '坐席名称', '客服', '客服姓名', 'agent', 'agent_name', 'agent name', 'server', 'rep'],
		team: ['班组', '团队', '小组', 'team', 'group'],
		queue: ['队列', '技能组', 'queue', 'skill', 'skill group'],
		channel: ['渠道', '接入渠道', 'channel', 'media'],
		direction: ['呼叫方向', '呼叫类型', '方向', 'direction', 'call direction'],
		customer_id: ['客户ID', '客户号码', '客户编号', '主叫号码', '来电号码', 'customer_id', 'customer id', 'caller id', 'ani'],
		started_at: [
			'开始时间',
			'呼入时间',
			'通话开始时间',
			'来电时间',
			'呼叫时间',
			'started_at',
			'start time',
			'start_time',
			'datetime',
			'call start',
			'timestamp'
		],
		start_date: ['日期', '通话日期', 'date', 'call date'],
		// Only the call's own start is a time of day we import, and there 0:00:00 is a real midnight. The
		// columns where 0:00:00 means "none" (Technion q_start/ser_start: no queue, no service) stay ignored;
		// waits and talk come from the durations q_time/ser_time, where 0 is a true zero.
		start_time: ['时间', 'time', 'vru_entry', 'call time'],
		ring_s: [
			'振铃时长',
			'等待时长',
			'排队时长',
			'应答时长',
			'Speed of answer in seconds',
			'speed of answer',
			'q_time',
			'ring_s',
			'wait',
			'wait time',
			'queue time',
			'asa'
		],
		talk_s: ['通话时长', 'AvgTalkDuration', 'talk duration', 'ser_time', 'talk_s', 'talk time', 'duration', 'talk'],
		hold_s: ['保持时长', 'hold', 'hold_s', 'hold time'],
		wrap_s: ['话后处理时长', '话后处理', '整理时长', '话后时长', 'wrap', 'wrap_s', 'wrap up', 'acw', 'after call work'],
		abandoned: ['是否放弃', '放弃', '呼损', 'abandoned', 'is abandoned'],
		answered: ['Answered (Y/N)', '是否接通', '是否接听', 'answered'],
		outcome: ['outcome', '通话结果', '呼叫结果', 'result'],
		transferred: ['是否转接', '转接', 'transferred', 'transfer'],
		resolved: ['是否解决', '解决', '一次解决', 'resolved', 'fcr'],
		csat: ['满意度', '满意度评价', '评价', 'Satisfaction rating', 'satisfaction', 'csat', 'rating'],
		category: ['业务类型', '类别', '业务类别', '来电类型', 'Topic', 'category', 'type', 'reason'],
		recording: ['录音文件', '录音', '录音文件名', 'recording', 'recording file', 'audio']
	},
	complaints: {
		complaint_id: [
			'投诉编号',
			'工单号',
			'工单编号',
			'投诉单号',
			'投诉ID',
			'Ticket #',
			'ticket',
			'ticket id',
			'complaint_id',
			'complaint id',
			'id'
		],
		call_id: ['通话ID', '通话编号', '流水号', 'call_id', 'call id'],
		customer_id: ['客户ID', '客户号码', '客户编号', 'customer_id', 'customer id'],
		agent_id: ['坐席工号', '工号', 'agent_id', 'agent id'],
		received_at: ['受理时间', '投诉时间', '创建时间', '提交时间', 'received_at', 'datetime', 'created', 'created at'],
		received_date: ['日期', '投诉日期', '受理日期', 'Date', 'date received'],
		received_time: ['时间', 'Time'],
		category: ['投诉类别', '投诉类型', '类别', '类型', '问题类型', 'category', 'problem', 'issue'],
		severity: ['严重程度', '等级', '级别', 'severity', 'priority', 'level'],
		due_at: ['处理时限', '时限', '截止时间', 'due', 'due_at', 'due date', 'deadline'],
		resolved_at: ['解决时间', '办结时间', '完成时间', 'resolved', 'resolved_at', 'resolved at', 'closed at'],
		followed_up_at: ['回访时间', '回访', 'followed_up_at', 'follow up', 'follow up at'],
		follow_up_satisfied: ['回访满意', '回访满意度', '是否满意', 'follow_up_satisfied', 'satisfied'],
		status: ['状态', '处理状态', '投诉状态', 'Status'],
		title: ['标题', '投诉标题', '主题', 'title', 'desc', 'Customer Complaint', 'subject'],
		description: ['描述', '投诉内容', '内容', '详情', 'summary', 'description', 'details'],
		channel: ['渠道', '投诉渠道', '来源', 'channel', 'Received Via', 'source']
	},
	transcript: {
		call_id: ['通话ID', '通话编号', '流水号', 'call_id', 'call id', 'conversation id', 'dialogue id'],
		seq: ['序号', '顺序', 'seq', 'sequence', 'turn', 'index'],
		speaker: ['角色', '说话人', '发言人', 'speaker', 'role', 'speaker_role', 'participant'],
		start_s: ['开始(秒)', '开始', '开始时间', 'start_s', 'start', 'begin', 'start time'],
		end_s: ['结束(秒)', '结束', '结束时间', 'end_s', 'end', 'end time'],
		text: ['文本', '内容', '对话内容', 'text', 'utterance', 'transcript', 'content']
	}
};

/** Header as compared against aliases: lower case, BOM and everything but letters, digits and CJK removed. */
export function normaliseHeader(h: string): string {
	return h
		.replace(/^\uFEFF/, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

const NORMALISED: Record<TabularKind, [string, string[]][]> = Object.fromEntries(
	(Object.keys(ALIASES) as TabularKind[]).map((kind) => [
		kind,
		Object.entries(ALIASES[kind]).map(([field, list]) => [field, list.map(normaliseHeader)])
	])
) as Record<TabularKind, [string, string[]][]>;

// Unit suffixes that may follow a known alias: 通话时长(秒), talk_s (sec), 振铃时长（s）…
const UNIT_SUFFIX = /^(秒|秒数|s|sec|secs|seconds|分钟|min|mins|minutes)$/;

/**
 * header → field ('' = ignore). Exact alias matches first, then "alias + unit" (通话时长(秒));
 * each field goes to at most one header, by alias priority.
 */
export function guessMapping(headers: string[], kind: TabularKind): Record<string, string> {
	const norm = headers.map(normaliseHeader);
	const out: Record<string, string> = Object.fromEntries(headers.map((h) => [h, '']));
	const taken = new Set<number>();
	for (const pass of ['exact', 'unit'] as const) {
		for (const [field, aliases] of NORMALISED[kind]) {
			if (Object.values(out).includes(field)) continue;
			let best = -1;
			let bestRank = Infinity;
			norm.forEach((h, i) => {
				if (taken.has(i) || !h) return;
				const rank = aliases.findIndex((a) => (pass === 'exact' ? h === a : h.startsWith(a) && UNIT_SUFFIX.test(h.slice(a.length))));
				if (rank >= 0 && rank < bestRank) {
					best = i;
					bestRank = rank;
				}
			});
			if (best >= 0) {
				out[headers[best]] = field;
				taken.add(best);
			}
		}
	}
	return out;
}

/** Fields that only one kind has, so that shared ones (call_id, category) do not decide. */
const DISTINCTIVE: Record<TabularKind, string[]> = {
	call_log: [
		'call_id_scope',
		'agent_name',
		'team',
		'queue',
		'direction',
		'started_at',
		'start_date',
		'start_time',
		'ring_s',
		'talk_s',
		'hold_s',
		'wrap_s',
		'abandoned',
		'answered',
		'outcome',
		'transferred',
		'resolved',
		'csat',
		'recording'
	],
	complaints: [
		'complaint_id',
		'received_at',
		'received_date',
		'received_time',
		'severity',
		'due_at',
		'resolved_at',
		'followed_up_at',
		'follow_up_satisfied',
		'status',
		'title',
		'description'
	],
	transcript: ['seq', 'speaker', 'start_s', 'end_s', 'text']
};

export function guessKind(headers: string[]): TabularKind | 'unknown' {
	let best: TabularKind | 'unknown' = 'unknown';
	let bestScore = 0;
	for (const kind of ['call_log', 'complaints', 'transcript'] as TabularKind[]) {
		const fields = new Set(Object.values(guessMapping(headers, kind)).filter(Boolean));
		if (kind === 'transcript' && !fields.has('text')) continue;
		const score = DISTINCTIVE[kind].filter((x) => fields.has(x)).length;
		if (score > bestScore) {
			best = kind;
			bestScore = score;
		}
	}
	return bestScore >= 2 ? best : 'unknown';
}
