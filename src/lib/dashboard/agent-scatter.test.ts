import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeWasmDb } from '../db/node-wasm';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { buildAgentScatterOption, buildAgentScatterSql, queryAgentScatter } from './agent-scatter';

let db: Db;
const R = { id: 'r', version: 1 };
const SEPT = { from: '2026-09-01', to: '2026-09-30' };

beforeAll(async () => {
	db = await createNodeWasmDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, agent_name, team, channel, started_at, csat) VALUES
		('a1', 'A', '甲', 'T1', 'phone', '2026-09-02 09:00:00', 5),
		('a2', 'A', '甲', 'T1', 'phone', '2026-09-03 09:00:00', 3),
		('a3', 'A', '甲', 'T1', 'chat', '2026-09-04 09:00:00', NULL),
		('b1', 'B', '乙', 'T2', 'phone', '2026-09-02 10:00:00', 1),
		('b2', 'B', '乙', 'T2', 'phone', '2026-10-02 10:00:00', 5),
		('c1', 'C', '丙', 'T2', 'phone', '2026-09-05 10:00:00', NULL),
		('d1', 'D', '丁', 'T1', 'phone', '2026-09-05 11:00:00', 4)`);
	await db.query(`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed) VALUES
		('a1', 'r', 1, 90, true), ('a2', 'r', 1, 70, false), ('a3', 'r', 1, 80, true),
		('b1', 'r', 1, 40, false), ('b2', 'r', 1, 100, true), ('c1', 'r', 1, 85, true),
		('d1', 'r', 2, 60, false)`);
});
afterAll(() => db?.close());

describe('QA score against CSAT per agent', () => {
	it('gives each agent with scored and surveyed calls in the period one point: QA average, mean CSAT, calls', async () => {
		const rows = await queryAgentScatter(db, SEPT, R);
		expect(rows.map((r) => [r.agent_id, r.team, r.calls, r.scored, r.surveyed, r.qa_avg, r.csat_mean])).toEqual([
			['A', 'T1', 3, 3, 2, 80, 4],
			['B', 'T2', 1, 1, 1, 40, 1]
		]);
	});

	it('leaves out agents with no survey (C) or no score under this rubric version (D), and follows the filters', async () => {
		expect((await queryAgentScatter(db, { ...SEPT, team: 'T2' }, R)).map((r) => r.agent_id)).toEqual(['B']);
		const chat = await queryAgentScatter(db, { ...SEPT, channel: 'phone' }, R);
		expect(chat.find((r) => r.agent_id === 'A')).toMatchObject({ calls: 2, qa_avg: 80, csat_mean: 4 });
		expect((await queryAgentScatter(db, SEPT, { id: 'r', version: 2 })).map((r) => r.agent_id)).toEqual(['D']);
	});

	it('binds the filter values as parameters', () => {
		const q = buildAgentScatterSql({ ...SEPT, team: "x'; DROP TABLE calls; --" }, R);
		expect(q.sql).not.toContain('DROP');
		expect(q.params).toContain("x'; DROP TABLE calls; --");
	});

	it('draws one series per team, each point carrying its agent for the click-through', async () => {
		const rows = await queryAgentScatter(db, SEPT, R);
		const option = buildAgentScatterOption(rows, { title: 't', qa: 'QA', csat: 'CSAT', calls: 'calls', surveyed: 's', save: 'save' }) as {
			series: { name: string; data: { value: number[]; agent_id: string; symbolSize: number }[] }[];
		};
		expect(option.series.map((s) => s.name)).toEqual(['T1', 'T2']);
		expect(option.series[0].data[0]).toMatchObject({ value: [80, 4], agent_id: 'A' });
		expect(option.series[0].data[0].symbolSize).toBeGreaterThan(option.series[1].data[0].symbolSize);
	});
});
