// Marking calls as needing a new score (the `score_dirty` table, schema.ts): every import, replacement or deletion of
// segments, recordings, voice activity, call fields or complaints calls one of these. Scoring the marked calls and
// consuming the marks is scoring/dirty.ts's; this module only writes marks, so ingest never imports scoring.
import type { Db, Param } from './types';

/**
 * SQL that marks the calls `select` returns (a query with a `call_id` column) as needing a new score. For importers
 * whose statements are strings (tabular/build-normalise-sql.ts).
 */
export function markDirtySql(select: string): string {
	return `INSERT INTO score_dirty (call_id) SELECT DISTINCT call_id FROM (${select}) WHERE call_id IS NOT NULL`;
}

/** Marks the calls `select` returns (with its `params`) as needing a new score. */
export async function markDirty(db: Db, select: string, params: Param[] = []): Promise<void> {
	await db.query(markDirtySql(select), params);
}

/** Marks these calls as needing a new score. */
export async function markDirtyIds(db: Db, callIds: readonly string[]): Promise<void> {
	for (let i = 0; i < callIds.length; i += 500) {
		const chunk = callIds.slice(i, i + 500);
		await db.query(`INSERT INTO score_dirty (call_id) VALUES ${chunk.map(() => '(?)').join(', ')}`, chunk);
	}
}
