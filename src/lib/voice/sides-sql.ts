// Which side of a call is on which channel or file, changed by the user: swap the channels of a stereo file,
// pair two mono files as the agent and the customer of one call, and the centre's default for stereo files
// whose name does not say (app_settings.agent_channel). Plain TS, no DOM. Callers re-analyse / re-score.
import type { Db } from '../db/types';
import { refreshFigures } from './activity-sql';

export const AGENT_CHANNEL_KEY = 'agent_channel';
export type AgentChannel = 'left' | 'right';

/** The centre's setting: which channel of a stereo recording is the agent when its name does not say (default left). */
export async function readAgentChannel(db: Db): Promise<AgentChannel> {
	const { rows } = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [AGENT_CHANNEL_KEY]);
	return rows[0]?.value === 'right' ? 'right' : 'left';
}

export async function writeAgentChannel(db: Db, side: AgentChannel): Promise<void> {
	await db.batch([
		{ sql: 'DELETE FROM app_settings WHERE key = ?', params: [AGENT_CHANNEL_KEY] },
		{ sql: 'INSERT INTO app_settings (key, value) VALUES (?, ?)', params: [AGENT_CHANNEL_KEY, side] }
	]);
}

/**
 * Swaps agent and customer on a stereo file (channel_map 'agent,customer' ↔ 'customer,agent') and in the call's
 * voice activity from that audio, whose figures are recomputed. Returns the new channel map.
 */
export async function swapChannels(db: Db, callId: string, file: string): Promise<string | null> {
	const { rows } = await db.query<{ channel_map: string | null; channels: number | null }>(
		'SELECT channel_map, channels FROM recordings WHERE call_id = ? AND file = ?',
		[callId, file]
	);
	const row = rows[0];
	if (!row || (row.channels ?? 1) < 2) return null;
	const next = (row.channel_map ?? 'agent,customer')
		.split(',')
		.map((r) => (r.trim() === 'agent' ? 'customer' : r.trim() === 'customer' ? 'agent' : r.trim()))
		.join(',');
	await db.query('UPDATE recordings SET channel_map = ? WHERE call_id = ? AND file = ?', [next, callId, file]);
	const source = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM voice_analysis WHERE call_id = ? AND source = 'audio' AND status = 'done'`,
		[callId]
	);
	if (Number(source.rows[0].n) > 0) {
		await db.query(
			`UPDATE voice_activity SET speaker = CASE speaker WHEN 'agent' THEN 'customer' WHEN 'customer' THEN 'agent' ELSE speaker END WHERE call_id = ?`,
			[callId]
		);
		await refreshFigures(db, [callId]);
	}
	return next;
}

export interface PairCandidate {
	file: string;
	call_id: string;
	channel_map: string | null;
	duration_s: number | null;
}

/**
 * Mono recordings that could be the other side of `callId`'s mono file: not already half of a pair, closest in
 * length first (two sides of one call last as long), filtered by words of the name. At most `limit`.
 */
export async function pairCandidates(db: Db, callId: string, filter = '', limit = 30): Promise<PairCandidate[]> {
	const { rows } = await db.query<PairCandidate>(
		`WITH mine AS (SELECT max(duration_s) AS d FROM recordings WHERE call_id = ?),
		paired AS (SELECT call_id FROM recordings WHERE coalesce(channels, 1) = 1 GROUP BY call_id HAVING count(*) > 1)
		SELECT r.file, r.call_id, r.channel_map, r.duration_s FROM recordings r, mine
		WHERE coalesce(r.channels, 1) = 1 AND r.call_id <> ? AND r.call_id NOT IN (SELECT call_id FROM paired)
			AND (? = '' OR strpos(lower(r.file), lower(?)) > 0)
		ORDER BY abs(coalesce(r.duration_s, 0) - coalesce(mine.d, 0)), r.file LIMIT ${Math.max(1, Math.floor(limit))}`,
		[callId, callId, filter, filter]
	);
	return rows;
}

/**
 * Makes two mono files one call: `file` (already this call's) holds `role`, `other` moves to this call with the
 * opposite role. The call `other` came from loses its voice analysis when it has no recording left. Returns the
 * call ids whose data changed.
 */
export async function pairRecordings(db: Db, callId: string, file: string, role: 'agent' | 'customer', other: string): Promise<string[]> {
	const from = await db.query<{ call_id: string }>('SELECT call_id FROM recordings WHERE file = ?', [other]);
	const oldCall = from.rows[0]?.call_id ?? null;
	const otherRole = role === 'agent' ? 'customer' : 'agent';
	await db.query('UPDATE recordings SET channel_map = ? WHERE call_id = ? AND file = ?', [role, callId, file]);
	await db.query('UPDATE recordings SET call_id = ?, channel_map = ? WHERE file = ?', [callId, otherRole, other]);
	const changed = [callId];
	if (oldCall && oldCall !== callId) {
		await db.query('DELETE FROM voice_activity WHERE call_id = ? AND call_id NOT IN (SELECT call_id FROM recordings)', [oldCall]);
		await db.query(
			`DELETE FROM voice_analysis WHERE call_id = ? AND source = 'audio' AND call_id NOT IN (SELECT call_id FROM recordings)`,
			[oldCall]
		);
		changed.push(oldCall);
	}
	return changed;
}
