import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeWasmDb } from '../db/node-wasm';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { importRecording, recordingSummary, rematchRecordings, setStoredIn } from './import-recording';

/** A silent 16-bit PCM WAV. */
function wav(channels: number, rate: number, seconds: number): Uint8Array {
	const dataBytes = Math.round(rate * seconds) * channels * 2;
	const out = new Uint8Array(44 + dataBytes);
	const v = new DataView(out.buffer);
	const put = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
	put(0, 'RIFF');
	v.setUint32(4, 36 + dataBytes, true);
	put(8, 'WAVEfmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, 1, true);
	v.setUint16(22, channels, true);
	v.setUint32(24, rate, true);
	v.setUint32(28, rate * channels * 2, true);
	v.setUint16(32, channels * 2, true);
	v.setUint16(34, 16, true);
	put(36, 'data');
	v.setUint32(40, dataBytes, true);
	return out;
}

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
		db = await createNodeWasmDb();
		await ensureSchema(db);
		await db.query(`INSERT INTO calls (call_id, recording) VALUES
			('C20260803-000123', NULL), ('C20260803-000124', 'monday/rec-0007.wav'), ('C20260803-000125', NULL)`);
	});
	afterEach(async () => db.close());

	it('loads one row with duration, channels, rate, channel map and size for a file named after its call', async () => {
		const bytes = wav(2, 8000, 1.5);
		const report = await importRecording(db, { name: 'C20260803-000123.wav', bytes });
		expect(report).toMatchObject({ kind: 'recording', format: 'wav', rows_total: 1, rows_loaded: 1, rows_rejected: 0, errors: [], warnings: [] });
		expect(await rows(db)).toEqual([{
			call_id: 'C20260803-000123', file: 'C20260803-000123.wav', duration_s: 1.5, channels: 2, sample_rate: 8000,
			channel_map: 'agent,customer', format: 'wav', size_bytes: bytes.length, stored_in: 'none'
		}]);
	});

	it('matches by calls.recording, then by the call id inside the name', async () => {
		await importRecording(db, { name: 'rec-0007.wav', bytes: wav(1, 8000, 1) });
		await importRecording(db, { name: 'rec_C20260803-000125_agent.wav', bytes: wav(1, 8000, 1) });
		expect((await rows(db)).map((r) => [r.file, r.call_id, r.channel_map])).toEqual([
			['rec-0007.wav', 'C20260803-000124', 'mixed'],
			['rec_C20260803-000125_agent.wav', 'C20260803-000125', 'agent']
		]);
	});

	it('loads a recording whose call is not loaded yet with a warning, and moves it once the call log arrives', async () => {
		const report = await importRecording(db, { name: 'Z-77_caller.wav', bytes: wav(1, 8000, 1) });
		expect(report.rows_loaded).toBe(1);
		expect(report.warnings).toMatchObject([{ line: null, reason: 'no call with id Z-77 in the loaded call logs yet' }]);
		await db.query(`INSERT INTO calls (call_id) VALUES ('Z-77')`);
		expect(await rematchRecordings(db)).toBe(0); // already keyed Z-77: nothing to move
		await importRecording(db, { name: 'x_C20260803-999999.wav', bytes: wav(1, 8000, 1) });
		await db.query(`INSERT INTO calls (call_id) VALUES ('C20260803-999999')`);
		expect(await rematchRecordings(db)).toBe(1);
		expect((await rows(db)).map((r) => r.call_id)).toEqual(['Z-77', 'C20260803-999999']);
	});

	it('rejects a corrupt file with the reason and inserts nothing', async () => {
		const report = await importRecording(db, { name: 'C20260803-000123.wav', bytes: new Uint8Array([0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4]) });
		expect(report).toMatchObject({ format: 'wav', rows_total: 1, rows_loaded: 0, rows_rejected: 1 });
		expect(report.errors).toMatchObject([{ line: null, reason: 'no RIFF header (file starts with 0x12 0x34 0x56 0x78): not a WAV file or the header is missing' }]);
		expect(await rows(db)).toEqual([]);
	});

	it('rejects a transcript dropped in with the audio', async () => {
		const report = await importRecording(db, { name: 'sample.rttm', bytes: new TextEncoder().encode('SPEAKER sample 1 6.690 0.430 <NA> <NA> spk <NA> <NA>\n') });
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
			files: 2, matched: 1, unmatched: 1, calls_with_audio: 1, total_duration_s: 3, stored_opfs: 0, stored_folder: 1, stored_none: 1
		});
	});
});
