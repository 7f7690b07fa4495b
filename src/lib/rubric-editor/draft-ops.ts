// Pure operations on the rubric being edited: the item list (add, duplicate, remove, move), a fresh rule of
// each kind, the editable copy of a rubric and reading an imported JSON file. No Svelte,
// no DOM, no SQL: rubric-draft.svelte.ts holds the state, scoring/rubric-store.ts the saved versions and their numbering.
import { RubricError, validateRubric, type Item, type Language, type Rule, type RuleKind, type Rubric } from '../scoring/rubric';
import { errorMessage } from '../i18n/error-message';

export const RULE_KINDS: readonly RuleKind[] = [
	'phrase_required',
	'phrase_banned',
	'interruption',
	'response_time',
	'courtesy',
	'speech_rate',
	'pii_disclosure',
	'metric',
	'manual'
];

/** A new rule of `kind` with the defaults docs/rubric.md gives, valid as it stands where the kind allows. */
export function defaultRule(kind: RuleKind, language: Language): Rule {
	const zh = language === 'zh';
	switch (kind) {
		case 'phrase_required':
			return { kind, phrases: [zh ? '您好' : 'hello'], match: 'any', speaker: 'agent', fuzzy: 1, accepted: [] };
		case 'phrase_banned':
			return { kind, phrases: [zh ? '不知道' : "i don't know"], patterns: [], speaker: 'agent', exceptions: [] };
		case 'interruption':
			return {
				kind,
				min_overlap_s: 1,
				min_chars: zh ? 4 : 3,
				backchannels: zh
					? ['嗯', '嗯嗯', '对', '对对', '好的', '是的', '是', '好']
					: ['yeah', 'yes', 'ok', 'okay', 'mhm', 'uh huh', 'right', 'sure'],
				max_count: 0,
				max_count_complaint: 0
			};
		case 'response_time':
			return { kind, measure: 'reply', max_reply_s: 5 };
		case 'courtesy':
			return {
				kind,
				phrases: zh ? ['请', '您', '谢谢', '对不起', '再见'] : ['please', 'thank you', 'sorry'],
				min_count: 3,
				speaker: 'agent'
			};
		case 'speech_rate':
			return zh
				? { kind, min_cpm: 120, max_cpm: 330, min_chars: 8, unit: 'chars' }
				: { kind, min_cpm: 100, max_cpm: 190, min_chars: 4, unit: 'words' };
		case 'pii_disclosure':
			return { kind, patterns: [{ name: zh ? '手机号' : 'phone', regex: '1[3-9][0-9]{9}' }], speaker: 'agent' };
		case 'metric':
			return { kind, field: 'hold_s', op: '<=', value: 60 };
		case 'manual':
			return { kind };
	}
}

/** `base`, or `base_2`, `base_3`… — the first that no item uses. */
export function uniqueItemId(items: readonly Pick<Item, 'id'>[], base: string): string {
	const taken = new Set(items.map((i) => i.id));
	const stem = base.replace(/_\d+$/, '') || 'item';
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

/** A new item (a manual check, so the rubric stays valid until a kind is picked). */
export function newItem(items: readonly Item[]): Item {
	return {
		id: uniqueItemId(items, 'item'),
		label: { zh: '新检查项', en: 'New item' },
		weight: 5,
		critical: false,
		rule: { kind: 'manual' }
	};
}

export function addItem(items: readonly Item[]): Item[] {
	return [...items, newItem(items)];
}

/** Inserts a deep copy of item `index` right after it, with a fresh id. */
export function duplicateItem(items: readonly Item[], index: number): Item[] {
	const copy = structuredClone(items[index]);
	copy.id = uniqueItemId(items, `${copy.id}_copy`);
	return [...items.slice(0, index + 1), copy, ...items.slice(index + 1)];
}

export function removeItem(items: readonly Item[], index: number): Item[] {
	return items.filter((_, i) => i !== index);
}

/** Moves item `index` by `delta` places (−1 up, +1 down); out of range leaves the list as it is. */
export function moveItem(items: readonly Item[], index: number, delta: number): Item[] {
	const to = index + delta;
	if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
	const out = [...items];
	const [it] = out.splice(index, 1);
	out.splice(to, 0, it);
	return out;
}

/** Text lines → list entries (blank lines dropped, the rest kept as typed). */
export function linesToList(text: string): string[] {
	return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Whether a validation error at `errorPath` belongs to the field at `fieldPath` (itself or one of its entries). */
export function errorBelongsTo(errorPath: string | null | undefined, fieldPath: string): boolean {
	if (!errorPath) return false;
	return errorPath === fieldPath || errorPath.startsWith(fieldPath + '[') || errorPath.startsWith(fieldPath + '.');
}

/** Index of the item an error path points into (`$.items[3].rule…` → 3), or null. */
export function errorItemIndex(errorPath: string | null | undefined): number | null {
	const m = /^\$\.items\[(\d+)\]/.exec(errorPath ?? '');
	return m ? Number(m[1]) : null;
}

export interface FieldError {
	path: string;
	message: string;
}

function firstError(json: unknown): FieldError | null {
	try {
		validateRubric(json);
		return null;
	} catch (e) {
		if (e instanceof RubricError) return { path: e.path, message: e.message.slice(e.path.length + 2) };
		return { path: '$', message: errorMessage(e) };
	}
}

const PLACEHOLDER_ITEM = { id: 'x', label: { zh: 'x', en: 'x' }, weight: 0, rule: { kind: 'manual' } };

/**
 * Every problem the editor can point at, not just the first: validateRubric stops at the first, so the top
 * level is checked with a placeholder item list and each item on its own (with the rubric's language and
 * variables), then the whole (for problems between items, such as a duplicate id).
 */
export function collectErrors(json: unknown): FieldError[] {
	const whole = firstError(json);
	if (!whole) return [];
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return [whole];
	const o = json as Record<string, unknown>;
	const errors: FieldError[] = [];
	const top = firstError({ ...o, items: [PLACEHOLDER_ITEM] });
	if (top) errors.push(top);
	if (Array.isArray(o.items) && o.items.length > 0) {
		const language = o.language === 'en' ? 'en' : 'zh';
		const vars = o.variables;
		const variables =
			typeof vars === 'object' && vars !== null && !Array.isArray(vars) && Object.values(vars).every((v) => typeof v === 'string')
				? vars
				: {};
		o.items.forEach((item, i) => {
			const err = firstError({ id: 'x', version: 1, name: 'x', language, variables, items: [item] });
			if (err) errors.push({ path: err.path.replace(/^\$\.items\[0\]/, `$.items[${i}]`), message: err.message });
		});
	}
	if (!errors.some((e) => e.path === whole.path)) errors.push(whole);
	return errors;
}

export type ImportResult = { ok: true; rubric: Rubric } | { ok: false; path: string | null; message: string };

/**
 * Reads an imported rubric file: JSON syntax errors with line and column, then validateRubric's path and message.
 * The same JSON the CLI's `--rubric` takes.
 */
export function readRubricJson(text: string): ImportResult {
	const src = text.replace(/^\uFEFF/, '');
	let json: unknown;
	try {
		json = JSON.parse(src);
	} catch (e) {
		// Engines differ on whether the message has a position (V8 often has none), so find it ourselves.
		const at = jsonErrorOffset(src);
		if (at === null) return { ok: false, path: null, message: `not valid JSON (${errorMessage(e)})` };
		const before = src.slice(0, at);
		const line = before.split('\n').length;
		const col = at - before.lastIndexOf('\n');
		return { ok: false, path: null, message: `not valid JSON (line ${line}, column ${col})` };
	}
	try {
		return { ok: true, rubric: validateRubric(json) };
	} catch (e) {
		if (e instanceof RubricError) return { ok: false, path: e.path, message: e.message.slice(e.path.length + 2) };
		return { ok: false, path: null, message: errorMessage(e) };
	}
}

/** Offset of the first JSON syntax error in `s` (a small recursive-descent scan), or null when it parses. */
export function jsonErrorOffset(s: string): number | null {
	let i = 0;
	const ws = () => {
		while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
	};
	class Stop extends Error {}
	const fail = (): never => {
		throw new Stop();
	};
	const lit = (word: string) => (s.startsWith(word, i) ? (i += word.length) : fail());
	const str = () => {
		if (s[i] !== '"') fail();
		i++;
		while (i < s.length && s[i] !== '"') {
			if (s[i] < ' ') fail();
			if (s[i] === '\\') i++;
			i++;
		}
		if (s[i] !== '"') fail();
		i++;
	};
	const value = (): void => {
		ws();
		const c = s[i];
		if (c === '{') {
			i++;
			ws();
			if (s[i] === '}') return void i++;
			for (;;) {
				ws();
				str();
				ws();
				if (s[i] !== ':') fail();
				i++;
				value();
				ws();
				if (s[i] === ',') i++;
				else if (s[i] === '}') return void i++;
				else fail();
			}
		} else if (c === '[') {
			i++;
			ws();
			if (s[i] === ']') return void i++;
			for (;;) {
				value();
				ws();
				if (s[i] === ',') i++;
				else if (s[i] === ']') return void i++;
				else fail();
			}
		} else if (c === '"') str();
		else if (c === 't') lit('true');
		else if (c === 'f') lit('false');
		else if (c === 'n') lit('null');
		else {
			const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
			if (!m) fail();
			else i += m[0].length;
		}
	};
	try {
		value();
		ws();
		return i < s.length ? i : null;
	} catch (e) {
		if (e instanceof Stop) return Math.min(i, s.length);
		throw e;
	}
}

/** The rubric as the exported file holds it (what `npx callqa score --rubric` reads). */
export function rubricToJson(rubric: Rubric): string {
	return JSON.stringify(rubric, null, 2) + '\n';
}

/** A file name for the export: id and version, characters a file system refuses replaced. */
export function exportFileName(rubric: Pick<Rubric, 'id' | 'version'>): string {
	return `${rubric.id.replace(/[\\/:*?"<>|]+/g, '_')}.v${rubric.version}.rubric.json`;
}
