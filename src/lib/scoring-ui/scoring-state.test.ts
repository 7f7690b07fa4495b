// The active rubric, incremental scoring after an import and rubric versions, on real SQL (test-db.ts): what
// the app relies on when it scores on load and when the rubric editor activates a new version.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { clearCalls, seedCalls, type TestCall } from '../scoring/test-calls';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { DEFAULT_RUBRIC_EN } from '../scoring/default-rubric-en';
import { validateRubric, type Rubric } from '../scoring/rubric';
import { listVersions, readActiveRef, resolveActive, writeActiveRef } from './active-rubric';
import { markDirtyIds } from '../db/score-dirty';
import { collectPending, dropPending } from '../scoring/dirty';
import { ScoringState } from './scoring-state.svelte';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});
beforeEach(async () => {
	await clearCalls(db);
	await db.query('DELETE FROM app_settings');
});

const GREETED: TestCall = {
	id: 'g1',
	turns: [
		['agent', 0, 3, '您好，这里是华信通信，请问有什么可以帮您'],
		['customer', 3.5, 6, '我想查一下话费']
	]
};
const UNGREETED: TestCall = {
	id: 'n1',
	turns: [
		['agent', 0, 2, '喂，说吧'],
		['customer', 2.5, 5, '我想查一下话费']
	]
};

async function scoreRows(): Promise<{ call_id: string; rubric_version: number }[]> {
	const { rows } = await db.query<{ call_id: string; rubric_version: number }>(
		'SELECT call_id, rubric_version FROM scores ORDER BY rubric_version, call_id'
	);
	return rows;
}

describe('active rubric', () => {
	it('activates the Chinese default when none is set, and reads back what was stored', async () => {
		await seedCalls(db, [GREETED]);
		expect(await readActiveRef(db)).toBeNull();
		const r = await resolveActive(db);
		expect(r.id).toBe(DEFAULT_RUBRIC_ZH.id);
		expect(await readActiveRef(db)).toEqual({ id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version });

		const v2: Rubric = { ...DEFAULT_RUBRIC_ZH, version: 2, name: 'v2' };
		const state = new ScoringState(async () => db);
		await state.activate(v2);
		expect(await readActiveRef(db)).toEqual({ id: v2.id, version: 2 });
		const again = new ScoringState(async () => db);
		expect((await again.load()).name).toBe('v2');
	});

	it('activates the English default when the transcripts are mostly English', async () => {
		await seedCalls(db, [
			{
				id: 'e1',
				turns: [
					['agent', 0, 2, 'Thank you for calling, how can I help?'],
					['customer', 2, 4, 'My bill is wrong']
				]
			}
		]);
		expect((await resolveActive(db)).id).toBe(DEFAULT_RUBRIC_EN.id);
	});

	it('falls back to the default when the stored reference points at a rubric that is not saved', async () => {
		await writeActiveRef(db, { id: 'gone', version: 9 });
		expect((await resolveActive(db)).id).toBe(DEFAULT_RUBRIC_ZH.id);
	});
});

describe('scoreNew', () => {
	it('scores only the calls without a score for the active version, plus calls whose data changed', async () => {
		const state = new ScoringState(async () => db);
		await seedCalls(db, [GREETED]);
		await state.scoreNew();
		expect(state.scored).toBe(1);
		const first = await db.query<{ scored_at: string }>("SELECT CAST(scored_at AS VARCHAR) AS scored_at FROM scores WHERE call_id = 'g1'");

		await seedCalls(db, [UNGREETED]);
		const active = state.active!;
		expect(await collectPending(db, active)).toBe(1);
		await dropPending(db);
		await state.scoreNew();
		expect(await scoreRows()).toEqual([
			{ call_id: 'g1', rubric_version: 1 },
			{ call_id: 'n1', rubric_version: 1 }
		]);
		const after = await db.query<{ scored_at: string }>("SELECT CAST(scored_at AS VARCHAR) AS scored_at FROM scores WHERE call_id = 'g1'");
		expect(after.rows[0].scored_at).toBe(first.rows[0].scored_at);
		expect(state.calls).toBe(2);
		expect(state.scored).toBe(2);

		// Data that changed for an already-scored call (an importer marks it): that call, and only it, is scored again.
		expect(await collectPending(db, active)).toBe(0);
		await dropPending(db);
		const n1Before = await db.query<{ scored_at: string }>(
			"SELECT CAST(scored_at AS VARCHAR) AS scored_at FROM scores WHERE call_id = 'n1'"
		);
		await markDirtyIds(db, ['n1', 'not-a-call']);
		expect(await collectPending(db, active)).toBe(1);
		await dropPending(db);
		await state.scoreNew();
		const rescored = await db.query<{ call_id: string; scored_at: string }>(
			'SELECT call_id, CAST(scored_at AS VARCHAR) AS scored_at FROM scores ORDER BY call_id'
		);
		expect(rescored.rows[0].scored_at).toBe(first.rows[0].scored_at);
		expect(rescored.rows[1].scored_at).not.toBe(n1Before.rows[0].scored_at);
		// The marks are consumed (and the one for a call that does not exist is dropped).
		expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM score_dirty')).rows[0].n).toBe(0);
	});

	it('says it is preparing the transcripts while it first fills their stored columns (an older workspace)', async () => {
		await seedCalls(db, [GREETED, UNGREETED]);
		await db.query('UPDATE segments SET ord = NULL');
		// What the scoring line says whenever the run opens a transaction: the fill's steps are transactions.
		const said: string[] = [];
		const state: ScoringState = new ScoringState(async () => watched);
		const watched = new Proxy(db, {
			get(target, key) {
				if (key === 'transaction')
					return (fn: Parameters<Db['transaction']>[0]) => {
						said.push(state.progress);
						return target.transaction(fn);
					};
				const value = Reflect.get(target, key);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		await state.scoreNew();
		expect(said).toContain('正在准备转写文本，第 1/1 步（只需一次），之后为 2 通通话评分…');
		expect(state.progress).toBe('已评分 2 通');
		expect((await db.query<{ n: number }>('SELECT count(*) AS n FROM segments WHERE ord IS NULL')).rows[0].n).toBe(0);
	});

	it('tells views to re-query only when scores or the active version changed', async () => {
		// A bump for nothing made every page reload its figures (and disable its export button) right after opening.
		const state = new ScoringState(async () => db);
		await seedCalls(db, [GREETED]);
		await state.scoreNew();
		const rev = state.revision;
		await state.scoreNew();
		await state.load();
		expect(state.revision).toBe(rev);
		await seedCalls(db, [UNGREETED]);
		await state.scoreNew();
		expect(state.revision).toBe(rev + 1);
		await state.rescoreCalls(['g1']);
		expect(state.revision).toBe(rev + 2);
	});

	it('records the greeting failure with its evidence', async () => {
		const state = new ScoringState(async () => db);
		await seedCalls(db, [GREETED, UNGREETED]);
		await state.scoreNew();
		const { rows } = await db.query<{ call_id: string; result: string; seq: number | null; evidence: string | null }>(
			"SELECT call_id, result, seq, evidence FROM findings WHERE item_id = 'greeting' ORDER BY call_id"
		);
		expect(rows.map((r) => [r.call_id, r.result])).toEqual([
			['g1', 'pass'],
			['n1', 'fail']
		]);
		expect(rows[0].seq).toBe(1);
		expect(rows[0].evidence).toContain('华信通信');
		expect(rows[1].evidence).toBeTruthy();
	});
});

describe('activate', () => {
	it('re-scores every call with the new version and keeps the old version queryable', async () => {
		const state = new ScoringState(async () => db);
		await seedCalls(db, [GREETED, UNGREETED]);
		await state.scoreNew();
		const rev = state.revision;
		// v2 makes the greeting worth nothing but critical: the ungreeted call now scores 0.
		const v2 = validateRubric({
			...JSON.parse(JSON.stringify(DEFAULT_RUBRIC_ZH)),
			version: 2,
			items: DEFAULT_RUBRIC_ZH.items.map((it) => (it.id === 'greeting' ? { ...it, critical: true } : it))
		});
		await state.activate(v2);
		expect(state.revision).toBeGreaterThan(rev);
		expect(state.active?.version).toBe(2);
		expect(await scoreRows()).toEqual([
			{ call_id: 'g1', rubric_version: 1 },
			{ call_id: 'n1', rubric_version: 1 },
			{ call_id: 'g1', rubric_version: 2 },
			{ call_id: 'n1', rubric_version: 2 }
		]);
		const { rows } = await db.query<{ rubric_version: number; score: number; critical_failed: boolean }>(
			"SELECT rubric_version, score, critical_failed FROM scores WHERE call_id = 'n1' ORDER BY rubric_version"
		);
		expect(rows[0].critical_failed).toBe(false);
		expect(rows[0].score).toBeGreaterThan(0);
		expect(rows[1]).toEqual({ rubric_version: 2, score: 0, critical_failed: true });

		const versions = await listVersions(db, DEFAULT_RUBRIC_ZH.id);
		expect(versions.map((v) => [v.version, v.scored])).toEqual([
			[2, 2],
			[1, 2]
		]);
	});

	it('persists the activation before re-scoring, and a page opened after a cut-short run finishes it', async () => {
		await seedCalls(db, [GREETED, UNGREETED]);
		await new ScoringState(async () => db).scoreNew();
		const v2: Rubric = { ...DEFAULT_RUBRIC_ZH, version: 2, name: 'v2' };
		// What each CHECKPOINT makes durable: a reload keeps exactly what the last one saw.
		const durable: { active: string | null; v2Scores: number }[] = [];
		const watched: Db = {
			...db,
			checkpoint: async () => {
				const { rows } = await db.query<{ active: string | null; v2: number }>(
					`SELECT (SELECT value FROM app_settings WHERE key = 'active_rubric') AS active,
						(SELECT count(*) FROM scores WHERE rubric_version = 2) AS v2`
				);
				durable.push({ active: rows[0].active, v2Scores: Number(rows[0].v2) });
				await db.checkpoint();
			}
		};
		await new ScoringState(async () => watched).activate(v2);
		expect(durable[0]).toEqual({ active: JSON.stringify({ id: v2.id, version: 2 }), v2Scores: 0 });

		// A reload right after that first checkpoint: version 2 is active with no scores; the next page scores them.
		await db.query('DELETE FROM scores WHERE rubric_version = 2');
		const reopened = new ScoringState(async () => db);
		await reopened.scoreNew();
		expect(reopened.active?.version).toBe(2);
		expect(reopened.scored).toBe(2);
	});

	it('reports a failure in status and error, and the next run starts clean', async () => {
		const broken = new ScoringState(async () => {
			throw new Error('no database');
		});
		await expect(broken.scoreNew()).rejects.toThrow('no database');
		expect(broken.status).toBe('error');
		expect(broken.error).toBe('no database');
	});
});

describe('cancelling a scoring run', () => {
	it('keeps the version that was active when its activation is cancelled, then resumes a pending run', async () => {
		await seedCalls(db, [GREETED, UNGREETED]);
		const state = new ScoringState(async () => db);
		await state.scoreNew();
		expect(state.status).toBe('idle');
		const before = await scoreRows();

		const v2: Rubric = { ...DEFAULT_RUBRIC_ZH, version: 2, name: 'v2' };
		const activation = state.activate(v2);
		// Cancel as soon as the run has begun its statements (the button shows only then).
		await expect.poll(() => state.canCancel).toBe(true);
		state.cancel();
		await expect(activation).rejects.toThrow('scoring cancelled');
		expect(state.status).toBe('cancelled');
		expect(state.active?.version).toBe(DEFAULT_RUBRIC_ZH.version);
		expect(await readActiveRef(db)).toEqual({ id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version });
		expect(await scoreRows()).toEqual(before);
		expect(state.progress).toMatch(/评分已取消|Scoring cancelled/);

		// A transcript change marked after the cancel is scored by the resumed run.
		await markDirtyIds(db, ['n1']);
		await state.scoreNew();
		expect(state.status).toBe('idle');
		expect(await collectPending(db, DEFAULT_RUBRIC_ZH)).toBe(0);
		await dropPending(db);
	});
});
