// Which file(s) the player plays and who is on each lane: stereo by its channel map, a mono agent/caller pair as
// one recording with two lanes, a mono recording as one mixed lane.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { getPlayback, lanesOf } from './player-sql';

describe('lanesOf', () => {
	it.each([
		[2, 'agent,customer', ['agent', 'customer']],
		[2, 'customer,agent', ['customer', 'agent']],
		[2, null, ['agent', 'customer']],
		[1, 'mixed', ['mixed']],
		[null, null, ['mixed']]
	] as const)('%s channels, map %s', (channels, map, lanes) => {
		expect(lanesOf(channels, map)).toEqual(lanes);
	});
});

describe('getPlayback', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await db.query(`INSERT INTO recordings (call_id, file, duration_s, channels, sample_rate, channel_map) VALUES
			('s', 's.wav', 40, 2, 8000, 'customer,agent'),
			('p', 'p_caller_8k_mono.wav', 245.4, 1, 8000, 'customer'), ('p', 'p_agent_8k_mono.wav', 245.38, 1, 8000, 'agent'),
			('m', 'm_Mono.wav', 277, 1, 8000, 'mixed'),
			('o', 'o_agent.wav', 30, 1, 8000, 'agent')`);
	});

	it.each([
		{ call: 's', want: { files: ['s.wav'], lanes: ['customer', 'agent'], kind: 'stereo', duration_s: 40 } },
		{
			call: 'p',
			want: { files: ['p_agent_8k_mono.wav', 'p_caller_8k_mono.wav'], lanes: ['agent', 'customer'], kind: 'pair', duration_s: 245.4 }
		},
		{ call: 'm', want: { files: ['m_Mono.wav'], lanes: ['mixed'], kind: 'mono' } },
		{ call: 'o', want: { files: ['o_agent.wav'], lanes: ['agent'], kind: 'mono' } }
	])('call $call plays $want.files', async ({ call, want }) => {
		expect(await getPlayback(db, call)).toMatchObject(want);
	});

	it('is null for a call without a recording', async () => {
		expect(await getPlayback(db, 'none')).toBeNull();
	});
});
