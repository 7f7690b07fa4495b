// The workspace's lifecycle as the UI sees it: opening, ready, open in another tab, or failed.
// Pages read `workspace.status` and draw the matching state; only this module calls getDb() first.
import { getDb, WorkspaceLockedError, type BrowserDb } from './browser';
import { errorMessage } from '../i18n/error-message';
import { applyCentreTimeZone } from '../centre-time/settings';
import { PerVersion } from './per-version';

export type WorkspaceStatus = 'idle' | 'opening' | 'ready' | 'locked' | 'error';

export interface WorkspaceCounts {
	calls: number;
	segments: number;
	recordings: number;
	complaints: number;
	transcribed: number;
}

const EMPTY: WorkspaceCounts = { calls: 0, segments: 0, recordings: 0, complaints: 0, transcribed: 0 };

export class Workspace {
	status = $state<WorkspaceStatus>('idle');
	error = $state<string | null>(null);
	isPersistent = $state(true);
	counts = $state<WorkspaceCounts>(EMPTY);
	/** A write failed because the browser storage is full (storage-full.ts); the page says so until reloaded. */
	isStorageFull = $state(false);
	#db: BrowserDb | null = null;

	get isEmpty(): boolean {
		return this.counts.calls === 0 && this.counts.segments === 0 && this.counts.complaints === 0 && this.counts.recordings === 0;
	}

	/** The open database; opens it on first use. */
	async db(): Promise<BrowserDb> {
		if (this.#db) return this.#db;
		this.status = 'opening';
		try {
			this.#db = await getDb(() => (this.isStorageFull = true));
			this.isPersistent = this.#db.isPersistent;
			// Before any view reads "today": the centre's zone stored in the workspace (the browser's when none).
			await applyCentreTimeZone(this.#db);
			await this.refresh();
			this.status = 'ready';
			return this.#db;
		} catch (e) {
			this.status = e instanceof WorkspaceLockedError ? 'locked' : 'error';
			this.error = errorMessage(e);
			throw e;
		}
	}

	#perImport = new PerVersion<WorkspaceCounts>();

	/**
	 * `load()` once per state of the tables as last counted, for what only an import changes (the filter choices, the
	 * data's date range): a page opened again reuses it, and an import (refresh) makes the next call load it again.
	 * A failed load is not kept.
	 */
	oncePerImport<T>(key: string, load: () => Promise<T>): Promise<T> {
		return this.#perImport.get(key, this.counts, load);
	}

	/** Re-reads the table counts (after an import). */
	async refresh(): Promise<void> {
		const db = this.#db ?? (await this.db());
		const { rows } = await db.query<WorkspaceCounts>(`SELECT
			(SELECT count(*) FROM calls) AS calls,
			(SELECT count(*) FROM segments) AS segments,
			(SELECT count(*) FROM recordings) AS recordings,
			(SELECT count(*) FROM complaints) AS complaints,
			(SELECT count(DISTINCT call_id) FROM segments) AS transcribed`);
		this.counts = rows[0] ?? EMPTY;
	}
}

export const workspace = new Workspace();
