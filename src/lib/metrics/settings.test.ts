// The manager's weights, minimum calls and service-level threshold survive a save and read back; a damaged or
// partial value falls back to the defaults part by part instead of breaking the leaderboard.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { DEFAULT_SETTINGS, cleanSettings, readSettings, SETTINGS_KEY, writeSettings } from './settings';

describe('manager settings', () => {
	it('reads the defaults, then what was saved', async () => {
		const db = await createTestDb();
		await ensureSchema(db);
		expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
		const next = { weights: { ...DEFAULT_SETTINGS.weights, aht: 10, qaAvg: 0 }, minCallsPerMonth: 45, slThresholdS: 20 };
		await writeSettings(db, next);
		expect(await readSettings(db)).toEqual(next);
		await db.query('UPDATE app_settings SET value = ? WHERE key = ?', ['{not json', SETTINGS_KEY]);
		expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
		await db.close();
	});

	it('keeps the valid parts of a damaged value', () => {
		const s = cleanSettings({ weights: { qaAvg: 10, aht: -5, fcr: 'x' }, minCallsPerMonth: -1, slThresholdS: 0 });
		expect(s.weights.qaAvg).toBe(10);
		expect(s.weights.aht).toBe(DEFAULT_SETTINGS.weights.aht);
		expect(s.weights.fcr).toBe(DEFAULT_SETTINGS.weights.fcr);
		expect(s.minCallsPerMonth).toBe(DEFAULT_SETTINGS.minCallsPerMonth);
		expect(s.slThresholdS).toBe(DEFAULT_SETTINGS.slThresholdS);
	});
});
