// What the KPI rollups (the dashboard's, dashboard/rollup-sql.ts, and the leaderboard's, leaderboard-rollup.ts) were
// built from, so each can tell whether it is out of date. No Svelte, no DOM.
import type { Db } from '../db/types';

/**
 * The workspace's data in two parts: `data` (row counts, the latest scoring and import, the rubric items) and
 * `reviews` (submitted reviews and their overrides, which move QA scores). Imports book every file in import_files,
 * scoring stamps scored_at and every review write stamps updated_at, so any write the app makes changes one of them.
 */
export async function dataFingerprint(db: Db): Promise<{ data: string; reviews: string }> {
	const { rows } = await db.query<{ fp: string; rv: string }>(`SELECT concat_ws('|',
		(SELECT count(*) FROM calls), (SELECT count(*) FROM scores), (SELECT count(*) FROM findings), (SELECT count(*) FROM complaints),
		(SELECT max(scored_at) FROM scores), (SELECT count(*) FROM import_files), (SELECT max(imported_at) FROM import_files)) AS fp,
		concat_ws('|', (SELECT count(*) FROM reviews), (SELECT count(*) FILTER (WHERE status = 'submitted') FROM reviews),
			(SELECT max(updated_at) FROM reviews), (SELECT count(*) FROM review_items), (SELECT max(updated_at) FROM review_items),
			(SELECT count(*) FROM rubric_items)) AS rv`);
	return { data: rows[0]?.fp ?? '', reviews: rows[0]?.rv ?? '' };
}
