// Re-scoring after a rubric change computes only the items whose SQL changed. Each run records the SQL it scored
// every item with (table item_sql); a run of a new version of the same rubric copies the findings of the items
// whose SQL is the same as in the version scored last, when that version's findings are current for every call the
// run covers: each has a score for it and no mark saying its data changed since (score_dirty, dirty.ts). Everything
// else is computed. The comparison is on the compiled SQL, so a change anywhere that reaches an item (its rule, its
// applies-when, the rubric's variables, equivalents or fillers, or the app's own rule code) makes it computed again;
// weights, critical flags and the pass mark only enter the score, which is always computed.
import type { Db } from '../db/types';
import { itemSql, type CompileOptions } from './compile';
import type { Rubric } from './rubric';

export type Reuse = NonNullable<CompileOptions['reuse']>;

/** Each item's compiled SQL, computed once per run for findReuse and recordItemSql. */
export function itemSqls(rubric: Rubric): Map<string, string> {
	return new Map(rubric.items.map((it) => [it.id, itemSql(it, rubric)]));
}

/**
 * What a run of `rubric` over the calls in `onlyCallsTable` (every call when absent) can copy: the version it copies
 * from and the items, or null when nothing can be copied.
 */
export async function findReuse(db: Db, rubric: Rubric, sqls: Map<string, string>, onlyCallsTable?: string): Promise<Reuse | null> {
	const { rows: last } = await db.query<{ v: number }>(
		`SELECT rubric_version AS v FROM item_sql WHERE rubric_id = ? AND rubric_version <> ?
		ORDER BY scored_at DESC, rubric_version DESC LIMIT 1`,
		[rubric.id, rubric.version]
	);
	if (last.length === 0) return null;
	const version = Number(last[0].v);
	const { rows: stored } = await db.query<{ item_id: string; sql: string | null }>(
		'SELECT item_id, sql FROM item_sql WHERE rubric_id = ? AND rubric_version = ?',
		[rubric.id, version]
	);
	const before = new Map(stored.map((r) => [r.item_id, r.sql]));
	const items = new Set([...sqls].filter(([id, sql]) => before.get(id) === sql).map(([id]) => id));
	if (items.size === 0) return null;
	const scope = onlyCallsTable ? `c.call_id IN (SELECT call_id FROM ${onlyCallsTable}) AND` : '';
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM calls c WHERE ${scope} (
			NOT EXISTS (SELECT 1 FROM scores s WHERE s.call_id = c.call_id AND s.rubric_id = ? AND s.rubric_version = ?)
			OR EXISTS (SELECT 1 FROM score_dirty d WHERE d.call_id = c.call_id))`,
		[rubric.id, version]
	);
	return Number(rows[0]?.n) === 0 ? { version, items } : null;
}

/**
 * After a run of `rubric`: records the SQL each item was scored with. An item whose SQL differs from what the version
 * recorded before keeps it only when the run covered every call; otherwise its findings now come from two different
 * SQL texts and the record says so (NULL: never copied).
 */
export async function recordItemSql(db: Db, rubric: Rubric, sqls: Map<string, string>, coveredAll: boolean): Promise<void> {
	const { rows } = await db.query<{ item_id: string; sql: string | null }>(
		'SELECT item_id, sql FROM item_sql WHERE rubric_id = ? AND rubric_version = ?',
		[rubric.id, rubric.version]
	);
	const before = new Map(rows.map((r) => [r.item_id, r.sql]));
	const kept = [...sqls].map(([id, sql]) => [id, coveredAll || !before.has(id) || before.get(id) === sql ? sql : null] as const);
	await db.batch([
		{ sql: 'DELETE FROM item_sql WHERE rubric_id = ? AND rubric_version = ?', params: [rubric.id, rubric.version] },
		{
			sql: `INSERT INTO item_sql (rubric_id, rubric_version, item_id, sql, scored_at) VALUES ${kept.map(() => '(?, ?, ?, ?, current_timestamp)').join(', ')}`,
			params: kept.flatMap(([id, sql]) => [rubric.id, rubric.version, id, sql])
		}
	]);
}
