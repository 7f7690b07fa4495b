import { describe, expect, it } from 'vitest';
import { parseTranscript } from './sniff';

const voice = (tail: string) => `{
  "Version": "VOICE-2022-11-30",
  "Channel": "VOICE",
  "Transcript": [
    {"BeginOffsetMillis": 0, "EndOffsetMillis": 90, "Content": "Okay.", "ParticipantId": "AGENT"},
    {"BeginOffsetMillis": 22610, "EndOffsetMillis": 24140, "Content": "Thanks", "ParticipantId": "CUSTOMER"},
    {"BeginOffsetMillis": 24120, "EndOffsetMillis": 25000, "Content": "  ", "ParticipantId": "AGENT"}
  ]
${tail}`;

describe('Contact Lens / Call Analytics JSON', () => {
	it.each([
		['valid', '}', []],
		[
			'one surplus closing brace (as AWS publishes the example)',
			'}\n}',
			[{ line: 10, reason: 'ignored 1 surplus closing bracket after the end of the JSON document' }]
		]
	])('loads voice turns with offsets in ms, overlap kept, empty turn rejected with its line: %s', (_what, tail, tolerated) => {
		const t = parseTranscript('contact.json', voice(tail));
		expect(t.format).toBe('contact_lens');
		expect(t.calls[0].call_id).toBe('contact');
		expect(t.calls[0].segments.map((s) => [s.speaker_label, s.start_s, s.end_s, s.text, s.line])).toEqual([
			['AGENT', 0, 0.09, 'Okay.', 5],
			['CUSTOMER', 22.61, 24.14, 'Thanks', 6]
		]);
		expect(t.errors).toMatchObject([{ line: 7, reason: 'turn 3: empty text' }]);
		expect(t.warnings).toMatchObject(tolerated);
		expect(t.rows_total).toBe(3);
	});

	it('chat: ContactId as call id, times relative to the first item, end null, events skipped and counted', () => {
		const chat = {
			Channel: 'CHAT',
			Version: 'CHAT-2022-11-30',
			CustomerMetadata: { ContactId: 'b496' },
			Transcript: [
				{
					AbsoluteTime: '2022-10-27T03:31:50.735Z',
					ContentType: 'application/vnd.amazonaws.connect.event.participant.joined',
					ParticipantRole: 'CUSTOMER',
					Type: 'EVENT'
				},
				{ AbsoluteTime: '2022-10-27T03:31:53.390Z', Content: 'In queue.', ParticipantRole: 'SYSTEM', Type: 'MESSAGE' },
				{ AbsoluteTime: '2022-10-27T03:32:03.462Z', Content: 'Hello, this is Jane.', ParticipantRole: 'AGENT', Type: 'MESSAGE' },
				{ AbsoluteTime: '2022-10-27T03:34:43.192Z', ContentType: 'application/vnd.amazonaws.connect.event.chat.ended', Type: 'EVENT' }
			]
		};
		const t = parseTranscript('chat.json', JSON.stringify(chat, null, 1));
		expect(t.calls[0].call_id).toBe('b496');
		expect(t.calls[0].segments.map((s) => [s.speaker_label, s.start_s, s.end_s, s.text])).toEqual([
			['SYSTEM', 2.655, null, 'In queue.'],
			['AGENT', 12.727, null, 'Hello, this is Jane.']
		]);
		expect(t.rows_total).toBe(2);
		expect(t.warnings.map((w) => w.reason)).toEqual([
			'2 chat event(s) (participant joined/left, chat ended) are not messages and were skipped'
		]);
	});

	it('tolerates a // comment outside strings and keeps "//" inside strings', () => {
		const t = parseTranscript(
			'r.json',
			'{"Version": "VOICE-1", // note\n "Transcript": [{"BeginOffsetMillis": 0, "EndOffsetMillis": 1, "Content": "see http://x", "ParticipantId": "AGENT"}]}'
		);
		expect(t.calls[0].segments[0].text).toBe('see http://x');
		expect(t.warnings).toMatchObject([{ line: 1, reason: 'ignored a // comment (not allowed in JSON)' }]);
	});
});
