// An appeal as the QA team lives it: an agent contests items of a submitted review, the lead upholds one and
// overturns another, the reviewed score (and so every KPI) follows the overturn, and the history keeps the
// original result, the appeal and the decision. Real DuckDB (the unit tests' DuckDB, db/test-db.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { insertRubric } from '../scoring/rubrics-table';
import { reviewedItems, reviewedScore, setOverride, submitReview } from '../review/review-sql';
import { rubricOf, scoreC1 } from '../review/test-review';
import { callAppeals, decideItem, fileAppeal, getAppeal, listAppeals, readAppealSettings, saveAppealSettings } from './appeals-sql';

const KEY = { call_id: 'C1', rubric_id: 'default-zh', rubric_version: 3 };

describe('appeals', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await insertRubric(db, rubricOf(3));
		await scoreC1(db, 3); // greeting fail, banned pass, courtesy pass, manual n/a: 75
		await db.query("INSERT INTO calls (call_id, agent_name, team) VALUES ('C1', '王芳', '一组')");
	});

	async function submitted(): Promise<void> {
		await setOverride(db, KEY, 'courtesy', 'fail', '语气生硬');
		await submitReview(db, KEY, '质检员甲');
		expect((await reviewedScore(db, KEY))?.score).toBe(50);
	}

	it('is filed only on a submitted review, with who, why and which items', async () => {
		const appeal = { appellant: '王芳', reason: '我说了您好，录音前两秒没录上', items: ['greeting'] };
		await expect(fileAppeal(db, KEY, appeal)).rejects.toMatchObject({ code: 'not_submitted' });
		await submitted();
		await expect(fileAppeal(db, KEY, { ...appeal, appellant: ' ' })).rejects.toMatchObject({ code: 'appellant_required' });
		await expect(fileAppeal(db, KEY, { ...appeal, reason: '' })).rejects.toMatchObject({ code: 'reason_required' });
		await expect(fileAppeal(db, KEY, { ...appeal, items: [] })).rejects.toMatchObject({ code: 'items_required' });
		await expect(fileAppeal(db, KEY, { ...appeal, items: ['nope'] })).rejects.toMatchObject({ code: 'unknown_item' });
		const id = await fileAppeal(db, KEY, { ...appeal, items: ['greeting', 'courtesy'] });
		const a = await getAppeal(db, id);
		expect(a).toMatchObject({ call_id: 'C1', rubric_version: 3, appellant: '王芳', reason: appeal.reason });
		// Each item keeps the reviewed result it had when appealed (the inspector's override for courtesy).
		expect(a?.items.map((i) => [i.item_id, i.result_before, i.decision])).toEqual([
			['courtesy', 'fail', null],
			['greeting', 'fail', null]
		]);
		// The same item cannot be appealed twice while undecided; filing alone changes no score.
		await expect(fileAppeal(db, KEY, appeal)).rejects.toMatchObject({ code: 'already_open' });
		expect((await reviewedScore(db, KEY))?.score).toBe(50);
	});

	it('changes the reviewed score only for an overturned item, and keeps the history', async () => {
		await submitted();
		const id = await fileAppeal(db, KEY, { appellant: '王芳', reason: '有开场白，也很礼貌', items: ['greeting', 'courtesy'] });
		await expect(decideItem(db, id, 'greeting', { decision: 'overturn', reason: '', decidedBy: '组长' })).rejects.toMatchObject({
			code: 'reason_required'
		});
		await decideItem(db, id, 'courtesy', { decision: 'uphold', reason: '复听确认语气生硬', decidedBy: '组长' });
		expect((await reviewedScore(db, KEY))?.score).toBe(50);
		await decideItem(db, id, 'greeting', { decision: 'overturn', reason: '复听确认有开场白', decidedBy: '组长' });
		// greeting now passes: 10 + 20 of 40 points.
		expect((await reviewedScore(db, KEY))?.score).toBe(75);
		const items = await reviewedItems(db, KEY);
		expect(items.find((i) => i.item_id === 'greeting')).toMatchObject({
			auto_result: 'fail',
			override_result: null,
			appeal_result: 'pass',
			result: 'pass'
		});
		await expect(decideItem(db, id, 'greeting', { decision: 'uphold', reason: '改主意', decidedBy: '组长' })).rejects.toMatchObject({
			code: 'decided'
		});
		const [history] = await callAppeals(db, 'C1');
		expect(history.items).toMatchObject([
			{
				item_id: 'courtesy',
				result_before: 'fail',
				decision: 'uphold',
				result_after: null,
				decision_reason: '复听确认语气生硬',
				decided_by: '组长'
			},
			{
				item_id: 'greeting',
				result_before: 'fail',
				decision: 'overturn',
				result_after: 'pass',
				decision_reason: '复听确认有开场白',
				decided_by: '组长'
			}
		]);
		expect(history.items[1].decided_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		// The KPIs read the same score.
		const { rows } = await db.query<{ score: number }>("SELECT score FROM call_qa_scores WHERE call_id = 'C1'");
		expect(rows[0].score).toBe(75);
	});

	it('lists open appeals with their age and deadline from the centre setting', async () => {
		await submitted();
		expect(await readAppealSettings(db)).toEqual({ deadlineDays: 7 });
		const id = await fileAppeal(db, KEY, { appellant: '王芳', reason: '不同意', items: ['greeting'] });
		await db.query("UPDATE appeals SET filed_at = TIMESTAMP '2026-11-20 10:00:00'");
		const [row] = await listAppeals(db, '2026-11-30');
		expect(row).toMatchObject({
			appeal_id: id,
			agent_name: '王芳',
			team: '一组',
			age_days: 10,
			due: '2026-11-27',
			overdue: true,
			undecided: 1
		});
		await saveAppealSettings(db, { deadlineDays: 14 });
		expect((await listAppeals(db, '2026-11-30'))[0]).toMatchObject({ due: '2026-12-04', overdue: false });
		await decideItem(db, id, 'greeting', { decision: 'uphold', reason: '维持', decidedBy: '组长' });
		expect(await listAppeals(db, '2026-11-30')).toEqual([]);
		expect(await listAppeals(db, '2026-11-30', 'decided')).toMatchObject([{ appeal_id: id, undecided: 0, overturned: 0, overdue: false }]);
	});
});
