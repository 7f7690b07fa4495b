// A query a view draws: `data`, `error` and `loading` as runes state, re-run whenever what `input` reads changes
// (URL parameters, the scoring revision, workspace counts) or on reload(). A run's result lands only if no newer
// run has started and the owner is still mounted, so a slow earlier query never overwrites a later one.
// Construct it during a component's initialisation (it owns an $effect). No SQL here: `load` calls the feature's
// *-sql.ts functions, which go through Db.query().
import { untrack } from 'svelte';
import { errorMessage } from '../i18n/error-message';

export interface DbQueryOptions {
	/** Clear `data` when a run starts (the view shows its loading state), instead of keeping the last result. */
	clearOnRun?: boolean;
}

export class DbQuery<I, T> {
	/** The last result; null before the first one lands, or when `input` returns null. */
	data = $state.raw<T | null>(null);
	/** The message of the last run's failure; cleared by the next success. */
	error = $state<string | null>(null);
	loading = $state(false);
	#reloads = $state(0);
	#run = 0;

	/**
	 * @param input what the query depends on, read reactively; null or undefined means "nothing to load" (data null)
	 * @param load runs the query for one input; not tracked, so state it reads does not re-run it
	 */
	constructor(input: () => I | null | undefined, load: (input: I) => Promise<T>, opts: DbQueryOptions = {}) {
		this.#load = load;
		this.#opts = opts;
		$effect(() => {
			void this.#reloads;
			const want = input();
			untrack(() => void this.run(want));
			return () => this.cancel();
		});
	}

	readonly #load: (input: I) => Promise<T>;
	readonly #opts: DbQueryOptions;

	/** Runs the query again with the same input (after a write the input does not show). */
	reload(): void {
		this.#reloads++;
	}

	/** Drops the result of the run in flight (the view is going away, or a newer run replaces it). */
	cancel(): void {
		this.#run++;
		this.loading = false;
	}

	/** Starts a run for `want` (the effect does this when the input changes); resolves when it has settled. */
	async run(want: I | null | undefined): Promise<void> {
		const run = ++this.#run;
		if (want == null) {
			[this.data, this.error, this.loading] = [null, null, false];
			return;
		}
		this.loading = true;
		if (this.#opts.clearOnRun) this.data = null;
		try {
			const result = await this.#load(want);
			if (run === this.#run) [this.data, this.error] = [result, null];
		} catch (e) {
			if (run === this.#run) this.error = errorMessage(e);
		} finally {
			if (run === this.#run) this.loading = false;
		}
	}
}
