import { describe, expect, it } from 'vitest';
import { parseWebVtt, voiceRuns } from './webvtt';

const seg = (label: string, start: number | null, end: number | null, text: string, line: number) => ({
	speaker_label: label,
	start_s: start,
	end_s: end,
	text,
	line
});

describe('parseWebVtt', () => {
	it.each([
		[
			'voices, MM:SS.mmm without hours, no closing </v>',
			"WEBVTT\n\n00:11.000 --> 00:13.000\n<v Roger Bingham>We are in New York City\n\n01:02.500 --> 01:04.000 align:end size:50%\n<v Neil>Didn't we?",
			[seg('Roger Bingham', 11, 13, 'We are in New York City', 3), seg('Neil', 62.5, 64, "Didn't we?", 6)]
		],
		[
			'Teams unpadded times and overlap kept as given',
			'WEBVTT\n\n0:0:0.0 --> 0:0:0.570\n<v Yuri>There you go.</v>\n\n0:0:0.210 --> 0:0:1.130\n<v Adrian>Why hello there.</v>',
			[seg('Yuri', 0, 0.57, 'There you go.', 3), seg('Adrian', 0.21, 1.13, 'Why hello there.', 6)]
		],
		[
			'one cue, two voices → two segments with the same times; markup stripped',
			"WEBVTT\n\n00:04.000 --> 00:05.000\n<v Chris> Okay, we're <b>good</b> now.</v>\n<v Kyle> Oh, <u>now</u>?</v>",
			[seg('Chris', 4, 5, "Okay, we're good now.", 3), seg('Kyle', 4, 5, 'Oh, now?', 3)]
		],
		[
			'BOM, header metadata, NOTE, STYLE, cue ids, karaoke timestamps, classes, entities',
			'\uFEFFWEBVTT - title\nKind: captions\n\nNOTE a comment\nspanning lines\n\nSTYLE\n::cue { color: red }\n\ncue-1\n00:00:16.500 --> 00:00:18.500\nWhen the moon <00:17.500>hits <c.color>your</c> eye &amp; more',
			[seg('unknown', 16.5, 18.5, 'When the moon hits your eye & more', 10)]
		],
		[
			'<v.loud Joe>, <v> without a name, text after </v>',
			'WEBVTT\n\n00:00.000 --> 00:02.000\n<v.first.loud Joe>Hee!</v> Hee!\n\n00:03.000 --> 00:04.000\n<v>Blue tree',
			[seg('Joe', 0, 2, 'Hee! Hee!', 3), seg('unknown', 3, 4, 'Blue tree', 6)]
		],
		[
			'a Name: prefix when there are no voice tags',
			'WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: Thank you for calling.',
			[seg('Agent', 1, 2, 'Thank you for calling.', 3)]
		]
	])('%s', (_what, text, expected) => {
		const t = parseWebVtt('calls/c1.vtt', text);
		expect(t.errors).toEqual([]);
		expect(t.calls.map((c) => c.call_id)).toEqual(['c1']);
		expect(
			t.calls[0].segments.map(({ speaker_label, start_s, end_s, text, line }) => ({ speaker_label, start_s, end_s, text, line }))
		).toEqual(expected);
		expect(t.calls[0].segments.map((s) => s.seq)).toEqual(expected.map((_, i) => i));
	});

	it.each([
		[
			'an invalid timeframe',
			'WEBVTT\n\n00:00.500 --> 00:07.000\nOne\n\n00:07.000 --> 00:1d.890\nTwo',
			{ line: 6, reason: 'invalid timeframe "00:07.000 --> 00:1d.890": expected [hh:]mm:ss.mmm --> [hh:]mm:ss.mmm' }
		],
		[
			'a missing timeframe',
			'WEBVTT\n\n00:00.500 --> 00:07.000\nOne\n\nTwo',
			{ line: 6, reason: 'missing timeframe: no "start --> end" line before "Two"' }
		],
		[
			'a timing line inside cue text',
			'WEBVTT\n\n00:00.500 --> 00:07.000\n00:00.500 --> 00:07.000\nOne\n\n00:08.000 --> 00:09.000\nTwo',
			{ line: 4, reason: 'cue text holds a second timing line "00:00.500 --> 00:07.000" (a blank line is missing between cues)' }
		],
		['an empty cue', 'WEBVTT\n\n00:00.500 --> 00:07.000\n\n00:08.000 --> 00:09.000\nTwo', { line: 3, reason: 'empty text' }],
		[
			'a <v tag never closed',
			'WEBVTT\n\n00:00.000 --> 00:02.000\n<v It is a tree!\n\n00:08.000 --> 00:09.000\nTwo',
			{ line: 3, reason: 'empty text (a "<v" voice tag is never closed with ">")' }
		]
	])('rejects the cue with %s and loads the rest', (_what, text, error) => {
		const t = parseWebVtt('c.vtt', text);
		expect(t.errors).toMatchObject([error]);
		expect(t.rows_total).toBe(2);
		expect(t.calls[0].segments).toHaveLength(1);
	});

	it.each([
		['an empty file', '', 'empty file: no cues', null],
		['a header-only file', 'WEBVTT\n', 'no cues: the file holds only a header', null],
		['a file without the WEBVTT line', '00:00.500 --> 00:07.000\nOne', 'not a WebVTT file: line 1 must start with "WEBVTT"', 1]
	])('rejects %s as a whole', (_what, text, reason, line) => {
		const t = parseWebVtt('c.vtt', text);
		expect(t.calls).toEqual([]);
		expect(t.errors).toMatchObject([{ line, reason }]);
	});

	it('never keeps markup in text', () => {
		expect(voiceRuns('<v A><i>x</i> <ruby>y<rt>z</rt></ruby> <lang en>w</lang>')).toEqual([{ voice: 'A', text: 'x yz w' }]);
	});
});
