import { describe, expect, it } from 'vitest';
import { describeJson, parseTranscript, sniffTranscript } from './sniff';

describe('sniffTranscript', () => {
	it.each([
		['a.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nhi', 'webvtt'],
		['noext', '\uFEFFWEBVTT\n', 'webvtt'],
		['empty.vtt', '', 'webvtt'],
		['a.txt', '1\n00:00:01,000 --> 00:00:02,000\nhi', 'srt'],
		['a.stm', 'rec 1 A 0.5 1.0 hi', 'stm'],
		['a.rttm', 'SPEAKER rec 1 0.5 0.4 <NA> <NA> s1 <NA> <NA>', 'rttm'],
		['t.json', '{"results": {"transcripts": [], "items": []}}', 'transcribe'],
		['c.json', '{"Version": "VOICE-2022-11-30", "Transcript": [{"ParticipantId": "AGENT", "Content": "x"}]}', 'contact_lens'],
		['c.json', '{"Transcript": [{"ParticipantRole": "AGENT", "Content": "x"}], ...}', 'transcribe_call_analytics'],
		['t.json', '[{"role": "agent", "content": "hi"}]', 'json_turns'],
		['b.json', '{"recognizedPhrases": [], "combinedRecognizedPhrases": []}', 'azure_batch_transcription'],
		['complaints.json', '[{"title": "t", "content": "c", "time": "", "href": "h"}]', null],
		['calls.csv', 'call_id,agent\n1,a', null],
		['meta.json', '{"agent": {"arrival_time_ms": 1}, "caller": {"arrival_time_ms": 2}}', null]
	])('%s → %s', (name, text, format) => {
		expect(sniffTranscript(name, text)).toBe(format);
	});
});

describe('describeJson and whole-file rejections', () => {
	it.each([
		[
			'h.metadata.json',
			'{"agent": {"arrival_time_ms": 1, "hangup_time_ms": 2}, "caller": {"arrival_time_ms": 1}}',
			/^Harper Valley call metadata .*not a transcript/
		],
		[
			'c.json',
			'[{"title": "t", "content": "c", "href": "h"}]',
			/^JSON complaints list \(1 items with title, content, href\), not a transcript: use the complaints CSV export$/
		],
		['x.json', '{"foo": 1}', /^JSON object with foo: not a transcript format we know/],
		['x.json', '{"foo": 1,}', /^x\.json: invalid JSON at line 1:11/]
	])('%s', (name, text, reason) => {
		expect(describeJson(name, text)).toMatch(reason);
		const t = parseTranscript(name, text);
		expect(t.calls).toEqual([]);
		expect(t.errors[0].reason).toMatch(reason);
	});

	it('rejects Azure batch transcription output with what to do instead', () => {
		const t = parseTranscript('b.json', '{"recognizedPhrases": [{"speaker": 1}]}');
		expect(t.errors[0].reason).toMatch(/^Azure batch transcription output is not supported; export .* as WebVTT, or as JSON turns/);
	});
});
