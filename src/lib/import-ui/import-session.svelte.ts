// The files imported in this browser session and their reports. Keeps the bytes of the files a later action
// re-reads (kept-bytes.ts: CSVs for the mapping screen, transcripts for speakers; recordings never), so the
// mapping screen can re-read a file by the id in its URL, and re-imports one file with a different speaker rule or
// column mapping. Bytes live in memory only: after a reload (or when released) the user drops the file again.
import { compactWhenIdle } from '../scoring/score';
import type { CompactResult } from '../db/compact';
import { workspace } from '../db/workspace.svelte';
import {
	detectFile,
	detectInput,
	importFiles,
	importOne,
	pendingSummary,
	resolvePending,
	type Detected,
	type ImportProgress
} from '../import/pipeline';
import { findPreset } from '../import/tabular/presets';
import { sniffTabular } from '../import/tabular/preview';
import {
	isCancelled,
	isTabularReport,
	type FileReport,
	type InputFile,
	type MappingPreset,
	type PendingTranscripts,
	type Speaker
} from '../import/types';
import type { SpeakerRule } from '../import/transcripts';
import { listPresets } from '../mapping/presets-store';
import { recordingsState } from '../recordings/recordings-state.svelte';
import { scoringState } from '../scoring-ui/scoring-state.svelte';
import { ScoringCancelled } from '../scoring/score';
import { estimateSegments, estimateStorageBytes } from '../db/capacity';
import { keepRecordings } from '../recordings/keep-recording';
import { idsToKeep } from './kept-bytes';
import { analyseImported } from '../voice-ui/voice-batch.svelte';
import { errorMessage } from '../i18n/error-message';

export interface ImportEntry {
	id: string;
	report: FileReport;
	/** The saved preset that decided this file's columns, if any. */
	presetName: string | null;
	isTabular: boolean;
}

/** 'asking': transcripts for calls that already have one from another file wait for replace/skip. */
export type ImportPhase = 'idle' | 'reading' | 'importing' | 'asking' | 'done' | 'error';

const SNIFF_BYTES = 64 * 1024;

/** The mapping screen re-reads CSV/TSV bytes; an Excel sheet is re-read by choosing its sheet instead. */
const isRemappable = (report: FileReport) => isTabularReport(report) && !report.sheet;

function presetFor(file: InputFile, report: FileReport, presets: MappingPreset[]): string | null {
	if (!isRemappable(report)) return null;
	return findPreset(sniffTabular(file.bytes.subarray(0, SNIFF_BYTES)).headers, presets)?.name ?? null;
}

/** What the browser still grants this site (quota − usage), or null where it does not say. */
async function freeStorage(): Promise<number | null> {
	try {
		const { usage, quota } = await navigator.storage.estimate();
		return quota === undefined || usage === undefined ? null : Math.max(0, quota - usage);
	} catch {
		return null;
	}
}

export class ImportSession {
	phase = $state<ImportPhase>('idle');
	progress = $state<ImportProgress | null>(null);
	/** Transcript turns the running import may add, estimated from its files' size (db/capacity.ts); 0 between imports. */
	incomingSegments = $state(0);
	/**
	 * Bytes of browser storage the running import may take (db/capacity.ts) and what the browser still grants the site
	 * (null when it does not say); 0 and null between imports.
	 */
	incomingBytes = $state(0);
	storageFree = $state<number | null>(null);
	/** Cancel asked for the running import (it stops before the next file, or before writing the file being read). */
	isCancelling = $state(false);
	/** The last import was cancelled before some of its files (their reports say import_cancelled). */
	wasCancelled = $state(false);
	#importAbort: AbortController | null = null;
	entries = $state.raw<ImportEntry[]>([]);
	error = $state<string | null>(null);
	/** Ids of entries being re-imported right now. */
	busy = $state.raw<ReadonlySet<string>>(new Set());
	/** The last import's files, for the "import finished" line. */
	lastBatch = $state.raw<string[]>([]);
	/** What the 'asking' phase asks about. */
	question = $state.raw<PendingTranscripts | null>(null);
	/** Ids whose bytes are held (reactive twin of #files' keys). */
	kept = $state.raw<ReadonlySet<string>>(new Set());
	/** The last compaction after an import (sizes before and after), null when none was needed. */
	compacted = $state.raw<CompactResult | null>(null);
	#files = new Map<string, InputFile>();
	#nextId = 1;

	get isRunning(): boolean {
		return this.phase === 'reading' || this.phase === 'importing' || this.phase === 'asking';
	}

	/** Lets go of the bytes no later action needs (kept-bytes.ts), so imports do not pile up in memory. */
	#release(): void {
		const held = this.entries.flatMap((e) => {
			const f = this.#files.get(e.id);
			return f ? [{ id: e.id, report: e.report, bytes: f.bytes.length }] : [];
		});
		const keep = idsToKeep(held);
		for (const id of [...this.#files.keys()]) if (!keep.has(id)) this.#files.delete(id);
		this.kept = keep;
	}

	/** Whether this entry's bytes are still held (its re-map and speaker re-import need them). */
	hasFile(id: string): boolean {
		return this.kept.has(id);
	}

	file(id: string): InputFile | null {
		return this.#files.get(id) ?? null;
	}

	entry(id: string): ImportEntry | null {
		return this.entries.find((e) => e.id === id) ?? null;
	}

	/** Marks the start of reading dropped/picked files (before their bytes are in memory). */
	beginReading(): void {
		this.error = null;
		this.progress = null;
		this.phase = 'reading';
	}

	fail(e: unknown): void {
		this.error = errorMessage(e);
		this.phase = 'error';
	}

	async importInputs(files: InputFile[]): Promise<void> {
		if (files.length === 0) {
			this.phase = 'idle';
			return;
		}
		this.error = null;
		this.phase = 'importing';
		this.progress = { done: 0, total: files.length, file: files[0].name };
		const abort = new AbortController();
		this.#importAbort = abort;
		this.wasCancelled = false;
		this.incomingSegments = estimateSegments(files);
		this.incomingBytes = estimateStorageBytes(files);
		void freeStorage().then((free) => {
			if (this.phase === 'importing') this.storageFree = free;
		});
		try {
			const db = await workspace.db();
			const presets = await listPresets(db);
			const result = await importFiles(db, files, {
				presets,
				onProgress: (p) => (this.progress = p),
				onRecording: keepRecordings(db, recordingsState.store),
				onExisting: 'ask',
				signal: abort.signal
			});
			this.wasCancelled = result.files.some(isCancelled);
			// The pipeline skips OS junk files, so reports are matched back to their files by name.
			const byName = new Map<string, InputFile[]>();
			for (const f of files) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
			const added: ImportEntry[] = result.files.map((report) => {
				const file = byName.get(report.file)?.shift() ?? { name: report.file, bytes: new Uint8Array() };
				const id = String(this.#nextId++);
				this.#files.set(id, file);
				return { id, report, presetName: presetFor(file, report, presets), isTabular: isRemappable(report) };
			});
			this.entries = [...added, ...this.entries];
			this.#release();
			this.lastBatch = added.map((e) => e.id);
			await this.#finish(result.pending ?? null);
			void analyseImported(added.map((e) => e.report));
		} catch (e) {
			this.fail(e);
		} finally {
			this.incomingSegments = 0;
			this.incomingBytes = 0;
			this.storageFree = null;
			this.#importAbort = null;
			this.isCancelling = false;
		}
	}

	/**
	 * Cancels the running import: files not started, and a call log, complaint list or transcript sheet still being
	 * read, are not imported (nothing of them is written); the files imported before stay, each whole, and are scored.
	 */
	cancelImport(): void {
		if (this.phase !== 'importing' || !this.#importAbort) return;
		this.isCancelling = true;
		this.#importAbort.abort();
	}

	/** Asks about held transcripts, or finishes (scoring) when there are none. */
	async #finish(pending: PendingTranscripts | null): Promise<void> {
		if (pending) {
			this.question = pending;
			this.phase = 'asking';
			return;
		}
		await this.#afterImport();
		this.phase = 'done';
	}

	/** The user's answer to the question: replace those calls' transcripts, or skip them. */
	async answer(decision: 'replace' | 'skip'): Promise<void> {
		if (this.phase !== 'asking') return;
		this.phase = 'importing';
		try {
			const db = await workspace.db();
			const settled = await resolvePending(
				db,
				decision,
				this.entries.map((e) => e.report)
			);
			this.entries = this.entries.map((e, i) => (settled[i] === e.report ? e : { ...e, report: settled[i] }));
			this.question = null;
			await this.#afterImport();
			this.phase = 'done';
		} catch (e) {
			this.fail(e);
		}
	}

	/** Re-imports one transcript with another speaker rule and/or per-label roles. */
	reimportTranscript(id: string, speakerRule: SpeakerRule, speakerOverrides: Record<string, Speaker>): Promise<FileReport | null> {
		return this.#reimport(id, (file) => ({ detected: detectFile(file), opts: { speakerRule, speakerOverrides }, presetName: null }));
	}

	/** Re-imports one tabular file with the given column mapping (the mapping screen's "apply"). */
	reimportWithPreset(id: string, preset: MappingPreset, presetName: string | null): Promise<FileReport | null> {
		return this.#reimport(id, () => ({
			detected: { kind: preset.kind, format: preset.options?.delimiter === '\t' ? 'tsv' : 'csv' } satisfies Detected,
			opts: { preset },
			presetName
		}));
	}

	/** Re-imports an Excel workbook from another of its sheets (the report card's sheet picker). */
	reimportSheet(id: string, sheet: string): Promise<FileReport | null> {
		const file = this.#files.get(id);
		if (!file) return Promise.resolve(null);
		this.#files.set(id, { ...file, sheet });
		return this.#reimport(id, async (f) => {
			const presets = await listPresets(await workspace.db());
			return { detected: await detectInput(f, presets), opts: { presets }, presetName: null };
		});
	}

	async #reimport(
		id: string,
		plan: (
			file: InputFile
		) =>
			| { detected: Detected; opts: Parameters<typeof importOne>[3]; presetName: string | null }
			| Promise<{ detected: Detected; opts: Parameters<typeof importOne>[3]; presetName: string | null }>
	): Promise<FileReport | null> {
		const file = this.#files.get(id);
		if (!file) return null;
		this.busy = new Set([...this.busy, id]);
		try {
			const db = await workspace.db();
			const { detected, opts, presetName } = await plan(file);
			const report = await importOne(db, file, detected, {
				...opts,
				onRecording: keepRecordings(db, recordingsState.store),
				onExisting: 'ask'
			});
			this.entries = this.entries.map((e) => (e.id === id ? { id, report, presetName, isTabular: isRemappable(report) } : e));
			await db.checkpoint();
			await this.#finish(await pendingSummary(db, [report]));
			void analyseImported([report]);
			return report;
		} catch (e) {
			this.fail(e);
			return null;
		} finally {
			const rest = new Set(this.busy);
			rest.delete(id);
			this.busy = rest;
		}
	}

	async #afterImport(): Promise<void> {
		const replaced = this.entries.some(
			(e) =>
				this.lastBatch.includes(e.id) &&
				(e.report.warnings.some((w) => w.code === 'rows_replaced') || e.report.existing?.decision === 'replaced')
		);
		const db = await workspace.db();
		await db.checkpoint();
		await workspace.refresh();
		void recordingsState.refreshUsage();
		// Scoring runs in the DuckDB worker after the import is reported; it scores the calls the import marked
		// (scoring/dirty.ts) and scoringState shows its progress and error.
		// Then, once scoring has taken its turn, the free space replacements left is given back (db/compact.ts).
		this.compacted = null;
		scoringState
			.scoreNew()
			.then(async () => {
				this.compacted = await compactWhenIdle(db, replaced);
			})
			.catch((e: unknown) => {
				// Cancelled scoring (the user's choice, said by the status line) skips the compaction until the next import.
				if (!(e instanceof ScoringCancelled)) console.warn('compaction after the import failed', e);
			});
	}

	clear(): void {
		if (this.phase === 'asking') return;
		this.entries = [];
		this.lastBatch = [];
		this.#files.clear();
		this.kept = new Set();
		this.phase = 'idle';
		this.progress = null;
	}
}

export const importSession = new ImportSession();
