// Routes each dropped file to its importer (call logs and complaints first, then transcripts, then
// recordings, so recordings find their calls) and books every outcome in import_files/import_errors.
// Plain TypeScript: the browser, the CLI and the tests run this same code.
import type { Db } from '../db/types';
import { centreNow } from '../centre-time/zone';
import { ensureSchema } from '../db/schema';
import { bulkInsert } from '../db/bulk';
import { appendIssues, recordIssues } from './issues-store';
import {
	emptyReport,
	isTabularReport,
	type FileKind,
	type FileReport,
	type ImportIssue,
	type ImportReport,
	type InputFile,
	type MappingPreset,
	type OnExisting,
	type PendingTranscripts,
	type Speaker
} from './types';
import { discardPendingSegments, pendingFiles, resolvePendingSegments, settlePending } from './transcripts/commit-segments';
import { ImportCancelled, issue, issueFromError } from './reasons';
import { workbookCsv, workbookFormat } from './workbook/workbook-csv';
import { importTabular } from './tabular/import-tabular';
import { decodeBytes } from './encoding';
import { disguisedFileIssue } from './disguised';
import { beginJournal, endJournal, markJournalDone } from './journal';
import { headerCapIssue } from './tabular/text-checks';
import { guessKind } from './tabular/fields';
import { looksTabular, sniffTabular } from './tabular/preview';
import { findPreset } from './tabular/presets';
import { describeJsonIssue, importTranscript, sniffTranscript, type SpeakerRule } from './transcripts';
import { importRecording, rematchRecordings } from '../recordings/import-recording';
import { sniffAudio } from '../recordings/audio-info';
import { importRttm } from '../voice/rttm';
import { errorMessage } from '../i18n/error-message';

export interface Detected {
	kind: FileKind;
	format: string | null;
	/** Why the file cannot be imported, when kind is 'unknown'. */
	reason?: string;
	/** The same as a whole-file issue with its code. */
	issue?: ImportIssue;
}

function unknownFile(format: string | null, why: ImportIssue): Detected {
	return { kind: 'unknown', format, reason: why.reason, issue: why };
}

export interface ImportProgress {
	/** Files finished so far. */
	done: number;
	total: number;
	/** The file being imported now (or the last one when done === total). */
	file: string;
}

export interface ImportOptions {
	/** Saved column-mapping presets; one whose header row matches a file is applied to it. */
	presets?: MappingPreset[];
	/** Force this preset onto every tabular file (the CLI's --mapping). */
	preset?: MappingPreset;
	speakerRule?: SpeakerRule;
	speakerOverrides?: Record<string, Speaker>;
	onProgress?: (p: ImportProgress) => void;
	/** Called after a recording's metadata loaded, e.g. to keep its bytes in browser storage. */
	onRecording?: (file: InputFile, report: FileReport) => Promise<void>;
	/**
	 * Transcripts for calls whose transcript came from another file: replace them, skip them (default), or hold
	 * them until resolvePending (the browser asks the user once per import). The same file re-imported always
	 * replaces its own calls.
	 */
	onExisting?: OnExisting;
	/**
	 * Cancels the import: no file is started after it is aborted, and a call log, complaint list or transcript sheet
	 * being read is dropped before anything of it is written. Those files get an `import_cancelled` report and leave
	 * no trace; the files written before stay, each whole.
	 */
	signal?: AbortSignal;
}

/** The report of a file an import was cancelled before (nothing of it written). */
function cancelledReport(file: InputFile, detected: Detected): FileReport {
	const report = emptyReport(file.name, detected.kind);
	report.format = detected.format;
	report.errors.push(cancelledIssue());
	return report;
}

const cancelledIssue = () => issue(null, 'import_cancelled', 'not imported: the import was cancelled before this file was written');

const SNIFF_BYTES = 64 * 1024;
/** Names whose files must be text: random bytes under them are reported as binary. */
const TEXT_NAME = /\.(csv|tsv|txt|json|jsonl|vtt|srt|stm|rttm)$|^[^.]*$/i;
const JUNK = /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$|(^|\/)__MACOSX\//i;

/** Decides what a file is from its bytes (and name as a hint). */
export function detectFile(file: InputFile): Detected {
	if (file.bytes.length === 0) return unknownFile(null, issue(null, 'empty_file', 'empty file (0 bytes)'));
	// Excel: the kind needs the sheet's header row (detectInput reads it); a call log until then.
	const book = workbookFormat(file.name, file.bytes);
	if (book) return { kind: 'call_log', format: book };
	const audio = sniffAudio(file.name, file.bytes);
	if (audio) return { kind: 'recording', format: audio };
	const decoded = decodeBytes(file.bytes.subarray(0, SNIFF_BYTES), file.bytes.length > SNIFF_BYTES);
	// A gzip, workbook, archive or picture under a text name: say what it is, not "headers not recognised".
	const textCheck = TEXT_NAME.test(file.name) && !decoded.encoding.startsWith('utf-16');
	const disguised = disguisedFileIssue(file.name, file.bytes, { textCheck });
	if (disguised) return unknownFile(null, disguised);
	let head = decoded.text;
	const isJson = /^\s*[[{]/.test(head);
	// A JSON document can only be recognised whole; line formats from their first lines.
	if (isJson && file.bytes.length > SNIFF_BYTES) head = decodeBytes(file.bytes).text;
	const transcript = sniffTranscript(file.name, head);
	// RTTM: speaker turns without words, imported as voice activity (voice/rttm.ts).
	if (transcript === 'rttm') return { kind: 'voice_activity', format: 'rttm' };
	if (transcript) return { kind: 'transcript', format: transcript };
	if (isJson) return unknownFile('json', describeJsonIssue(file.name, head));
	if (looksTabular(file.name, file.bytes)) {
		// A 50 MB first line or 100k columns: refused before papaparse reads a preview of it.
		const capped = headerCapIssue(file.bytes);
		if (capped) return unknownFile(null, capped);
		const sniff = sniffTabular(file.bytes);
		const kind = findPreset(sniff.headers, [])?.kind ?? guessKind(sniff.headers);
		return { kind: kind === 'unknown' ? 'call_log' : kind, format: sniff.delimiter === '\t' ? 'tsv' : 'csv' };
	}
	return unknownFile(null, issue(null, 'unknown_file', 'not a call log, complaint list, transcript or recording this product reads'));
}

/** detectFile, and for an Excel workbook the kind its sheet's header row names (or why it cannot be read). */
export async function detectInput(file: InputFile, presets: MappingPreset[] = []): Promise<Detected> {
	const detected = detectFile(file);
	if (detected.kind === 'unknown' || (detected.format !== 'xlsx' && detected.format !== 'xls')) return detected;
	try {
		const { headers } = await workbookCsv(file);
		const kind = findPreset(headers, presets)?.kind ?? guessKind(headers);
		return { kind: kind === 'unknown' ? 'call_log' : kind, format: detected.format };
	} catch (e) {
		return unknownFile(detected.format, issueFromError(e));
	}
}

const ORDER: Record<FileKind, number> = { call_log: 0, complaints: 1, transcript: 2, recording: 3, voice_activity: 4, unknown: 5 };

/** Writes the file's line in import_files (replacing an earlier one) and, when asked, its issues. */
async function book(db: Db, report: FileReport, writeIssues: boolean): Promise<void> {
	await db.query('DELETE FROM import_files WHERE file = ?', [report.file]);
	await bulkInsert(
		db,
		'import_files',
		['file', 'kind', 'format', 'encoding', 'rows_total', 'rows_loaded', 'rows_rejected', 'imported_at'],
		[[report.file, report.kind, report.format, report.encoding, report.rows_total, report.rows_loaded, report.rows_rejected, centreNow()]]
	);
	if (writeIssues) await recordIssues(db, report.file, report.errors, report.warnings);
}

/** Imports one file whose kind is known. Never throws: a failure becomes a rejected-file report. */
export async function importOne(db: Db, file: InputFile, detected: Detected, opts: ImportOptions = {}): Promise<FileReport> {
	let report: FileReport;
	try {
		switch (detected.kind) {
			case 'call_log':
			case 'complaints':
				report = await importTabular(db, file, {
					presets: opts.presets,
					preset: opts.preset,
					onExisting: opts.onExisting,
					signal: opts.signal
				});
				break;
			case 'transcript':
				report = isTabularReport(detected)
					? await importTabular(db, file, {
							presets: opts.presets,
							preset: opts.preset,
							kind: 'transcript',
							onExisting: opts.onExisting,
							signal: opts.signal
						})
					: await importTranscript(db, file, { rule: opts.speakerRule, overrides: opts.speakerOverrides, onExisting: opts.onExisting });
				break;
			case 'recording':
				report = await importRecording(db, file);
				if (report.rows_loaded > 0 && opts.onRecording) await opts.onRecording(file, report);
				break;
			case 'voice_activity':
				report = await importRttm(db, file, { rule: opts.speakerRule, overrides: opts.speakerOverrides });
				break;
			default:
				report = emptyReport(file.name, 'unknown');
				report.format = detected.format;
				report.errors.push(
					detected.issue ??
						(detected.reason ? { line: null, reason: detected.reason } : issue(null, 'unrecognised_file', 'unrecognised file'))
				);
		}
	} catch (e) {
		if (e instanceof ImportCancelled) return cancelledReport(file, detected);
		report = emptyReport(file.name, detected.kind);
		report.format = detected.format;
		report.errors.push(issue(null, 'import_failed', `import failed: ${errorMessage(e)}`, { detail: errorMessage(e) }));
	}
	// Tabular imports book their own (possibly many) issues in SQL; the others are booked here.
	await book(db, report, !isTabularReport(report) || report.kind === 'unknown' || report.rows_total === 0);
	return report;
}

/** Imports files in dependency order and returns one report per file, in the order given. */
export async function importFiles(db: Db, files: InputFile[], opts: ImportOptions = {}): Promise<ImportReport> {
	await ensureSchema(db);
	// A question nobody answered (the page was left) does not carry over into this import.
	await discardPendingSegments(db);
	const wanted = files.filter((f) => !JUNK.test(f.name));
	const plan: { file: InputFile; index: number; detected: Detected }[] = [];
	for (const [index, file] of wanted.entries()) plan.push({ file, index, detected: await detectInput(file, opts.presets) });
	plan.sort((a, b) => ORDER[a.detected.kind] - ORDER[b.detected.kind] || a.index - b.index);
	const reports: FileReport[] = new Array(wanted.length);
	// A journal row per file, durable before the first file and after each: a kill leaves them for the next opening.
	const batchId =
		plan.length > 0
			? await beginJournal(
					db,
					plan.map((p) => p.file.name)
				)
			: null;
	let done = 0;
	for (const { file, index, detected } of plan) {
		opts.onProgress?.({ done, total: plan.length, file: file.name });
		reports[index] = opts.signal?.aborted ? cancelledReport(file, detected) : await importOne(db, file, detected, opts);
		if (batchId) await markJournalDone(db, batchId, done);
		done++;
	}
	if (plan.some((p) => p.detected.kind === 'call_log')) await rematchRecordings(db);
	opts.onProgress?.({ done, total: plan.length, file: plan.at(-1)?.file.name ?? '' });
	if (batchId) await endJournal(db, batchId);
	await db.checkpoint();
	return { files: reports, pending: await pendingSummary(db, reports) };
}

/** What waits for the user's decision after an import with onExisting 'ask' (null when nothing does). */
export async function pendingSummary(db: Db, reports: readonly FileReport[]): Promise<PendingTranscripts | null> {
	const files = await pendingFiles(db);
	if (files.length === 0) return null;
	const from = new Map<string | null, number>();
	for (const r of reports)
		if (r.existing?.decision === 'pending') for (const f of r.existing.from) from.set(f.file, (from.get(f.file) ?? 0) + f.calls);
	return {
		calls: files.reduce((s, f) => s + f.calls, 0),
		files: files.map((f) => ({ file: f.file, calls: f.calls })),
		from: [...from].map(([file, calls]) => ({ file, calls })).sort((a, b) => b.calls - a.calls)
	};
}

/**
 * Applies the user's answer to the held transcripts: replace those calls' transcripts or skip them. Returns the
 * reports with their rows and lines updated (and booked again in import_files / import_errors).
 */
export async function resolvePending(db: Db, decision: 'replace' | 'skip', reports: readonly FileReport[]): Promise<FileReport[]> {
	await resolvePendingSegments(db, decision);
	const out: FileReport[] = [];
	for (const r of reports) {
		if (r.existing?.decision !== 'pending') {
			out.push(r);
			continue;
		}
		const next: FileReport = { ...r, errors: [...r.errors], warnings: [...r.warnings], existing: { ...r.existing } };
		const [nErrors, nWarnings] = [next.errors.length, next.warnings.length];
		settlePending(next, decision);
		await book(db, next, false);
		await appendIssues(db, next.file, next.errors.slice(nErrors), next.warnings.slice(nWarnings));
		out.push(next);
	}
	await db.checkpoint();
	return out;
}
