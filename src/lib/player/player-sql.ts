// What the player needs to know about a call's recording from the `recordings` table (file, channels and which
// channel is the agent). No Svelte here.
import type { Db } from '../db/types';

export interface RecordingMeta {
	file: string;
	duration_s: number | null;
	channels: number | null;
	channel_map: string | null;
}

export type Lane = 'agent' | 'customer' | 'mixed';

export async function getRecording(db: Db, callId: string): Promise<RecordingMeta | null> {
	const { rows } = await db.query<RecordingMeta>(
		'SELECT file, duration_s, channels, channel_map FROM recordings WHERE call_id = ? ORDER BY file LIMIT 1',
		[callId]
	);
	return rows[0] ?? null;
}

/** Who is on each channel: 'agent,customer' → [agent, customer]; mono or unknown maps → one mixed lane. */
export function lanesOf(channels: number | null, channelMap: string | null): Lane[] {
	const n = channels ?? 1;
	if (n < 2) return ['mixed'];
	const named = (channelMap ?? 'agent,customer').split(',').map((s) => s.trim().toLowerCase());
	return Array.from({ length: n }, (_, i) => (named[i] === 'agent' || named[i] === 'customer' ? named[i] : 'mixed') as Lane);
}
