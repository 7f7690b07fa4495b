// Rebuilding a set of KPI rollups (the dashboard's, dashboard/rollup-sql.ts; the leaderboard's, leaderboard-rollup.ts)
// when the data they were built from changed: a fingerprint '<definition>|<data>#<reviews>' kept in a state table,
// the statements and the new state in one transaction, each step reported, a cancel between steps. No Svelte, no DOM.
import type { Db } from '../db/types';

/** A rollup build stopped by its AbortSignal: the rollups and their state are as they were before it. */
export class RollupCancelled extends Error {
	constructor() {
		super('rollup build cancelled');
		this.name = 'RollupCancelled';
	}
}

export interface RollupBuildOptions {
	/** Before each statement of a rebuild and once at its end: statements done, statements in all. */
	onProgress?: (done: number, total: number) => void;
	/** Looked at before each statement: an aborted build rolls back and rejects with RollupCancelled. */
	signal?: AbortSignal;
}

export interface RollupSet {
	/** the table holding the fingerprint the rollups were built from (one row, or none before the first build) */
	stateTable: string;
	/** what the rows depend on besides the data (the definitions' version, a threshold): a change rebuilds them */
	definition: string;
	/** the statements of a full rebuild, or of the rows that depend on reviews when only those changed */
	statements: (isReviewsOnly: boolean) => string[];
}

/**
 * The workspace's data in two parts: `data` (row counts, the latest scoring and import, the rubric items) and
 * `reviews` (submitted reviews and their overrides, which move QA scores). Imports book every file in import_files,
 * scoring stamps scored_at and every review write stamps updated_at, so any write the app makes changes one of them.
 */
async function dataFingerprint(db: Db): Promise<{ data: string; reviews: string }> {
	const { rows } = await db.query<{ fp: string; rv: string }>(`SELECT concat_ws('|',
		(SELECT count(*) FROM calls), (SELECT count(*) FROM scores), (SELECT count(*) FROM findings), (SELECT count(*) FROM complaints),
		(SELECT max(scored_at) FROM scores), (SELECT count(*) FROM import_files), (SELECT max(imported_at) FROM import_files)) AS fp,
		concat_ws('|', (SELECT count(*) FROM reviews), (SELECT count(*) FILTER (WHERE status = 'submitted') FROM reviews),
			(SELECT max(updated_at) FROM reviews), (SELECT count(*) FROM review_items), (SELECT max(updated_at) FROM review_items),
			(SELECT count(*) FROM rubric_items)) AS rv`);
	return { data: rows[0]?.fp ?? '', reviews: rows[0]?.rv ?? '' };
}

const building = new WeakMap<Db, Map<string, Promise<boolean>>>();

/**
 * Rebuilds `set` when the data changed since it was built; resolves true when it rebuilt. The statements and the new
 * state run in one transaction, so a failure or a cancel leaves the old rollups. Concurrent callers on one database
 * share the same run (and the first caller's progress and signal).
 */
export function ensureRollupSet(db: Db, set: RollupSet, opts: RollupBuildOptions = {}): Promise<boolean> {
	const runs = building.get(db) ?? new Map<string, Promise<boolean>>();
	building.set(db, runs);
	const running = runs.get(set.stateTable);
	if (running) return running;
	const run = (async () => {
		const { data, reviews } = await dataFingerprint(db);
		const fp = `${set.definition}|${data}#${reviews}`;
		const { rows } = await db.query<{ fingerprint: string }>(`SELECT fingerprint FROM ${set.stateTable}`);
		const built = rows[0]?.fingerprint ?? null;
		if (built === fp) return false;
		// Only the reviews changed (an inspector submitted or reopened one): only the QA rows depend on them.
		const statements = set.statements(built != null && built.split('#')[0] === fp.split('#')[0]);
		await db.transaction(async (tx) => {
			for (const [i, sql] of statements.entries()) {
				if (opts.signal?.aborted) throw new RollupCancelled();
				opts.onProgress?.(i, statements.length);
				await tx.query(sql);
			}
			await tx.query(`DELETE FROM ${set.stateTable}`);
			await tx.query(`INSERT INTO ${set.stateTable} VALUES (?, current_timestamp)`, [fp]);
		});
		opts.onProgress?.(statements.length, statements.length);
		await db.checkpoint();
		return true;
	})();
	runs.set(set.stateTable, run);
	const done = () => runs.delete(set.stateTable);
	run.then(done, done);
	return run;
}
