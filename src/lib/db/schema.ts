// The workspace's schema: the canonical tables' names, the whole script (SCHEMA_SQL, made of the parts in
// schema-data.ts, schema-scoring.ts, schema-workflow.ts and schema-rollups.ts) and ensureSchema. Plain SQL strings so
// the browser, the CLI and the tests create exactly the same schema. Times are seconds (DOUBLE).
import type { Db } from './types';
import { DATA_TABLES_SQL } from './schema-data';
import { SCORING_TABLES_SQL } from './schema-scoring';
import { WORKFLOW_TABLES_SQL } from './schema-workflow';
import { ROLLUP_TABLES_SQL } from './schema-rollups';
import { QA_SCORE_VIEWS_SQL } from '../metrics/qa-score';
import { CALL_FACTS_VIEW_SQL } from '../metrics/call-facts';

export const SCHEMA_VERSION = 1;

export const CANONICAL_TABLES = [
	'calls',
	'segments',
	'recordings',
	'voice_activity',
	'voice_analysis',
	'complaints',
	'import_files',
	'import_errors',
	'rubrics',
	'rubric_items',
	'findings',
	'scores',
	'app_settings',
	'reviews',
	'review_items',
	'review_findings',
	'review_comments',
	'review_plans',
	'review_queue',
	'appeals',
	'appeal_items',
	'calibration_sessions',
	'calibration_items',
	'calibration_calls',
	'calibration_answers',
	'calibration_agreed'
] as const;

/** Every table, in one script (each part in its own file, by what the tables hold). */
export const SCHEMA_SQL = [DATA_TABLES_SQL, SCORING_TABLES_SQL, WORKFLOW_TABLES_SQL, ROLLUP_TABLES_SQL].join('\n');

/** The Db objects whose schema is in place: nothing drops the canonical tables, so once per database is enough. */
const ensured = new WeakSet<Db>();

/**
 * Creates every canonical table that does not exist yet, and (re)defines the QA score and call_facts views. Safe to
 * call on every start. Importers and scoring call it before they write; only the first call per Db runs the DDL
 * (100–300 ms in duckdb-wasm, which a page load used to pay three times).
 */
export async function ensureSchema(db: Db): Promise<void> {
	if (ensured.has(db)) return;
	await db.query(SCHEMA_SQL);
	await db.query(QA_SCORE_VIEWS_SQL);
	await db.query(CALL_FACTS_VIEW_SQL);
	ensured.add(db);
}
