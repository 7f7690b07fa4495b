// A canonical field's name for people, in the interface language (TARGET_FIELDS holds both).
import { TARGET_FIELDS, type TabularKind } from '../import/tabular/fields';
import type { Lang } from '../i18n/i18n.svelte';

export function fieldLabel(kind: string, field: string, lang: Lang): string {
	const found = TARGET_FIELDS[kind as TabularKind]?.find((f) => f.field === field);
	return found ? found.label[lang] : field;
}
