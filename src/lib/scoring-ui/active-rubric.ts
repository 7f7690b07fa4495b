// Which rubric version is active (app_settings.active_rubric) and the saved versions in `rubrics`: plain SQL
// over the Db interface, so the tests run it in Node. Scoring itself is scoring/score.ts; the UI state that
// sequences these calls is scoring-state.svelte.ts.
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { validateRubric, type Rubric } from '../scoring/rubric';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { DEFAULT_RUBRIC_EN } from '../scoring/default-rubric-en';
import { guessLanguage } from '../scoring/language';
import { saveRubricIfMissing, syncRubricItems } from '../scoring/rubrics-table';
import { REVIEW_FINDINGS_BACKFILL_SQL } from '../metrics/qa-score';

export { saveRubricIfMissing };

export interface RubricRef {
	id: string;
	version: number;
}

export interface RubricVersion extends RubricRef {
	name: string;
	language: string;
	saved_at: string | null;
	/** calls that have a score for this version */
	scored: number;
}

const ACTIVE_KEY = 'active_rubric';

export async function readActiveRef(db: Db): Promise<RubricRef | null> {
	const { rows } = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [ACTIVE_KEY]);
	const raw = rows[0]?.value;
	if (!raw) return null;
	try {
		const v = JSON.parse(raw) as Partial<RubricRef>;
		return typeof v.id === 'string' && typeof v.version === 'number' ? { id: v.id, version: v.version } : null;
	} catch {
		return null;
	}
}

export async function writeActiveRef(db: Db, ref: RubricRef): Promise<void> {
	await db.batch([
		{ sql: 'DELETE FROM app_settings WHERE key = ?', params: [ACTIVE_KEY] },
		{
			sql: 'INSERT INTO app_settings (key, value) VALUES (?, ?)',
			params: [ACTIVE_KEY, JSON.stringify({ id: ref.id, version: ref.version })]
		}
	]);
}

/** The saved rubric of that id and version, validated; null when it is not saved (or no longer valid). */
export async function loadRubric(db: Db, ref: RubricRef): Promise<Rubric | null> {
	const { rows } = await db.query<{ json: string }>('SELECT json FROM rubrics WHERE rubric_id = ? AND version = ?', [ref.id, ref.version]);
	if (!rows[0]) return null;
	try {
		return validateRubric(JSON.parse(rows[0].json));
	} catch {
		return null;
	}
}

/** The default rubric for this workspace: English when its transcripts are mostly English, else Chinese. */
export async function defaultRubric(db: Db): Promise<Rubric> {
	return (await guessLanguage(db)).language === 'en' ? DEFAULT_RUBRIC_EN : DEFAULT_RUBRIC_ZH;
}

/** The active rubric; when none is set (or it is gone), the default one is saved and made active. */
export async function resolveActive(db: Db): Promise<Rubric> {
	await ensureSchema(db);
	// Versions saved before rubric_items existed get their rows, and reviews made before review_findings existed get
	// their calls' automatic results, so their scores can be computed in SQL (metrics/qa-score.ts).
	await syncRubricItems(db);
	await db.batch(REVIEW_FINDINGS_BACKFILL_SQL);
	const ref = await readActiveRef(db);
	const saved = ref ? await loadRubric(db, ref) : null;
	if (saved) return saved;
	const rubric = await defaultRubric(db);
	await saveRubricIfMissing(db, rubric);
	await writeActiveRef(db, rubric);
	return rubric;
}

/** How many calls exist and how many of them have a score for `ref`. */
export async function scoredCounts(db: Db, ref: RubricRef): Promise<{ calls: number; scored: number }> {
	const { rows } = await db.query<{ calls: number; scored: number }>(
		`SELECT (SELECT count(*) FROM calls) AS calls,
			(SELECT count(*) FROM scores s WHERE s.rubric_id = ? AND s.rubric_version = ? AND s.call_id IN (SELECT call_id FROM calls)) AS scored`,
		[ref.id, ref.version]
	);
	return { calls: Number(rows[0]?.calls ?? 0), scored: Number(rows[0]?.scored ?? 0) };
}

/** Every saved rubric version, newest first within a rubric, with how many calls each has scored. */
export async function listVersions(db: Db, rubricId?: string): Promise<RubricVersion[]> {
	const where = rubricId === undefined ? '' : 'WHERE r.rubric_id = ?';
	const { rows } = await db.query<RubricVersion & { rubric_id: string }>(
		`SELECT r.rubric_id, r.version, r.name, r.language, CAST(r.saved_at AS VARCHAR) AS saved_at,
			(SELECT count(*) FROM scores s WHERE s.rubric_id = r.rubric_id AND s.rubric_version = r.version) AS scored
		FROM rubrics r ${where}
		ORDER BY r.rubric_id, r.version DESC`,
		rubricId === undefined ? [] : [rubricId]
	);
	return rows.map((r) => ({
		id: r.rubric_id,
		version: Number(r.version),
		name: r.name,
		language: r.language,
		saved_at: r.saved_at ?? null,
		scored: Number(r.scored)
	}));
}
