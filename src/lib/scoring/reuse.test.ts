// Re-scoring after a rubric change computes only the items whose SQL changed (reuse.ts), and gives exactly the rows
// a run from scratch gives.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../db/types';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import type { Rubric } from './rubric';
import { scoreCalls } from './score';
import { openScoredSample } from './scored-sample';

let db: Db;
beforeAll(async () => {
	db = await openScoredSample(inject('scoredSampleDir'));
	// The fixture was scored by scoreCalls alone, which leaves the import's marks; the app's run consumes them (dirty.ts).
	await db.query('DELETE FROM score_dirty');
}, 180_000);
afterAll(() => db?.close());

/** A new version of the default rubric with `change` applied to its items. */
function version(v: number, change: (items: Rubric['items']) => Rubric['items']): Rubric {
	const r = structuredClone(DEFAULT_RUBRIC_ZH);
	return { ...r, version: v, items: change(r.items) };
}

const oneBannedPhraseMore = (items: Rubric['items']) =>
	items.map((it) =>
		it.rule.kind === 'phrase_banned' && it.id === 'banned_phrase'
			? { ...it, rule: { ...it.rule, phrases: [...it.rule.phrases, '您好'] } }
			: it
	);

async function rows(v: number) {
	const f = await db.query(
		`SELECT call_id, item_id, result, points, max_points, start_s, end_s, seq, evidence, evidence_code, evidence_params
		FROM findings WHERE rubric_id = ? AND rubric_version = ? ORDER BY call_id, item_id`,
		[DEFAULT_RUBRIC_ZH.id, v]
	);
	const s = await db.query(
		'SELECT call_id, score, passed, critical_failed FROM scores WHERE rubric_id = ? AND rubric_version = ? ORDER BY call_id',
		[DEFAULT_RUBRIC_ZH.id, v]
	);
	return { findings: f.rows, scores: s.rows };
}

describe('re-scoring after a rubric change', () => {
	it('computes only the changed item and gives the rows a run from scratch gives', async () => {
		const changed = await scoreCalls(db, version(2, oneBannedPhraseMore));
		expect(changed.reused).toBe(DEFAULT_RUBRIC_ZH.items.length - 1);
		// the new phrase fails calls the first version passed: the changed item really was computed
		const failsBefore = await db.query<{ n: number }>(
			`SELECT count(*) FILTER (WHERE rubric_version = 2) - count(*) FILTER (WHERE rubric_version = 1) AS n
			FROM findings WHERE item_id = 'banned_phrase' AND result = 'fail'`
		);
		expect(Number(failsBefore.rows[0].n)).toBeGreaterThan(0);

		await db.query('DELETE FROM item_sql');
		const scratch = await scoreCalls(db, version(3, oneBannedPhraseMore));
		expect(scratch.reused).toBe(0);
		expect(await rows(2)).toEqual(await rows(3));
	});

	it('copies every item when only weights change, and the scores follow the new weights', async () => {
		const heavier = (items: Rubric['items']) => items.map((it) => (it.id === 'greeting' ? { ...it, weight: it.weight * 3 } : it));
		const run = await scoreCalls(
			db,
			version(4, (items) => heavier(oneBannedPhraseMore(items)))
		);
		expect(run.reused).toBe(DEFAULT_RUBRIC_ZH.items.length);
		await db.query('DELETE FROM item_sql');
		await scoreCalls(
			db,
			version(5, (items) => heavier(oneBannedPhraseMore(items)))
		);
		expect(await rows(4)).toEqual(await rows(5));
		expect((await rows(4)).scores).not.toEqual((await rows(3)).scores);
	});

	it('computes everything when a call changed since the last run', async () => {
		await db.query(`INSERT INTO score_dirty (call_id) SELECT call_id FROM calls LIMIT 1`);
		const run = await scoreCalls(db, version(6, oneBannedPhraseMore));
		expect(run.reused).toBe(0);
		await db.query('DELETE FROM score_dirty');
	});
});
