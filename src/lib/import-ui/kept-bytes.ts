// Which imported files' bytes the import page holds after the import (issue 16: the page kept every file's bytes
// until reload, +22 MB of heap per 23 MB import). Only what a later action re-reads is kept: a CSV/TSV for the
// mapping screen, a transcript for re-assigning speakers; each under a size limit and all under one budget,
// newest first. Recordings are never kept (their bytes went to browser storage). Plain TypeScript.
import { isTabularReport, type FileReport } from '../import/types';

/** Largest single file kept for re-mapping or re-assigning speakers. */
export const KEEP_FILE_BYTES = 8 * 1024 * 1024;
/** All kept files together. */
export const KEEP_TOTAL_BYTES = 24 * 1024 * 1024;

/** Whether a file with this report could be re-imported from the import page at all. */
export function canReimport(report: FileReport): boolean {
	return isTabularReport(report) || report.kind === 'transcript';
}

/**
 * The ids to keep, given every held file newest first: re-importable, under the file limit, while the budget
 * lasts. Everything else is released.
 */
export function idsToKeep(held: readonly { id: string; report: FileReport; bytes: number }[]): Set<string> {
	const keep = new Set<string>();
	let total = 0;
	for (const f of held) {
		if (!canReimport(f.report) || f.bytes > KEEP_FILE_BYTES || total + f.bytes > KEEP_TOTAL_BYTES) continue;
		keep.add(f.id);
		total += f.bytes;
	}
	return keep;
}
