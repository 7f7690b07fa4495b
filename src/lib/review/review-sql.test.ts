// A review survives as written: overrides need a reason, comments keep their time, the score applies the
// overrides by the rubric's maths, and a submitted review is frozen. Real DuckDB (the unit tests' DuckDB, db/test-db.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { insertRubric } from '../scoring/rubrics-table';
import { AUTO, ITEMS, rubricOf, scoreC1 } from './test-review';
import {
	addComment,
	clearOverride,
	deleteComment,
	listCallReviews,
	loadReview,
	reopenReview,
	reviewedItems,
	reviewedScore,
	setOverride,
	startReviewFrom,
	submitReview,
	ReviewError,
	type Result
} from './review-sql';

const KEY = { call_id: 'C1', rubric_id: 'default-zh', rubric_version: 3 };

describe('review store', () => {
	let db: Db;
	let checkpoints: number;
	beforeEach(async () => {
		const inner = await createTestDb();
		await ensureSchema(inner);
		checkpoints = 0;
		db = { ...inner, checkpoint: async () => void checkpoints++ };
	});

	it('keeps an override with its reason and refuses one without a reason', async () => {
		await expect(setOverride(db, KEY, 'greeting', 'pass', '  ')).rejects.toMatchObject({ code: 'reason_required' });
		expect((await loadReview(db, KEY)).overrides).toEqual([]);

		await setOverride(db, KEY, 'greeting', 'pass', ' 开场白有，只是识别错了 ');
		expect(checkpoints).toBe(1);
		const r = await loadReview(db, KEY);
		expect(r.review?.status).toBe('draft');
		expect(r.overrides).toMatchObject([{ item_id: 'greeting', override_result: 'pass', reason: '开场白有，只是识别错了' }]);

		await setOverride(db, KEY, 'greeting', 'na', '不适用');
		expect((await loadReview(db, KEY)).overrides).toMatchObject([{ override_result: 'na', reason: '不适用' }]);
		// Another rubric version of the same call is a different review.
		expect((await loadReview(db, { ...KEY, rubric_version: 4 })).overrides).toEqual([]);

		await clearOverride(db, KEY, 'greeting');
		expect((await loadReview(db, KEY)).overrides).toEqual([]);
	});

	it('keeps comments at their playback time, in time order, and deletes one', async () => {
		await expect(addComment(db, 'C1', 3, '   ')).rejects.toBeInstanceOf(ReviewError);
		const late = await addComment(db, 'C1', 42.04, '这里打断了客户');
		await addComment(db, 'C1', 7.5, '问候语完整');
		await addComment(db, 'C1', null, '整体不错');
		await addComment(db, 'C2', 1, '别的通话');
		expect(late.at_s).toBe(42);
		const { comments } = await loadReview(db, KEY);
		expect(comments.map((c) => [c.at_s, c.text])).toEqual([
			[7.5, '问候语完整'],
			[42, '这里打断了客户'],
			[null, '整体不错']
		]);
		expect(comments[0].created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		await deleteComment(db, late.comment_id);
		expect((await loadReview(db, KEY)).comments).toHaveLength(2);
		expect(checkpoints).toBe(5); // four comments and one delete
	});

	it('submits the score and freezes the review until it is reopened', async () => {
		await setOverride(db, KEY, 'closing', 'fail', '没有结束语');
		await submitReview(db, KEY, ' 质检员A ');
		const r = await loadReview(db, KEY);
		expect(r.review).toMatchObject({ status: 'submitted', inspector: '质检员A' });
		expect(r.review?.submitted_at).toMatch(/^\d{4}-/);
		await expect(setOverride(db, KEY, 'closing', 'pass', '听错了')).rejects.toMatchObject({ code: 'submitted' });

		await reopenReview(db, KEY);
		await setOverride(db, KEY, 'closing', 'pass', '听错了');
		expect((await loadReview(db, KEY)).review?.status).toBe('draft');
	});
});

// The reviewed score comes from the one SQL definition (metrics/qa-score.ts), by the same rule as the automatic score.
describe('score with overrides (SQL)', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await insertRubric(db, rubricOf(3));
		await scoreC1(db, 3);
	});

	const cases: [string, [string, Result][], number | null, boolean | null][] = [
		['automatic results only (N/A excluded)', [], 75, false],
		['an override to pass raises the score to the pass mark', [['greeting', 'pass']], 100, true],
		['a manual item judged by the inspector counts', [['manual', 'pass']], 80, true],
		['an N/A item overridden to fail counts', [['manual', 'fail']], 60, false],
		['an override to N/A leaves the item out', [['greeting', 'na']], 100, true],
		[
			'a critical item overridden to fail zeroes the call',
			[
				['banned', 'fail'],
				['greeting', 'pass']
			],
			0,
			false
		],
		[
			'nothing applies → no score',
			[
				['greeting', 'na'],
				['banned', 'na'],
				['courtesy', 'na']
			],
			null,
			null
		]
	];
	it.each(cases)('%s', async (_name, overrides, score, passed) => {
		for (const [item, result] of overrides) await setOverride(db, KEY, item, result, '复听');
		const s = await reviewedScore(db, KEY);
		expect(s?.score ?? null).toBe(score);
		expect(s?.passed ?? null).toBe(passed);
		expect(s?.critical_failed).toBe(overrides.some(([id, r]) => id === 'banned' && r === 'fail'));
	});

	it('is the automatic score while the call has no review, and records the reviewed score at submit', async () => {
		expect(await reviewedScore(db, KEY)).toEqual({ score: 75, passed: false, critical_failed: false });
		expect(await reviewedItems(db, KEY)).toEqual([]);
		await setOverride(db, KEY, 'manual', 'pass', '态度亲切');
		expect(await reviewedItems(db, KEY)).toContainEqual({
			item_id: 'manual',
			auto_result: 'na',
			override_result: 'pass',
			appeal_result: null,
			result: 'pass',
			points: 10,
			max_points: 10
		});
		await submitReview(db, KEY, '质检员A');
		expect((await loadReview(db, KEY)).review?.score).toBe(80);
	});

	it("moves the call's QA score only once the review is submitted, and only for its rubric version", async () => {
		const qa = async (table: string) =>
			(
				await db.query<{ score: number; is_reviewed: boolean }>(
					`SELECT score, is_reviewed FROM ${table} WHERE call_id = 'C1' AND rubric_version = 3`
				)
			).rows[0];
		await setOverride(db, KEY, 'greeting', 'pass', '有问候');
		expect(await qa('call_qa_scores')).toEqual({ score: 75, is_reviewed: false }); // a draft does not count
		await submitReview(db, KEY, 'A');
		expect(await qa('call_qa_scores')).toEqual({ score: 100, is_reviewed: true });
		expect(await qa('automatic_qa_scores')).toEqual({ score: 75, is_reviewed: true });
		// Under version 4 (its own findings and score) the version 3 review does not count.
		await insertRubric(db, rubricOf(4));
		await scoreC1(db, 4);
		const v4 = (
			await db.query<{ score: number; is_reviewed: boolean }>(`SELECT score, is_reviewed FROM call_qa_scores WHERE rubric_version = 4`)
		).rows;
		expect(v4).toEqual([{ score: 75, is_reviewed: false }]);
	});
});

describe('reviews across rubric versions', () => {
	let db: Db;
	const V1 = { ...KEY, rubric_version: 1 };
	const V2 = { ...KEY, rubric_version: 2 };
	beforeEach(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		await insertRubric(db, rubricOf(1));
		// Version 2 drops the courtesy item.
		await insertRubric(
			db,
			rubricOf(
				2,
				ITEMS.filter((i) => i.id !== 'courtesy')
			)
		);
		await scoreC1(db, 1);
		await scoreC1(
			db,
			2,
			AUTO.filter(([id]) => id !== 'courtesy')
		);
	});

	it("lists the call's review under each version, newest first, with its score", async () => {
		await setOverride(db, V1, 'greeting', 'pass', '有问候');
		await submitReview(db, V1, '质检员A');
		expect(await listCallReviews(db, 'C1', 'default-zh')).toMatchObject([
			{ rubric_version: 1, status: 'submitted', inspector: '质检员A', score: 100, overrides: 1 }
		]);
		await setOverride(db, V2, 'manual', 'fail', '态度差');
		expect((await listCallReviews(db, 'C1', 'default-zh')).map((r) => [r.rubric_version, r.status])).toEqual([
			[2, 'draft'],
			[1, 'submitted']
		]);
	});

	it("starts the re-review under v2 from the v1 overrides of the items v2 still has, keeping v2's own", async () => {
		await setOverride(db, V1, 'greeting', 'pass', '有问候');
		await setOverride(db, V1, 'courtesy', 'fail', '没有礼貌用语');
		await setOverride(db, V1, 'manual', 'pass', 'v1 判定');
		await submitReview(db, V1, '质检员A');
		await setOverride(db, V2, 'manual', 'fail', 'v2 已判定');
		expect(await startReviewFrom(db, V1, V2)).toEqual({ copied: 1, dropped: 1 });
		const v2 = await loadReview(db, V2);
		expect(v2.review?.status).toBe('draft');
		expect(v2.overrides.map((o) => [o.item_id, o.override_result, o.reason])).toEqual([
			['greeting', 'pass', '有问候'],
			['manual', 'fail', 'v2 已判定']
		]);
		// The v1 review is untouched.
		expect((await loadReview(db, V1)).overrides).toHaveLength(3);
		expect((await loadReview(db, V1)).review?.status).toBe('submitted');
	});
});
