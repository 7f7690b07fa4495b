import { beforeAll, beforeEach, afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { submitReview } from './review-sql';
import {
	clearQueue,
	DEFAULT_PLAN,
	drawQueue,
	listQueue,
	loadPlan,
	nextInQueue,
	queuePlace,
	queueProgress,
	savePlan,
	validatePlan,
	type SamplingPlan
} from './queue-sql';

let db: Db;
const R = { id: 'r', version: 2 };
const plan = (o: Partial<SamplingPlan> = {}): SamplingPlan => ({
	...DEFAULT_PLAN,
	include_complaints: false,
	csat_max: null,
	include_critical: false,
	...o
});

// Two agents × three ISO weeks (2026-09-07, -14, -21 are Mondays) × 10 calls; every 10th call abandoned.
// C-x-w-i: agent x, week w, call i.
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	await db.query(`INSERT INTO calls (call_id, agent_id, started_at, abandoned, csat)
		SELECT format('C-{}-{}-{:02d}', a, w, i), 'A' || a, TIMESTAMP '2026-09-07 08:00:00' + INTERVAL (w * 7) DAY + INTERVAL (i * 9) HOUR,
			i = 10, CASE WHEN i = 3 THEN 1 WHEN i = 4 THEN 2 WHEN i = 5 THEN 3 END
		FROM range(1, 3) a(a), range(0, 3) w(w), range(1, 11) i(i)`);
	await db.query(
		`INSERT INTO complaints (complaint_id, call_id) VALUES ('K1', 'C-1-0-07'), ('K2', 'C-2-2-08'), ('K3', NULL), ('K4', 'C-1-0-07')`
	);
	await db.query(`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed, critical_failed) VALUES
		('C-1-1-06', 'r', 2, 0, false, true), ('C-2-0-06', 'r', 2, 70, false, false), ('C-2-0-09', 'r', 1, 0, false, true)`);
});
afterAll(() => db.close());
beforeEach(async () => {
	await db.query('DELETE FROM review_queue; DELETE FROM reviews; DELETE FROM review_plans');
});

async function queued(planId = DEFAULT_PLAN.plan_id): Promise<Map<string, string[]>> {
	const { rows } = await db.query<{ call_id: string; reasons: string[] }>(
		'SELECT call_id, reasons FROM review_queue WHERE plan_id = ? ORDER BY position',
		[planId]
	);
	return new Map(rows.map((r) => [r.call_id, r.reasons]));
}

describe('sampling plan', () => {
	it('is saved and read back; the default stands until one is saved', async () => {
		expect(await loadPlan(db)).toEqual(DEFAULT_PLAN);
		const p = plan({ per_agent_week: 3, csat_max: 1, date_from: '2026-09-01', date_to: '2026-09-30', seed: 'abc' });
		await savePlan(db, p);
		expect(await loadPlan(db)).toEqual(p);
	});

	it('refuses a plan it cannot draw', async () => {
		expect(validatePlan(plan({ per_agent_week: -1, csat_max: 7, date_from: '2026-09-30', date_to: '2026-09-01', seed: ' ' }))).toEqual({
			per_agent_week: 'perAgentWeek',
			csat_max: 'csatMax',
			date_to: 'dates',
			seed: 'seed'
		});
		await expect(savePlan(db, plan({ per_agent_week: 1.5 }))).rejects.toThrow(/per_agent_week/);
	});
});

describe('drawing the queue', () => {
	it('takes N answered calls per agent per ISO week', async () => {
		const r = await drawQueue(db, plan({ per_agent_week: 3 }), R);
		expect(r).toEqual({ added: 18, total: 18 });
		const { rows } = await db.query<{ agent_id: string; week: string; n: number; abandoned: number }>(
			`SELECT c.agent_id, date_trunc('week', c.started_at)::VARCHAR AS week, count(*) AS n, count(*) FILTER (WHERE c.abandoned) AS abandoned
			FROM review_queue q JOIN calls c USING (call_id) GROUP BY ALL`
		);
		expect(rows).toHaveLength(6);
		expect(rows.every((r) => Number(r.n) === 3 && Number(r.abandoned) === 0)).toBe(true);
		expect([...(await queued()).values()].every((why) => why.join() === 'sample')).toBe(true);
	});

	it('draws the same calls from the same seed and other calls from another seed', async () => {
		await drawQueue(db, plan({ plan_id: 'a', seed: 's1' }), R);
		await drawQueue(db, plan({ plan_id: 'b', seed: 's1' }), R);
		await drawQueue(db, plan({ plan_id: 'c', seed: 's2' }), R);
		const a = [...(await queued('a')).keys()];
		expect([...(await queued('b')).keys()]).toEqual(a);
		expect([...(await queued('c')).keys()].sort()).not.toEqual([...a].sort());
	});

	it('includes every complaint-linked, low-CSAT and critical-fail call exactly once, saying why', async () => {
		await drawQueue(db, plan({ per_agent_week: 0, include_complaints: true, csat_max: 2, include_critical: true }), R);
		const q = await queued();
		// Must-review calls only (N = 0): complaints, CSAT 1–2 (two per agent-week), critical fails under version 2.
		expect(q.size).toBe(2 + 12 + 1);
		expect(q.get('C-1-0-07')).toEqual(['complaint']);
		expect(q.get('C-2-2-08')).toEqual(['complaint']);
		expect(q.get('C-1-0-03')).toEqual(['csat']);
		expect(q.get('C-2-2-04')).toEqual(['csat']);
		expect(q.has('C-1-0-05')).toBe(false);
		expect(q.get('C-1-1-06')).toEqual(['critical']);
		// A critical fail under another version of the rubric does not count.
		expect(q.has('C-2-0-09')).toBe(false);
	});

	it('names every reason of a call both sampled and must-review, once', async () => {
		await drawQueue(db, plan({ per_agent_week: 10, csat_max: 2, include_complaints: true }), R);
		const q = await queued();
		expect(q.size).toBe(54); // the 54 answered calls; each once
		expect(q.get('C-1-0-07')).toEqual(['complaint', 'sample']);
		expect(q.get('C-1-0-03')).toEqual(['csat', 'sample']);
		expect(q.get('C-1-0-01')).toEqual(['sample']);
	});

	it('puts must-review calls first, then the sample, each by start time', async () => {
		await drawQueue(db, plan({ per_agent_week: 1, include_complaints: true, date_from: '2026-09-07', date_to: '2026-09-13' }), R);
		const ids = [...(await queued()).keys()];
		expect(ids[0]).toBe('C-1-0-07');
		expect(ids).toHaveLength(3);
		expect((await queued()).get(ids[1])).toEqual(['sample']);
	});

	it('draws only within the plan period, both days included', async () => {
		await drawQueue(db, plan({ per_agent_week: 100, date_from: '2026-09-14', date_to: '2026-09-14' }), R);
		// Week 1 calls start at 08:00 + 9 h × i: only i = 1 (17:00) falls on Monday the 14th.
		expect([...(await queued()).keys()].sort()).toEqual(['C-1-1-01', 'C-2-1-01']);
	});

	it('never draws a call twice: drawing again adds nothing, new calls add only themselves', async () => {
		const p = plan({ per_agent_week: 2, csat_max: 2 });
		const first = await drawQueue(db, p, R);
		const again = await drawQueue(db, p, R);
		expect(again).toEqual({ added: 0, total: first.total });
		// A larger N tops each agent-week up to the new N.
		const more = await drawQueue(db, { ...p, per_agent_week: 3 }, R);
		expect(more.added).toBeGreaterThan(0);
		expect(more.added).toBeLessThanOrEqual(6);
		// Calls of a new week arrive (an import): only they are drawn.
		await db.query(`INSERT INTO calls (call_id, agent_id, started_at, csat) VALUES
			('N1', 'A1', '2026-09-28 09:00:00', 1), ('N2', 'A1', '2026-09-28 10:00:00', NULL), ('N3', 'A1', '2026-09-29 10:00:00', NULL), ('N4', 'A1', '2026-09-30 10:00:00', NULL)`);
		try {
			const later = await drawQueue(db, { ...p, per_agent_week: 3 }, R);
			const added = [...(await queued()).keys()].slice(more.total);
			expect(later.added).toBe(added.length);
			expect(added.every((id) => id.startsWith('N'))).toBe(true);
			expect(added).toContain('N1');
			// N1 for its CSAT, and three of N1..N4 sampled (N1 may be both).
			const q = await queued();
			expect(added.filter((id) => q.get(id)?.includes('sample'))).toHaveLength(3);
			const { rows } = await db.query<{ n: number; d: number }>('SELECT count(*) AS n, count(DISTINCT call_id) AS d FROM review_queue');
			expect(Number(rows[0].n)).toBe(Number(rows[0].d));
		} finally {
			await db.query(`DELETE FROM calls WHERE call_id LIKE 'N%'`);
		}
	});

	it('leaves out calls already reviewed', async () => {
		await submitReview(db, { call_id: 'C-1-0-03', rubric_id: 'r', rubric_version: 2 }, 'x');
		await drawQueue(db, plan({ per_agent_week: 0, csat_max: 2 }), R);
		expect((await queued()).has('C-1-0-03')).toBe(false);
		expect((await queued()).has('C-1-0-04')).toBe(true);
	});
});

describe('working through the queue', () => {
	beforeEach(async () => {
		await drawQueue(db, plan({ per_agent_week: 1, date_from: '2026-09-07', date_to: '2026-09-20' }), R);
	});
	const key = (call_id: string) => ({ call_id, rubric_id: 'r', rubric_version: 2 });

	it('counts progress as calls with a submitted review, and moves to the next open call', async () => {
		const ids = [...(await queued()).keys()];
		expect(ids).toHaveLength(4);
		expect(await queueProgress(db)).toEqual({ reviewed: 0, total: 4, version: null, reviewedElsewhere: 0 });
		expect(await nextInQueue(db, null)).toBe(ids[0]);
		expect(await queuePlace(db, ids[1])).toEqual({ position: 2, total: 4 });
		expect(await queuePlace(db, 'nope')).toBeNull();

		await submitReview(db, key(ids[0]), 'x');
		expect(await queueProgress(db)).toEqual({ reviewed: 1, total: 4, version: null, reviewedElsewhere: 0 });
		expect(await nextInQueue(db, ids[0])).toBe(ids[1]);
		// A draft does not count as reviewed.
		await db.query(
			`INSERT INTO reviews (call_id, rubric_id, rubric_version, status, updated_at) VALUES (?, 'r', 2, 'draft', now()::TIMESTAMP)`,
			[ids[1]]
		);
		expect(await queueProgress(db)).toEqual({ reviewed: 1, total: 4, version: null, reviewedElsewhere: 0 });
		// From the last call it wraps to the first open one; never the call itself.
		expect(await nextInQueue(db, ids[3])).toBe(ids[1]);
		await submitReview(db, key(ids[1]), 'x');
		await submitReview(db, key(ids[2]), 'x');
		expect(await nextInQueue(db, ids[3])).toBeNull();
		expect(await nextInQueue(db, ids[2])).toBe(ids[3]);
	});

	it('lists a page in queue order with review state, optionally only open calls', async () => {
		const ids = [...(await queued()).keys()];
		// Version 2 of rubric r has one item; the call's finding fails it and the review passes it: 100.
		await db.query(`INSERT INTO rubric_items VALUES ('r', 2, 'x', 1, 1, false, 'manual')`);
		await db.query(
			`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, points, max_points) VALUES (?, 'r', 2, 'x', 'fail', 0, 1)`,
			[ids[1]]
		);
		await db.query(`INSERT INTO review_items VALUES (?, 'r', 2, 'x', 'pass', '复听', now()::TIMESTAMP)`, [ids[1]]);
		await submitReview(db, key(ids[1]), 'x');
		const all = await listQueue(db, { page: 1, rubric: R });
		expect(all.total).toBe(4);
		expect(all.rows.map((r) => r.call_id)).toEqual(ids);
		expect(all.rows[1]).toMatchObject({ position: 2, review_status: 'submitted', review_score: 100, reasons: ['sample'] });
		const open = await listQueue(db, { page: 1, isOpenOnly: true, rubric: R });
		expect(open.rows.map((r) => r.call_id)).toEqual([ids[0], ids[2], ids[3]]);
		expect(open.rows[1].position).toBe(3);
		await db.query('DELETE FROM rubric_items; DELETE FROM findings; DELETE FROM review_items');
	});

	it('counts a call reviewed under an older rubric version as not yet reviewed under the active one, and says so', async () => {
		const ids = [...(await queued()).keys()];
		await submitReview(db, { ...key(ids[0]), rubric_version: 1 }, 'x');
		await submitReview(db, key(ids[1]), 'x');
		expect(await queueProgress(db, DEFAULT_PLAN.plan_id, R)).toEqual({ reviewed: 1, total: 4, version: 2, reviewedElsewhere: 1 });
		expect(await nextInQueue(db, null, DEFAULT_PLAN.plan_id, R)).toBe(ids[0]);
		const list = await listQueue(db, { page: 1, rubric: R });
		expect(list.rows.map((r) => [r.review_status, r.other_version])).toEqual([
			[null, 1],
			['submitted', null],
			[null, null],
			[null, null]
		]);
		expect((await listQueue(db, { page: 1, rubric: R, isOpenOnly: true })).rows.map((r) => r.call_id)).toEqual([ids[0], ids[2], ids[3]]);
	});

	it('is emptied by clearing, keeping the reviews', async () => {
		const ids = [...(await queued()).keys()];
		await submitReview(db, key(ids[0]), 'x');
		await clearQueue(db);
		expect(await queueProgress(db)).toEqual({ reviewed: 0, total: 0, version: null, reviewedElsewhere: 0 });
		const { rows } = await db.query('SELECT * FROM reviews');
		expect(rows).toHaveLength(1);
	});
});
