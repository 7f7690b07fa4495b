// Appeals in a review exchange file, merged by appeal_id (the review part is exchange-sql.ts importRecords, which
// runs these in its staging, batch and report): a new appeal comes in whole with its items; for one already here,
// a decision the workspace lacks is taken (the lead decided in another workspace), and anything that contradicts
// the workspace — another appellant, reason or filing time, another decision on an item — is reported as
// appeal_differs and the workspace's kept: decisions are history and never rewritten. Plain SQL over a Db.
import type { Db, Statement } from '../db/types';
import { bulkInsert } from '../db/bulk';
import type { ExchangeIssue, ExchangeRecord } from './records';

const STAGE_APPEALS = `CREATE OR REPLACE TEMP TABLE xchg_appeals (appeal_id VARCHAR, call_id VARCHAR, rubric_id VARCHAR, rubric_version INTEGER,
	appellant VARCHAR, reason VARCHAR, filed_at TIMESTAMP)`;
const STAGE_APPEAL_ITEMS = `CREATE OR REPLACE TEMP TABLE xchg_appeal_items (appeal_id VARCHAR, item_id VARCHAR, result_before VARCHAR,
	decision VARCHAR, result_after VARCHAR, decision_reason VARCHAR, decided_by VARCHAR, decided_at TIMESTAMP)`;
const APPEAL_ITEM_COLUMNS = [
	'appeal_id',
	'item_id',
	'result_before',
	'decision',
	'result_after',
	'decision_reason',
	'decided_by',
	'decided_at'
] as const;

/** Stages the file's appeal and appeal_item records (temp tables xchg_appeals, xchg_appeal_items). */
export async function stageAppeals(db: Db, records: readonly ExchangeRecord[]): Promise<void> {
	const apl = records.filter((r) => r.record_type === 'appeal');
	const apx = records.filter((r) => r.record_type === 'appeal_item');
	await db.query(`${STAGE_APPEALS}; ${STAGE_APPEAL_ITEMS};`);
	await bulkInsert(
		db,
		'xchg_appeals',
		['appeal_id', 'call_id', 'rubric_id', 'rubric_version', 'appellant', 'reason', 'filed_at'],
		apl.map((r) => [r.appeal_id, r.call_id, r.rubric_id, r.rubric_version, r.appellant, r.reason, r.filed_at])
	);
	await bulkInsert(
		db,
		'xchg_appeal_items',
		[...APPEAL_ITEM_COLUMNS],
		apx.map((r) => APPEAL_ITEM_COLUMNS.map((c) => r[c]))
	);
}

/** The statements that classify the staged appeals and write what is new, for importRecords' one batch. */
export function mergeAppealsSql(file: string): (Statement | string)[] {
	return [
		// Each appeal: new, or here with the same header (then item by item), or contradicting the workspace's.
		`CREATE OR REPLACE TEMP TABLE xchg_appeal_class AS
			SELECT x.appeal_id, CASE WHEN a.appeal_id IS NULL THEN 'new'
				WHEN a.call_id = x.call_id AND a.rubric_id = x.rubric_id AND a.rubric_version = x.rubric_version
					AND a.appellant = x.appellant AND a.reason = x.reason AND a.filed_at = x.filed_at THEN 'here' ELSE 'differs' END AS kind
			FROM xchg_appeals x LEFT JOIN appeals a USING (appeal_id)`,
		`CREATE OR REPLACE TEMP TABLE xchg_appeal_item_class AS
			SELECT x.appeal_id, x.item_id, CASE
				WHEN m.item_id IS NULL OR m.result_before <> x.result_before THEN 'differs'
				WHEN x.decision IS NULL OR (m.decision = x.decision AND m.result_after IS NOT DISTINCT FROM x.result_after
					AND m.decision_reason = x.decision_reason AND m.decided_by = x.decided_by AND m.decided_at = x.decided_at) THEN 'same'
				WHEN m.decision IS NULL THEN 'decided'
				ELSE 'differs' END AS kind
			FROM xchg_appeal_items x JOIN xchg_appeal_class k USING (appeal_id)
			LEFT JOIN appeal_items m ON m.appeal_id = x.appeal_id AND m.item_id = x.item_id
			WHERE k.kind = 'here'`,
		{
			sql: `INSERT INTO appeals (appeal_id, call_id, rubric_id, rubric_version, appellant, reason, filed_at, source_file)
			SELECT x.appeal_id, x.call_id, x.rubric_id, x.rubric_version, x.appellant, x.reason, x.filed_at, ?
			FROM xchg_appeals x JOIN xchg_appeal_class k USING (appeal_id) WHERE k.kind = 'new'`,
			params: [file]
		},
		`INSERT INTO appeal_items (${APPEAL_ITEM_COLUMNS.join(', ')})
			SELECT ${APPEAL_ITEM_COLUMNS.map((c) => 'x.' + c).join(', ')}
			FROM xchg_appeal_items x JOIN xchg_appeal_class k USING (appeal_id) WHERE k.kind = 'new'`,
		`UPDATE appeal_items m SET decision = x.decision, result_after = x.result_after, decision_reason = x.decision_reason,
				decided_by = x.decided_by, decided_at = x.decided_at
			FROM xchg_appeal_items x JOIN xchg_appeal_item_class k USING (appeal_id, item_id)
			WHERE k.kind = 'decided' AND m.appeal_id = x.appeal_id AND m.item_id = x.item_id AND m.decision IS NULL`
	];
}

/** What contradicted the workspace, as warnings (the workspace's version was kept). */
export async function appealIssues(db: Db, file: string): Promise<ExchangeIssue[]> {
	const issues: ExchangeIssue[] = [];
	const { rows: appealsDiffer } = await db.query<{ appeal_id: string; item_id: string | null }>(
		`SELECT appeal_id, NULL AS item_id FROM xchg_appeal_class WHERE kind = 'differs'
		UNION ALL SELECT appeal_id, item_id FROM xchg_appeal_item_class WHERE kind = 'differs'
		ORDER BY appeal_id, item_id NULLS FIRST`
	);
	for (const d of appealsDiffer)
		issues.push({
			file,
			row: null,
			severity: 'warning',
			code: 'appeal_differs',
			value: d.appeal_id,
			...(d.item_id ? { column: d.item_id } : {})
		});
	return issues;
}

/** Columns of importRecords' counts query: appeals_new, appeals_same, decisions_new. */
export const APPEAL_COUNTS_SQL = `(SELECT count(*) FROM xchg_appeal_class WHERE kind = 'new') AS appeals_new,
		(SELECT count(*) FROM xchg_appeal_class k WHERE kind = 'here'
			AND NOT EXISTS (SELECT 1 FROM xchg_appeal_item_class i WHERE i.appeal_id = k.appeal_id AND i.kind <> 'same')) AS appeals_same,
		(SELECT count(*) FROM xchg_appeal_item_class WHERE kind = 'decided') AS decisions_new`;

export const DROP_APPEAL_STAGING =
	'DROP TABLE IF EXISTS xchg_appeals; DROP TABLE IF EXISTS xchg_appeal_items; DROP TABLE IF EXISTS xchg_appeal_class; DROP TABLE IF EXISTS xchg_appeal_item_class;';
