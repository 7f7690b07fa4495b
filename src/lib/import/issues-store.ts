// Writes what an import found wrong (rejected rows, warnings) into import_errors, the table the UI and
// the CLI read back. One writer, so every importer books issues the same way.
import { bulkInsert } from '../db/bulk';
import type { Db } from '../db/types';
import type { ImportIssue } from './types';

/** Replaces what import_errors says about `file` with these rejected rows and warnings. */
export async function recordIssues(db: Db, file: string, errors: readonly ImportIssue[], warnings: readonly ImportIssue[]): Promise<void> {
	await db.query('DELETE FROM import_errors WHERE file = ?', [file]);
	await appendIssues(db, file, errors, warnings);
}

/** Adds rejected rows and warnings about `file` to import_errors. */
export async function appendIssues(db: Db, file: string, errors: readonly ImportIssue[], warnings: readonly ImportIssue[]): Promise<void> {
	await bulkInsert(
		db,
		'import_errors',
		['file', 'line', 'severity', 'reason'],
		[...errors.map((e) => [file, e.line, 'error', e.reason]), ...warnings.map((w) => [file, w.line, 'warning', w.reason])]
	);
}
