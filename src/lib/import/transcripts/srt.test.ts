import { describe, expect, it } from 'vitest';
import { parseSrt } from './srt';

describe('parseSrt', () => {
	it('reads cues, strips markup, takes a Name: prefix as the speaker and leaves the rest unknown', () => {
		const t = parseSrt(
			'dir/call 7.srt',
			'1\r\n00:00:00,500 --> 00:00:07,000\r\nAgent: <i>Hello</i>,\r\nhow can I help?\r\n\r\n2\r\n00:00:07,000 --> 00:00:11,890\r\n{\\an8}I lost my card\r\n'
		);
		expect(t.errors).toEqual([]);
		expect(t.calls[0].call_id).toBe('call 7');
		expect(t.calls[0].segments.map((s) => [s.speaker_label, s.start_s, s.end_s, s.text, s.line])).toEqual([
			['Agent', 0.5, 7, 'Hello, how can I help?', 1],
			['unknown', 7, 11.89, 'I lost my card', 6]
		]);
	});

	it.each([
		[
			'a missing timeframe',
			'1\n00:00:00,500 --> 00:00:07,000\nOne\n\n2\nTwo\n\n3\n00:00:11,890 --> 00:00:16,320\nThree',
			{ line: 5, reason: 'missing timeframe: cue 2 has no "start --> end" line' }
		],
		[
			'an invalid timeframe',
			'1\n00:00:00,500 --> 00:00:07,000\nOne\n\n2\n00:00:07,000 --> 00:00:1x,890\nTwo\n\n3\n00:00:11,890 --> 00:00:16,320\nThree',
			{ line: 6, reason: 'invalid timeframe "00:00:07,000 --> 00:00:1x,890": expected hh:mm:ss,mmm --> hh:mm:ss,mmm' }
		],
		[
			'a missing caption',
			'1\n00:00:00,500 --> 00:00:07,000\nOne\n\n2\n00:00:07,000 --> 00:00:11,890\n\n\n3\n00:00:11,890 --> 00:00:16,320\nThree',
			{ line: 5, reason: 'empty text: the cue has a timeframe but no caption' }
		]
	])('rejects the cue with %s and loads the others', (_what, text, error) => {
		const t = parseSrt('c.srt', text);
		expect(t.errors).toMatchObject([error]);
		expect([t.rows_total, t.calls[0].segments.length]).toEqual([3, 2]);
	});

	it('accepts "." before the milliseconds with a warning on that line', () => {
		const t = parseSrt('c.srt', '1\n00:00:07,000 --> 00:00:11.890\nTwo');
		expect(t.calls[0].segments[0].end_s).toBe(11.89);
		expect(t.warnings).toMatchObject([
			{ line: 2, reason: '"00:00:07,000 --> 00:00:11.890" uses "." instead of "," before the milliseconds; accepted' }
		]);
	});

	it('rejects a file that does not start like SRT', () => {
		const t = parseSrt('x.srt', 'some text\n00:00:00,500 --> 00:00:07,000');
		expect(t.calls).toEqual([]);
		expect(t.errors[0].reason).toMatch(/^not an SRT file: line 1 "some text"/);
	});
});

describe('parseSrt cue by cue (issue 16)', () => {
	it('a bad first cue is rejected with its line; the file is still SRT and the other cues load', () => {
		const t = parseSrt(
			'c.srt',
			'1\n00:00:0x,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n\n3\n00:00:05,000 --> 00:00:06,000\nThree'
		);
		expect(t.errors).toMatchObject([{ line: 2, code: 'srt_invalid_timeframe' }]);
		expect(t.calls[0].segments.map((s) => s.text)).toEqual(['Two', 'Three']);
	});

	it('a cue whose times run backwards loads with a warning on its timing line', () => {
		const t = parseSrt('c.srt', '1\n00:00:10,000 --> 00:00:05,000\nhello\n\n2\n00:00:11,000 --> 00:00:12,000\nagain');
		expect(t.calls[0].segments).toHaveLength(2);
		expect(t.warnings).toMatchObject([{ line: 2, code: 'srt_ends_before_start', params: { start: 10, end: 5 } }]);
	});
});
