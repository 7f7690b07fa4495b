// The manager's settings as the UI sees them (weights, minimum calls, service-level threshold): loaded once per
// workspace, saved with a checkpoint before the UI says saved. SQL: settings.ts.
import { workspace } from '../db/workspace.svelte';
import { DEFAULT_SETTINGS, readSettings, writeSettings, type ManagerSettings } from './settings';

export class ManagerSettingsState {
	value = $state.raw<ManagerSettings>(DEFAULT_SETTINGS);
	isLoaded = $state(false);
	#loading: Promise<void> | null = null;

	load(): Promise<void> {
		this.#loading ??= (async () => {
			try {
				this.value = await readSettings(await workspace.db());
			} finally {
				this.isLoaded = true;
			}
		})();
		return this.#loading;
	}

	async save(next: ManagerSettings): Promise<void> {
		const db = await workspace.db();
		const clean = await writeSettings(db, next);
		await db.checkpoint();
		this.value = clean;
	}
}

export const managerSettings = new ManagerSettingsState();
