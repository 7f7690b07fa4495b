// Types shared by every importer: the input file, the per-file report (DESIGN §4: nothing is dropped
// silently), and the column mapping that presets store. Plain TypeScript, no DOM.

export type FileKind = 'call_log' | 'complaints' | 'transcript' | 'recording' | 'voice_activity' | 'unknown';
export type Speaker = 'agent' | 'customer' | 'system';

/** A file handed to an importer: the browser reads File objects into this, the CLI reads paths. */
export interface InputFile {
	/** Name as the user sees it (relative path inside a picked folder when there is one). */
	name: string;
	bytes: Uint8Array;
	/** Excel workbooks: the sheet to read (default the first). */
	sheet?: string;
}

export interface ImportIssue {
	/** 1-based line in the source file (for JSON: the item index or null when the file as a whole is at fault). */
	line: number | null;
	/** English sentence: the CLI's report and logs, and the fallback when the code is unknown. */
	reason: string;
	/** One of REASON_CODES (reasons.ts): the UI shows `reason.<code>` in its language, filled from params. */
	code?: string;
	params?: Record<string, string | number>;
}

export interface FileReport {
	file: string;
	kind: FileKind;
	/** Finer format: csv, tsv, webvtt, srt, transcribe, contact_lens, json_turns, wav, mp3, … */
	format: string | null;
	encoding: string | null;
	rows_total: number;
	rows_loaded: number;
	rows_rejected: number;
	/** Rejected rows (or the whole file, line null) with the reason. */
	errors: ImportIssue[];
	/** Rows that loaded but hold a doubtful value (negative wait, talk 0 on an answered call…). */
	warnings: ImportIssue[];
	/** source column → canonical field */
	columns_recognised: { column: string; field: string }[];
	columns_ignored: string[];
	/** Transcripts: speaker label as found → role, and the rule that decided it. */
	speaker_map?: { label: string; role: Speaker }[];
	speaker_rule?: string;
	/** Recordings: what the header says, and the call the file was matched to. */
	audio?: { call_id: string; duration_s: number; channels: number; sample_rate: number; codec: string; channel_map: string };
	/** Transcripts and recordings: calls rows this file created because no call log had them (calls.origin). */
	calls_created?: number;
	/** Excel workbooks: the sheet read and every sheet of the workbook (the import screen's sheet picker). */
	sheet?: { name: string; names: string[] };
	/** Transcripts: calls that already had a transcript from another file, and what became of them. */
	existing?: ExistingTranscripts;
}

/** What a transcript import does with calls whose transcript came from another file. */
export type OnExisting = 'replace' | 'skip' | 'ask';

export interface ExistingTranscripts {
	/** replaced / skipped (kept the earlier transcript) / pending: held until the user decides (browser) */
	decision: 'replaced' | 'skipped' | 'pending';
	calls: number;
	/** this file's segments of those calls */
	segments: number;
	/** where their earlier transcripts came from (null: a file nobody recorded) */
	from: { file: string | null; calls: number }[];
	/** the first of those call ids, for the report */
	call_ids: string[];
}

export interface ImportReport {
	files: FileReport[];
	/** Transcripts held for the user's decision (onExisting 'ask'); null or absent when none. */
	pending?: PendingTranscripts | null;
}

/** The question an 'ask' import leaves: how many calls, from which files, already transcribed by which files. */
export interface PendingTranscripts {
	calls: number;
	/** the imported files holding those calls */
	files: { file: string; calls: number }[];
	/** the files their current transcripts came from (null: unknown) */
	from: { file: string | null; calls: number }[];
}

/** A saved column mapping, applied automatically to files whose header row matches `headers`. */
export interface MappingPreset {
	name: string;
	kind: 'call_log' | 'complaints' | 'transcript';
	/** The header row it was made for (exact, in order). */
	headers: string[];
	/** source column → canonical field ('' or missing = ignore the column) */
	mapping: Record<string, string>;
	/** Optional value conventions the file needs. */
	options?: { dateFormat?: string; delimiter?: string; encoding?: string };
}

export function emptyReport(file: string, kind: FileKind = 'unknown'): FileReport {
	return {
		file,
		kind,
		format: null,
		encoding: null,
		rows_total: 0,
		rows_loaded: 0,
		rows_rejected: 0,
		errors: [],
		warnings: [],
		columns_recognised: [],
		columns_ignored: []
	};
}

export type FileStatus = 'ok' | 'partial' | 'failed' | 'skipped' | 'pending';

/** A file an import was cancelled before (import/pipeline.ts): its one line says so, nothing of it was written. */
export function isCancelled(r: FileReport): boolean {
	return r.rows_loaded === 0 && r.errors.length > 0 && r.errors.every((e) => e.code === 'import_cancelled');
}

/**
 * How a file went, for its card and the import summary: failed (nothing loaded and an error, or not a data file),
 * skipped (nothing loaded because every call kept its earlier transcript, or the import was cancelled before it),
 * pending (calls wait for a decision), partial (some rows not loaded), ok.
 */
export function fileStatus(r: FileReport): FileStatus {
	if (r.existing?.decision === 'pending') return 'pending';
	// Rows the parser rejected do not make a skipped file failed; a whole-file error does.
	const onlySkipped =
		r.existing?.decision === 'skipped' && r.errors.every((e) => e.code === 'kept_existing_transcripts' || e.line !== null);
	if (r.rows_loaded === 0 && onlySkipped) return 'skipped';
	if (isCancelled(r)) return 'skipped';
	if (r.kind === 'unknown' || (r.rows_loaded === 0 && r.errors.length > 0)) return 'failed';
	if (r.rows_rejected > 0) return 'partial';
	return 'ok';
}

/** Files per status, for a summary line. */
export function statusCounts(reports: readonly FileReport[]): Record<FileStatus, number> {
	const out: Record<FileStatus, number> = { ok: 0, partial: 0, failed: 0, skipped: 0, pending: 0 };
	for (const r of reports) out[fileStatus(r)]++;
	return out;
}

/** A report from the CSV/TSV importer (Excel sheets go through it too), whatever kind it guessed. */
export function isTabularReport(r: Pick<FileReport, 'format'>): boolean {
	return r.format === 'csv' || r.format === 'tsv' || r.format === 'xlsx' || r.format === 'xls';
}
