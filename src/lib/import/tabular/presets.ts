// Saved column mappings: finding the one made for a header row, and checking a preset read from JSON
// (the CLI's --mapping preset.json, the mapping screen's import). Storage is someone else's job.
import type { MappingPreset } from '../types';
import { TARGET_FIELDS, type TabularKind } from './fields';

const cleanHeader = (h: string) => h.replace(/^\uFEFF/, '').trim();

/** The first preset whose header row equals `headers` exactly (after trimming and BOM strip). */
export function findPreset(headers: string[], presets: MappingPreset[]): MappingPreset | null {
	const want = headers.map(cleanHeader);
	for (const p of presets) {
		const have = p.headers.map(cleanHeader);
		if (have.length === want.length && have.every((h, i) => h === want[i])) return p;
	}
	return null;
}

const KINDS: TabularKind[] = ['call_log', 'complaints', 'transcript'];

/** Checks the shape of a preset and that every mapped field exists for its kind. Throws a readable Error. */
export function validatePreset(json: unknown): MappingPreset {
	const fail = (msg: string): never => {
		throw new Error(`Invalid mapping preset: ${msg}`);
	};
	if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object');
	const o = json as Record<string, unknown>;
	if (typeof o.name !== 'string' || !o.name.trim()) fail('"name" must be a non-empty string');
	if (typeof o.kind !== 'string' || !KINDS.includes(o.kind as TabularKind))
		fail(`"kind" must be one of ${KINDS.join(', ')} (got ${JSON.stringify(o.kind)})`);
	const kind = o.kind as TabularKind;
	if (!Array.isArray(o.headers) || o.headers.length === 0 || !o.headers.every((h) => typeof h === 'string'))
		fail('"headers" must be a non-empty array of strings (the header row the preset was made for)');
	const headers = (o.headers as string[]).map(cleanHeader);
	if (typeof o.mapping !== 'object' || o.mapping === null || Array.isArray(o.mapping))
		fail('"mapping" must be an object of source column → field');
	const known = new Set(TARGET_FIELDS[kind].map((t) => t.field));
	const mapping: Record<string, string> = {};
	const used = new Map<string, string>();
	for (const [col, field] of Object.entries(o.mapping as Record<string, unknown>)) {
		if (typeof field !== 'string') fail(`mapping of column "${col}" must be a string`);
		const c = cleanHeader(col);
		if (!headers.includes(c)) fail(`mapping names column "${col}", which is not in "headers"`);
		const fld = field as string;
		if (fld && !known.has(fld)) fail(`column "${col}" maps to unknown field "${fld}" for kind ${kind}; known: ${[...known].join(', ')}`);
		if (fld && used.has(fld)) fail(`field "${fld}" is mapped twice (columns "${used.get(fld)}" and "${col}")`);
		if (fld) used.set(fld, col);
		mapping[c] = fld;
	}
	let options: MappingPreset['options'];
	if (o.options !== undefined) {
		if (typeof o.options !== 'object' || o.options === null || Array.isArray(o.options)) fail('"options" must be an object');
		const opt = o.options as Record<string, unknown>;
		for (const k of Object.keys(opt)) {
			if (!['dateFormat', 'delimiter', 'encoding'].includes(k)) fail(`unknown option "${k}"`);
			if (typeof opt[k] !== 'string') fail(`option "${k}" must be a string`);
		}
		options = opt as MappingPreset['options'];
	}
	return { name: (o.name as string).trim(), kind, headers, mapping, ...(options ? { options } : {}) };
}
