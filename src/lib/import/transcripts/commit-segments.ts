// Moves one file's parsed segments (a staged temp table) into `segments`, never replacing a call's transcript from
// another file silently: such calls are replaced, skipped, or held until the user decides (the browser asks once per
// import). A re-import of the same file replaces its own calls. Calls without a calls row get one (call-rows.ts),
// and every call whose transcript changed is marked for re-scoring. Used by the CSV and the other transcript
// importers alike; plain SQL over the Db interface.
import type { Db } from '../../db/types';
import { sqlString } from '../../db/sql';
import { markDirty } from '../../db/score-dirty';
import { insertSegments } from '../../text/segment-derived';
import { addCallsFromSegments, dropHints, stageHints, type CallHint } from '../call-rows';
import { issue } from '../reasons';
import type { ExistingTranscripts, FileReport, OnExisting } from '../types';

export const SEGMENT_COLUMNS = ['call_id', 'seq', 'speaker', 'speaker_label', 'start_s', 'end_s', 'text', 'source_file'];

/** Segments held for the user's decision (onExisting 'ask'), in import order; a temp table of this connection. */
export const PENDING_SEGMENTS = 'cqa_pending_segments';
/** How many call ids a report lists by name. */
const LISTED_IDS = 20;

export interface CommitResult {
	/** segments written now */
	loaded: number;
	/** segments of calls that kept their transcript from another file (skipped) or wait for a decision */
	held: number;
	/** calls rows this file created (no call log had them) */
	calls_created: number;
	existing: ExistingTranscripts | null;
}

let counter = 0;

/**
 * Commits `stage` (columns SEGMENT_COLUMNS, source_file = `file`) into `segments`. Calls whose transcript came from
 * another file are handled as `onExisting` says; the others replace whatever this same file loaded before.
 */
export async function commitSegments(
	db: Db,
	stage: string,
	file: string,
	onExisting: OnExisting,
	hints: readonly CallHint[] = []
): Promise<CommitResult> {
	const n = `${Date.now().toString(36)}_${counter++}`;
	const ids = `cqa_commit_ids_${n}`;
	const clash = `cqa_commit_clash_${n}`;
	const hintsTable = await stageHints(db, hints);
	try {
		await db.query(`CREATE TEMP TABLE ${ids} AS SELECT DISTINCT call_id FROM ${stage}`);
		await db.query(
			`CREATE TEMP TABLE ${clash} AS
			SELECT call_id, any_value(source_file) FILTER (WHERE source_file IS NOT NULL) AS from_file
			FROM segments WHERE call_id IN (SELECT call_id FROM ${ids})
			GROUP BY call_id HAVING bool_or(source_file IS DISTINCT FROM ?)`,
			[file]
		);
		const existing = await describeClash(db, stage, clash, onExisting);
		const isHolding = existing !== null && onExisting !== 'replace';
		const kept = isHolding ? `(SELECT * FROM ${stage} WHERE call_id NOT IN (SELECT call_id FROM ${clash}))` : stage;
		const cols = SEGMENT_COLUMNS.join(', ');

		await db.query(`DELETE FROM segments WHERE call_id IN (SELECT call_id FROM ${kept})`);
		await insertSegments(db, SEGMENT_COLUMNS, kept);
		if (isHolding && onExisting === 'ask') {
			await db.query(`CREATE TEMP TABLE IF NOT EXISTS ${PENDING_SEGMENTS} AS SELECT ${cols}, 0 AS batch FROM segments LIMIT 0`);
			await db.query(
				`INSERT INTO ${PENDING_SEGMENTS} (${cols}, batch)
				SELECT ${cols}, (SELECT coalesce(max(batch), 0) + 1 FROM ${PENDING_SEGMENTS}) FROM ${stage} WHERE call_id IN (SELECT call_id FROM ${clash})`
			);
		}
		const { rows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${kept}`);
		const loaded = Number(rows[0]?.n ?? 0);
		const created = await addCallsFromSegments(db, kept, hintsTable, file);
		await markDirty(db, `SELECT call_id FROM ${kept}`);
		return { loaded, held: isHolding ? (existing?.segments ?? 0) : 0, calls_created: created, existing };
	} finally {
		for (const t of [ids, clash]) await db.query(`DROP TABLE IF EXISTS ${t}`);
		await dropHints(db, hintsTable);
	}
}

async function describeClash(db: Db, stage: string, clash: string, onExisting: OnExisting): Promise<ExistingTranscripts | null> {
	const { rows: from } = await db.query<{ file: string | null; calls: number }>(
		`SELECT from_file AS file, count(*) AS calls FROM ${clash} GROUP BY from_file ORDER BY calls DESC, file`
	);
	if (from.length === 0) return null;
	const { rows: sample } = await db.query<{ call_id: string }>(`SELECT call_id FROM ${clash} ORDER BY call_id LIMIT ${LISTED_IDS}`);
	const { rows: segs } = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM ${stage} WHERE call_id IN (SELECT call_id FROM ${clash})`
	);
	return {
		decision: onExisting === 'replace' ? 'replaced' : onExisting === 'skip' ? 'skipped' : 'pending',
		calls: from.reduce((s, f) => s + Number(f.calls), 0),
		segments: Number(segs[0]?.n ?? 0),
		from: from.map((f) => ({ file: f.file ?? null, calls: Number(f.calls) })),
		call_ids: sample.map((r) => r.call_id)
	};
}

/** The files whose segments wait for a decision, in import order, with their call and segment counts. */
export async function pendingFiles(db: Db): Promise<{ file: string; calls: number; segments: number }[]> {
	const { rows: exists } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ? AND temporary`, [
		PENDING_SEGMENTS
	]);
	if (Number(exists[0]?.n ?? 0) === 0) return [];
	const { rows } = await db.query<{ file: string; calls: number; segments: number }>(
		`SELECT source_file AS file, count(DISTINCT call_id) AS calls, count(*) AS segments FROM ${PENDING_SEGMENTS}
		GROUP BY source_file ORDER BY min(batch)`
	);
	return rows.map((r) => ({ file: r.file, calls: Number(r.calls), segments: Number(r.segments) }));
}

/**
 * Applies the user's decision to every held file: 'replace' writes their segments over the calls' earlier
 * transcripts (in import order, so the last file wins), 'skip' drops them. Returns the files it settled.
 */
export async function resolvePendingSegments(
	db: Db,
	decision: 'replace' | 'skip'
): Promise<{ file: string; calls: number; segments: number }[]> {
	const files = await pendingFiles(db);
	if (decision === 'replace') {
		const { rows: batches } = await db.query<{ batch: number }>(`SELECT DISTINCT batch FROM ${PENDING_SEGMENTS} ORDER BY batch`);
		for (const { batch } of batches) {
			const rows = `(SELECT * FROM ${PENDING_SEGMENTS} WHERE batch = ${Number(batch)})`;
			await db.query(`DELETE FROM segments WHERE call_id IN (SELECT call_id FROM ${rows})`);
			await insertSegments(db, SEGMENT_COLUMNS, rows);
			await markDirty(db, `SELECT call_id FROM ${rows}`);
		}
		// Calls whose rows were lost (a workspace older than placeholder calls) get one back.
		const hints = await stageHints(db, []);
		try {
			for (const f of files)
				await addCallsFromSegments(db, `(SELECT * FROM ${PENDING_SEGMENTS} WHERE source_file = ${sqlString(f.file)})`, hints, f.file);
		} finally {
			await dropHints(db, hints);
		}
	}
	await db.query(`DROP TABLE IF EXISTS ${PENDING_SEGMENTS}`);
	return files;
}

/** Drops held segments without a decision (a new import starts, or the page forgets the question). */
export async function discardPendingSegments(db: Db): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${PENDING_SEGMENTS}`);
}

/**
 * Folds a commit into the file's report (whose rows_rejected already counts the rows the parser rejected): rows
 * loaded, the calls it created, and what happened to calls that had a transcript from another file (replaced: a
 * warning naming the files; skipped: those rows count as not loaded and a file-level line says why; pending: neither
 * until settlePending).
 */
export function applyCommit(report: FileReport, commit: CommitResult): void {
	report.rows_loaded = commit.loaded;
	report.calls_created = commit.calls_created;
	if (!commit.existing) return;
	report.existing = { ...commit.existing };
	if (commit.existing.decision === 'skipped') report.rows_rejected += commit.existing.segments;
	noteExisting(report);
}

/** The report after the user's decision on its held calls. */
export function settlePending(report: FileReport, decision: 'replace' | 'skip'): void {
	const ex = report.existing;
	if (!ex || ex.decision !== 'pending') return;
	ex.decision = decision === 'replace' ? 'replaced' : 'skipped';
	if (decision === 'replace') report.rows_loaded += ex.segments;
	else report.rows_rejected += ex.segments;
	noteExisting(report);
}

/** The report lines for replaced or skipped calls. */
function noteExisting(report: FileReport): void {
	const ex = report.existing;
	if (!ex) return;
	if (ex.decision === 'replaced') {
		for (const f of ex.from)
			report.warnings.push(
				f.file === null
					? issue(
							null,
							'replaced_calls_unknown_file',
							`replaced the segments of ${f.calls} call(s) loaded earlier from an unknown file (same call ids)`,
							{ n: f.calls }
						)
					: issue(null, 'replaced_calls', `replaced the segments of ${f.calls} call(s) loaded earlier from ${f.file} (same call ids)`, {
							n: f.calls,
							file: f.file
						})
			);
	} else if (ex.decision === 'skipped') {
		const files = ex.from.map((f) => f.file ?? '?').join(', ');
		const ids = ex.call_ids.join(', ') + (ex.calls > ex.call_ids.length ? ', …' : '');
		report.errors.push(
			issue(
				null,
				'kept_existing_transcripts',
				`skipped ${ex.calls} call(s) that already have a transcript from ${files} (kept it): ${ids}`,
				{
					n: ex.calls,
					file: files,
					ids
				}
			)
		);
	}
}
