// Reactive view of where recordings' audio lives (browser only): remembered folders and whether they need
// the one permission click, OPFS usage. Thin wrapper over store.ts / folder.ts; no UI here.
import { RememberedFolders, type RememberedFolder } from './folder';
import { RecordingStore, type StorageUsage } from './store';
import { errorMessage } from '../i18n/error-message';

export class RecordingsState {
	folders = $state.raw<readonly RememberedFolder[]>([]);
	/** Show the "Allow access to your recordings folder" button when true. */
	needsPermission = $state(false);
	usage = $state.raw<StorageUsage | null>(null);
	error = $state<string | null>(null);

	readonly #folders = new RememberedFolders();
	readonly store = new RecordingStore(this.#folders);
	#started: Promise<void> | null = null;

	get canRememberFolders(): boolean {
		return RememberedFolders.isSupported();
	}

	/** Reattach remembered folders (no prompt) and read storage usage. Safe to call more than once. */
	start(): Promise<void> {
		this.#started ??= this.#run(async () => {
			if (RememberedFolders.isSupported()) await this.#folders.reattach();
			await this.refreshUsage();
		});
		return this.#started;
	}

	/** Call from the permission button's click handler. */
	grantAccess(): Promise<void> {
		return this.#run(() => this.#folders.requestPermission());
	}

	/** Call from a click handler; resolves to the folder, or null when the picker was cancelled. */
	async pickFolder(): Promise<RememberedFolder | null> {
		let picked: RememberedFolder | null = null;
		await this.#run(async () => {
			picked = await this.#folders.pick();
		});
		return picked;
	}

	forgetFolder(id: string): Promise<void> {
		return this.#run(() => this.#folders.forget(id));
	}

	/** Audio files inside a remembered folder, for importing them. */
	audioFiles(folder: RememberedFolder) {
		return this.#folders.audioFiles(folder);
	}

	async refreshUsage(): Promise<void> {
		if (RecordingStore.isSupported()) this.usage = await this.store.usage();
	}

	async #run(work: () => Promise<unknown>): Promise<void> {
		this.error = null;
		try {
			await work();
		} catch (e) {
			this.error = errorMessage(e);
		} finally {
			this.folders = [...this.#folders.folders];
			this.needsPermission = this.#folders.needsPermission;
		}
	}
}

export const recordingsState = new RecordingsState();
