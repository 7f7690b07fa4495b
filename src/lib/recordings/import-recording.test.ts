import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { importRecording, recordingSummary, rematchRecordings, setStoredIn } from './import-recording';
import { silentWav } from '../voice/test-audio';

const wav = (channels: number, rate: number, seconds: number) => silentWav(channels, seconds, rate);

interface RecordingRow {
	call_id: string;
	file: string;
	duration_s: number;
	channels: number;
	sample_rate: number;
	channel_map: string;
	format: string;
	size_bytes: number;
	stored_in: string;
}

const rows = async (db: Db) => (await db.query<RecordingRow>('SELECT * FROM recordings ORDER BY file')).rows;

describe('importRecording', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await db.query(`INSERT INTO calls (call_id, recording) VALUES
			('C20260803-000123', NULL), ('C20260803-000124', 'monday/rec-0007.wav'), ('C20260803-000125', NULL)`);
	});
	afterEach(async () => db.close());

	it('loads one row with duration, channels, rate, channel map and size for a file named after its call', async () => {
		const bytes = wav(2, 8000, 1.5);
		const report = await importRecording(db, { name: 'C20260803-000123.wav', bytes });
		expect(report).toMatchObject({
			kind: 'recording',
			format: 'wav',
			rows_total: 1,
			rows_loaded: 1,
			rows_rejected: 0,
			errors: [],
			warnings: []
		});
		expect(await rows(db)).toEqual([
			{
				call_id: 'C20260803-000123',
				file: 'C20260803-000123.wav',
				duration_s: 1.5,
				channels: 2,
				sample_rate: 8000,
				channel_map: 'agent,customer',
				format: 'wav',
				size_bytes: bytes.length,
				stored_in: 'none'
			}
		]);
	});

	it('matches by calls.recording, then by the call id inside the name', async () => {
		await importRecording(db, { name: 'rec-0007.wav', bytes: wav(1, 8000, 1) });
		await importRecording(db, { name: 'rec_C20260803-000125_agent.wav', bytes: wav(1, 8000, 1) });
		expect((await rows(db)).map((r) => [r.file, r.call_id, r.channel_map])).toEqual([
			['rec-0007.wav', 'C20260803-000124', 'mixed'],
			['rec_C20260803-000125_agent.wav', 'C20260803-000125', 'agent']
		]);
	});

	it('makes a recording whose call is not loaded its own call, and moves it to the call a call log names later', async () => {
		const report = await importRecording(db, { name: 'Z-77_caller.wav', bytes: wav(1, 8000, 1) });
		expect(report).toMatchObject({ rows_loaded: 1, calls_created: 1 });
		expect(report.warnings).toMatchObject([{ line: null, code: 'no_call_yet', params: { id: 'Z-77' } }]);
		const call = async (id: string) =>
			(await db.query('SELECT call_id, channel, origin, source_file FROM calls WHERE call_id = ?', [id])).rows;
		expect(await call('Z-77')).toEqual([{ call_id: 'Z-77', channel: 'phone', origin: 'recording', source_file: 'Z-77_caller.wav' }]);
		// The other half of the pair joins the same call, whatever else its name holds.
		const pair = await importRecording(db, { name: 'Z-77_agent_8k.wav', bytes: wav(1, 8000, 1) });
		expect([pair.audio?.call_id, pair.audio?.channel_map, pair.calls_created ?? 0]).toEqual(['Z-77', 'agent', 0]);
		expect(await rematchRecordings(db)).toBe(0); // no call log names them: nothing moves

		await importRecording(db, { name: 'x_C20260803-999999.wav', bytes: wav(1, 8000, 1) });
		expect(await call('x_C20260803-999999')).toHaveLength(1);
		await db.query(`INSERT INTO calls (call_id) VALUES ('C20260803-999999')`);
		expect(await rematchRecordings(db)).toBe(1);
		expect((await rows(db)).map((r) => r.call_id)).toEqual(['Z-77', 'Z-77', 'C20260803-999999']);
		// The call only that recording made is gone; the moved recording's call is marked for re-scoring.
		expect(await call('x_C20260803-999999')).toEqual([]);
		const dirty = (await db.query<{ call_id: string }>('SELECT DISTINCT call_id FROM score_dirty ORDER BY 1')).rows.map((r) => r.call_id);
		expect(dirty).toContain('C20260803-999999');
	});

	it('keeps a derived stereo file and the mono pair it was made from apart, in either import order', async () => {
		const files = ['DERIVED_lca_40_UTC_stereo_ch1agent_ch2caller_8k.wav', 'lca_40_UTC_agent_8k_mono.wav', 'lca_40_UTC_caller_8k_mono.wav'];
		for (const order of [files, [...files].reverse()]) {
			await db.query('DELETE FROM recordings; DELETE FROM calls');
			for (const name of order) await importRecording(db, { name, bytes: wav(name.includes('stereo') ? 2 : 1, 8000, 1) });
			const got = (await db.query<{ call_id: string; channel_map: string }>('SELECT call_id, channel_map FROM recordings ORDER BY file'))
				.rows;
			expect(got.map((r) => [r.call_id, r.channel_map])).toEqual([
				['DERIVED_lca_40_UTC', 'agent,customer'],
				['lca_40_UTC', 'agent'],
				['lca_40_UTC', 'customer']
			]);
		}
	});

	it('joins a transcript’s call by its key, but never by a plain word taken from a transcript’s file name', async () => {
		await db.query(`INSERT INTO calls (call_id, origin) VALUES ('sample', 'transcript'), ('pyannote_2spk', 'transcript')`);
		await importRecording(db, { name: 'azure_zhcn_sample_mono16k.wav', bytes: wav(1, 8000, 1) });
		await importRecording(db, { name: 'pyannote_2spk_mono16k.wav', bytes: wav(1, 8000, 1) });
		const sample = await importRecording(db, { name: 'sample_agent.wav', bytes: wav(1, 8000, 1) });
		expect([sample.audio?.call_id, sample.calls_created ?? 0]).toEqual(['sample', 0]);
		expect((await rows(db)).map((r) => [r.file, r.call_id])).toEqual([
			['azure_zhcn_sample_mono16k.wav', 'azure_zhcn_sample'], // its own call: the key drops the mono16k suffix, never 'sample'
			['pyannote_2spk_mono16k.wav', 'pyannote_2spk'],
			['sample_agent.wav', 'sample']
		]);
	});

	it('takes a start time and agent from a PCA-style name for the call it creates', async () => {
		await importRecording(db, { name: 'pca_Auto0_GUID_000_AGENT_ChrisL_DT_2025-02-19T06-01-22_Mono.wav', bytes: wav(1, 8000, 1) });
		const { rows: calls } = await db.query(
			"SELECT call_id, agent_id, CAST(started_at AS VARCHAR) AS started_at FROM calls WHERE origin = 'recording'"
		);
		expect(calls).toEqual([
			{ call_id: 'pca_Auto0_GUID_000_AGENT_ChrisL_DT_2025-02-19T06-01-22', agent_id: 'ChrisL', started_at: '2025-02-19 06:01:22' }
		]);
	});

	it('rejects a corrupt file with the reason and inserts nothing', async () => {
		const report = await importRecording(db, { name: 'C20260803-000123.wav', bytes: new Uint8Array([0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4]) });
		expect(report).toMatchObject({ format: 'wav', rows_total: 1, rows_loaded: 0, rows_rejected: 1 });
		expect(report.errors).toMatchObject([
			{ line: null, reason: 'no RIFF header (file starts with 0x12 0x34 0x56 0x78): not a WAV file or the header is missing' }
		]);
		expect(await rows(db)).toEqual([]);
	});

	it('rejects a transcript dropped in with the audio', async () => {
		const report = await importRecording(db, {
			name: 'sample.rttm',
			bytes: new TextEncoder().encode('SPEAKER sample 1 6.690 0.430 <NA> <NA> spk <NA> <NA>\n')
		});
		expect(report).toMatchObject({ format: null, rows_rejected: 1 });
		expect(report.errors[0].reason).toMatch(/not an audio file.*\.rttm/);
	});

	it('replaces the earlier row when the same file is imported again and keeps where the audio is stored', async () => {
		await importRecording(db, { name: 'C20260803-000123.wav', bytes: wav(1, 8000, 1) });
		await setStoredIn(db, 'C20260803-000123.wav', 'opfs');
		await importRecording(db, { name: 'C20260803-000123.wav', bytes: wav(1, 16000, 2) });
		expect((await rows(db)).map((r) => [r.duration_s, r.sample_rate, r.stored_in])).toEqual([[2, 16000, 'opfs']]);
	});

	it('summarises matched, unmatched and stored recordings', async () => {
		await importRecording(db, { name: 'C20260803-000123.wav', bytes: wav(1, 8000, 1) });
		await importRecording(db, { name: 'nobody.wav', bytes: wav(1, 8000, 2) });
		await setStoredIn(db, 'nobody.wav', 'folder');
		expect(await recordingSummary(db)).toEqual({
			files: 2,
			matched: 1,
			unmatched: 1,
			calls_with_audio: 1,
			total_duration_s: 3,
			stored_opfs: 0,
			stored_folder: 1,
			stored_none: 1
		});
	});
});
