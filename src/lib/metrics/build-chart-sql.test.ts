import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { autoGrain, queryCharts, queryDimensions } from './build-chart-sql';

let db: Db;
const R = { id: 'r', version: 1 };

beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	// 2026-09-07 is a Monday. Six calls: four on Mon 09:xx (team A, phone), one Tue 14:xx (team B, chat), one outside the period.
	await db.query(`INSERT INTO calls (call_id, team, channel, started_at, ring_s, abandoned, csat) VALUES
		('c1', 'A', 'phone', '2026-09-07 09:01:00', 5, false, 5),
		('c2', 'A', 'phone', '2026-09-07 09:30:00', 20, false, 3),
		('c3', 'A', 'phone', '2026-09-07 09:59:59', 40, true, NULL),
		('c4', 'A', 'phone', '2026-09-14 09:10:00', 10, false, NULL),
		('c5', 'B', 'chat', '2026-09-08 14:00:00', 1, false, 4),
		('c6', 'A', 'phone', '2026-10-01 09:00:00', 1, false, 1)`);
	await db.query(`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed) VALUES
		('c1', 'r', 1, 100, true), ('c2', 'r', 1, 55, false), ('c4', 'r', 1, 59.9, false), ('c5', 'r', 1, 91, true), ('c6', 'r', 1, 10, false),
		('c1', 'r', 0, 0, false)`);
	await db.query(`INSERT INTO complaints (complaint_id, call_id, agent_id, received_at, category, severity, due_at, resolved_at) VALUES
		('k1', 'c1', 'x', '2026-09-07 10:00:00', '服务态度', 1, '2026-09-10 00:00:00', '2026-09-09 00:00:00'),
		('k2', 'c2', 'x', '2026-09-08 10:00:00', '服务态度', 1, '2026-09-10 00:00:00', '2026-09-11 00:00:00'),
		('k3', 'c5', 'y', '2026-09-09 10:00:00', '服务态度', 3, '2026-09-10 00:00:00', NULL),
		('k4', NULL, 'x', '2026-09-09 10:00:00', '计费争议', 2, '2026-09-10 00:00:00', '2026-09-09 12:00:00'),
		('k5', 'c6', 'x', '2026-10-02 10:00:00', '计费争议', 2, '2026-10-03 00:00:00', NULL)`);
	await db.query(`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result) VALUES
		('c1', 'r', 1, 'greet', 'pass'), ('c2', 'r', 1, 'greet', 'fail'), ('c4', 'r', 1, 'greet', 'fail'), ('c5', 'r', 1, 'greet', 'na'),
		('c1', 'r', 1, 'close', 'fail'), ('c2', 'r', 1, 'close', 'pass'), ('c6', 'r', 1, 'close', 'fail'), ('c1', 'r', 1, 'ok', 'pass')`);
});
afterAll(() => db?.close());

const SEPT = { from: '2026-09-01', to: '2026-09-30' };

describe('dashboard chart queries', () => {
	it('buckets the trend by day and by week, with service level over answered calls and CSAT', async () => {
		const { trend } = await queryCharts(db, SEPT, 'day', R);
		expect(trend.map((r) => [r.bucket, r.volume])).toEqual([
			['2026-09-07', 3],
			['2026-09-08', 1],
			['2026-09-14', 1]
		]);
		expect(trend[0].service_level).toBeCloseTo(1 / 2);
		expect(trend[0].csat_mean).toBe(4);
		expect(trend[0].bucket_end).toBe('2026-09-07');
		const weeks = (await queryCharts(db, SEPT, 'week', R)).trend;
		expect(weeks.map((r) => [r.bucket, r.bucket_end, r.volume])).toEqual([
			['2026-09-07', '2026-09-13', 4],
			['2026-09-14', '2026-09-20', 1]
		]);
		const month = (await queryCharts(db, SEPT, 'month', R)).trend;
		expect(month.map((r) => [r.bucket, r.bucket_end, r.volume])).toEqual([['2026-09-01', '2026-09-30', 5]]);
		// A week starting before the period is clipped to it.
		const clipped = (await queryCharts(db, { from: '2026-09-09', to: '2026-09-15' }, 'week', R)).trend;
		expect(clipped.map((r) => [r.bucket, r.bucket_end, r.volume])).toEqual(
			[
				['2026-09-09', '2026-09-13', 0],
				['2026-09-14', '2026-09-15', 1]
			].filter((r) => r[2] !== 0)
		);
	});

	it('bins QA scores by tens of the asked rubric version (100 in the top bin)', async () => {
		const { scoreBins } = await queryCharts(db, SEPT, 'day', R);
		expect(scoreBins).toEqual([
			{ bin: 5, calls: 2 },
			{ bin: 9, calls: 2 }
		]);
	});

	it('ranks failing checklist items by failures, with the failure rate over calls where they applied', async () => {
		const { items } = await queryCharts(db, SEPT, 'day', R);
		expect(items).toEqual([
			{ item_id: 'greet', applied: 3, failed: 2, fail_rate: 2 / 3 },
			{ item_id: 'close', applied: 2, failed: 1, fail_rate: 1 / 2 }
		]);
	});

	it('counts calls per ISO weekday and hour, and follows team/channel filters', async () => {
		expect((await queryCharts(db, SEPT, 'day', R)).heat).toEqual([
			{ weekday: 1, hour: 9, calls: 4 },
			{ weekday: 2, hour: 14, calls: 1 }
		]);
		expect((await queryCharts(db, { ...SEPT, team: 'B' }, 'day', R)).heat).toEqual([{ weekday: 2, hour: 14, calls: 1 }]);
		expect((await queryCharts(db, { ...SEPT, channel: 'phone' }, 'day', R)).trend.reduce((n, r) => n + r.volume, 0)).toBe(4);
	});

	it('counts complaints by category and severity with those resolved by their deadline, following the filter', async () => {
		const { complaints } = await queryCharts(db, SEPT, 'day', R);
		expect(complaints).toEqual([
			{ category: '服务态度', severity: 1, complaints: 2, on_time: 1, with_due: 2 },
			{ category: '服务态度', severity: 3, complaints: 1, on_time: 0, with_due: 1 },
			{ category: '计费争议', severity: 2, complaints: 1, on_time: 1, with_due: 1 }
		]);
		// Team B: k3 through its call c5; k4 (no call) belongs to agent x, who is not in team B.
		expect((await queryCharts(db, { ...SEPT, team: 'B' }, 'day', R)).complaints.map((r) => r.complaints)).toEqual([1]);
	});

	it('counts surveyed calls per CSAT score', async () => {
		expect((await queryCharts(db, SEPT, 'day', R)).csat).toEqual([
			{ csat: 3, calls: 1 },
			{ csat: 4, calls: 1 },
			{ csat: 5, calls: 1 }
		]);
	});

	it('picks a grain that keeps the trend short, and lists the filter choices', async () => {
		expect(autoGrain('2026-09-01', '2026-09-30')).toBe('day');
		expect(autoGrain('2026-01-01', '2026-06-30')).toBe('week');
		expect(autoGrain('2024-01-01', '2026-06-30')).toBe('month');
		expect(await queryDimensions(db)).toEqual({ teams: ['A', 'B'], queues: [], channels: ['chat', 'phone'], latest: '2026-10-01' });
	});
});
