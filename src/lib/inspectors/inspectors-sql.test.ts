// Inspector quality for a month, as a QA lead reads it: reviews done, median time per review, override rate of the
// automatic result, appeal rate and overturn rate; calibration deviation stays missing (null), never 0. Real DuckDB.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { insertRubric } from '../scoring/rubrics-table';
import { setOverride, submitReview } from '../review/review-sql';
import { AUTO, rubricOf, scoreC1 } from '../review/test-review';
import { decideItem, fileAppeal } from '../appeals/appeals-sql';
import { inspectorQuality } from './inspectors-sql';

const key = (call_id: string) => ({ call_id, rubric_id: 'default-zh', rubric_version: 3 });

describe('inspector quality', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await insertRubric(db, rubricOf(3));
		for (const id of ['C1', 'C2', 'C3']) await scoreC1(db, 3, AUTO, id);
		// 甲 reviews C1 (one override of 4 items) and C2 (none); 乙 reviews C3 (two overrides, one of them agreeing
		// with the automatic result, which is not an override of it).
		await setOverride(db, key('C1'), 'greeting', 'pass', '识别错了');
		await submitReview(db, key('C1'), '甲');
		await submitReview(db, key('C2'), '甲');
		await setOverride(db, key('C3'), 'courtesy', 'fail', '语气生硬');
		await setOverride(db, key('C3'), 'banned', 'pass', '确认无禁语');
		await submitReview(db, key('C3'), '乙');
		await db.query(
			`UPDATE reviews SET started_at = TIMESTAMP '2026-11-03 10:00:00', submitted_at = TIMESTAMP '2026-11-03 10:04:00' WHERE call_id = 'C1'`
		);
		await db.query(
			`UPDATE reviews SET started_at = TIMESTAMP '2026-11-04 10:00:00', submitted_at = TIMESTAMP '2026-11-04 10:10:00' WHERE call_id = 'C2'`
		);
		await db.query(`UPDATE reviews SET started_at = NULL, submitted_at = TIMESTAMP '2026-11-05 09:00:00' WHERE call_id = 'C3'`);
		// C1's greeting and courtesy are appealed; the lead overturns one and upholds the other. C3 is appealed, undecided.
		const a = await fileAppeal(db, key('C1'), { appellant: '王芳', reason: '不同意', items: ['greeting', 'courtesy'] });
		await decideItem(db, a, 'greeting', { decision: 'overturn', reason: '复听', decidedBy: '组长' });
		await decideItem(db, a, 'courtesy', { decision: 'uphold', reason: '复听', decidedBy: '组长' });
		await fileAppeal(db, key('C3'), { appellant: '李强', reason: '不同意', items: ['courtesy'] });
	});

	it('gives each inspector their month', async () => {
		expect(await inspectorQuality(db, '2026-11')).toEqual([
			{
				inspector: '甲',
				reviews: 2,
				median_minutes: 7,
				override_rate: 1 / 8,
				appeal_rate: 0.5,
				overturn_rate: 0.5,
				appealed_items: 2,
				decided_items: 2,
				calibration_deviation: null,
				calibration_items: 0
			},
			{
				inspector: '乙',
				reviews: 1,
				median_minutes: null,
				override_rate: 1 / 4,
				appeal_rate: 1,
				overturn_rate: null,
				appealed_items: 1,
				decided_items: 0,
				calibration_deviation: null,
				calibration_items: 0
			}
		]);
	});

	it('measures calibration deviation against the agreed answers recorded in the month', async () => {
		await db.query(`INSERT INTO calibration_answers (session_id, inspector, call_id, item_id, result, answered_at) VALUES
			('S', '甲', 'C1', 'greeting', 'pass', '2026-11-20 10:00:00'), ('S', '甲', 'C1', 'courtesy', 'fail', '2026-11-20 10:00:00'),
			('S', '丙', 'C1', 'greeting', 'pass', '2026-11-20 10:00:00'), ('S', '丙', 'C1', 'manual', 'na', '2026-11-20 10:00:00')`);
		await db.query(`INSERT INTO calibration_agreed (session_id, call_id, item_id, result, decided_at) VALUES
			('S', 'C1', 'greeting', 'pass', '2026-11-21 10:00:00'), ('S', 'C1', 'courtesy', 'pass', '2026-11-21 10:00:00'),
			('S', 'C1', 'manual', 'na', '2026-12-01 10:00:00')`);
		const rows = await inspectorQuality(db, '2026-11');
		expect(rows.map((r) => [r.inspector, r.reviews, r.calibration_deviation, r.calibration_items])).toEqual([
			['甲', 2, 0.5, 2],
			['乙', 1, null, 0],
			['丙', 0, 0, 1] // calibrated only; the December agreement is not November's
		]);
		expect(rows[2]).toMatchObject({ override_rate: null, appeal_rate: null, median_minutes: null });
	});

	it('counts only reviews submitted in the month asked', async () => {
		expect(await inspectorQuality(db, '2026-10')).toEqual([]);
		await expect(inspectorQuality(db, '2026-13')).rejects.toThrow(/not a month/);
	});
});
