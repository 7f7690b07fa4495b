// The saved presets as the UI sees them: loaded once, refreshed after every save/remove/import. Storage
// and validation are presets-store.ts.
import { workspace } from '../db/workspace.svelte';
import type { MappingPreset } from '../import/types';
import { importPresets, listPresets, removePreset, savePreset, type SavedPreset } from './presets-store';
import { errorMessage } from '../i18n/error-message';

export class PresetsState {
	list = $state.raw<SavedPreset[]>([]);
	status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
	error = $state<string | null>(null);

	async load(): Promise<void> {
		if (this.status === 'idle') this.status = 'loading';
		try {
			this.list = await listPresets(await workspace.db());
			this.error = null;
			this.status = 'ready';
		} catch (e) {
			this.error = errorMessage(e);
			this.status = 'error';
		}
	}

	/** Resolves once the preset is checkpointed to disk; throws a readable Error when it is invalid. */
	async save(preset: MappingPreset): Promise<void> {
		await savePreset(await workspace.db(), preset);
		await this.load();
	}

	async remove(name: string): Promise<void> {
		await removePreset(await workspace.db(), name);
		await this.load();
	}

	async importJson(text: string): Promise<number> {
		const n = await importPresets(await workspace.db(), text);
		await this.load();
		return n;
	}
}

export const presetsState = new PresetsState();
