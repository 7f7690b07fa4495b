// A call page opened from the review queue (?queue=<plan>): where the call stands in the queue, the progress,
// and moving on to the next call not yet reviewed. One instance per call page. Browser only.
import { goto } from '$app/navigation';
import { workspace } from '../db/workspace.svelte';
import { nextInQueue, queuePlace, queueProgress, type QueuePlace, type QueueProgress, type RubricRef } from './queue-sql';
import { errorMessage } from '../i18n/error-message';

/** The call page of `callId` as opened from the queue of `planId`. */
export function queueCallHref(callId: string, planId: string): string {
	return `/calls/${encodeURIComponent(callId)}?queue=${encodeURIComponent(planId)}`;
}

export class QueueNav {
	place = $state.raw<QueuePlace | null>(null);
	progress = $state.raw<QueueProgress | null>(null);
	/** set when "next" found no other call waiting */
	isDone = $state(false);
	isMoving = $state(false);
	error = $state<string | null>(null);
	readonly planId: string;
	#callId: string | null = null;
	/** the rubric version whose reviews count as done (the active one) */
	#rubric: RubricRef | null = null;

	constructor(planId: string) {
		this.planId = planId;
	}

	async refresh(callId: string, rubric: RubricRef | null): Promise<void> {
		this.#callId = callId;
		this.#rubric = rubric ? { id: rubric.id, version: rubric.version } : null;
		try {
			const db = await workspace.db();
			const [place, progress] = await Promise.all([queuePlace(db, callId, this.planId), queueProgress(db, this.planId, this.#rubric)]);
			if (this.#callId !== callId) return;
			this.place = place;
			this.progress = progress;
			this.isDone = false;
			this.error = null;
		} catch (e) {
			if (this.#callId === callId) this.error = errorMessage(e);
		}
	}

	/** Opens the next queued call not yet reviewed under the active version (after this one, wrapping round). */
	async next(): Promise<void> {
		const from = this.#callId;
		if (this.isMoving) return;
		this.isMoving = true;
		try {
			const id = await nextInQueue(await workspace.db(), from, this.planId, this.#rubric);
			if (!id) {
				this.isDone = true;
				return;
			}
			await goto(queueCallHref(id, this.planId));
		} catch (e) {
			this.error = errorMessage(e);
		} finally {
			this.isMoving = false;
		}
	}
}
