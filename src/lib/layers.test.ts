// The import direction of docs/architecture.md: each folder of src/lib sits in a layer and imports only from its own
// folder or from lower layers, and no feature imports another feature. The imports that still go the wrong way are
// listed in KNOWN_WRONG_WAY (debt to pay down): a new one fails, and so does an entry that no longer exists, so the
// list only shrinks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = path.resolve(import.meta.dirname);

/** Layer of each folder: 0 core, 1 ingest, 2 scoring, 3 ui kit, 4 features. */
export const LAYERS: Record<string, number> = {
	db: 0,
	format: 0,
	i18n: 0,
	metrics: 0,
	privacy: 0,
	scope: 0,
	'centre-time': 0,
	xlsx: 0,
	text: 0,
	import: 1,
	recordings: 1,
	mapping: 1,
	voice: 1,
	scoring: 2,
	'scoring-ui': 2,
	review: 2,
	shell: 3,
	charts: 3,
	player: 3,
	// the backup panel sits on the start page; the workspace's one-file backup is shared like the ui kit
	backup: 3,
	'voice-ui': 3,
	accuracy: 4,
	appeals: 4,
	agent: 4,
	bench: 4,
	'call-view': 4,
	calibration: 4,
	calls: 4,
	coaching: 4,
	dashboard: 4,
	'import-ui': 4,
	inspectors: 4,
	leaderboard: 4,
	'near-miss': 4,
	queue: 4,
	report: 4,
	'review-exchange': 4,
	'rubric-editor': 4,
	start: 4
};
const FEATURE = 4;

/** `from -> to` imports that go the wrong way today (see docs/architecture.md, "Known debt"). */
const KNOWN_WRONG_WAY: string[] = [];

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return sources(p);
		return /\.(ts|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
	});
}

/** Every folder-to-folder import in src/lib (tests left out). */
export function folderImports(): Map<string, Set<string>> {
	const edges = new Map<string, Set<string>>();
	for (const file of sources(LIB)) {
		const from = path.relative(LIB, file).split(path.sep)[0];
		for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
			const spec = m[1];
			const target = spec.startsWith('$lib/')
				? path.join(LIB, spec.slice(5))
				: spec.startsWith('.')
					? path.resolve(path.dirname(file), spec)
					: null;
			if (!target || !target.startsWith(LIB + path.sep)) continue;
			const to = path.relative(LIB, target).split(path.sep)[0];
			if (to === from || !(to in LAYERS)) continue;
			if (!edges.has(from)) edges.set(from, new Set());
			edges.get(from)!.add(to);
		}
	}
	return edges;
}

export function wrongWay(edges: Map<string, Set<string>>): string[] {
	const out: string[] = [];
	for (const [from, tos] of edges) {
		for (const to of tos) {
			const a = LAYERS[from];
			const b = LAYERS[to];
			if (a === undefined) continue;
			if (b > a || (a === FEATURE && b === FEATURE)) out.push(`${from} -> ${to}`);
		}
	}
	return out.sort();
}

describe('import direction', () => {
	const edges = folderImports();
	it('every folder of src/lib has a layer', () => {
		const folders = readdirSync(LIB, { withFileTypes: true })
			.filter((e) => e.isDirectory())
			.map((e) => e.name);
		expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
	});
	it('no import goes the wrong way beyond the known ones', () => {
		expect(wrongWay(edges).filter((e) => !KNOWN_WRONG_WAY.includes(e))).toEqual([]);
	});
	it('the known wrong-way imports all still exist (remove an entry once it is fixed)', () => {
		const now = new Set(wrongWay(edges));
		expect(KNOWN_WRONG_WAY.filter((e) => !now.has(e))).toEqual([]);
	});
});
