// The near-misses view's SQL (issue 11): for a required-phrase item of a rubric version, the agent turns that came
// closest to the script in the calls that failed it (findings.seq of a failing phrase_required finding is its
// closest turn, phrase-rules-sql.ts), grouped by their normalised form (cqa_norm + cqa_fold, the scorer's own),
// with how many calls each form would flip and how close it came (ties go to the closest first); forms a QA lead
// dismissed are left out. Accepting a form adds the turn as said to the item's accepted phrasings in a new rubric
// version (acceptPhrasings). Plain TS + SQL.
import type { Db } from '../db/types';
import { centreNowSql } from '../centre-time/zone';
import { NORM_MACRO_SQL } from '../text/normalize';
import { statements } from '../scoring/compile';
import type { Rubric } from '../scoring/rubric';

export interface NearMiss {
	/** the normalised form the group shares */
	form: string;
	/** calls whose closest turn has this form (the calls accepting it would flip) */
	calls: number;
	/** how close the turn came to the script (0…1, the scorer's ordered alignment); null on findings without it */
	closeness: number | null;
	/** one turn as said, and where */
	example: string;
	call_id: string;
	seq: number;
}

export interface NearMissPage {
	rows: NearMiss[];
	/** failing calls of the item, and how many of them have a closest turn at all */
	failing: number;
	withTurn: number;
	hasMore: boolean;
}

export const NEAR_MISS_PAGE = 30;

/** The closeness the scorer put in a failing finding's phrase_near parts (phrase-rules-sql.ts). */
const NEAR_SIM_RE = `'"code":"phrase_near","phrase":"(?:[^"\\\\]|\\\\.)*","sim":"([0-9.]+)"'`;

/** The dismissed forms (CREATE IF NOT EXISTS: older workspaces get the table on first use). */
export const DISMISSED_SQL = `CREATE TABLE IF NOT EXISTS near_miss_dismissed (
	rubric_id VARCHAR NOT NULL,
	item_id VARCHAR NOT NULL,
	form VARCHAR NOT NULL,
	dismissed_at TIMESTAMP NOT NULL,
	PRIMARY KEY (rubric_id, item_id, form)
)`;

async function prepare(db: Db): Promise<void> {
	for (const s of statements(NORM_MACRO_SQL)) await db.query(s);
	await db.query(DISMISSED_SQL);
}

/** The required-phrase items of a rubric (the only ones with near misses). */
export function phraseItems(rubric: Rubric): { id: string; label: { zh: string; en: string } }[] {
	return rubric.items.filter((i) => i.rule.kind === 'phrase_required').map((i) => ({ id: i.id, label: i.label }));
}

export async function listNearMisses(db: Db, rubric: Rubric, itemId: string, offset = 0): Promise<NearMissPage> {
	await prepare(db);
	const failing = `f.rubric_id = ? AND f.rubric_version = ? AND f.item_id = ? AND f.result = 'fail'`;
	const args = [rubric.id, rubric.version, itemId];
	const { rows: counts } = await db.query<{ failing: number; with_turn: number }>(
		`SELECT count(*) AS failing, count(f.seq) AS with_turn FROM findings f WHERE ${failing}`,
		args
	);
	const { rows } = await db.query<NearMiss>(
		`WITH t AS (
			SELECT f.call_id, s.seq, s.text, cqa_fold(cqa_norm(s.text)) AS form,
				list_max(list_transform(regexp_extract_all(f.evidence_params, ${NEAR_SIM_RE}, 1), x -> TRY_CAST(x AS DOUBLE))) AS closeness
			FROM findings f JOIN segments s ON s.call_id = f.call_id AND s.seq = f.seq WHERE ${failing}
		)
		SELECT form, count(DISTINCT call_id) AS calls, max(closeness) AS closeness, arg_min(text, call_id) AS example, min(call_id) AS call_id,
			arg_min(seq, call_id) AS seq
		FROM t WHERE form <> '' AND form NOT IN (SELECT form FROM near_miss_dismissed WHERE rubric_id = ? AND item_id = ?)
		GROUP BY form ORDER BY calls DESC, closeness DESC NULLS LAST, form LIMIT ${NEAR_MISS_PAGE + 1} OFFSET ${Math.max(0, Math.floor(offset))}`,
		[...args, rubric.id, itemId]
	);
	return {
		rows: rows.slice(0, NEAR_MISS_PAGE).map((r) => ({
			...r,
			calls: Number(r.calls),
			seq: Number(r.seq),
			closeness: r.closeness == null ? null : Number(r.closeness)
		})),
		failing: Number(counts[0]?.failing ?? 0),
		withTurn: Number(counts[0]?.with_turn ?? 0),
		hasMore: rows.length > NEAR_MISS_PAGE
	};
}

/** Hides a form from the view for this rubric id and item (all versions); checkpointed before it resolves. */
export async function dismissNearMiss(db: Db, rubricId: string, itemId: string, form: string): Promise<void> {
	await prepare(db);
	await db.query(`INSERT OR REPLACE INTO near_miss_dismissed VALUES (?, ?, ?, ${centreNowSql()})`, [rubricId, itemId, form]);
	await db.checkpoint();
}

/**
 * The rubric with `phrasings` added to the item's accepted phrasings (duplicates and blanks left out): the
 * caller saves it as a new version (scoring/rubric-store.ts) and may make it active, which re-scores.
 */
export function withAcceptedPhrasings(rubric: Rubric, itemId: string, phrasings: string[]): Rubric {
	return {
		...rubric,
		items: rubric.items.map((it) => {
			if (it.id !== itemId || it.rule.kind !== 'phrase_required') return it;
			const accepted = [...it.rule.accepted];
			for (const p of phrasings.map((x) => x.trim())) if (p && !accepted.includes(p)) accepted.push(p);
			return { ...it, rule: { ...it.rule, accepted } };
		})
	};
}
