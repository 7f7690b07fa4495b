// The open call's review as the page shows it: loads it, sends every change through review-sql.ts (which
// checkpoints) and says "saved" only after that resolves. One instance per call page. Browser only.
import { workspace } from '../db/workspace.svelte';
import { addComment, clearOverride, deleteComment, loadReview, reopenReview, setOverride, submitReview, type Override, type Result, type ReviewComment, type ReviewKey, type ReviewRow } from './review-sql';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export class ReviewState {
	key = $state.raw<ReviewKey | null>(null);
	review = $state.raw<ReviewRow | null>(null);
	overrides = $state.raw<Map<string, Override>>(new Map());
	comments = $state.raw<ReviewComment[]>([]);
	isLoaded = $state(false);
	save = $state<SaveStatus>('idle');
	error = $state<string | null>(null);
	#callId: string | null = null;

	get isSubmitted(): boolean {
		return this.review?.status === 'submitted';
	}

	async load(key: ReviewKey): Promise<void> {
		// Another call (the queue's "next"): never show the previous call's review while this one loads. A plain
		// field, not `key`: load() runs inside the page's $effect, which must not come to depend on what it writes.
		if (this.#callId !== key.call_id) this.#apply(null, [], []);
		this.#callId = key.call_id;
		this.key = key;
		this.isLoaded = false;
		try {
			const db = await workspace.db();
			const r = await loadReview(db, key);
			if (this.key !== key) return;
			this.#apply(r.review, r.overrides, r.comments);
			this.error = null;
		} catch (e) {
			if (this.key === key) this.error = e instanceof Error ? e.message : String(e);
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

	submit(inspector: string, score: number | null): Promise<boolean> {
		return this.#write((db, key) => submitReview(db, key, inspector, score));
	}

	reopen(): Promise<boolean> {
		return this.#write((db, key) => reopenReview(db, key));
	}

	#apply(review: ReviewRow | null, overrides: Override[], comments: ReviewComment[]) {
		this.review = review;
		this.overrides = new Map(overrides.map((o) => [o.item_id, o]));
		this.comments = comments;
	}

	/** Write, then re-read what the database now holds, so the screen shows exactly what was saved. */
	async #write(work: (db: Awaited<ReturnType<typeof workspace.db>>, key: ReviewKey) => Promise<void>): Promise<boolean> {
		const key = this.key;
		if (!key) return false;
		this.save = 'saving';
		this.error = null;
		try {
			const db = await workspace.db();
			await work(db, key);
			const r = await loadReview(db, key);
			if (this.key === key) this.#apply(r.review, r.overrides, r.comments);
			this.save = 'saved';
			return true;
		} catch (e) {
			this.save = 'error';
			this.error = e instanceof Error ? e.message : String(e);
			return false;
		}
	}
}
