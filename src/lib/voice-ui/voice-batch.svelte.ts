// Batch analysis of recordings in the browser: every recorded call of the workspace not analysed yet, or the
// calls of the recordings just imported or picked in a folder. One call at a time in a worker (decode + voice
// activity + peaks, which are cached for the player); each result is saved at once, so a cancelled or interrupted
// run resumes where it stopped. Analysed calls are re-scored in groups through the scoring queue.
import { workspace } from '../db/workspace.svelte';
import { recordingsState } from '../recordings/recordings-state.svelte';
import { scoringState } from '../scoring-ui/scoring-state.svelte';
import { analyseCall, type CallOutcome } from '../voice/analyse-call';
import { analysisCounts, callsOfFiles, pendingCalls, type AnalysisCounts } from '../voice/batch-sql';
import type { FileReport } from '../import/types';
import { writePeaks } from '../voice/peaks-cache';
import { analyseInWorker } from '../voice/worker-client';
import { errorMessage } from '../i18n/error-message';

export type BatchStatus = 'idle' | 'running' | 'cancelled' | 'done' | 'error';

/** Re-score after this many analysed calls (and at the end), so scores follow without one run per call. */
const RESCORE_EVERY = 25;

export class VoiceBatch {
	status = $state<BatchStatus>('idle');
	total = $state(0);
	done = $state(0);
	failed = $state(0);
	/** audio seconds analysed in this run, for the throughput line */
	audio_s = $state(0);
	started_at = $state(0);
	current = $state<string | null>(null);
	error = $state<string | null>(null);
	/** the last problems of this run (call, reason), newest first, at most 20 */
	problems = $state.raw<CallOutcome[]>([]);
	counts = $state.raw<AnalysisCounts | null>(null);
	/** bumped when a call's analysis was saved: views re-read */
	revision = $state(0);
	#abort: AbortController | null = null;
	#running: Promise<void> | null = null;
	#isStarted = false;

	get isRunning(): boolean {
		return this.status === 'running';
	}

	async refreshCounts(): Promise<void> {
		this.counts = await analysisCounts(await workspace.db());
	}

	/** Analyses every recorded call without an analysis (with `retryFailed`, the failed ones too). */
	async runPending(retryFailed = false): Promise<void> {
		const db = await workspace.db();
		return this.run(await pendingCalls(db, retryFailed));
	}

	/** Analyses the given calls (again), after the ones already queued. */
	run(callIds: string[]): Promise<void> {
		const next = (this.#running ?? Promise.resolve()).then(() => this.#run(callIds));
		this.#running = next.catch(() => undefined);
		return next;
	}

	/**
	 * Once per page load, when the workspace is open: resume the analysis of recorded calls that have none (an
	 * import's analysis cut short by a reload). Waits while a remembered folder needs its permission click.
	 */
	ensureStarted(): void {
		if (this.#isStarted) return;
		this.#isStarted = true;
		void (async () => {
			await recordingsState.start();
			if (recordingsState.needsPermission) {
				this.#isStarted = false;
				return;
			}
			await this.runPending();
		})().catch(() => undefined);
	}

	cancel(): void {
		this.#abort?.abort();
	}

	async #run(callIds: string[]): Promise<void> {
		if (callIds.length === 0) {
			await this.refreshCounts();
			return;
		}
		// Scoring a fresh import first: both want the two cores, and scores are what the user waits for.
		await scoringState.whenIdle();
		const abort = new AbortController();
		this.#abort = abort;
		this.status = 'running';
		this.total = callIds.length;
		this.done = 0;
		this.failed = 0;
		this.audio_s = 0;
		this.error = null;
		this.problems = [];
		this.started_at = performance.now();
		const toScore: string[] = [];
		const flush = () => {
			if (toScore.length) void scoringState.rescoreCalls(toScore.splice(0)).catch(() => undefined);
		};
		try {
			const db = await workspace.db();
			for (const callId of callIds) {
				if (abort.signal.aborted) break;
				this.current = callId;
				const started = performance.now();
				let audio_s = 0;
				const outcome = await analyseCall(
					db,
					callId,
					(name) => recordingsState.store.get(name),
					async (files, signal) => {
						const result = await analyseInWorker(files, { withActivity: true, signal });
						this.audio_s += result.duration_s;
						audio_s = result.duration_s;
						void writePeaks(
							files.map((f) => f.blob as File),
							result.peaks
						);
						return result;
					},
					abort.signal
				).catch((e) => {
					if (e instanceof DOMException && e.name === 'AbortError') return null;
					throw e;
				});
				if (abort.signal.aborted) break;
				// For bench/browser-audio.js: how long each call's analysis took, from the start to saved.
				performance.mark('callqa:voice-analysed', {
					detail: { call_id: callId, ms: performance.now() - started, audio_s, status: outcome?.status ?? null }
				});
				this.done++;
				if (outcome && outcome.status !== 'done' && outcome.status !== 'mono') {
					this.failed++;
					this.problems = [outcome, ...this.problems].slice(0, 20);
				}
				toScore.push(callId);
				this.revision++;
				// Re-scoring checkpoints (persists) what was analysed so far; a reload loses at most this group.
				if (toScore.length >= RESCORE_EVERY) flush();
			}
			this.status = abort.signal.aborted ? 'cancelled' : 'done';
		} catch (e) {
			this.error = errorMessage(e);
			this.status = 'error';
		} finally {
			flush();
			this.current = null;
			this.#abort = null;
			await this.refreshCounts().catch(() => undefined);
		}
	}
}

export const voiceBatch = new VoiceBatch();

/** After an import: analyse the calls whose recordings just arrived (in the background; scores follow). */
export async function analyseImported(reports: FileReport[]): Promise<void> {
	const files = reports.filter((r) => r.kind === 'recording' && r.rows_loaded > 0).map((r) => r.file);
	if (files.length === 0) return voiceBatch.refreshCounts();
	await voiceBatch.run(await callsOfFiles(await workspace.db(), files));
}
