// What the player needs to know about a call's recording(s) from the `recordings` table: the file(s) to play and
// who is on each lane. A stereo file draws a lane per channel; a pair of mono files of one call plays as one
// recording with an agent and a customer lane; a mono recording of both sides is one mixed lane. No Svelte here.
import type { Db } from '../db/types';
import { planFor, recordingsOf } from '../voice/call-plan';

export type Lane = 'agent' | 'customer' | 'mixed';

export interface Playback {
	/** what plays: one file, or the agent then the customer file of a mono pair */
	files: string[];
	lanes: Lane[];
	kind: 'stereo' | 'pair' | 'mono';
	/** the longest file's length from its header */
	duration_s: number | null;
	/** the stereo file's channel map ('agent,customer' …), or the mono file's side */
	channel_map: string | null;
}

/** Who is on each channel: 'agent,customer' → [agent, customer]; mono or unknown maps → one mixed lane. */
export function lanesOf(channels: number | null, channelMap: string | null): Lane[] {
	const n = channels ?? 1;
	if (n < 2) return ['mixed'];
	const named = (channelMap ?? 'agent,customer').split(',').map((s) => s.trim().toLowerCase());
	return Array.from({ length: n }, (_, i) => (named[i] === 'agent' || named[i] === 'customer' ? named[i] : 'mixed') as Lane);
}

export async function getPlayback(db: Db, callId: string): Promise<Playback | null> {
	const rows = await recordingsOf(db, callId);
	const plan = planFor(rows);
	if (!plan) return null;
	const duration_s = Math.max(0, ...rows.map((r) => r.duration_s ?? 0)) || null;
	if (plan.kind === 'pair') return { files: plan.files, lanes: ['agent', 'customer'], kind: 'pair', duration_s, channel_map: null };
	const row = rows.find((r) => r.file === plan.files[0])!;
	if (plan.kind === 'stereo')
		return { files: [row.file], lanes: lanesOf(row.channels, row.channel_map), kind: 'stereo', duration_s, channel_map: row.channel_map };
	const side = row.channel_map === 'agent' || row.channel_map === 'customer' ? row.channel_map : 'mixed';
	return {
		files: [row.file],
		lanes: (row.channels ?? 1) >= 2 ? lanesOf(row.channels, row.channel_map) : [side],
		kind: 'mono',
		duration_s,
		channel_map: row.channel_map
	};
}
