// The import journal (issue 16: a kill mid-import kept 0–5 of 13 files with no notice on reopening). Before the
// first file every file of the batch is written as pending and made durable with CHECKPOINT; each file is marked
// done (and checkpointed) once imported; the batch's rows are removed when the import ends. Rows found on opening
// the workspace are an import that was cut short: the import page says which files loaded and which did not.
import type { Db } from '../db/types';
import { bulkInsert } from '../db/bulk';

export interface InterruptedImport {
	batchId: string;
	/** 'YYYY-MM-DD HH:MM:SS' local wall-clock time the import started */
	startedAt: string;
	total: number;
	loaded: string[];
	notLoaded: string[];
}

let counter = 0;

/** Writes the batch's files as pending and checkpoints; returns the batch id. */
export async function beginJournal(db: Db, files: readonly string[]): Promise<string> {
	const batchId = `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
	const startedAt = localTimestamp(new Date());
	await bulkInsert(
		db,
		'import_journal',
		['batch_id', 'started_at', 'position', 'total', 'file', 'state'],
		files.map((f, i) => [batchId, startedAt, i, files.length, f, 'pending'])
	);
	await db.checkpoint();
	return batchId;
}

/** Marks one file of the batch done (by its position) and checkpoints. */
export async function markJournalDone(db: Db, batchId: string, position: number): Promise<void> {
	await db.query(`UPDATE import_journal SET state = 'done' WHERE batch_id = ? AND position = ?`, [batchId, position]);
	await db.checkpoint();
}

/** Removes the batch's rows: the import ended (the caller checkpoints). */
export async function endJournal(db: Db, batchId: string): Promise<void> {
	await db.query('DELETE FROM import_journal WHERE batch_id = ?', [batchId]);
}

/** Imports a kill or a closed tab cut short, oldest first (empty when none). */
export async function interruptedImports(db: Db): Promise<InterruptedImport[]> {
	const { rows } = await db.query<{ batch_id: string; started_at: string; total: number; loaded: string[]; not_loaded: string[] }>(
		`SELECT batch_id, strftime(min(started_at), '%Y-%m-%d %H:%M:%S') AS started_at, max(total) AS total,
			coalesce(list(file ORDER BY position) FILTER (WHERE state = 'done'), []) AS loaded,
			coalesce(list(file ORDER BY position) FILTER (WHERE state <> 'done'), []) AS not_loaded
		FROM import_journal GROUP BY batch_id ORDER BY min(started_at), batch_id`
	);
	return rows.map((r) => ({
		batchId: r.batch_id,
		startedAt: r.started_at,
		total: Number(r.total),
		loaded: [...r.loaded],
		notLoaded: [...r.not_loaded]
	}));
}

/** The user has read the notice: forget those interrupted imports. */
export async function dismissInterrupted(db: Db, batchIds: readonly string[]): Promise<void> {
	for (const id of batchIds) await db.query('DELETE FROM import_journal WHERE batch_id = ?', [id]);
	await db.checkpoint();
}

function localTimestamp(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
