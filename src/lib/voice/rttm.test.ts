// RTTM (diarisation output: who spoke when, no words) imports as the voice activity of its call instead of being
// rejected: the call is found by the file name like its recording's, speakers map by role words or "who speaks
// first", and the audio figures follow.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { detectFile, importFiles } from '../import/pipeline';
import { getCallAudio } from './activity-sql';
import { mapRttmSpeakers, parseRttm } from './rttm';

const bytes = (s: string) => new TextEncoder().encode(s);
// The shape pyannote writes: recording id "sample", two anonymous speakers, overlapping turns.
const PYANNOTE = `SPEAKER sample 1 6.690 0.430 <NA> <NA> speaker90 <NA> <NA>
SPEAKER sample 1 7.550 0.800 <NA> <NA> speaker91 <NA> <NA>
SPEAKER sample 1 8.320 1.700 <NA> <NA> speaker90 <NA> <NA>
SPEAKER sample 1 18.050 3.440 <NA> <NA> speaker90 <NA> <NA>
SPEAKER sample 1 18.150 0.440 <NA> <NA> speaker91 <NA> <NA>
SPEAKER sample 1 21.780 6.720 <NA> <NA> speaker91 <NA> <NA>
SPEAKER sample 1 27.850 2.150 <NA> <NA> speaker90 <NA> <NA>
`;

describe('parseRttm', () => {
	it('reads SPEAKER lines, counts other record types, and names the lines it cannot read', () => {
		const p = parseRttm(
			`;; a comment\nSPKR-INFO sample 1 <NA> <NA> <NA> unknown speaker90 <NA> <NA>\n${PYANNOTE}SPEAKER sample 1 x 0.4 <NA> <NA> s <NA> <NA>\nhello\n`
		);
		expect(p.turns).toHaveLength(7);
		expect(p.turns[0]).toEqual({ recording: 'sample', speaker: 'speaker90', start_s: 6.69, end_s: 7.12, line: 3 });
		expect([...p.skipped]).toEqual([['SPKR-INFO', 1]]);
		expect(p.errors.map((e) => e.line)).toEqual([10, 11]);
	});

	it.each([
		{ names: ['speaker90', 'speaker91'], rule: 'first_speaker', roles: ['agent', 'customer'] },
		{ names: ['customer', 'agent'], rule: 'label', roles: ['customer', 'agent'] }
	])('maps $names by $rule', ({ names, rule, roles }) => {
		const turns = names.map((speaker, i) => ({ recording: 'r', speaker, start_s: i, end_s: i + 1, line: i + 1 }));
		expect(mapRttmSpeakers(turns)).toEqual({ rule, map: names.map((label, i) => ({ label, role: roles[i] })) });
	});
});

describe('importing an RTTM file', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
	});

	it('is voice activity, not a rejected transcript', () => {
		expect(detectFile({ name: 'x.rttm', bytes: bytes(PYANNOTE) })).toEqual({ kind: 'voice_activity', format: 'rttm' });
	});

	it('becomes the voice activity of the call its recording belongs to (pyannote_sample_2spk_mono16k.wav ↔ pyannote_sample_2spk.rttm)', async () => {
		const wav = new Uint8Array(44 + 16000);
		wav.set(bytes('RIFF'), 0);
		new DataView(wav.buffer).setUint32(4, 36 + 16000, true);
		wav.set(bytes('WAVEfmt '), 8);
		const v = new DataView(wav.buffer);
		v.setUint32(16, 16, true);
		v.setUint16(20, 1, true);
		v.setUint16(22, 1, true);
		v.setUint32(24, 16000, true);
		v.setUint32(28, 32000, true);
		v.setUint16(32, 2, true);
		v.setUint16(34, 16, true);
		wav.set(bytes('data'), 36);
		v.setUint32(40, 16000, true);
		const { files } = await importFiles(db, [
			{ name: 'pyannote_sample_2spk.rttm', bytes: bytes(PYANNOTE) },
			{ name: 'pyannote_sample_2spk_mono16k.wav', bytes: wav }
		]);
		const [rttm, rec] = files;
		expect(rec.audio?.call_id).toBe('pyannote_sample_2spk');
		expect(rttm).toMatchObject({
			kind: 'voice_activity',
			format: 'rttm',
			rows_total: 7,
			rows_loaded: 7,
			rows_rejected: 0,
			speaker_rule: 'first_speaker'
		});
		expect(rttm.speaker_map).toEqual([
			{ label: 'speaker90', role: 'agent' },
			{ label: 'speaker91', role: 'customer' }
		]);
		const audio = await getCallAudio(db, 'pyannote_sample_2spk');
		expect(audio).toMatchObject({ source: 'rttm', status: 'done', overlap_n: 2, agent_over_n: 1, customer_over_n: 1 });
		expect(audio?.agent_talk_s).toBeCloseTo(0.43 + 1.7 + 3.44 + 2.15, 6);
		expect(audio?.customer_talk_s).toBeCloseTo(0.8 + 0.44 + 6.72, 6);
	});

	it('rejects a file without SPEAKER lines with the reason', async () => {
		const { files } = await importFiles(db, [
			{ name: 'empty.rttm', bytes: bytes('SPKR-INFO sample 1 <NA> <NA> <NA> unknown s1 <NA> <NA>\n') }
		]);
		expect(files[0].errors.map((e) => e.reason)).toEqual(['no SPEAKER lines: the file holds no speech turns']);
	});
});
