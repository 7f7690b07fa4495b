// The active rubric as the UI sees it and the scoring runs it starts: load, activate a (new) version, score the
// calls whose data changed (scoring/dirty.ts: the persisted marks every import leaves). Views `$effect` on `revision`
// to re-read scores. The SQL lives in active-rubric.ts and scoring/; every run goes through one queue because scoring
// uses shared temp tables (cqa_*).
import type { Db } from '../db/types';
import { workspace } from '../db/workspace.svelte';
import { locale, t } from '../i18n/i18n.svelte';
import type { Rubric } from '../scoring/rubric';
import { markDirtyIds } from '../db/score-dirty';
import { scoreAll, scorePending, type RunOptions } from '../scoring/dirty';
import { ScoringCancelled } from '../scoring/score';
import { listVersions, resolveActive, saveRubricIfMissing, scoredCounts, writeActiveRef, type RubricVersion } from './active-rubric';
import { errorMessage } from '../i18n/error-message';

/** 'cancelled': the user stopped the last run; what it would have scored waits for the next run (scoreNew). */
export type ScoringStatus = 'idle' | 'scoring' | 'error' | 'cancelled';

export class ScoringState {
	/** The active rubric version; null until load() has run. */
	active = $state.raw<Rubric | null>(null);
	status = $state<ScoringStatus>('idle');
	error = $state<string | null>(null);
	/** Calls in the workspace and how many of them have a score for the active version. */
	calls = $state(0);
	scored = $state(0);
	/** Calls the running job scores (after a cancel: the calls it would have scored). */
	pending = $state(0);
	/** The running job's progress: statements run of its total (scoring/score.ts onStep); null before it starts. */
	step = $state.raw<{ done: number; total: number } | null>(null);
	/** Steps of the filling of the turns' stored columns that may come first (scoring/score.ts onPrepare); null: none. */
	prepare = $state.raw<{ done: number; total: number } | null>(null);
	/**
	 * Bumped whenever scores or the active rubric change, and only then: views re-query on it, and a bump for nothing
	 * (a run that found no call to score) would blank their buttons mid-click and redo every query on the page.
	 */
	revision = $state(0);
	#scoresChanged = false;
	#queue: Promise<unknown> = Promise.resolve();
	#isStarted = false;
	#getDb: () => Promise<Db>;
	/** The running job's cancel, when it is a scoring run (reading the rubric cannot be cancelled). */
	#abort = $state.raw<AbortController | null>(null);

	constructor(getDb: () => Promise<Db>) {
		this.#getDb = getDb;
	}

	/** Scores changed outside a scoring run (an appeal overturned an item): views showing scores re-query. */
	scoresChanged(): void {
		this.revision += 1;
	}

	get isScoring(): boolean {
		return this.status === 'scoring';
	}

	/** Whether the running job can be stopped (cancel()). */
	get canCancel(): boolean {
		return this.status === 'scoring' && this.#abort !== null && this.pending > 0;
	}

	/**
	 * Stops the running scoring run before it writes anything: findings and scores stay as they were, and its calls
	 * wait for the next run (status 'cancelled'; scoreNew() resumes). An activation that is cancelled keeps the
	 * version that was active.
	 */
	cancel(): void {
		this.#abort?.abort();
	}

	/** Share of the running job done, 0…1, or null when it has not started its statements. */
	get share(): number | null {
		return this.step && this.step.total > 0 ? this.step.done / this.step.total : null;
	}

	/** One line for the header / import summary, in the current language. */
	get progress(): string {
		if (this.status === 'error') return t('scoring.error', { message: this.error ?? '' });
		if (this.status === 'cancelled') return t('scoring.cancelled', { n: locale.num(this.pending) });
		if (this.status === 'scoring') {
			if (this.pending === 0) return t('scoring.loading');
			if (this.prepare)
				return t('scoring.preparing', { n: locale.num(this.pending), step: this.prepare.done + 1, steps: this.prepare.total });
			const share = this.share;
			return share === null
				? t('scoring.scoring', { n: locale.num(this.pending) })
				: t('scoring.scoringShare', { n: locale.num(this.pending), pct: Math.floor(share * 100) });
		}
		return t('scoring.scored', { n: locale.num(this.scored) });
	}

	/** Reads the active rubric (activating the default when none is set). Does not score. */
	load(): Promise<Rubric> {
		return this.#enqueue(async (db) => {
			const rubric = this.#setActive(await resolveActive(db));
			await this.#count(db, rubric);
			return rubric;
		});
	}

	/**
	 * Makes `rubric` the active version (saving it when new) and re-scores every call with it. The activation is
	 * persisted before the re-scoring starts: a reload in the middle keeps the new version active, and the next
	 * page's ensureStarted() scores the calls that have no score for it yet.
	 */
	activate(rubric: Rubric): Promise<void> {
		return this.#enqueue(async (db, run) => {
			const was = this.active ?? (await resolveActive(db));
			await saveRubricIfMissing(db, rubric);
			await writeActiveRef(db, rubric);
			await db.checkpoint();
			this.#setActive(rubric);
			this.pending = this.calls || (await scoredCounts(db, rubric)).calls;
			this.#scoresChanged = true;
			try {
				await scoreAll(db, rubric, run);
			} catch (e) {
				if (!(e instanceof ScoringCancelled)) throw e;
				// Cancelled: the version that was active stays active, with its scores untouched.
				await writeActiveRef(db, was);
				await db.checkpoint();
				this.#setActive(was);
				await this.#count(db, was);
				throw e;
			}
			await db.checkpoint();
			await this.#count(db, rubric);
		}, true);
	}

	/**
	 * Scores the calls that have no score for the active version yet and those whose data changed since they were
	 * scored (after an import: a transcript for a call scored without one changes its findings). The marks are in
	 * the workspace, so a reload in the middle leaves them for the next run (ensureStarted).
	 */
	scoreNew(): Promise<void> {
		return this.#enqueue((db, run) => this.#scorePending(db, run), true);
	}

	/** One run over the marked and unscored calls with the active version, persisted when it scored any. */
	async #scorePending(db: Db, run: RunOptions): Promise<void> {
		const rubric = this.#setActive(this.active ?? (await resolveActive(db)));
		const n = await scorePending(
			db,
			rubric,
			(count) => {
				this.pending = count;
				if (count > 0) this.#scoresChanged = true;
			},
			run
		);
		if (n > 0) await db.checkpoint();
		await this.#count(db, rubric);
	}

	/** Resolves when every scoring run queued so far has finished (background work waits for it). */
	whenIdle(): Promise<void> {
		return this.#queue.then(() => undefined);
	}

	/** Re-scores the listed calls with the active version (their voice activity or recordings changed). */
	rescoreCalls(callIds: string[]): Promise<void> {
		return this.#enqueue(async (db, run) => {
			await markDirtyIds(db, callIds);
			await this.#scorePending(db, run);
		}, true);
	}

	/** Re-scores every call with the active version (after a re-import changed existing calls). */
	rescoreAll(): Promise<void> {
		return this.#enqueue(async (db, run) => {
			const rubric = this.#setActive(this.active ?? (await resolveActive(db)));
			this.pending = (await scoredCounts(db, rubric)).calls;
			this.#scoresChanged = true;
			await scoreAll(db, rubric, run);
			await db.checkpoint();
			await this.#count(db, rubric);
		});
	}

	/**
	 * Once per page load, when the workspace is open: read the active rubric and score whatever is unscored or
	 * marked dirty (data loaded before, or a scoring run cut short by a reload).
	 */
	ensureStarted(): void {
		if (this.#isStarted) return;
		this.#isStarted = true;
		this.scoreNew().catch(() => undefined);
	}

	/** Saved rubric versions (all rubrics, or one id), with how many calls each has scored. */
	async versions(db?: Db, rubricId?: string): Promise<RubricVersion[]> {
		return listVersions(db ?? (await this.#getDb()), rubricId);
	}

	/** Makes `rubric` the active version; a saved version never changes, so the same id and version is no change. */
	#setActive(rubric: Rubric): Rubric {
		const was = this.active;
		if (was?.id === rubric.id && was.version === rubric.version) return was;
		// Bumped with the change, not after the job: a view reading both re-queries once.
		this.active = rubric;
		this.revision += 1;
		return rubric;
	}

	async #count(db: Db, rubric: Rubric): Promise<void> {
		const c = await scoredCounts(db, rubric);
		this.calls = c.calls;
		this.scored = c.scored;
	}

	/** Runs `job` after the queued ones; a cancellable job gets the progress and cancel its scoring run passes on. */
	#enqueue<T>(job: (db: Db, run: RunOptions) => Promise<T>, cancellable = false): Promise<T> {
		const run = async (): Promise<T> => {
			this.status = 'scoring';
			this.error = null;
			this.pending = 0;
			this.step = null;
			this.prepare = null;
			this.#scoresChanged = false;
			const abort = cancellable ? new AbortController() : null;
			this.#abort = abort;
			let isCancelled = false;
			try {
				const result = await job(await this.#getDb(), {
					signal: abort?.signal,
					onStep: (done, total) => (this.step = { done, total }),
					onPrepare: (done, total) => (this.prepare = done < total ? { done, total } : null)
				});
				this.status = 'idle';
				return result;
			} catch (e) {
				isCancelled = e instanceof ScoringCancelled;
				if (isCancelled) {
					this.status = 'cancelled';
				} else {
					this.error = errorMessage(e);
					this.status = 'error';
					// A run cut short may have written part of its scores.
					this.#scoresChanged = true;
				}
				throw e;
			} finally {
				// A cancelled run keeps `pending`: the line says how many calls wait.
				if (!isCancelled) this.pending = 0;
				this.step = null;
				this.prepare = null;
				this.#abort = null;
				if (this.#scoresChanged) this.revision += 1;
			}
		};
		const p = this.#queue.then(run, run);
		this.#queue = p.catch(() => undefined);
		return p;
	}
}

export const scoringState = new ScoringState(() => workspace.db());
