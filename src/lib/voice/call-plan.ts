// Which of a call's recordings to analyse and whose voice each channel is: a stereo file (channel_map says which
// channel is the agent), or a pair of mono files of one call (channel_map 'agent' and 'customer'), or a mono
// recording of both sides, which is marked mono and gets no per-speaker figures. Plain TS, no DOM.
import type { Db } from '../db/types';

export interface RecordingRow {
	call_id: string;
	file: string;
	channels: number | null;
	channel_map: string | null;
	format: string | null;
	duration_s: number | null;
}

export type Side = 'agent' | 'customer';

export type CallPlan =
	/** one file; roles[i] is who speaks on channel i (null: neither, e.g. a third channel) */
	| { kind: 'stereo'; files: [string]; roles: (Side | null)[] }
	/** two mono files played as one call: agent first */
	| { kind: 'pair'; files: [string, string]; roles: [Side, Side] }
	| { kind: 'mono'; files: string[]; reason: 'mixed' | 'one_side' };

/** Who is on each channel of a stereo file from its channel_map ('agent,customer', 'customer,agent', …). */
export function channelRoles(channels: number, channelMap: string | null): (Side | null)[] {
	const named = (channelMap ?? 'agent,customer').split(',').map((s) => s.trim().toLowerCase());
	return Array.from({ length: channels }, (_, i) => (named[i] === 'agent' || named[i] === 'customer' ? named[i] : null));
}

export function planFor(rows: RecordingRow[]): CallPlan | null {
	if (rows.length === 0) return null;
	const sorted = [...rows].sort((a, b) => a.file.localeCompare(b.file));
	const stereo = sorted.find((r) => (r.channels ?? 1) >= 2 && channelRoles(r.channels ?? 2, r.channel_map).filter(Boolean).length >= 2);
	if (stereo) return { kind: 'stereo', files: [stereo.file], roles: channelRoles(stereo.channels ?? 2, stereo.channel_map) };
	const agent = sorted.find((r) => (r.channels ?? 1) === 1 && r.channel_map === 'agent');
	const customer = sorted.find((r) => (r.channels ?? 1) === 1 && r.channel_map === 'customer');
	if (agent && customer) return { kind: 'pair', files: [agent.file, customer.file], roles: ['agent', 'customer'] };
	return { kind: 'mono', files: sorted.map((r) => r.file), reason: agent || customer ? 'one_side' : 'mixed' };
}

export async function recordingsOf(db: Db, callId: string): Promise<RecordingRow[]> {
	const { rows } = await db.query<RecordingRow>(
		'SELECT call_id, file, channels, channel_map, format, duration_s FROM recordings WHERE call_id = ? ORDER BY file',
		[callId]
	);
	return rows;
}
