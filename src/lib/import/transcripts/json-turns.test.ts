import { describe, expect, it } from 'vitest';
import { parseTranscript } from './sniff';
import { joinUtterances } from './json-turns';

type Row = [string, string, string, number | null, number | null];
const rows = (name: string, json: unknown): Row[] =>
	parseTranscript(name, JSON.stringify(json, null, 2)).calls.flatMap((c) =>
		c.segments.map((s): Row => [c.call_id, s.speaker_label, s.text, s.start_s, s.end_s])
	);

describe('generic JSON turns', () => {
	it.each<[string, string, unknown, Row[]]>([
		[
			'a plain list of {speaker, start, end, text}',
			'c9.json',
			[
				{ speaker: 'agent', start: 0, end: 1.5, text: 'Hello' },
				{ speaker: 'customer', start: '1.6', end: 2, text: 'Hi' }
			],
			[
				['c9', 'agent', 'Hello', 0, 1.5],
				['c9', 'customer', 'Hi', 1.6, 2]
			]
		],
		[
			'Harper Valley: speaker_role, human_transcript over ASR, start_ms + duration_ms, [noise] stripped',
			'0002.transcript.json',
			[
				{
					speaker_role: 'agent',
					channel_index: 2,
					start_ms: 1669,
					offset_ms: 3720,
					duration_ms: 2670,
					human_transcript: 'hello [noise] this is harper valley',
					transcript: 'hello mr harper'
				}
			],
			[['0002', 'agent', 'hello this is harper valley', 1.669, 4.339]]
		],
		[
			'STC3: list of {id, turns: [{sender, utterances}]}, zh utterances joined without a space',
			'stc3.json',
			[
				{
					id: '42',
					turns: [
						{ sender: 'customer', utterances: ['联通你好', '在吗'] },
						{ sender: 'helpdesk', utterances: ['', '小u来了'] }
					]
				}
			],
			[
				['42', 'customer', '联通你好在吗', null, null],
				['42', 'helpdesk', '小u来了', null, null]
			]
		],
		[
			'MobileCS v1: list of lists of [SPEAKER 1]/[SPEAKER 2] pairs, ids from the file stem',
			'mcs.json',
			[[{ '[SPEAKER 1]': '您好', '[SPEAKER 2]': '你好', 客服意图: '问候' }], [{ '[SPEAKER 1]': '请讲', '[SPEAKER 2]': '查话费' }]],
			[
				['mcs#1', '[SPEAKER 1]', '您好', null, null],
				['mcs#1', '[SPEAKER 2]', '你好', null, null],
				['mcs#2', '[SPEAKER 1]', '请讲', null, null],
				['mcs#2', '[SPEAKER 2]', '查话费', null, null]
			]
		],
		[
			'MobileCS v2: list of {id, content: [pairs]}',
			'v2.json',
			[{ id: 'ab', content: [{ '[SPEAKER 1]': '你好', '[SPEAKER 2]': '唉你好' }] }],
			[
				['ab', '[SPEAKER 1]', '你好', null, null],
				['ab', '[SPEAKER 2]', '唉你好', null, null]
			]
		],
		[
			'KddRES: object keyed by dialogue id with messages {role, content}',
			'k.json',
			{
				'717': {
					goal: [['餐館', '評分', 'none', false]],
					messages: [
						{ content: '歡迎光臨!', role: 'sys' },
						{ content: '你好', role: 'user' }
					]
				}
			},
			[
				['717', 'sys', '歡迎光臨!', null, null],
				['717', 'user', '你好', null, null]
			]
		],
		[
			'ABCD: convo_id with original [role, text] pairs preferred over delexed',
			'abcd.json',
			[
				{
					convo_id: 3592,
					original: [
						['agent', 'Hi!'],
						['action', 'Searching...']
					],
					delexed: [{ speaker: 'agent', text: 'hi!' }]
				}
			],
			[
				['3592', 'agent', 'Hi!', null, null],
				['3592', 'action', 'Searching...', null, null]
			]
		],
		[
			'Azure conversation request: analysisInput.conversations[].conversationItems',
			'az.json',
			{
				displayName: 'x',
				analysisInput: {
					conversations: [{ id: 'conv1', language: 'en', conversationItems: [{ participantId: 'Agent', id: '1', text: 'Hello' }] }]
				}
			},
			[['conv1', 'Agent', 'Hello', null, null]]
		]
	])('%s', (_what, name, json, expected) => {
		expect(rows(name, json)).toEqual(expected);
	});

	it('rejects empty turns with their line and dialogue path, and loads the rest', () => {
		const text =
			'[\n {"id": "d1", "turns": [\n  {"sender": "customer", "utterances": ["hi"]},\n  {"sender": "helpdesk", "utterances": [""]}\n ]},\n {"id": "d2", "turns": [{"sender": "customer", "utterances": ["yo"]}]}\n]';
		const t = parseTranscript('s.json', text);
		expect(t.errors).toMatchObject([{ line: 4, reason: 'dialogue 1 (d1), turn 2: empty text' }]);
		expect([t.rows_total, t.calls.length]).toEqual([3, 2]);
	});

	it('joins English utterances with a space and Chinese without', () => {
		expect(joinUtterances(['Hello!', ' Where are you? ', '', '好的', '谢谢'])).toBe('Hello! Where are you?好的谢谢');
	});
});
