// The centre's time zone as a workspace setting (app_settings.centre_time_zone, an IANA name). Plain SQL over the Db
// interface; the page applies it when the workspace opens (db/workspace.svelte.ts).
import type { Db } from '../db/types';
import { isTimeZone, setCentreTimeZone } from './zone';

const KEY = 'centre_time_zone';

/** The stored zone, or null when none is set (or it is not a zone this runtime knows). */
export async function readCentreTimeZone(db: Db): Promise<string | null> {
	const { rows } = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [KEY]);
	const tz = rows[0]?.value ?? null;
	return tz && isTimeZone(tz) ? tz : null;
}

/** Stores `tz` (null: follow the browser's zone) and makes it the zone of this page. */
export async function saveCentreTimeZone(db: Db, tz: string | null): Promise<void> {
	setCentreTimeZone(tz);
	await db.batch([
		{ sql: 'DELETE FROM app_settings WHERE key = ?', params: [KEY] },
		...(tz ? [{ sql: 'INSERT INTO app_settings (key, value) VALUES (?, ?)', params: [KEY, tz] }] : [])
	]);
	await db.checkpoint();
}

/** Reads the stored zone and makes it the zone of this page (the system's when none is stored). */
export async function applyCentreTimeZone(db: Db): Promise<string | null> {
	const tz = await readCentreTimeZone(db);
	setCentreTimeZone(tz);
	return tz;
}
