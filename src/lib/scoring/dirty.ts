// Which calls need scoring again because their data changed: the `score_dirty` marks (schema.ts) that every import,
// replacement or deletion of segments, recordings, voice activity, call fields or complaints adds, and the run that
// scores the marked calls plus the calls without a score for the active version, then consumes exactly the marks it
// saw. The marks themselves are written with db/score-dirty.ts. Plain SQL over the Db interface: the browser (scoring-ui) and the CLI (`callqa score`) run the same code.
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { scoreCalls, type ScoreOptions } from './score';
import type { Rubric } from './rubric';

/** Temp table holding the calls a pending run scores (scoreCalls' onlyCallsTable) and the newest mark of each. */
export const PENDING_TABLE = 'cqa_unscored';

/** Distinct calls with a mark (the ones a run would re-score besides the unscored). */
export async function dirtyCount(db: Db): Promise<number> {
	const { rows } = await db.query<{ n: number }>('SELECT count(DISTINCT call_id) AS n FROM score_dirty');
	return Number(rows[0]?.n ?? 0);
}

/**
 * Fills PENDING_TABLE with the calls to score for `ref` and returns how many: every call without a score for that
 * version, plus every marked call that exists.
 */
export async function collectPending(db: Db, ref: { id: string; version: number }): Promise<number> {
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${PENDING_TABLE} AS
		SELECT call_id, max(mark) AS mark FROM (
			SELECT c.call_id, CAST(NULL AS BIGINT) AS mark FROM calls c
			WHERE NOT EXISTS (SELECT 1 FROM scores s WHERE s.call_id = c.call_id AND s.rubric_id = ? AND s.rubric_version = ?)
			UNION ALL
			SELECT d.call_id, d.mark FROM score_dirty d WHERE d.call_id IN (SELECT call_id FROM calls)
		) GROUP BY call_id`,
		[ref.id, ref.version]
	);
	const { rows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${PENDING_TABLE}`);
	return Number(rows[0]?.n ?? 0);
}

/**
 * After PENDING_TABLE's calls were scored: removes the marks the run saw (a mark added while it ran is newer and
 * stays for the next run) and marks of calls that no longer exist, then drops the table.
 */
export async function consumePending(db: Db): Promise<void> {
	await db.query(
		`DELETE FROM score_dirty WHERE call_id NOT IN (SELECT call_id FROM calls)
			OR EXISTS (SELECT 1 FROM ${PENDING_TABLE} p WHERE p.call_id = score_dirty.call_id AND score_dirty.mark <= p.mark)`
	);
	await dropPending(db);
}

export async function dropPending(db: Db): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${PENDING_TABLE}`);
}

/** The newest mark now (0 when none): a run over every call consumes the marks up to it. */
export async function dirtyWatermark(db: Db): Promise<number> {
	const { rows } = await db.query<{ m: number | null }>('SELECT max(mark) AS m FROM score_dirty');
	return Number(rows[0]?.m ?? 0);
}

/** Removes the marks up to `watermark` (after every call was scored). */
export async function clearDirty(db: Db, watermark: number): Promise<void> {
	await db.query('DELETE FROM score_dirty WHERE mark <= ?', [watermark]);
}

/** What a pending or full run passes on to scoreCalls: its progress and its cancel. */
export type RunOptions = Pick<ScoreOptions, 'onStep' | 'onPrepare' | 'signal'>;

/**
 * Scores, with `rubric`, the calls without a score for its version and the calls marked dirty, and consumes their
 * marks. `onCount` hears how many before the work starts (the progress indicator). Returns that number. A run
 * cancelled through `opts.signal` (ScoringCancelled) writes nothing and keeps the marks for the next run.
 */
export async function scorePending(db: Db, rubric: Rubric, onCount?: (n: number) => void, opts: RunOptions = {}): Promise<number> {
	await ensureSchema(db);
	try {
		const n = await collectPending(db, rubric);
		onCount?.(n);
		if (n > 0) await scoreCalls(db, rubric, { onlyCallsTable: PENDING_TABLE, ...opts });
		await consumePending(db);
		return n;
	} finally {
		await dropPending(db);
	}
}

/**
 * Scores every call with `rubric` (a newly activated version) and consumes the marks that existed before. Cancelled
 * through `opts.signal`, it writes nothing and keeps the marks.
 */
export async function scoreAll(db: Db, rubric: Rubric, opts: RunOptions = {}): Promise<{ calls: number; ms: number }> {
	await ensureSchema(db);
	const watermark = await dirtyWatermark(db);
	const result = await scoreCalls(db, rubric, opts);
	await clearDirty(db, watermark);
	return result;
}
