// Tables derived from the others and rebuilt when they change: the dashboard's and the leaderboard's rollups (each
// with the fingerprint of the data it was built from), and the workspace file's size after its last compaction.
// Part of SCHEMA_SQL (schema.ts).
export const ROLLUP_TABLES_SQL = `
-- The workspace file's size right after its last compaction (db/compact.ts): the baseline growth is measured from.
CREATE TABLE IF NOT EXISTS workspace_storage (bytes DOUBLE, compacted_at TIMESTAMP);
-- dashboard rollup (src/lib/dashboard/rollup-sql.ts): sums and counts the overview reads instead of raw calls, rebuilt
-- from calls/scores/findings/complaints whenever dash_rollup_state's fingerprint of those tables is out of date.
CREATE TABLE IF NOT EXISTS dash_rollup_state (
	fingerprint VARCHAR,
	built_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS dash_calls_rollup (
	day DATE, team VARCHAR, queue VARCHAR, channel VARCHAR,
	offered BIGINT, handled BIGINT, abandoned BIGINT, within_sl BIGINT, ring_n BIGINT, ring_sum DOUBLE, handle_sum DOUBLE,
	resolved BIGINT, fcr BIGINT, surveyed BIGINT, csat_sum BIGINT, satisfied BIGINT,
	csat_1 BIGINT, csat_2 BIGINT, csat_3 BIGINT, csat_4 BIGINT, csat_5 BIGINT
);
CREATE TABLE IF NOT EXISTS dash_hour_rollup (
	day DATE, team VARCHAR, queue VARCHAR, channel VARCHAR, hour INTEGER, offered BIGINT
);
CREATE TABLE IF NOT EXISTS dash_qa_rollup (
	rubric_id VARCHAR, rubric_version INTEGER, day DATE, team VARCHAR, queue VARCHAR, channel VARCHAR,
	bin INTEGER,                -- score bin 0..9, NULL for calls scored without a score
	scored_n BIGINT, score_sum DOUBLE, passed_n BIGINT, passed BIGINT
);
-- Rollup columns added later (older workspaces get them; the rollup version bump rebuilds the rows): the counts of
-- calls whose input is known, so a KPI without data is NULL rather than 0, and the QA rows per score source.
ALTER TABLE dash_calls_rollup ADD COLUMN IF NOT EXISTS abandon_n BIGINT;
ALTER TABLE dash_calls_rollup ADD COLUMN IF NOT EXISTS handle_n BIGINT;
ALTER TABLE dash_calls_rollup ADD COLUMN IF NOT EXISTS resolved_n BIGINT;
ALTER TABLE dash_qa_rollup ADD COLUMN IF NOT EXISTS source VARCHAR; -- reviewed | automatic (metrics/qa-score.ts)
ALTER TABLE dash_qa_rollup ADD COLUMN IF NOT EXISTS reviewed_n BIGINT;
CREATE TABLE IF NOT EXISTS dash_item_rollup (
	rubric_id VARCHAR, rubric_version INTEGER, day DATE, team VARCHAR, queue VARCHAR, channel VARCHAR,
	item_id VARCHAR, applied BIGINT, failed BIGINT
);
CREATE TABLE IF NOT EXISTS dash_complaint_rollup (
	day DATE, category VARCHAR, severity INTEGER,
	has_call BOOLEAN, team VARCHAR, queue VARCHAR, channel VARCHAR, -- of the linked call
	agent_teams VARCHAR[],      -- without a linked call: the teams the complaint's agent takes calls in
	complaints BIGINT, with_due BIGINT, on_time BIGINT, closed BIGINT, followed_up BIGINT
);
-- leaderboard rollup (src/lib/metrics/leaderboard-rollup.ts): the leaderboard's call and QA parts per month × agent
-- (name and team as on the calls) × queue × channel, rebuilt when lb_rollup_state's fingerprint is out of date.
CREATE TABLE IF NOT EXISTS lb_rollup_state (
	fingerprint VARCHAR,
	built_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS lb_calls_rollup (
	month DATE, agent_key VARCHAR, agent_name VARCHAR, team VARCHAR, queue VARCHAR, channel VARCHAR,
	offered BIGINT, handled BIGINT, abandoned BIGINT, abandon_n BIGINT, within_sl BIGINT, ring_n BIGINT, ring_sum DOUBLE,
	handle_n BIGINT, handle_sum DOUBLE, resolved BIGINT, resolved_n BIGINT, fcr BIGINT, surveyed BIGINT, csat_sum BIGINT,
	satisfied BIGINT
);
CREATE TABLE IF NOT EXISTS lb_qa_rollup (
	source VARCHAR, rubric_id VARCHAR, rubric_version INTEGER,
	month DATE, agent_key VARCHAR, team VARCHAR, queue VARCHAR, channel VARCHAR,
	scored_n BIGINT, score_sum DOUBLE, passed_n BIGINT, passed BIGINT, reviewed_n BIGINT
);
`;
