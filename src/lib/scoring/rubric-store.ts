// Saving an edited rubric as a new version in the workspace's DuckDB (table `rubrics`, schema.ts). A saved
// version is never overwritten (the primary key refuses it). Listing versions, activating one and scoring calls
// are scoring-ui's (active-rubric.ts, scoring-state.svelte.ts), not this module's.
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { validateRubric, type Rubric } from './rubric';
import { insertRubric } from './rubrics-table';

/**
 * Saves `rubric` as the next version of its id (see nextVersion) and checkpoints, so the caller may say
 * "saved" once this resolves. Returns the rubric as saved, with its new version number.
 */
export async function saveNewVersion(db: Db, rubric: Rubric): Promise<Rubric> {
	await ensureSchema(db);
	const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM rubrics WHERE rubric_id = ?', [rubric.id]);
	const saved = validateRubric({ ...rubric, version: nextVersion(rows[0]?.v == null ? null : Number(rows[0].v), rubric.version) });
	// A plain INSERT: should the version exist after all (a race), the primary key fails rather than overwriting it.
	await insertRubric(db, saved);
	await db.checkpoint();
	return saved;
}

/**
 * The version a "save as new version" gets: one past the highest saved version of that rubric id, and never
 * below the draft's own number (an imported version 5 is saved as 5 when nothing is saved yet).
 */
export function nextVersion(maxSaved: number | null, draftVersion: number): number {
	return Math.max((maxSaved ?? 0) + 1, Number.isInteger(draftVersion) && draftVersion >= 1 ? draftVersion : 1);
}
