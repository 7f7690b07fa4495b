// A review survives as written: overrides need a reason, comments keep their time, the score applies the
// overrides by the rubric's maths, and a submitted review is frozen. Real DuckDB (duckdb-wasm in Node).
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeWasmDb } from '../db/node-wasm';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { addComment, clearOverride, deleteComment, loadReview, reopenReview, reviewScore, setOverride, submitReview, ReviewError, type Result } from './review-sql';

const KEY = { call_id: 'C1', rubric_id: 'default-zh', rubric_version: 3 };

describe('review store', () => {
	let db: Db;
	let checkpoints: number;
	beforeEach(async () => {
		const inner = await createNodeWasmDb();
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
		await submitReview(db, KEY, ' 质检员A ', 75);
		const r = await loadReview(db, KEY);
		expect(r.review).toMatchObject({ status: 'submitted', inspector: '质检员A', score: 75 });
		expect(r.review?.submitted_at).toMatch(/^\d{4}-/);
		await expect(setOverride(db, KEY, 'closing', 'pass', '听错了')).rejects.toMatchObject({ code: 'submitted' });

		await reopenReview(db, KEY);
		await setOverride(db, KEY, 'closing', 'pass', '听错了');
		expect((await loadReview(db, KEY)).review?.status).toBe('draft');
	});
});

describe('score with overrides', () => {
	const items = [
		{ id: 'greeting', weight: 10, critical: false },
		{ id: 'banned', weight: 20, critical: true },
		{ id: 'courtesy', weight: 10, critical: false },
		{ id: 'manual', weight: 10, critical: false }
	];
	const auto = new Map<string, Result>([
		['greeting', 'fail'],
		['banned', 'pass'],
		['courtesy', 'pass'],
		['manual', 'na']
	]);
	const cases: [string, [string, Result][], number | null, boolean | null][] = [
		['automatic results only (N/A excluded)', [], 75, false],
		['an override to pass raises the score to the pass mark', [['greeting', 'pass']], 100, true],
		['an N/A item overridden to fail counts', [['manual', 'fail']], 60, false],
		['an override to N/A leaves the item out', [['greeting', 'na']], 100, true],
		['a critical item overridden to fail zeroes the call', [['banned', 'fail'], ['greeting', 'pass']], 0, false],
		['nothing applies → no score', [['greeting', 'na'], ['banned', 'na'], ['courtesy', 'na']], null, null]
	];
	it.each(cases)('%s', (_name, overrides, score, passed) => {
		const s = reviewScore(items, auto, new Map(overrides), 80);
		expect(s.score).toBe(score);
		expect(s.passed).toBe(passed);
		expect(s.critical_failed).toBe(overrides.some(([id, r]) => id === 'banned' && r === 'fail'));
	});
});
