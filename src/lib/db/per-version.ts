// Answers kept per version of something (an object replaced on every change, such as the workspace's counts,
// which every import re-reads): asked again for the same version, the kept promise comes back instead of a new load.
// A load that fails is forgotten, so the next ask tries again. No Svelte, no DOM.
export class PerVersion<V extends object> {
	#kept = new Map<string, { version: V; value: Promise<unknown> }>();

	/** `load()`'s promise for `key` under `version`: the kept one while the version is the same object, else a new load. */
	get<T>(key: string, version: V, load: () => Promise<T>): Promise<T> {
		const kept = this.#kept.get(key);
		if (kept?.version === version) return kept.value as Promise<T>;
		const value = load();
		this.#kept.set(key, { version, value });
		value.catch(() => {
			if (this.#kept.get(key)?.value === value) this.#kept.delete(key);
		});
		return value;
	}
}
