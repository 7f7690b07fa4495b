// The `rubrics` table: every saved rubric version as JSON, plus its pass mark and items (weight, critical) as rows
// in rubric_items, so SQL can score reviewed results (qa-score.ts). A saved version is never rewritten, so the
// findings and scores recorded against it keep meaning what they meant.
import type { Db } from '../db/types';
import { bulkInsert } from '../db/bulk';
import { centreNow } from '../centre-time/zone';
import type { Rubric } from './rubric';

const INSERT = 'INSERT INTO rubrics (rubric_id, version, name, language, json, pass_mark, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** The parts of a rubric JSON the SQL scoring rule needs; tolerant, so an older or odd saved JSON still yields rows. */
interface ItemFacts {
	id: string;
	weight: number;
	critical: boolean;
	kind: string | null;
}

async function writeItems(db: Db, rubricId: string, version: number, items: ItemFacts[]): Promise<void> {
	await db.query('DELETE FROM rubric_items WHERE rubric_id = ? AND rubric_version = ?', [rubricId, version]);
	await bulkInsert(
		db,
		'rubric_items',
		['rubric_id', 'rubric_version', 'item_id', 'ordinal', 'weight', 'critical', 'kind'],
		items.map((it, i) => [rubricId, version, it.id, i + 1, it.weight, it.critical, it.kind])
	);
}

/** Inserts this version; fails (primary key) rather than overwrite a version that is already saved. */
export async function insertRubric(db: Db, rubric: Rubric): Promise<void> {
	await db.query(INSERT, [rubric.id, rubric.version, rubric.name, rubric.language, JSON.stringify(rubric), rubric.pass_mark, centreNow()]);
	await writeItems(
		db,
		rubric.id,
		rubric.version,
		rubric.items.map((it) => ({ id: it.id, weight: it.weight, critical: it.critical, kind: it.rule.kind }))
	);
}

/** Saves the rubric unless that id + version is already saved. */
export async function saveRubricIfMissing(db: Db, rubric: Rubric): Promise<void> {
	const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM rubrics WHERE rubric_id = ? AND version = ?', [
		rubric.id,
		rubric.version
	]);
	if (Number(rows[0]?.n ?? 0) === 0) await insertRubric(db, rubric);
}

function itemFacts(json: string): { passMark: number; items: ItemFacts[] } | null {
	try {
		const o = JSON.parse(json) as { pass_mark?: unknown; items?: unknown };
		if (!Array.isArray(o.items)) return null;
		const items = o.items.flatMap((raw): ItemFacts[] => {
			const it = raw as { id?: unknown; weight?: unknown; critical?: unknown; rule?: { kind?: unknown } };
			if (typeof it.id !== 'string' || typeof it.weight !== 'number') return [];
			return [
				{ id: it.id, weight: it.weight, critical: it.critical === true, kind: typeof it.rule?.kind === 'string' ? it.rule.kind : null }
			];
		});
		return { passMark: typeof o.pass_mark === 'number' ? o.pass_mark : 80, items };
	} catch {
		return null;
	}
}

/**
 * Fills pass_mark and rubric_items for versions saved before they existed (older workspaces, rows inserted by
 * hand); returns how many versions it filled. Cheap when there is nothing to do.
 */
export async function syncRubricItems(db: Db): Promise<number> {
	const { rows } = await db.query<{ rubric_id: string; version: number; json: string }>(
		`SELECT rubric_id, version, json FROM rubrics r
		WHERE r.pass_mark IS NULL OR NOT EXISTS (SELECT 1 FROM rubric_items i WHERE i.rubric_id = r.rubric_id AND i.rubric_version = r.version)`
	);
	for (const r of rows) {
		const facts = itemFacts(r.json);
		if (!facts) continue;
		await db.query('UPDATE rubrics SET pass_mark = ? WHERE rubric_id = ? AND version = ?', [facts.passMark, r.rubric_id, r.version]);
		await writeItems(db, r.rubric_id, Number(r.version), facts.items);
	}
	return rows.length;
}
