// Loading the scope pickers' choices for the leaderboard, the agent page and the report: one place for the
// query, the cancellation when the data changes mid-flight, and the error message.
import { workspace } from '../db/workspace.svelte';
import { queryScopeChoices, type ScopeChoices } from './scope';
import { errorMessage } from '../i18n/error-message';

/** Loads the choices and hands them to onLoad unless cancelled first; returns the cancel function (an effect's cleanup). */
export function loadScopeChoices(onLoad: (choices: ScopeChoices) => void, onError: (message: string) => void): () => void {
	let cancelled = false;
	(async () => {
		try {
			const choices = await workspace.oncePerImport('scope.choices', async () => queryScopeChoices(await workspace.db()));
			if (!cancelled) onLoad(choices);
		} catch (e) {
			if (!cancelled) onError(errorMessage(e));
		}
	})();
	return () => {
		cancelled = true;
	};
}
