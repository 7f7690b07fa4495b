// The open call's review as the page shows it: loads it with its score by the SQL scoring rule (review-sql.ts →
// metrics/qa-score.ts), sends every change through review-sql.ts (which checkpoints), re-reads what was saved and
// says "saved" only after that resolves. One instance per call page. Browser only.
import { workspace } from '../db/workspace.svelte';
import { scoringState } from '../scoring-ui/scoring-state.svelte';
import {
	addComment,
	clearOverride,
	deleteComment,
	loadReview,
	reopenReview,
	reviewedItems,
	reviewedScore,
	setOverride,
	startReviewFrom,
	submitReview,
	type Override,
	type Result,
	type ReviewComment,
	type ReviewedItem,
	type ReviewKey,
	type ReviewRow,
	type ReviewScore
} from './review-sql';
import type { Db } from '../db/types';
import { errorMessage } from '../i18n/error-message';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

interface Snapshot {
	review: ReviewRow | null;
	overrides: Override[];
	comments: ReviewComment[];
	score: ReviewScore | null;
	items: ReviewedItem[];
}

async function read(db: Db, key: ReviewKey): Promise<Snapshot> {
	const r = await loadReview(db, key);
	// No review yet (most calls): the automatic score, and no item is reviewed.
	if (!r.review) return { ...r, score: await reviewedScore(db, key, false), items: [] };
	const [score, items] = await Promise.all([reviewedScore(db, key), reviewedItems(db, key)]);
	return { ...r, score, items };
}

export class ReviewState {
	key = $state.raw<ReviewKey | null>(null);
	review = $state.raw<ReviewRow | null>(null);
	overrides = $state.raw<Map<string, Override>>(new Map());
	comments = $state.raw<ReviewComment[]>([]);
	/** the score with the overrides applied (the automatic score while there is no review); null: not scored */
	score = $state.raw<ReviewScore | null>(null);
	/** each item's reviewed result and points, by item id (empty while there is no review) */
	items = $state.raw<Map<string, ReviewedItem>>(new Map());
	isLoaded = $state(false);
	save = $state<SaveStatus>('idle');
	error = $state<string | null>(null);
	#callId: string | null = null;
	/**
	 * Reads and writes of this state run one after another: a re-read started while a write is on its way (the page
	 * reloads its findings after "re-edit") must not read half before and half after it, nor land on screen after it.
	 */
	#queue: Promise<unknown> = Promise.resolve();

	#inTurn<T>(job: () => Promise<T>): Promise<T> {
		const p = this.#queue.then(job, job);
		this.#queue = p.catch(() => undefined);
		return p;
	}

	/** Still showing the review `key` names (pages build a new key object for the same review on every reload). */
	#isShowing(key: ReviewKey): boolean {
		const k = this.key;
		return !!k && k.call_id === key.call_id && k.rubric_id === key.rubric_id && k.rubric_version === key.rubric_version;
	}

	get isSubmitted(): boolean {
		return this.review?.status === 'submitted';
	}

	async load(key: ReviewKey): Promise<void> {
		// Another call (the queue's "next"): never show the previous call's review while this one loads. A plain
		// field, not `key`: load() runs inside the page's $effect, which must not come to depend on what it writes.
		if (this.#callId !== key.call_id) this.#apply({ review: null, overrides: [], comments: [], score: null, items: [] });
		this.#callId = key.call_id;
		this.key = key;
		this.isLoaded = false;
		try {
			const snap = await this.#inTurn(async () => read(await workspace.db(), key));
			if (this.key !== key) return;
			this.#apply(snap);
			this.error = null;
		} catch (e) {
			if (this.key === key) this.error = errorMessage(e);
		} finally {
			if (this.key === key) this.isLoaded = true;
		}
	}

	override(itemId: string, result: Result, reason: string): Promise<boolean> {
		return this.#write((db, key) => setOverride(db, key, itemId, result, reason));
	}

	clearOverride(itemId: string): Promise<boolean> {
		return this.#write((db, key) => clearOverride(db, key, itemId));
	}

	comment(atS: number | null, text: string): Promise<boolean> {
		return this.#write((db, key) => addComment(db, key.call_id, atS, text).then(() => undefined));
	}

	removeComment(commentId: string): Promise<boolean> {
		return this.#write((db) => deleteComment(db, commentId));
	}

	/** Submitting or reopening moves the call's QA score (reviewed where submitted): views showing scores re-query. */
	async submit(inspector: string): Promise<boolean> {
		const ok = await this.#write((db, key) => submitReview(db, key, inspector));
		if (ok) scoringState.scoresChanged();
		return ok;
	}

	async reopen(): Promise<boolean> {
		const ok = await this.#write((db, key) => reopenReview(db, key));
		if (ok) scoringState.scoresChanged();
		return ok;
	}

	/** Starts the review of `to` from this call's review under `from` (see startReviewFrom); resolves when saved. */
	async startFrom(from: ReviewKey, to: ReviewKey): Promise<boolean> {
		this.save = 'saving';
		this.error = null;
		try {
			await startReviewFrom(await workspace.db(), from, to);
			this.save = 'saved';
			return true;
		} catch (e) {
			this.save = 'error';
			this.error = errorMessage(e);
			return false;
		}
	}

	#apply(s: Snapshot) {
		this.review = s.review;
		this.overrides = new Map(s.overrides.map((o) => [o.item_id, o]));
		this.comments = s.comments;
		this.score = s.score;
		this.items = new Map(s.items.map((i) => [i.item_id, i]));
	}

	/** Write, then re-read what the database now holds, so the screen shows exactly what was saved. */
	async #write(work: (db: Db, key: ReviewKey) => Promise<void>): Promise<boolean> {
		const key = this.key;
		if (!key) return false;
		this.save = 'saving';
		this.error = null;
		try {
			const snap = await this.#inTurn(async () => {
				const db = await workspace.db();
				await work(db, key);
				return read(db, key);
			});
			if (this.#isShowing(key)) this.#apply(snap);
			this.save = 'saved';
			return true;
		} catch (e) {
			this.save = 'error';
			this.error = errorMessage(e);
			return false;
		}
	}
}
