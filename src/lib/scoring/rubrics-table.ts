// The `rubrics` table: every saved rubric version as JSON. A saved version is never rewritten, so the
// findings and scores recorded against it keep meaning what they meant.
import type { Db } from '../db/types';
import type { Rubric } from './rubric';

const INSERT = 'INSERT INTO rubrics (rubric_id, version, name, language, json, saved_at) VALUES (?, ?, ?, ?, ?, current_timestamp)';

/** Inserts this version; fails (primary key) rather than overwrite a version that is already saved. */
export async function insertRubric(db: Db, rubric: Rubric): Promise<void> {
	await db.query(INSERT, [rubric.id, rubric.version, rubric.name, rubric.language, JSON.stringify(rubric)]);
}

/** Saves the rubric unless that id + version is already saved. */
export async function saveRubricIfMissing(db: Db, rubric: Rubric): Promise<void> {
	const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM rubrics WHERE rubric_id = ? AND version = ?', [rubric.id, rubric.version]);
	if (Number(rows[0]?.n ?? 0) === 0) await insertRubric(db, rubric);
}
