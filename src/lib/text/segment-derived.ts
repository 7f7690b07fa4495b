// The columns of `segments` derived from a call's turns (db/schema.ts): the text normalised for matching (cqa_norm,
// then cqa_fold), its length, and the turn's number in the call and among its speaker's turns, counted from the start
// and from the end. They are computed once, when a call's segments are written (a call's transcript is always
// written whole), so a scoring run reads them instead of normalising and numbering every turn again (issue 13).
// A change to how they are computed changes SEGMENT_DERIVED_VERSION, and the next scoring run recomputes them
// (ensureSegmentsDerived). Plain SQL over the Db interface.
import type { Db, Queryable } from '../db/types';
import { NORM_MACRO_SQL } from './normalize';

export const DERIVED_SEGMENT_COLUMNS = ['norm', 'nchars', 'ord', 'ord_rev', 'turn_no', 'turn_rev'] as const;

/** app_settings key holding the SEGMENT_DERIVED_VERSION the stored columns were computed with. */
export const SEGMENT_DERIVED_KEY = 'segments_derived';

/**
 * `columns` of `from` (a table or a parenthesised subquery holding every segment of its calls) and the derived
 * columns, in that order. Needs NORM_MACRO_SQL on the connection.
 *
 * A call's turns are in time order when every one of them is timed, else in file order (seq). Counting back from the
 * end is count − number, which saves two sorts over ordering the other way. cqa_fold repeats its argument, so it
 * folds a column that cqa_norm made one level down rather than the cqa_norm call itself.
 */
export function derivedSegmentsSql(columns: readonly string[], from: string): string {
	const cols = columns.join(', ');
	return `SELECT ${cols}, norm, length(norm) AS nchars,
	row_number() OVER (PARTITION BY call_id ORDER BY CASE WHEN cqa_timed THEN start_s END, seq) AS ord,
	count(*) OVER (PARTITION BY call_id) + 1 - ord AS ord_rev,
	row_number() OVER (PARTITION BY call_id, speaker ORDER BY CASE WHEN cqa_timed THEN start_s END, seq) AS turn_no,
	count(*) OVER (PARTITION BY call_id, speaker) + 1 - turn_no AS turn_rev
FROM (SELECT s.*, cqa_fold(s.cqa_n0) AS norm, coalesce(t.timed, false) AS cqa_timed
	FROM (SELECT ${cols}, cqa_norm(text) AS cqa_n0 FROM ${from}) s
	LEFT JOIN (SELECT call_id, bool_and(start_s IS NOT NULL AND end_s IS NOT NULL) AS timed FROM ${from} GROUP BY call_id) t
		ON t.call_id = s.call_id)`;
}

/** FNV-1a of the text, as 8 hex digits: a version that changes when the SQL does. */
function fnv1a(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/** Changes whenever the normalisation or the numbering changes. */
export const SEGMENT_DERIVED_VERSION = fnv1a(NORM_MACRO_SQL + derivedSegmentsSql(['call_id'], 'x'));

/** The segment columns as imported (everything but the derived ones), in table order. */
async function sourceColumns(db: Queryable): Promise<string[]> {
	const { rows } = await db.query<{ name: string }>(
		`SELECT column_name AS name FROM duckdb_columns() WHERE table_name = 'segments' AND schema_name = 'main'
		AND database_name = current_database() ORDER BY column_index`
	);
	const derived = new Set<string>(DERIVED_SEGMENT_COLUMNS);
	return rows.map((r) => r.name).filter((n) => !derived.has(n));
}

/** Calls whose turns one INSERT numbers: the window sorts of a whole month's file at once took the tab to 3.2 GB. */
export const INSERT_CALLS_PER_STEP = 20_000;

let counter = 0;

/**
 * Writes `from` (whole calls, the source columns) into segments with the derived columns, `callsPerStep` calls per
 * statement (no checkpoint between them: the caller's, after the whole file, makes it durable at once). The caller
 * has deleted those calls' earlier segments. Records the version when the workspace has none yet (its other rows are
 * either computed by this version or not computed at all).
 */
export async function insertSegments(
	db: Queryable,
	columns: readonly string[],
	from: string,
	callsPerStep = INSERT_CALLS_PER_STEP
): Promise<void> {
	await db.query(NORM_MACRO_SQL);
	const insert = (rows: string) =>
		db.query(`INSERT INTO segments (${columns.join(', ')}, ${DERIVED_SEGMENT_COLUMNS.join(', ')}) ${derivedSegmentsSql(columns, rows)}`);
	const calls = `cqa_insert_calls_${counter++}`;
	await db.query(
		`CREATE TEMP TABLE ${calls} AS SELECT call_id, (row_number() OVER (ORDER BY call_id) - 1) // ${Math.max(1, Math.floor(callsPerStep))} AS step
		FROM (SELECT DISTINCT call_id FROM ${from})`
	);
	try {
		const { rows } = await db.query<{ n: number }>(`SELECT count(DISTINCT step) AS n FROM ${calls}`);
		const steps = Number(rows[0]?.n ?? 0);
		if (steps === 1) await insert(from);
		for (let step = 0; steps > 1 && step < steps; step++)
			await insert(`(SELECT * FROM ${from} WHERE call_id IN (SELECT call_id FROM ${calls} WHERE step = ${step}))`);
	} finally {
		await db.query(`DROP TABLE IF EXISTS ${calls}`);
	}
	await db.query(`INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING`, [
		SEGMENT_DERIVED_KEY,
		SEGMENT_DERIVED_VERSION
	]);
}

/** Calls rewritten per transaction when filling: bounds the memory of a first fill of a large workspace. */
export const FILL_CALLS_PER_STEP = 20_000;

/**
 * Makes the derived columns current before a scoring run reads them: recomputes every call's when they were computed
 * by another version, else only the calls that have a segment without them (an older workspace, a restored backup).
 * Returns the number of segments rewritten (0 when all were current: one count).
 *
 * A change of version first clears `ord` everywhere and records the new version (one transaction), then fills the
 * calls without it `callsPerStep` at a time, each step its own transaction: a 200k-call month is not copied in
 * one piece, and a fill cut short (a closed tab, or `signal` aborted: it stops between steps) goes on at the next run.
 * `onStep` hears `done` of `total` steps before and after each one (only when there is something to fill).
 */
export async function ensureSegmentsDerived(
	db: Db,
	opts: { callsPerStep?: number; signal?: AbortSignal; onStep?: (done: number, total: number) => void } = {}
): Promise<number> {
	const callsPerStep = Math.max(1, Math.floor(opts.callsPerStep ?? FILL_CALLS_PER_STEP));
	const { rows } = await db.query<{ version: string | null; missing: number }>(
		`SELECT (SELECT value FROM app_settings WHERE key = ?) AS version, (SELECT count(*) FROM segments WHERE ord IS NULL) AS missing`,
		[SEGMENT_DERIVED_KEY]
	);
	const stale = rows[0]?.version != null && rows[0].version !== SEGMENT_DERIVED_VERSION;
	if (!stale && Number(rows[0]?.missing ?? 0) === 0) return 0;
	if (stale)
		await db.batch([
			'UPDATE segments SET ord = NULL',
			{ sql: 'DELETE FROM app_settings WHERE key = ?', params: [SEGMENT_DERIVED_KEY] },
			{ sql: 'INSERT INTO app_settings (key, value) VALUES (?, ?)', params: [SEGMENT_DERIVED_KEY, SEGMENT_DERIVED_VERSION] }
		]);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE cqa_refill AS SELECT call_id, (row_number() OVER (ORDER BY call_id) - 1) // ${callsPerStep} AS step
		FROM (SELECT DISTINCT call_id FROM segments WHERE ord IS NULL)`
	);
	let rewritten = 0;
	try {
		const { rows: steps } = await db.query<{ n: number }>('SELECT count(DISTINCT step) AS n FROM cqa_refill');
		const total = Number(steps[0]?.n ?? 0);
		for (let step = 0; step < total && !opts.signal?.aborted; step++) {
			opts.onStep?.(step, total);
			rewritten += await db.transaction(async (tx) => {
				const columns = await sourceColumns(tx);
				await tx.query(
					`CREATE OR REPLACE TEMP TABLE cqa_rederive AS SELECT ${columns.join(', ')} FROM segments
					WHERE call_id IN (SELECT call_id FROM cqa_refill WHERE step = ${step})`
				);
				const { rows: n } = await tx.query<{ n: number }>('SELECT count(*) AS n FROM cqa_rederive');
				await tx.query('DELETE FROM segments WHERE call_id IN (SELECT call_id FROM cqa_rederive)');
				await insertSegments(tx, columns, 'cqa_rederive');
				await tx.query('DROP TABLE cqa_rederive');
				return Number(n[0]?.n ?? 0);
			});
			await db.checkpoint();
			opts.onStep?.(step + 1, total);
		}
	} finally {
		await db.query('DROP TABLE IF EXISTS cqa_refill; DROP TABLE IF EXISTS cqa_rederive');
	}
	return rewritten;
}
