// The rubric open in the editor: an editable copy, validated as it changes (the first problem's JSON path and
// message), and where it came from. Saving goes through scoring/rubric-store.ts; activation through scoringState.
import { validateRubric, type Item, type Rubric } from '../scoring/rubric';
import { collectErrors, errorBelongsTo, errorItemIndex, type FieldError } from './draft-ops';

export interface DraftSource {
	/** a saved version, a default, or an imported file */
	kind: 'saved' | 'default' | 'import';
	rubricId: string;
	version: number;
}

export type Validation = { rubric: Rubric; error: null; errors: [] } | { rubric: null; error: FieldError; errors: FieldError[] };

function validate(json: unknown): Validation {
	const errors = collectErrors(json);
	if (errors.length === 0) return { rubric: validateRubric(json), error: null, errors: [] };
	return { rubric: null, error: errors[0], errors };
}

export class RubricDraft {
	/** The editable rubric; inputs write into it directly, so values may be invalid (validation says where). */
	value = $state<Rubric | null>(null);
	source = $state<DraftSource | null>(null);
	/** true once edited since opened or saved */
	isDirty = $state(false);

	validation: Validation | null = $derived(this.value ? validate($state.snapshot(this.value)) : null);

	open(rubric: Rubric, source: DraftSource): void {
		this.value = structuredClone(rubric);
		this.source = source;
		this.isDirty = false;
	}

	close(): void {
		this.value = null;
		this.source = null;
		this.isDirty = false;
	}

	touch(): void {
		this.isDirty = true;
	}

	setItems(items: Item[]): void {
		if (!this.value) return;
		this.value.items = items;
		this.isDirty = true;
	}

	/** After a save: the draft now is that saved version. */
	markSaved(saved: Rubric): void {
		if (this.value) this.value.version = saved.version;
		this.source = { kind: 'saved', rubricId: saved.id, version: saved.version };
		this.isDirty = false;
	}

	/** The validation message for the field at `path` (or one of its entries), or null. */
	errorAt(path: string): string | null {
		return this.validation?.errors.find((e) => errorBelongsTo(e.path, path))?.message ?? null;
	}

	/** Whether an error sits exactly at `path` (not in one of its fields). */
	errorExactly(path: string): string | null {
		return this.validation?.errors.find((e) => e.path === path)?.message ?? null;
	}

	/** The indexes of the items that have an error. */
	get errorItems(): Set<number> {
		return new Set((this.validation?.errors ?? []).map((e) => errorItemIndex(e.path)).filter((i): i is number => i !== null));
	}
}

export const rubricDraft = new RubricDraft();
