import { describe, expect, it } from 'vitest';
import { parseTranscript } from './sniff';

const word = (w: string, s: string, e: string, extra: object = {}) => ({
	start_time: s,
	end_time: e,
	alternatives: [{ confidence: '1.0', content: w }],
	type: 'pronunciation',
	...extra
});
const punct = (p: string, extra: object = {}) => ({ alternatives: [{ confidence: '0.0', content: p }], type: 'punctuation', ...extra });

describe('Amazon Transcribe JSON', () => {
	it.each([
		[
			'speaker_labels: words assigned to speaker segments by time, string times',
			{
				results: {
					transcripts: [{ transcript: 'On hold. Sorry.' }],
					speaker_labels: {
						speakers: 2,
						segments: [
							{ start_time: '4.87', end_time: '6.0', speaker_label: 'spk_0' },
							{ start_time: '8.49', end_time: '9.24', speaker_label: 'spk_1' }
						]
					},
					items: [word('On', '4.87', '5.0'), word('hold', '5.0', '5.9'), punct('.'), word('Sorry', '8.5', '9.2'), punct('.')]
				}
			},
			'first_speaker',
			[
				['spk_0', null, 4.87, 6, 'On hold.'],
				['spk_1', null, 8.49, 9.24, 'Sorry.']
			]
		],
		[
			'channel_labels: one sentence per segment, channels merged by time',
			{
				results: {
					transcripts: [],
					channel_labels: {
						channels: [
							{ channel_label: 'ch_1', items: [word('Sorry', '8.5', '9.2', { channel_label: 'ch_1' }), punct('.')] },
							{ channel_label: 'ch_0', items: [word('Hi', '1', '1.5'), punct('.'), word('Hold', '2', '3'), punct('?')] }
						],
						number_of_channels: 2
					},
					items: []
				}
			},
			'channel',
			[
				['ch_0', 'ch_0', 1, 1.5, 'Hi.'],
				['ch_0', 'ch_0', 2, 3, 'Hold?'],
				['ch_1', 'ch_1', 8.5, 9.2, 'Sorry.']
			]
		],
		[
			'no labels: sentences from items, speaker unknown',
			{ results: { transcripts: [{ transcript: 'Hi. Bye' }], items: [word('Hi', '1.24', '1.5'), punct('.'), word('Bye', '2', '2.5')] } },
			'label',
			[
				['unknown', null, 1.24, 1.5, 'Hi.'],
				['unknown', null, 2, 2.5, 'Bye']
			]
		]
	])('%s', async (_what, json, rule, expected) => {
		const t = parseTranscript('job.json', JSON.stringify(json));
		expect(t.format).toBe('transcribe');
		expect(t.errors).toEqual([]);
		expect(t.calls[0].call_id).toBe('job');
		expect(t.calls[0].segments.map((s) => [s.speaker_label, s.channel, s.start_s, s.end_s, s.text])).toEqual(expected);
		const { mapSpeakers } = await import('./speakers');
		expect(mapSpeakers(t).rule).toBe(rule);
	});

	it('rejects Call Analytics output with "..." elisions, naming line:column', () => {
		const t = parseTranscript(
			'ca.json',
			'{\n  "JobStatus": "COMPLETED",\n  "Transcript": [\n    {"Content": "hi", "ParticipantRole": "AGENT",\n     ...\n    }\n  ]\n}'
		);
		expect(t.format).toBe('transcribe_call_analytics');
		expect(t.errors).toMatchObject([{ line: 5, reason: 'invalid JSON at line 5:6: expected a "key" but found "..."' }]);
	});
});
