// The audio figures a user reads: per call (talk time and share, overlaps and who started them, longest silence,
// reply latency) from voice activity, in the calls list (with mono and not-analysed calls told apart, never 0) and
// per agent against the team on the agent page.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { listCalls } from '../calls/calls-sql';
import { getCallAudio, saveAnalysis, type VoiceSpan } from './activity-sql';
import { queryAgentAudio } from './agent-audio-sql';

const span = (speaker: 'agent' | 'customer', start_s: number, end_s: number): VoiceSpan => ({ speaker, start_s, end_s });

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, started_at) VALUES
		('a1', 'A1', '甲', 'T', '2026-08-03 09:00:00'), ('a2', 'A1', '甲', 'T', '2026-08-04 09:00:00'),
		('b1', 'B1', '乙', 'T', '2026-08-03 10:00:00'), ('m1', 'A1', '甲', 'T', '2026-08-05 09:00:00'), ('n1', 'A1', '甲', 'T', '2026-08-06 09:00:00')`);
	await db.query(`INSERT INTO recordings (call_id, file, channels, channel_map) VALUES ('a1', 'a1.wav', 2, 'agent,customer'), ('a2', 'a2.wav', 2, 'agent,customer'),
		('b1', 'b1.wav', 2, 'agent,customer'), ('m1', 'm1.wav', 1, 'mixed'), ('n1', 'n1.wav', 2, 'agent,customer')`);
	const done = (call_id: string) => ({
		call_id,
		source: 'audio' as const,
		files: `${call_id}.wav`,
		status: 'done' as const,
		duration_s: 60
	});
	// a1: agent 0–10, customer 9–20 (customer starts over the agent 1 s), agent 18–25 (agent over the customer 2 s), 6 s silence, customer 31–35
	await saveAnalysis(db, done('a1'), [span('agent', 0, 10), span('customer', 9, 20), span('agent', 18, 25), span('customer', 31, 35)]);
	// a2: customer 0–5, agent reply after 2 s: 7–15
	await saveAnalysis(db, done('a2'), [span('customer', 0, 5), span('agent', 7, 15)]);
	await saveAnalysis(db, done('b1'), [span('agent', 0, 5), span('customer', 5.5, 25.5)]);
	await saveAnalysis(db, { call_id: 'm1', source: 'audio', files: 'm1.wav', status: 'mono', duration_s: 60 }, []);
});

describe('audio figures', () => {
	it('per call: talk per side, overlaps by who started them, longest silence, reply latency', async () => {
		expect(await getCallAudio(db, 'a1')).toMatchObject({
			status: 'done',
			agent_talk_s: 17,
			customer_talk_s: 15,
			overlap_n: 2,
			overlap_s: 3,
			agent_over_n: 1,
			customer_over_n: 1,
			longest_silence_s: 6,
			reply_n: 0
		});
		expect(await getCallAudio(db, 'a2')).toMatchObject({ reply_n: 1, reply_avg_s: 2, reply_max_s: 2, longest_silence_s: 2 });
		expect(await getCallAudio(db, 'm1')).toMatchObject({ status: 'mono', agent_talk_s: null, overlap_n: null });
	});

	it('in the calls list: share, talk-overs and silence for analysed calls; mono and not analysed say so', async () => {
		const { rows } = await listCalls(db, { page: 1, q: '' });
		const by = new Map(rows.map((r) => [r.call_id, r]));
		expect(by.get('a1')).toMatchObject({ audio_status: 'done', agent_over_n: 1, overlap_n: 2, longest_silence_s: 6 });
		expect(by.get('a1')!.agent_share).toBeCloseTo(17 / 32, 6);
		expect(by.get('m1')).toMatchObject({ audio_status: 'mono', agent_share: null });
		expect(by.get('n1')).toMatchObject({ audio_status: null, has_recording: true, agent_share: null });
	});

	it('per agent against the team, over analysed calls only', async () => {
		const f = await queryAgentAudio(db, { agentId: 'A1', team: 'T', from: '2026-08-01', to: '2026-08-31' });
		expect(f.agent.calls).toBe(2);
		expect(f.agent.agent_share).toBeCloseTo((17 + 8) / (17 + 15 + 8 + 5), 6);
		expect(f.agent.over_per_call).toBe(0.5);
		expect(f.team?.calls).toBe(3);
		expect((await queryAgentAudio(db, { agentId: 'A1', team: 'T', from: '2026-09-01', to: '2026-09-30' })).agent.calls).toBe(0);
	});
});
