// The keyboard shortcuts valid on the page now, for the shell's "?" help (ShortcutHelp.svelte): components that
// handle keys register what they handle while they are mounted (useShortcuts), so the help lists exactly the keys
// that work where the user is. The keys themselves stay handled by those components.
import { untrack } from 'svelte';
import type { MessageKey } from '../i18n/i18n.svelte';

export interface Shortcut {
	/** the key(s) as shown, e.g. 'N', '← / →' */
	keys: string;
	label: MessageKey;
}

export interface ShortcutGroup {
	id: number;
	title: MessageKey;
	items: Shortcut[];
}

class Shortcuts {
	groups = $state.raw<ShortcutGroup[]>([]);
	#next = 1;

	/**
	 * Adds a group; returns the function that removes it. Untracked: an effect that registers must not come to
	 * depend on the list it changes (it would run again on its own write).
	 */
	register(title: MessageKey, items: Shortcut[]): () => void {
		const id = this.#next++;
		untrack(() => (this.groups = [...this.groups, { id, title, items }]));
		return () => untrack(() => (this.groups = this.groups.filter((g) => g.id !== id)));
	}
}

export const shortcuts = new Shortcuts();

/** Lists `items` under `title` in the help while the calling component is mounted (call during its init). */
export function useShortcuts(title: MessageKey, items: () => Shortcut[] | null): void {
	$effect(() => {
		const list = items();
		if (!list || list.length === 0) return;
		return shortcuts.register(title, list);
	});
}

/** True when a key event comes from typing (an input, a text area, an editable element): shortcuts leave it alone. */
export function isTyping(e: KeyboardEvent): boolean {
	const el = e.target as HTMLElement | null;
	return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}
