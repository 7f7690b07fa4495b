// One file holding the whole workspace: every table of the database (calls, segments, findings, reviews, rubrics,
// coaching, settings, the dashboard's rollups…) as typed rows in one JSON document, and the restore that checks the
// file (wrong file, truncated, other version) before writing anything. Recordings' audio lives outside DuckDB (OPFS)
// and is not part of this file. Plain TS over the Db interface: the page and the tests run the same code.
import type { Db } from '../db/types';
import { bulkInsert, type BulkColumn } from '../db/bulk';
import { ensureSchema, SCHEMA_VERSION } from '../db/schema';
import { errorMessage } from '../i18n/error-message';
import { DERIVED_SEGMENT_COLUMNS, ensureSegmentsDerived } from '../text/segment-derived';

export const BACKUP_FORMAT = 'callqa-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXT = '.callqa-backup';

interface BackupTable {
	columns: BulkColumn[];
	rows: unknown[][];
}

export interface BackupFile {
	format: typeof BACKUP_FORMAT;
	version: number;
	schema_version: number;
	created_at: string;
	tables: Record<string, BackupTable>;
}

export type BackupProblem = 'not_json' | 'not_backup' | 'newer_version' | 'bad_table' | 'not_empty';

/** Why a backup was refused: a code for the UI (`backup.error.<code>`) and the English detail naming the file. */
export class BackupError extends Error {
	constructor(
		readonly code: BackupProblem,
		readonly file: string,
		readonly detail: string
	) {
		super(`${file}: ${detail}`);
		this.name = 'BackupError';
	}
}

/** The workspace's own tables (not temporary ones), in name order. */
export async function workspaceTables(db: Db): Promise<string[]> {
	const { rows } = await db.query<{ name: string }>(
		`SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY table_name`
	);
	return rows.map((r) => r.name);
}

/** Columns recomputed from the others (the next scoring run fills them after a restore), so left out of the file. */
const DERIVED: Record<string, readonly string[]> = { segments: DERIVED_SEGMENT_COLUMNS };

/** The whole workspace as one backup document (JSON text). */
export async function writeBackup(db: Db, createdAt: string): Promise<string> {
	const tables: Record<string, BackupTable> = {};
	for (const name of await workspaceTables(db)) {
		const { rows: all } = await db.query<{ name: string; type: string }>(
			`SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' AND database_name = current_database() ORDER BY column_index`,
			[name]
		);
		const cols = all.filter((c) => !DERIVED[name]?.includes(c.name));
		const { rows } = await db.query<Record<string, unknown>>(`SELECT ${cols.map((c) => `"${c.name}"`).join(', ')} FROM "${name}"`);
		tables[name] = { columns: cols, rows: rows.map((r) => cols.map((c) => r[c.name] ?? null)) };
	}
	const doc: BackupFile = { format: BACKUP_FORMAT, version: BACKUP_VERSION, schema_version: SCHEMA_VERSION, created_at: createdAt, tables };
	return JSON.stringify(doc);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks a backup file; throws BackupError naming the file and what is wrong. */
export function parseBackup(fileName: string, text: string): BackupFile {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		throw new BackupError('not_json', fileName, `not a CallQA backup, or cut short (it is not complete JSON: ${errorMessage(e)})`);
	}
	if (!isObj(doc) || doc.format !== BACKUP_FORMAT)
		throw new BackupError('not_backup', fileName, `not a CallQA backup (no "format": "${BACKUP_FORMAT}")`);
	if (typeof doc.version !== 'number' || doc.version > BACKUP_VERSION || doc.version < 1)
		throw new BackupError('newer_version', fileName, `backup version ${String(doc.version)}; this app reads version ${BACKUP_VERSION}`);
	if (!isObj(doc.tables)) throw new BackupError('bad_table', fileName, 'the backup has no tables');
	for (const [name, t] of Object.entries(doc.tables)) {
		const ok =
			/^[a-z_][a-z0-9_]*$/.test(name) &&
			isObj(t) &&
			Array.isArray(t.columns) &&
			t.columns.every((c) => isObj(c) && typeof c.name === 'string' && /^[a-z_][a-z0-9_]*$/.test(c.name) && typeof c.type === 'string') &&
			Array.isArray(t.rows) &&
			t.rows.every((r) => Array.isArray(r) && r.length === (t.columns as unknown[]).length);
		if (!ok) throw new BackupError('bad_table', fileName, `table "${name}" is damaged (columns or rows do not match)`);
	}
	return doc as unknown as BackupFile;
}

/** True when the workspace holds no calls, complaints, reviews, coaching sessions or saved rubric edits. */
export async function isWorkspaceEmpty(db: Db): Promise<boolean> {
	const { rows } = await db.query<{ n: number }>(
		`SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM complaints) + (SELECT count(*) FROM reviews)
			+ (SELECT count(*) FROM coaching_sessions) + (SELECT count(*) FROM recordings) AS n`
	);
	return Number(rows[0]?.n ?? 0) === 0;
}

/** A LIST value as a DuckDB list literal read_csv can cast (["a", "it's"]): elements double-quoted, \\ and " escaped. */
const listLiteral = (v: unknown[]) =>
	`[${v.map((x) => (x === null ? 'NULL' : `"${String(x).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)).join(', ')}]`;

/**
 * Replaces the workspace's tables with the backup's. Refuses a non-empty workspace unless `replace` (the page asks
 * first). Tables the backup has but this version does not are skipped and named in the result; columns are matched
 * by name; the columns derived from segments (left out of the file) are computed again. Checkpointed at the end.
 */
export async function restoreBackup(
	db: Db,
	fileName: string,
	doc: BackupFile,
	opts: { replace?: boolean } = {}
): Promise<{ tables: number; rows: number; skipped: string[] }> {
	await ensureSchema(db);
	if (!opts.replace && !(await isWorkspaceEmpty(db))) throw new BackupError('not_empty', fileName, 'the workspace is not empty');
	const existing = new Set(await workspaceTables(db));
	const skipped: string[] = [];
	let total = 0;
	let tables = 0;
	for (const [name, t] of Object.entries(doc.tables)) {
		if (!existing.has(name)) {
			skipped.push(name);
			continue;
		}
		// Columns matched by name: one this version no longer has is left out, a newer one takes its default.
		const { rows: have } = await db.query<{ name: string }>(
			`SELECT column_name AS name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' AND database_name = current_database()`,
			[name]
		);
		const names = new Set(have.map((c) => c.name));
		const keep = t.columns.map((c, i) => [c, i] as const).filter(([c]) => names.has(c.name));
		await db.query(`DELETE FROM "${name}"`);
		const rows = t.rows.map((r) => keep.map(([, i]) => (Array.isArray(r[i]) ? listLiteral(r[i] as unknown[]) : r[i])));
		total += await bulkInsert(
			db,
			name,
			keep.map(([c]) => c),
			rows
		);
		tables++;
	}
	// The columns the file leaves out are computed again from the restored segments.
	await ensureSegmentsDerived(db);
	await db.checkpoint();
	return { tables, rows: total, skipped };
}
