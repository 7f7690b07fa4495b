// AutoQA accuracy: how often the automatic checklist agrees with an inspector. Plain SQL builders shared by the
// accuracy view (labels = submitted reviews: an override where the inspector corrected an item, otherwise the
// automatic result they let stand) and `callqa evaluate` (labels = a call_id,item_id,result file). "Positive" is
// the automatic fail: precision = share of automatic fails the inspector confirms, recall = share of the
// inspector's fails the checklist found. Rows where both sides say n/a (the item did not apply) are left out.
// Reads reviews, review_items and findings only; nothing here changes them.
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';

/** One row per item (and rubric version): what the accuracy view and the CLI show. */
export interface ItemAccuracy {
	rubric_id: string;
	rubric_version: number;
	item_id: string;
	/** calls with a label for the item (both n/a left out) */
	n: number;
	agree: number;
	tp: number;
	fp: number;
	fn: number;
	tn: number;
	/** null when there is no automatic fail (precision) or no inspector fail (recall) */
	precision: number | null;
	recall: number | null;
}

export interface Disagreement {
	call_id: string;
	item_id: string;
	label: string;
	result: string;
	evidence: string | null;
	evidence_code: string | null;
	evidence_params: string | null;
}

/** Labels from submitted reviews, joined with the findings of the version each review was made on. */
export const REVIEW_LABELS_SQL = `SELECT f.rubric_id, f.rubric_version, f.item_id, f.call_id, f.result,
	coalesce(ri.override_result, f.result) AS label, f.evidence, f.evidence_code, f.evidence_params
FROM reviews r
JOIN findings f ON f.call_id = r.call_id AND f.rubric_id = r.rubric_id AND f.rubric_version = r.rubric_version
LEFT JOIN review_items ri ON ri.call_id = r.call_id AND ri.rubric_id = r.rubric_id AND ri.rubric_version = r.rubric_version AND ri.item_id = f.item_id
WHERE r.status = 'submitted'`;

/**
 * Labels from a labels table (call_id, item_id, label) against one rubric version's findings; a labelled call
 * the rubric has no finding for (unknown call or item) has result 'missing'. Params: rubric id, version, id, version.
 */
export function tableLabelsSql(table: string): string {
	return `SELECT ?::VARCHAR AS rubric_id, ?::INTEGER AS rubric_version, l.item_id, l.call_id, coalesce(f.result, 'missing') AS result, l.label,
	f.evidence, f.evidence_code, f.evidence_params
FROM ${table} l LEFT JOIN findings f ON f.call_id = l.call_id AND f.item_id = l.item_id AND f.rubric_id = ? AND f.rubric_version = ?`;
}

/** Per item and rubric version over a labels relation (columns as REVIEW_LABELS_SQL's). */
export function accuracySql(labels: string): string {
	return `SELECT rubric_id, rubric_version, item_id, count(*) AS n,
	count(*) FILTER (WHERE label = result) AS agree,
	count(*) FILTER (WHERE result = 'fail' AND label = 'fail') AS tp,
	count(*) FILTER (WHERE result = 'fail' AND label <> 'fail') AS fp,
	count(*) FILTER (WHERE result <> 'fail' AND label = 'fail') AS fn,
	count(*) FILTER (WHERE result <> 'fail' AND label <> 'fail') AS tn
FROM (${labels}) WHERE NOT (label = 'na' AND result = 'na')
GROUP BY rubric_id, rubric_version, item_id
ORDER BY rubric_id, rubric_version DESC, item_id`;
}

/** The calls where the inspector and the checklist disagree on an item, a page at a time. */
export function disagreementsSql(labels: string, limit: number, offset = 0): string {
	return `SELECT call_id, item_id, label, result, evidence, evidence_code, evidence_params FROM (${labels})
WHERE label <> result AND NOT (label = 'na' AND result = 'na')
ORDER BY item_id, call_id LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`;
}

/** Rows from accuracySql with precision and recall (numbers as JS numbers). */
export function withRates(rows: Record<string, unknown>[]): ItemAccuracy[] {
	return rows.map((r) => {
		const [n, agree, tp, fp, fn, tn] = ['n', 'agree', 'tp', 'fp', 'fn', 'tn'].map((k) => Number(r[k]));
		return {
			rubric_id: String(r.rubric_id ?? ''),
			rubric_version: Number(r.rubric_version ?? 0),
			item_id: String(r.item_id),
			n,
			agree,
			tp,
			fp,
			fn,
			tn,
			precision: tp + fp > 0 ? tp / (tp + fp) : null,
			recall: tp + fn > 0 ? tp / (tp + fn) : null
		};
	});
}

// ---- loaders for the accuracy page (the Db interface; the CLI builds its own from the same SQL)

/** Accuracy per item and rubric version over every submitted review. */
export async function loadAccuracy(db: Db): Promise<ItemAccuracy[]> {
	await ensureSchema(db);
	return withRates((await db.query(accuracySql(REVIEW_LABELS_SQL))).rows);
}

export const DISAGREE_PAGE = 50;

/** One page of the calls where reviews and the checklist disagree on an item of a version (probe: one more row). */
export async function loadDisagreements(
	db: Db,
	rubricId: string,
	version: number,
	itemId: string,
	offset = 0
): Promise<{ rows: Disagreement[]; hasMore: boolean }> {
	const labels = `SELECT * FROM (${REVIEW_LABELS_SQL}) WHERE rubric_id = ? AND rubric_version = ? AND item_id = ?`;
	const { rows } = await db.query<Disagreement>(disagreementsSql(labels, DISAGREE_PAGE + 1, offset), [rubricId, version, itemId]);
	return { rows: rows.slice(0, DISAGREE_PAGE), hasMore: rows.length > DISAGREE_PAGE };
}
