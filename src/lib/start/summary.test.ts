// The start screen's headline numbers (summary.ts) on real SQL: calls, their date range, agents, teams, how many
// calls have a transcript or a recording (a transcript or recording without a call-log row is not a call), complaints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { workspaceSummary } from './summary';

let db: Db;

beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, started_at) VALUES
		('C1', 'A1', '张三', 'T1', TIMESTAMP '2026-08-01 09:00'),
		('C2', NULL, '李四', 'T1', TIMESTAMP '2026-08-03 10:00'),
		('C3', 'A1', '张三', 'T2', TIMESTAMP '2026-08-09 11:00')`);
	// C1 has three turns, C2 one, C3 none; X9 is a transcript without a call-log row.
	await db.query(`INSERT INTO segments (call_id, seq, speaker, text) VALUES
		('C1', 1, 'agent', '您好'), ('C1', 2, 'customer', '你好'), ('C1', 3, 'agent', '再见'),
		('C2', 1, 'agent', '您好'), ('X9', 1, 'agent', '您好')`);
	await db.query(`INSERT INTO recordings (call_id, file) VALUES ('C1', 'c1.wav'), ('C1', 'c1-b.wav'), ('X9', 'x9.wav')`);
	await db.query(`INSERT INTO complaints (complaint_id, call_id) VALUES ('K1', 'C2')`);
});
afterAll(() => db.close());

describe('the start screen’s headline numbers', () => {
	it('counts each call once, and only calls the call log holds', async () => {
		expect(await workspaceSummary(db)).toEqual({
			calls: 3,
			first_call: '2026-08-01',
			last_call: '2026-08-09',
			agents: 2,
			teams: 2,
			transcribed_calls: 2,
			recordings: 3,
			calls_with_recording: 1,
			complaints: 1
		});
	});
});
