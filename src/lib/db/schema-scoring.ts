// The tables scoring reads and writes: rubric versions and their items, findings and scores, settings, the marks of
// calls whose data changed, the SQL each item was last scored with, and the calls list's search text. Part of
// SCHEMA_SQL (schema.ts).
export const SCORING_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS rubrics (
	rubric_id VARCHAR NOT NULL,
	version INTEGER NOT NULL,
	name VARCHAR,
	language VARCHAR,           -- zh | en
	json VARCHAR NOT NULL,      -- the validated rubric (src/lib/scoring/rubric.ts)
	saved_at TIMESTAMP DEFAULT current_timestamp,
	PRIMARY KEY (rubric_id, version)
);
-- Each saved rubric version's pass mark and items (weight, critical) as rows, so SQL can apply the scoring rule to
-- reviewed results (metrics/qa-score.ts); filled from the JSON when a version is saved (scoring/rubrics-table.ts).
ALTER TABLE rubrics ADD COLUMN IF NOT EXISTS pass_mark DOUBLE;
CREATE TABLE IF NOT EXISTS rubric_items (
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	item_id VARCHAR NOT NULL,
	ordinal INTEGER NOT NULL,
	weight DOUBLE NOT NULL,
	critical BOOLEAN NOT NULL,
	kind VARCHAR,               -- the rule kind (manual items are judged by the inspector only)
	PRIMARY KEY (rubric_id, rubric_version, item_id)
);
CREATE TABLE IF NOT EXISTS findings (
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	item_id VARCHAR NOT NULL,
	result VARCHAR NOT NULL,    -- pass | fail | na
	points DOUBLE,              -- NULL when na
	max_points DOUBLE,          -- NULL when na (excluded from the possible points)
	start_s DOUBLE,             -- where the evidence is, when it has a place in the call
	end_s DOUBLE,
	seq INTEGER,                -- segment the evidence is in
	evidence VARCHAR,           -- matched text, or the numbers that decided it (English: the CLI's findings.csv)
	evidence_code VARCHAR,      -- the same in a machine-readable form (scoring/evidence.ts) for the UI to localise
	evidence_params VARCHAR     -- its params, a JSON object as text (duckdb-wasm has no json extension)
);
-- Databases made before evidence codes (browser OPFS files) get the columns; older findings keep them NULL.
ALTER TABLE findings ADD COLUMN IF NOT EXISTS evidence_code VARCHAR;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS evidence_params VARCHAR;
CREATE TABLE IF NOT EXISTS scores (
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	score DOUBLE,               -- 0..100; NULL when no item applies
	passed BOOLEAN,
	critical_failed BOOLEAN,
	scored_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS app_settings (
	key VARCHAR PRIMARY KEY,    -- e.g. active_rubric
	value VARCHAR               -- JSON, e.g. {"id":"default-zh","version":1}
);
-- Calls whose data changed since they were last scored (scoring/dirty.ts): every import, replacement or deletion of
-- their segments, recordings, voice activity, call fields or complaints adds a mark; a scoring run of the active
-- rubric consumes the marks it saw. Persisted, so a reload in the middle still re-scores them.
CREATE SEQUENCE IF NOT EXISTS score_dirty_seq;
CREATE TABLE IF NOT EXISTS score_dirty (
	call_id VARCHAR NOT NULL,
	mark BIGINT NOT NULL DEFAULT nextval('score_dirty_seq')
);
-- The SQL each rubric item was last scored with (src/lib/scoring/reuse.ts): a new version of the rubric copies the
-- findings of every item whose SQL is unchanged instead of computing them again. sql is NULL when the item's findings
-- came from different SQL for different calls (an app update between partial runs), so they are never copied.
CREATE TABLE IF NOT EXISTS item_sql (
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	item_id VARCHAR NOT NULL,
	sql VARCHAR,
	scored_at TIMESTAMP NOT NULL
);
-- Calls list words search (src/lib/scoring/call-text-sql.ts): each call's segments normalised like the scorer does,
-- derived from segments and rebuilt when they change.
CREATE TABLE IF NOT EXISTS call_text (
	call_id VARCHAR PRIMARY KEY,
	n_segments INTEGER NOT NULL,
	text_norm VARCHAR NOT NULL
);
`;
