// The centre's time zone around midnight: today and this month, the times the app records in the workspace, and UTC
// instants from transcripts, in a zone ahead of UTC (Asia/Shanghai) and one behind it (America/Los_Angeles).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeWasmDb } from '../db/node-wasm';
import { createNativeDb } from '../../../cli/native-db';
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { centreNow, centreToday, isTimeZone, setCentreTimeZone, wallClockIn } from './zone';
import { applyCentreTimeZone, readCentreTimeZone, saveCentreTimeZone } from './settings';
import { todayIn } from '../i18n/today';
import { presetRange } from '../scope/filter';
import { setOverride } from '../review/review-sql';
import { createSession } from '../coaching/coaching-sql';
import { parseTranscript } from '../import/transcripts/sniff';

// 16:30 UTC on 31 August: already 1 September in Shanghai, still the morning of 31 August in Los Angeles.
const INSTANT = '2026-08-31T16:30:00Z';

afterEach(() => {
	setCentreTimeZone(null);
	vi.useRealTimers();
});

describe('wallClockIn', () => {
	it.each([
		[INSTANT, 'Asia/Shanghai', '2026-09-01 00:30:00'],
		[INSTANT, 'America/Los_Angeles', '2026-08-31 09:30:00'],
		[INSTANT, 'UTC', '2026-08-31 16:30:00'],
		['2026-08-31T15:59:59Z', 'Asia/Shanghai', '2026-08-31 23:59:59'],
		['2026-08-31T16:00:00Z', 'Asia/Shanghai', '2026-09-01 00:00:00'],
		['2026-11-01T06:59:59Z', 'America/Los_Angeles', '2026-10-31 23:59:59'],
		// Winter time in Los Angeles (UTC-8) after 1 November 2026.
		['2026-12-01T07:59:59Z', 'America/Los_Angeles', '2026-11-30 23:59:59'],
		['2026-12-01T08:00:00Z', 'America/Los_Angeles', '2026-12-01 00:00:00']
	])('%s in %s is %s', (instant, zone, want) => {
		expect(wallClockIn(new Date(instant), zone)).toBe(want);
	});
});

describe("today and this month follow the centre's zone", () => {
	it.each([
		['Asia/Shanghai', '2026-09-01', { from: '2026-09-01', to: '2026-09-01' }],
		['America/Los_Angeles', '2026-08-31', { from: '2026-08-01', to: '2026-08-31' }]
	])('%s', (zone, today, thisMonth) => {
		setCentreTimeZone(zone);
		const now = new Date(INSTANT);
		expect(centreToday(now)).toBe(today);
		expect(todayIn(now)).toBe(today);
		expect(presetRange('thisMonth', todayIn(now))).toEqual(thisMonth);
	});

	it('refuses a name that is not a time zone', () => {
		expect(isTimeZone('Asia/Shanghai')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(() => setCentreTimeZone('Mars/Olympus')).toThrow(/Unknown time zone/);
	});
});

describe('a UTC instant in a transcript is stored as the centre wall-clock time', () => {
	const chat = JSON.stringify({
		Channel: 'CHAT',
		Version: 'CHAT-2022-11-30',
		CustomerMetadata: { ContactId: 'c-midnight' },
		Transcript: [{ AbsoluteTime: '2026-08-31T16:30:00.000Z', Content: '您好', ParticipantRole: 'AGENT', Type: 'MESSAGE' }]
	});
	it.each([
		['Asia/Shanghai', '2026-09-01 00:30:00'],
		['America/Los_Angeles', '2026-08-31 09:30:00']
	])('%s', (zone, want) => {
		setCentreTimeZone(zone);
		expect(parseTranscript('chat.json', chat).calls[0].started_at).toBe(want);
	});
});

const backends: { name: string; db?: Db; open: () => Promise<Db> }[] = [
	{ name: 'duckdb-wasm (Node)', open: createNodeWasmDb },
	{ name: 'native DuckDB (CLI)', open: () => createNativeDb() }
];
beforeAll(async () => {
	for (const b of backends) {
		b.db = await b.open();
		await ensureSchema(b.db);
	}
});
afterAll(async () => {
	for (const b of backends) await b.db?.close();
});

describe.each(backends)('times the app records, in $name', (b) => {
	it.each([
		['Asia/Shanghai', '2026-09-01 00:30:00'],
		['America/Los_Angeles', '2026-08-31 09:30:00']
	])('a review edit and a coaching session made at 16:30 UTC in %s carry %s', async (zone, want) => {
		const db = b.db!;
		await db.query('DELETE FROM reviews; DELETE FROM review_items; DELETE FROM coaching_sessions');
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(INSTANT));
		setCentreTimeZone(zone);
		expect(centreNow()).toBe(want);
		await setOverride(db, { call_id: 'c1', rubric_id: 'r', rubric_version: 1 }, 'greeting', 'fail', 'no greeting');
		await createSession(db, { title: 't', audience: null, notes: null });
		const { rows } = await db.query<{ r: string; i: string; s: string }>(
			`SELECT (SELECT CAST(updated_at AS VARCHAR) FROM reviews) AS r, (SELECT CAST(updated_at AS VARCHAR) FROM review_items) AS i,
				(SELECT CAST(created_at AS VARCHAR) FROM coaching_sessions) AS s`
		);
		expect(rows[0]).toEqual({ r: want, i: want, s: want });
	});

	it('keeps the zone in the workspace', async () => {
		const db = b.db!;
		expect(await readCentreTimeZone(db)).toBeNull();
		await saveCentreTimeZone(db, 'America/Los_Angeles');
		setCentreTimeZone(null);
		expect(await applyCentreTimeZone(db)).toBe('America/Los_Angeles');
		expect(centreToday(new Date(INSTANT))).toBe('2026-08-31');
		await saveCentreTimeZone(db, null);
		expect(await readCentreTimeZone(db)).toBeNull();
	});
});
