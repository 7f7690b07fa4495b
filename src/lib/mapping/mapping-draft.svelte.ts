// The mapping screen's working copy for one file: its preview, the chosen kind and column → field choices,
// and what is still wrong with them (missing required fields, a field used twice). Turns into a
// MappingPreset for "apply and import" and "save as preset".
import { TARGET_FIELDS, guessMapping, type TabularKind } from '../import/tabular/fields';
import { previewTabular, type TabularPreview } from '../import/tabular/preview';
import type { InputFile, MappingPreset } from '../import/types';

export const PREVIEW_ROWS = 10;
export const TABULAR_KINDS: TabularKind[] = ['call_log', 'complaints', 'transcript'];

/** A required timestamp is also satisfied by its date column (the importer adds the time column if mapped). */
const SATISFIED_BY: Record<string, string[]> = { started_at: ['start_date'], received_at: ['received_date'] };

export class MappingDraft {
	readonly preview: TabularPreview;
	kind = $state<TabularKind>('call_log');
	mapping = $state<Record<string, string>>({});

	constructor(file: InputFile, presets: MappingPreset[]) {
		this.preview = previewTabular(file, presets);
		this.kind = this.preview.kind === 'unknown' ? 'call_log' : this.preview.kind;
		this.mapping = this.preview.kind === 'unknown' ? guessMapping(this.preview.headers, this.kind) : { ...this.preview.mapping };
	}

	get rows(): string[][] {
		return this.preview.rows.slice(0, PREVIEW_ROWS);
	}

	/** Changing the kind starts again from the alias dictionary's guess for that kind. */
	setKind(kind: TabularKind): void {
		this.kind = kind;
		this.mapping = guessMapping(this.preview.headers, kind);
	}

	setField(header: string, field: string): void {
		this.mapping = { ...this.mapping, [header]: field };
	}

	get missing(): string[] {
		const used = new Set(Object.values(this.mapping).filter(Boolean));
		return TARGET_FIELDS[this.kind]
			.filter((f) => f.required && !used.has(f.field) && !(SATISFIED_BY[f.field] ?? []).some((alt) => used.has(alt)))
			.map((f) => f.field);
	}

	get duplicates(): string[] {
		const seen = new Set<string>();
		const dup = new Set<string>();
		for (const field of Object.values(this.mapping)) {
			if (!field) continue;
			if (seen.has(field)) dup.add(field);
			seen.add(field);
		}
		return [...dup];
	}

	get isValid(): boolean {
		return this.missing.length === 0 && this.duplicates.length === 0;
	}

	toPreset(name: string): MappingPreset {
		const mapping = Object.fromEntries(this.preview.headers.map((h) => [h, this.mapping[h] ?? '']));
		const delimiter = this.preview.delimiter;
		return {
			name,
			kind: this.kind,
			headers: [...this.preview.headers],
			mapping,
			...(delimiter !== ',' ? { options: { delimiter } } : {})
		};
	}
}
