// Loading the bundled sample contact centre from the start screen: download progress, import progress,
// the per-file reports, and the OPFS copy of its recordings. One instance per app, so leaving and coming
// back to the start page keeps the summary.
import { workspace } from '../db/workspace.svelte';
import { importFiles, type ImportProgress } from '../import/pipeline';
import { fetchSampleFiles } from '../import/sample';
import type { FileReport } from '../import/types';
import { keepRecordings } from '../recordings/keep-recording';
import { analyseImported } from '../voice-ui/voice-batch.svelte';
import { recordingsState } from '../recordings/recordings-state.svelte';
import { listPresets } from '../mapping/presets-store';
import { scoringState } from '../scoring-ui/scoring-state.svelte';
import { errorMessage } from '../i18n/error-message';

export type SampleStatus = 'idle' | 'fetching' | 'importing' | 'done' | 'error';

export class SampleImport {
	status = $state<SampleStatus>('idle');
	fetched = $state({ done: 0, total: 0 });
	progress = $state<ImportProgress | null>(null);
	reports = $state.raw<FileReport[]>([]);
	error = $state<string | null>(null);

	get isBusy(): boolean {
		return this.status === 'fetching' || this.status === 'importing';
	}

	get totals(): { files: number; loaded: number; rejected: number } {
		return {
			files: this.reports.length,
			loaded: this.reports.reduce((s, r) => s + r.rows_loaded, 0),
			rejected: this.reports.reduce((s, r) => s + r.rows_rejected, 0)
		};
	}

	async run(): Promise<void> {
		if (this.isBusy) return;
		this.error = null;
		this.reports = [];
		this.progress = null;
		this.status = 'fetching';
		try {
			const db = await workspace.db();
			const files = await fetchSampleFiles((done, total) => (this.fetched = { done, total }));
			this.status = 'importing';
			const report = await importFiles(db, files, {
				presets: await listPresets(db),
				onProgress: (p) => (this.progress = p),
				onRecording: keepRecordings(db, recordingsState.store)
			});
			await db.checkpoint();
			this.reports = report.files;
			await workspace.refresh();
			void recordingsState.refreshUsage();
			this.status = 'done';
			// Scoring runs in the DuckDB worker; scoringState shows its progress and error.
			scoringState.scoreNew().catch(() => undefined);
			void analyseImported(report.files);
		} catch (e) {
			this.error = errorMessage(e);
			this.status = 'error';
		}
	}
}

export const sampleImport = new SampleImport();
