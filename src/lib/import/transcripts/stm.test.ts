import { describe, expect, it } from 'vitest';
import { isRttm, isStm, parseStm } from './stm';
import { parseTranscript } from './sniff';

describe('STM and RTTM', () => {
	const stm = ';; comment\nrec 1 Diane 6.68 7.16 Hello?\nrec 1 Sheila 7.634 8.155 <o,f0,female> Hello?\nrec 1 Diane 8.4 8.9\n';

	it('reads STM lines with times, channel and an optional <labels> field; rejects a line without words', () => {
		const t = parseStm('audio/pair.stm', stm);
		expect(t.calls[0].call_id).toBe('pair');
		expect(t.calls[0].segments.map((s) => [s.speaker_label, s.channel, s.start_s, s.end_s, s.text, s.line])).toEqual([
			['Diane', '1', 6.68, 7.16, 'Hello?', 2],
			['Sheila', '1', 7.634, 8.155, 'Hello?', 3]
		]);
		expect(t.errors).toMatchObject([{ line: 4, reason: 'empty text' }]);
	});

	it('gives one call per recording id when an STM covers several', () => {
		const t = parseStm('all.stm', 'a 1 X 0 1 hi\nb 1 Y 0 1 yo\n');
		expect(t.calls.map((c) => c.call_id)).toEqual(['a', 'b']);
	});

	it('tells RTTM from STM and rejects RTTM with the reason', () => {
		const rttm = 'SPEAKER sample 1 6.690 0.430 <NA> <NA> speaker90 <NA> <NA>\n';
		expect([isRttm(rttm), isStm(rttm), isRttm(stm), isStm(stm)]).toEqual([true, false, false, true]);
		expect(parseTranscript('x.rttm', rttm).errors).toMatchObject([
			{ line: null, reason: 'RTTM holds speaker turns without words: it is imported as voice activity, not as a transcript' }
		]);
	});
});
