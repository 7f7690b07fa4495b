// Keyed {#each} blocks on the import and mapping screens must not key on imported values: a header row with
// repeated or empty cells (`note,note,,`) gave columns_ignored = ['note', 'note', '', ''] and Svelte threw
// each_key_duplicate, blanking the import page. Lists the app itself makes unique may key on their values.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** `list as item (key)` blocks whose list the app owns and keeps unique. */
const OWN_UNIQUE_LISTS = new Set([
	'importSession.entries',
	'cut' /* interrupted batches, keyed by the id the app gave each */,
	'RULES',
	'ROLES',
	'TABULAR_KINDS',
	'fields',
	'presetsState.list'
]);

function eachBlocks(dir: string): { file: string; list: string; key: string; index?: string }[] {
	const out = [];
	for (const name of readdirSync(dir).filter((n) => n.endsWith('.svelte'))) {
		const text = readFileSync(path.join(dir, name), 'utf8');
		for (const m of text.matchAll(/\{#each\s+(.+?)\s+as\s+[^,()]+?(?:,\s*(\w+))?\s*\(([^)]+)\)\s*\}/g))
			out.push({ file: name, list: m[1], index: m[2], key: m[3].trim() });
	}
	return out;
}

describe('keyed each blocks on import screens', () => {
	const here = path.dirname(new URL(import.meta.url).pathname);
	const blocks = [...eachBlocks(here), ...eachBlocks(path.join(here, '..', 'mapping'))];

	it('finds the blocks it checks', () => expect(blocks.length).toBeGreaterThan(10));

	it('key on the position, unless the list is one the app keeps unique', () => {
		const dataKeyed = blocks.filter((b) => b.key !== b.index && !OWN_UNIQUE_LISTS.has(b.list));
		expect(dataKeyed).toEqual([]);
	});
});
