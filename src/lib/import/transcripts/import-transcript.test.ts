import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../db/test-db';
import { ensureSchema } from '../../db/schema';
import { importTranscript } from './import-transcript';

const enc = (s: string) => new TextEncoder().encode(s);

describe('importTranscript', () => {
	it('loads segments with mapped roles, reports rejects, and replaces a call on re-import', async () => {
		const db = await createTestDb();
		await ensureSchema(db);
		const vtt =
			'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hello, "welcome"</v>\n\n00:02.500 --> 00:03.000\n<v Customer>Hi</v>\n\n00:0x.000 --> 00:04.000\n<v Customer>lost</v>\n';
		const r = await importTranscript(db, { name: 'calls/c1.vtt', bytes: enc(vtt) });
		expect(r).toMatchObject({
			kind: 'transcript',
			format: 'webvtt',
			encoding: 'utf-8',
			rows_total: 3,
			rows_loaded: 2,
			rows_rejected: 1,
			speaker_rule: 'label'
		});
		expect(r.errors).toMatchObject([
			{ line: 9, reason: 'invalid timeframe "00:0x.000 --> 00:04.000": expected [hh:]mm:ss.mmm --> [hh:]mm:ss.mmm' }
		]);
		expect(r.speaker_map).toEqual([
			{ label: 'Agent', role: 'agent' },
			{ label: 'Customer', role: 'customer' }
		]);
		const q = () => db.query('SELECT call_id, seq, speaker, speaker_label, start_s, end_s, text, source_file FROM segments ORDER BY seq');
		expect((await q()).rows).toEqual([
			{
				call_id: 'c1',
				seq: 0,
				speaker: 'agent',
				speaker_label: 'Agent',
				start_s: 1,
				end_s: 2,
				text: 'Hello, "welcome"',
				source_file: 'calls/c1.vtt'
			},
			{
				call_id: 'c1',
				seq: 1,
				speaker: 'customer',
				speaker_label: 'Customer',
				start_s: 2.5,
				end_s: 3,
				text: 'Hi',
				source_file: 'calls/c1.vtt'
			}
		]);
		// Same call from another file: skipped by default (the earlier transcript stays, the report says why)…
		const other = { name: 'c1.json', bytes: enc('[{"speaker": "A", "text": "only"}]') };
		const skipped = await importTranscript(db, other, { overrides: { A: 'agent' } });
		expect(skipped).toMatchObject({
			rows_total: 1,
			rows_loaded: 0,
			rows_rejected: 1,
			existing: { decision: 'skipped', calls: 1, segments: 1, from: [{ file: 'calls/c1.vtt', calls: 1 }], call_ids: ['c1'] }
		});
		expect(skipped.errors).toMatchObject([
			{ line: null, code: 'kept_existing_transcripts', params: { n: 1, file: 'calls/c1.vtt', ids: 'c1' } }
		]);
		expect((await q()).rows).toHaveLength(2);
		// …replaced when asked to, and the report says so.
		const r2 = await importTranscript(db, other, { overrides: { A: 'agent' }, onExisting: 'replace' });
		expect(r2).toMatchObject({ rows_loaded: 1, rows_rejected: 0, existing: { decision: 'replaced' } });
		expect(r2.warnings.map((w) => w.reason)).toContain(
			'replaced the segments of 1 call(s) loaded earlier from calls/c1.vtt (same call ids)'
		);
		expect((await q()).rows).toEqual([
			{ call_id: 'c1', seq: 0, speaker: 'agent', speaker_label: 'A', start_s: null, end_s: null, text: 'only', source_file: 'c1.json' }
		]);
		// The same file again replaces its own call without asking.
		const again = await importTranscript(
			db,
			{ name: 'c1.json', bytes: enc('[{"speaker": "A", "text": "again"}]') },
			{ overrides: { A: 'agent' } }
		);
		expect(again).toMatchObject({ rows_loaded: 1, rows_rejected: 0 });
		expect(again.existing).toBeUndefined();
		expect((await q()).rows.map((r) => r.text)).toEqual(['again']);
		await db.close();
	});

	it('decodes GB18030 and a UTF-8 BOM; a rejected file loads nothing and says why', async () => {
		const db = await createTestDb();
		// "客服" / "您好" in GB18030
		const gb = new Uint8Array([
			...enc('[{"speaker": "'),
			0xbf,
			0xcd,
			0xb7,
			0xfe,
			...enc('", "text": "'),
			0xc4,
			0xfa,
			0xba,
			0xc3,
			...enc('"}]')
		]);
		const r = await importTranscript(db, { name: 'g.json', bytes: gb });
		expect([r.encoding, r.rows_loaded, r.speaker_map]).toEqual(['gb18030', 1, [{ label: '客服', role: 'agent' }]]);
		const bom = await importTranscript(db, { name: 'b.vtt', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...enc('WEBVTT\n')]) });
		expect(bom).toMatchObject({
			encoding: 'utf-8-bom',
			rows_loaded: 0,
			errors: [{ line: null, reason: 'no cues: the file holds only a header' }]
		});
		await db.close();
	});
});
