// Words-in-the-transcript search for the calls list: one row per call holding its segments normalised the way the
// scorer normalises (cqa_norm: full/half width, case, punctuation and spaces, traditional → simplified, then
// cqa_fold: variant word forms), so "您好，请问" finds "您 好 請 問" and "账单" finds "帐单". Written by scoring from the text it has just normalised (CALL_TEXT_FROM_SCORING_SQL,
// run by scoring/score.ts), and topped up here for segments scoring has not seen; the search is then a substring
// test on one string per call instead of normalising ~1.5M segments per query (bench/calls-list.ts). No Svelte.
import type { Db, Param } from '../db/types';
import { NORM_MACRO_SQL } from '../text/normalize';

/** cqa_norm keeps letters and digits only, so this separator never matches and a word cannot span two turns. */
const TURN_SEPARATOR = '|';

/**
 * Makes call_text match the segments: rebuilt for calls whose segment count changed, dropped for calls without
 * segments. Cheap when nothing changed (one grouped count). Returns whether it wrote anything.
 */
export async function ensureCallText(db: Db): Promise<boolean> {
	const { rows } = await db.query<{ segs: number; indexed: number }>(
		'SELECT (SELECT count(*) FROM segments) AS segs, (SELECT coalesce(sum(n_segments), 0) FROM call_text) AS indexed'
	);
	if (Number(rows[0]?.segs) === Number(rows[0]?.indexed)) return false;
	await db.query(NORM_MACRO_SQL);
	// A crash between these statements leaves counts that differ, so the next call repairs it.
	await db.query(`CREATE OR REPLACE TEMP TABLE cq_seg_counts AS SELECT call_id, count(*) AS n FROM segments GROUP BY call_id`);
	await db.query(
		`DELETE FROM call_text t WHERE NOT EXISTS (SELECT 1 FROM cq_seg_counts s WHERE s.call_id = t.call_id AND s.n = t.n_segments)`
	);
	await db.query(
		`INSERT INTO call_text (call_id, n_segments, text_norm)
		SELECT call_id, count(*), string_agg(cqa_fold(n0), '${TURN_SEPARATOR}')
		FROM (SELECT call_id, cqa_norm(text) AS n0 FROM segments WHERE call_id IN (SELECT call_id FROM cq_seg_counts EXCEPT SELECT call_id FROM call_text))
		GROUP BY call_id`
	);
	await db.query('DROP TABLE IF EXISTS cq_seg_counts');
	await db.checkpoint();
	return true;
}

/**
 * Run by scoreCalls while its temp tables are there: the call_text rows of the scored calls whose transcript changed
 * since (a score_dirty mark, not yet consumed while scoring runs) or that have none, rebuilt from cqa_seg (text
 * already normalised by the scorer) instead of normalising it again. Re-scoring every call for a new rubric version
 * rewrites nothing. Turn order does not matter for a substring test, and an unordered string_agg is several times
 * cheaper.
 */
export const CALL_TEXT_FROM_SCORING_SQL: readonly string[] = [
	`CREATE OR REPLACE TEMP TABLE cqa_text_stale AS SELECT call_id FROM cqa_call c
	WHERE c.call_id IN (SELECT call_id FROM score_dirty) OR NOT EXISTS (SELECT 1 FROM call_text t WHERE t.call_id = c.call_id)`,
	'DELETE FROM call_text WHERE call_id IN (SELECT call_id FROM cqa_text_stale)',
	`INSERT INTO call_text (call_id, n_segments, text_norm)
	SELECT call_id, count(*), string_agg(norm, '${TURN_SEPARATOR}') FROM cqa_seg WHERE call_id IN (SELECT call_id FROM cqa_text_stale) GROUP BY call_id`,
	'DROP TABLE cqa_text_stale'
];

/** The words of a search box: split on white space, at most 8. */
export function searchTerms(words: string): string[] {
	return words.split(/\s+/).filter(Boolean).slice(0, 8);
}

/** The terms as cqa_normf makes them (same SQL as the scorer); terms that normalise to nothing are dropped. */
export async function normaliseTerms(db: Db, terms: string[]): Promise<string[]> {
	if (terms.length === 0) return [];
	await db.query(NORM_MACRO_SQL);
	const { rows } = await db.query<{ n: string }>(`SELECT cqa_normf(t) AS n FROM unnest(?::VARCHAR[]) u(t)`, [JSON.stringify(terms)]);
	return rows.map((r) => r.n).filter(Boolean);
}

/**
 * Condition on calls aliased `alias`: every normalised term (normaliseTerms) occurs in the call's transcript.
 * Needs ensureCallText() to have run.
 */
export function wordsWhere(normTerms: string[], alias = 'c'): { sql: string; params: Param[] } {
	if (normTerms.length === 0) return { sql: 'true', params: [] };
	const tests = normTerms.map(() => 'contains(t.text_norm, ?)').join(' AND ');
	return { sql: `EXISTS (SELECT 1 FROM call_text t WHERE t.call_id = ${alias}.call_id AND ${tests})`, params: normTerms };
}
