// Compacting the workspace file (issue 16: the file grew on every identical re-import and was never compacted).
// DuckDB reuses the blocks a replacement frees but never gives them back, so after large replacements a good
// share of the file is free blocks. Compaction copies the live database into a fresh file (ATTACH + COPY FROM
// DATABASE), checks every table arrived whole, and only then lets the backend switch to the new file: a kill at
// any moment leaves either the old file or the complete new one as the workspace (see each backend's `compact`).
import type { Db, Queryable } from './types';
import { sqlString } from './sql';

export interface StorageSize {
	/** bytes of the database file in use: total blocks × block size */
	bytes: number;
	totalBlocks: number;
	freeBlocks: number;
	blockSize: number;
}

export interface CompactPolicy {
	/** compact when at least this share of the file's blocks is free … */
	minFreeShare: number;
	/** … and they add up to at least this many bytes */
	minFreeBytes: number;
	/**
	 * After an import that replaced rows: compact when the file has grown to this multiple of its size after the
	 * last compaction (DuckDB keeps a replaced row's old row group until the whole group is rewritten, so much of
	 * the garbage is not in free blocks), or has never been compacted and holds more than 2 × minFreeBytes.
	 */
	growthAfterReplace: number;
}

/** Re-importing the same exports leaves free blocks of 35–50% natively, and +30% file size per re-import in OPFS. */
export const COMPACT_POLICY: CompactPolicy = { minFreeShare: 0.35, minFreeBytes: 4 * 1024 * 1024, growthAfterReplace: 1.25 };

export interface CompactResult {
	before: StorageSize;
	after: StorageSize;
}

/** The workspace file's size and free blocks; null for a database in memory (nothing to compact). */
export async function storageSize(db: Queryable): Promise<StorageSize | null> {
	const { rows } = await db.query<{ block_size: number; total_blocks: number; free_blocks: number }>(
		`SELECT block_size::DOUBLE AS block_size, total_blocks::DOUBLE AS total_blocks, free_blocks::DOUBLE AS free_blocks
		FROM pragma_database_size() WHERE database_name = current_database()`
	);
	const r = rows[0];
	if (!r || !Number(r.block_size) || !Number(r.total_blocks)) return null;
	const blockSize = Number(r.block_size);
	const totalBlocks = Number(r.total_blocks);
	return { bytes: blockSize * totalBlocks, totalBlocks, freeBlocks: Number(r.free_blocks), blockSize };
}

export interface CompactContext {
	/** the import that just ended replaced rows (rows_replaced, or transcripts replaced) */
	replaced: boolean;
	/** the file's bytes right after the last compaction (null: never compacted) */
	baseline: number | null;
}

export function needsCompaction(
	size: StorageSize | null,
	context: CompactContext = { replaced: false, baseline: null },
	policy: CompactPolicy = COMPACT_POLICY
): boolean {
	if (!size || size.totalBlocks === 0) return false;
	if (size.freeBlocks / size.totalBlocks >= policy.minFreeShare && size.freeBlocks * size.blockSize >= policy.minFreeBytes) return true;
	if (!context.replaced) return false;
	if (context.baseline === null) return size.bytes >= 2 * policy.minFreeBytes;
	return size.bytes >= context.baseline * policy.growthAfterReplace && size.bytes - context.baseline >= policy.minFreeBytes;
}

async function baselineBytes(db: Db): Promise<number | null> {
	const { rows } = await db.query<{ bytes: number }>('SELECT max(bytes)::DOUBLE AS bytes FROM workspace_storage');
	return rows[0]?.bytes == null ? null : Number(rows[0].bytes);
}

async function tableCounts(db: Queryable, database: string): Promise<Map<string, number>> {
	const { rows } = await db.query<{ name: string }>(
		`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = ? AND NOT temporary ORDER BY table_name`,
		[database]
	);
	const counts = new Map<string, number>();
	for (const { name } of rows) {
		const q = await db.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM "${database}".main."${name.replaceAll('"', '""')}"`);
		counts.set(name, Number(q.rows[0].n));
	}
	return counts;
}

/**
 * Copies the current database (tables, views, sequences, macros, data) into the database file at `target`
 * (a path the backend can ATTACH: a file path natively, `opfs://…` in the browser) and checks every table has
 * the same rows count there. Leaves the target detached and complete; throws (and detaches) otherwise.
 */
export async function copyDatabaseTo(db: Queryable, target: string): Promise<void> {
	const alias = 'cqa_compact';
	const { rows } = await db.query<{ d: string }>('SELECT current_database() AS d');
	const source = rows[0].d;
	await db.query(`ATTACH ${sqlString(target)} AS ${alias}`);
	try {
		await db.query(`COPY FROM DATABASE "${source.replaceAll('"', '""')}" TO ${alias}`);
		const [from, to] = [await tableCounts(db, source), await tableCounts(db, alias)];
		for (const [name, n] of from)
			if (to.get(name) !== n)
				throw new Error(`compaction: table ${name} has ${to.get(name) ?? 'no'} rows in the copy, ${n} in the workspace`);
		await db.query(`CHECKPOINT ${alias}`);
	} finally {
		await db.query(`DETACH ${alias}`);
	}
}

/**
 * Compacts the workspace when the policy says it is worth it (`replaced`: the import that just ended replaced rows) (the backend must support compaction: a file-backed
 * database). Returns the sizes before and after, or null when nothing was done.
 */
export async function maybeCompact(db: Db, replaced: boolean, policy: CompactPolicy = COMPACT_POLICY): Promise<CompactResult | null> {
	if (!db.compact) return null;
	await db.checkpoint();
	const before = await storageSize(db);
	if (!needsCompaction(before, { replaced, baseline: await baselineBytes(db) }, policy)) return null;
	await db.compact();
	const after = await storageSize(db);
	if (!before || !after) return null;
	await db.batch([
		'DELETE FROM workspace_storage',
		{ sql: 'INSERT INTO workspace_storage VALUES (?, current_timestamp)', params: [after.bytes] }
	]);
	await db.checkpoint();
	return { before, after };
}
