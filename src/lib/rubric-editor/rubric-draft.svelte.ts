// The rubric open in the editor: an editable copy, validated as it changes (the first problem's JSON path and
// message), and where it came from. Saving goes through rubric-store.ts; activation through scoringState.
import { RubricError, validateRubric, type Item, type Rubric } from '../scoring/rubric';
import { errorBelongsTo, errorItemIndex } from './draft-ops';

export interface DraftSource {
	/** a saved version, a default, or an imported file */
	kind: 'saved' | 'default' | 'import';
	rubricId: string;
	version: number;
}

export type Validation = { rubric: Rubric; error: null } | { rubric: null; error: { path: string; message: string } };

function validate(json: unknown): Validation {
	try {
		return { rubric: validateRubric(json), error: null };
	} catch (e) {
		if (e instanceof RubricError) return { rubric: null, error: { path: e.path, message: e.message.slice(e.path.length + 2) } };
		return { rubric: null, error: { path: '$', message: e instanceof Error ? e.message : String(e) } };
	}
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
		const err = this.validation?.error;
		return err && errorBelongsTo(err.path, path) ? err.message : null;
	}

	/** The item index the current error is in, or null. */
	get errorItem(): number | null {
		return errorItemIndex(this.validation?.error?.path);
	}
}

export const rubricDraft = new RubricDraft();
