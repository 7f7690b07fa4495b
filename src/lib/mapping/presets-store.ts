// Saved column-mapping presets, persisted in the workspace's DuckDB (table mapping_presets). Owns their
// storage and the JSON exchange format (one preset = exactly what the CLI's --mapping file holds); the
// matching of a preset to a header row is import/tabular/presets.ts.
import type { Db } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import type { MappingPreset } from '../import/types';
import { validatePreset } from '../import/tabular/presets';
import { errorMessage } from '../i18n/error-message';

export interface SavedPreset extends MappingPreset {
	saved_at: string | null;
}

const CREATE_SQL = `CREATE TABLE IF NOT EXISTS mapping_presets (
	name VARCHAR PRIMARY KEY,
	kind VARCHAR,
	headers VARCHAR,   -- JSON array: the header row the preset was made for
	mapping VARCHAR,   -- JSON object: source column → field ('' = ignore)
	options VARCHAR,   -- JSON object or NULL
	saved_at TIMESTAMP
)`;

let ensured = new WeakSet<Db>();

async function ensureTable(db: Db): Promise<void> {
	if (ensured.has(db)) return;
	await db.query(CREATE_SQL);
	ensured.add(db);
}

interface PresetRow {
	name: string;
	kind: string;
	headers: string;
	mapping: string;
	options: string | null;
	saved_at: string | null;
}

function fromRow(r: PresetRow): SavedPreset | null {
	try {
		const preset = validatePreset({
			name: r.name,
			kind: r.kind,
			headers: JSON.parse(r.headers),
			mapping: JSON.parse(r.mapping),
			...(r.options ? { options: JSON.parse(r.options) } : {})
		});
		return { ...preset, saved_at: r.saved_at };
	} catch {
		// A row that no longer validates (fields renamed since) is skipped rather than breaking every import.
		return null;
	}
}

export async function listPresets(db: Db): Promise<SavedPreset[]> {
	await ensureTable(db);
	const { rows } = await db.query<PresetRow>(
		`SELECT name, kind, headers, mapping, options, strftime(saved_at, '%Y-%m-%d %H:%M') AS saved_at FROM mapping_presets ORDER BY name`
	);
	return rows.map(fromRow).filter((p): p is SavedPreset => p !== null);
}

/** Validates, stores (replacing a preset of the same name) and checkpoints, so it survives a crash. */
export async function savePreset(db: Db, preset: MappingPreset): Promise<MappingPreset> {
	const p = validatePreset(preset);
	await ensureTable(db);
	await db.query(`INSERT OR REPLACE INTO mapping_presets VALUES (?, ?, ?, ?, ?, ${centreNowSql()})`, [
		p.name,
		p.kind,
		JSON.stringify(p.headers),
		JSON.stringify(p.mapping),
		p.options ? JSON.stringify(p.options) : null
	]);
	await db.checkpoint();
	return p;
}

export async function removePreset(db: Db, name: string): Promise<void> {
	await ensureTable(db);
	await db.query('DELETE FROM mapping_presets WHERE name = ?', [name]);
	await db.checkpoint();
}

/** One preset as the JSON the CLI's `--mapping` takes. */
export function presetToJson(preset: MappingPreset): string {
	const { name, kind, headers, mapping, options } = preset;
	return JSON.stringify({ name, kind, headers, mapping, ...(options ? { options } : {}) }, null, 2);
}

/** Reads a preset file: one preset object, or an array of them. Throws a readable Error. */
export function presetsFromJson(text: string): MappingPreset[] {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		throw new Error(`not valid JSON: ${errorMessage(e)}`, { cause: e });
	}
	return (Array.isArray(json) ? json : [json]).map((p) => validatePreset(p));
}

export async function importPresets(db: Db, text: string): Promise<number> {
	const presets = presetsFromJson(text);
	for (const p of presets) await savePreset(db, p);
	return presets.length;
}

/** For tests that open a fresh database per case. */
export function forgetEnsured(): void {
	ensured = new WeakSet<Db>();
}
