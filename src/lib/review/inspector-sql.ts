// The inspector's name this workspace's reviews are made under (app_settings.inspector_name): read by the review
// panel and the reviews page, written on the reviews page or with the first submitted review. Plain SQL over a Db.
import type { Db } from '../db/types';

export const INSPECTOR_KEY = 'inspector_name';

/** The name this workspace's reviews are made under (app_settings.inspector_name, plain text), or null. */
export async function getInspectorName(db: Db): Promise<string | null> {
	const { rows } = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [INSPECTOR_KEY]);
	return rows[0]?.value?.trim() || null;
}

/** Saves the name; reviews of this workspace that have none yet are stamped with it (they were made here). */
export async function setInspectorName(db: Db, name: string): Promise<void> {
	const v = name.trim();
	await db.query('DELETE FROM app_settings WHERE key = ?', [INSPECTOR_KEY]);
	if (v) {
		await db.query('INSERT INTO app_settings (key, value) VALUES (?, ?)', [INSPECTOR_KEY, v]);
		await db.query('UPDATE reviews SET inspector = ? WHERE inspector IS NULL', [v]);
	}
	await db.checkpoint();
}
