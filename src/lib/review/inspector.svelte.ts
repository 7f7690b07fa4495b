// The inspector this workspace's reviews are recorded under, as the UI sees it: read once, changed on the
// reviews page or when a review is first submitted with a name. The SQL is inspector-sql.ts.
import { workspace } from '../db/workspace.svelte';
import { getInspectorName, setInspectorName } from './inspector-sql';

export class Inspector {
	name = $state<string | null>(null);
	isLoaded = $state(false);
	#loading: Promise<void> | null = null;

	load(): Promise<void> {
		this.#loading ??= (async () => {
			this.name = await getInspectorName(await workspace.db());
			this.isLoaded = true;
		})().catch((e) => {
			this.#loading = null;
			throw e;
		});
		return this.#loading;
	}

	/** Saves (and checkpoints) the name; reviews of this workspace without one get it. */
	async save(name: string): Promise<void> {
		await setInspectorName(await workspace.db(), name);
		this.name = name.trim() || null;
		this.isLoaded = true;
	}
}

export const inspector = new Inspector();
