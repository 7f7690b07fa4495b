// The manager's settings kept in app_settings: the leaderboard's composite weights and minimum calls, and the
// service-level threshold the KPIs use. Read with defaults for anything missing or invalid; plain SQL over Db.
import type { Db } from '../db/types';
import { DEFAULT_SL_THRESHOLD_S } from './kpis';
import { DEFAULT_MIN_CALLS_PER_MONTH, DEFAULT_WEIGHTS, LEADER_KEYS, type Weights } from './build-leaderboard-sql';

export interface ManagerSettings {
	weights: Weights;
	minCallsPerMonth: number;
	/** ring time (s) at or under which an answered call is within the service level */
	slThresholdS: number;
}

export const SETTINGS_KEY = 'manager_settings';

export const DEFAULT_SETTINGS: ManagerSettings = {
	weights: DEFAULT_WEIGHTS,
	minCallsPerMonth: DEFAULT_MIN_CALLS_PER_MONTH,
	slThresholdS: DEFAULT_SL_THRESHOLD_S
};

const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;

/** Keeps the valid parts of a saved value; every missing or out-of-range part falls back to its default. */
export function cleanSettings(raw: unknown): ManagerSettings {
	const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const w = (typeof o.weights === 'object' && o.weights !== null ? o.weights : {}) as Record<string, unknown>;
	const weights = Object.fromEntries(LEADER_KEYS.map((k) => [k, isCount(w[k], 1000) ? w[k] : DEFAULT_WEIGHTS[k]])) as Weights;
	return {
		weights,
		minCallsPerMonth: isCount(o.minCallsPerMonth, 100_000) ? Math.round(o.minCallsPerMonth) : DEFAULT_MIN_CALLS_PER_MONTH,
		slThresholdS: isCount(o.slThresholdS, 3600) && o.slThresholdS > 0 ? o.slThresholdS : DEFAULT_SL_THRESHOLD_S
	};
}

export async function readSettings(db: Db): Promise<ManagerSettings> {
	const { rows } = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [SETTINGS_KEY]);
	if (!rows[0]?.value) return cleanSettings(null);
	try {
		return cleanSettings(JSON.parse(rows[0].value));
	} catch {
		return cleanSettings(null);
	}
}

/** Saves (replacing) the settings; the caller checkpoints. */
export async function writeSettings(db: Db, s: ManagerSettings): Promise<ManagerSettings> {
	const clean = cleanSettings(s);
	await db.query('DELETE FROM app_settings WHERE key = ?', [SETTINGS_KEY]);
	await db.query('INSERT INTO app_settings (key, value) VALUES (?, ?)', [SETTINGS_KEY, JSON.stringify(clean)]);
	return clean;
}
