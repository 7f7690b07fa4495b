// The canonical tables of DESIGN §4 and the import bookkeeping tables. Plain SQL strings so the
// browser, the CLI and the tests create exactly the same schema. Times are seconds (DOUBLE).
import type { Db } from './types';
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

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS calls (
	call_id VARCHAR PRIMARY KEY,
	agent_id VARCHAR,
	agent_name VARCHAR,
	team VARCHAR,
	queue VARCHAR,
	channel VARCHAR,            -- phone | chat | email
	direction VARCHAR,          -- inbound | outbound
	customer_id VARCHAR,
	started_at TIMESTAMP,
	ring_s DOUBLE,              -- wait before answer
	talk_s DOUBLE,
	hold_s DOUBLE,
	wrap_s DOUBLE,
	abandoned BOOLEAN,
	transferred BOOLEAN,
	resolved BOOLEAN,
	csat INTEGER,               -- 1..5, NULL when not surveyed
	category VARCHAR,
	recording VARCHAR,          -- file name of the recording, if any
	source_file VARCHAR,        -- which import brought the row
	source_line INTEGER,
	origin VARCHAR              -- call_log (NULL in older workspaces) | transcript | recording: what created the row
);
-- Workspaces made before calls could come from transcripts/recordings get the column; their rows are call-log rows.
ALTER TABLE calls ADD COLUMN IF NOT EXISTS origin VARCHAR;
CREATE TABLE IF NOT EXISTS segments (
	call_id VARCHAR NOT NULL,
	seq INTEGER NOT NULL,
	speaker VARCHAR NOT NULL,   -- agent | customer | system
	speaker_label VARCHAR,      -- the name/label as it appeared in the source
	start_s DOUBLE,             -- seconds from the start of the recording; NULL for untimed chat
	end_s DOUBLE,
	text VARCHAR NOT NULL,
	source_file VARCHAR
);
-- Derived from each call's segments when they are written (src/lib/text/segment-derived.ts), so scoring does not
-- recompute them on every run: the text normalised for matching, its length, the turn's place in the call and
-- among its speaker's turns, from the start and from the end. NULL where not computed yet (older workspaces,
-- restored backups): the next scoring run fills them. Left out of backups and Parquet exports.
ALTER TABLE segments ADD COLUMN IF NOT EXISTS norm VARCHAR;
ALTER TABLE segments ADD COLUMN IF NOT EXISTS nchars INTEGER;
ALTER TABLE segments ADD COLUMN IF NOT EXISTS ord INTEGER;
ALTER TABLE segments ADD COLUMN IF NOT EXISTS ord_rev INTEGER;
ALTER TABLE segments ADD COLUMN IF NOT EXISTS turn_no INTEGER;
ALTER TABLE segments ADD COLUMN IF NOT EXISTS turn_rev INTEGER;
CREATE TABLE IF NOT EXISTS recordings (
	call_id VARCHAR NOT NULL,
	file VARCHAR NOT NULL,
	duration_s DOUBLE,
	channels INTEGER,
	sample_rate INTEGER,
	channel_map VARCHAR,        -- e.g. 'agent,customer' = channel 1 agent, channel 2 customer; 'mixed' for mono
	format VARCHAR,
	size_bytes BIGINT,
	stored_in VARCHAR           -- 'opfs' | 'folder' | 'none'
);
CREATE TABLE IF NOT EXISTS voice_activity (
	call_id VARCHAR NOT NULL,
	speaker VARCHAR NOT NULL,
	start_s DOUBLE NOT NULL,
	end_s DOUBLE NOT NULL
);
-- Voice activity (src/lib/voice/): one row per call that was analysed from its recording(s) or given an RTTM file,
-- with the per-call audio figures computed from voice_activity (NULL when the recording is mono: no per-speaker
-- figures are made up). status: done | mono | failed | unsupported.
CREATE TABLE IF NOT EXISTS voice_analysis (
	call_id VARCHAR PRIMARY KEY,
	source VARCHAR NOT NULL,    -- audio | rttm
	files VARCHAR,              -- the recording(s) or RTTM file it came from
	status VARCHAR NOT NULL,
	detail VARCHAR,             -- why it failed / what was skipped
	analysed_at TIMESTAMP NOT NULL,
	duration_s DOUBLE,
	agent_talk_s DOUBLE,
	customer_talk_s DOUBLE,
	overlap_n INTEGER,          -- both sides speaking ≥ 0.3 s
	overlap_s DOUBLE,
	agent_over_n INTEGER,       -- overlaps the agent started (agent talked over the customer)
	customer_over_n INTEGER,
	longest_silence_s DOUBLE,   -- nobody speaking, between the first and the last speech
	reply_n INTEGER,            -- customer → agent turn changes
	reply_avg_s DOUBLE,
	reply_max_s DOUBLE
);
CREATE TABLE IF NOT EXISTS complaints (
	complaint_id VARCHAR PRIMARY KEY,
	call_id VARCHAR,
	customer_id VARCHAR,
	agent_id VARCHAR,
	received_at TIMESTAMP,
	category VARCHAR,
	severity INTEGER,           -- 1 general, 2 serious, 3 major
	due_at TIMESTAMP,
	resolved_at TIMESTAMP,
	followed_up_at TIMESTAMP,
	follow_up_satisfied BOOLEAN,
	status VARCHAR,
	title VARCHAR,
	description VARCHAR,
	channel VARCHAR,
	source_file VARCHAR,
	source_line INTEGER
);
CREATE TABLE IF NOT EXISTS import_files (
	file VARCHAR,
	kind VARCHAR,
	format VARCHAR,
	encoding VARCHAR,
	rows_total INTEGER,
	rows_loaded INTEGER,
	rows_rejected INTEGER,
	imported_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS import_errors (
	file VARCHAR,
	line INTEGER,
	severity VARCHAR,           -- error (row rejected) | warning (row loaded, value doubtful)
	reason VARCHAR
);
-- One row per file of an import in progress (import/journal.ts): written before the first file, marked done after
-- each, removed when the import ends; rows left behind mean the import was cut short (a kill, a closed tab).
CREATE TABLE IF NOT EXISTS import_journal (
	batch_id VARCHAR,
	started_at TIMESTAMP,
	position INTEGER,
	total INTEGER,
	file VARCHAR,
	state VARCHAR               -- pending | done
);
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
-- An inspector's review of one call under one rubric version (src/lib/review/). Never deleted by re-scoring.
CREATE TABLE IF NOT EXISTS reviews (
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	inspector VARCHAR,
	status VARCHAR NOT NULL,    -- draft | submitted
	score DOUBLE,               -- the score with overrides applied, frozen at submit
	submitted_at TIMESTAMP,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (call_id, rubric_id, rubric_version)
);
-- When the inspector first changed the review (inspector quality: time per review); NULL for reviews from before it
-- was kept and for imported ones.
ALTER TABLE reviews ADD COLUMN IF NOT EXISTS started_at TIMESTAMP;
CREATE TABLE IF NOT EXISTS review_items (
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	item_id VARCHAR NOT NULL,
	override_result VARCHAR NOT NULL, -- pass | fail | na, replacing the automatic finding
	reason VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (call_id, rubric_id, rubric_version, item_id)
);
-- The automatic results (findings) of reviewed calls, copied so the reviewed score (metrics/qa-score.ts) never joins
-- all findings; rewritten with the findings and when a review appears.
CREATE TABLE IF NOT EXISTS review_findings (
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	item_id VARCHAR NOT NULL,
	result VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS review_comments (
	comment_id VARCHAR PRIMARY KEY,
	call_id VARCHAR NOT NULL,
	at_s DOUBLE,                -- playback time the comment is about; NULL when there is no recording
	text VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL
);
-- Coaching sessions (src/lib/coaching/): trainers' clips of real calls, in order, with notes. A clip keeps its own
-- cut of the audio in OPFS (audio_path) and its transcript excerpt, so it plays without the call (imported sessions).
CREATE TABLE IF NOT EXISTS coaching_sessions (
	session_id VARCHAR PRIMARY KEY,
	title VARCHAR NOT NULL,
	audience VARCHAR,           -- the agents or team it is for (free text)
	notes VARCHAR,
	imported_from VARCHAR,      -- the session file's name when it came from an import
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS coaching_clips (
	clip_id VARCHAR PRIMARY KEY,
	session_id VARCHAR NOT NULL,
	position INTEGER NOT NULL,  -- 1.. within the session
	call_id VARCHAR,
	agent VARCHAR,
	team VARCHAR,
	start_s DOUBLE,             -- span in the call's recording; NULL for untimed chat lines
	end_s DOUBLE,
	label VARCHAR NOT NULL,     -- good | improve
	item_id VARCHAR,            -- the checklist item it illustrates
	item_label VARCHAR,         -- that item's label as JSON {"zh":…,"en":…}, kept for imported sessions
	note VARCHAR,               -- why this moment matters
	excerpt VARCHAR,            -- transcript lines as JSON [{speaker,start_s,end_s,text}]
	audio_path VARCHAR,         -- OPFS path of the cut WAV (coaching/<clip_id>.wav); NULL without a recording
	created_at TIMESTAMP NOT NULL
);
-- Review exchange (src/lib/review-exchange/): an imported review that differs from this workspace's review of
-- the same call waits here, with its overrides, until the lead keeps one or the other. Never merged silently.
CREATE TABLE IF NOT EXISTS review_conflicts (
	conflict_id VARCHAR PRIMARY KEY,
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	source_file VARCHAR,        -- the imported file the version came from
	inspector VARCHAR,
	status VARCHAR NOT NULL,
	score DOUBLE,
	submitted_at TIMESTAMP,
	updated_at TIMESTAMP NOT NULL,
	imported_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS review_conflict_items (
	conflict_id VARCHAR NOT NULL,
	item_id VARCHAR NOT NULL,
	override_result VARCHAR NOT NULL,
	reason VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
-- Appeals (申诉, src/lib/appeals/): an agent or team leader contests items of a submitted review; the lead decides
-- each item (uphold | overturn) with a reason. Rows are never deleted: they are the appeal's history. An overturned
-- item's result_after replaces the reviewed result (scoring/qa-score.ts appeal_overturns).
CREATE TABLE IF NOT EXISTS appeals (
	appeal_id VARCHAR PRIMARY KEY,
	call_id VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	appellant VARCHAR NOT NULL, -- who appealed (name or id, free text)
	reason VARCHAR NOT NULL,
	filed_at TIMESTAMP NOT NULL,
	source_file VARCHAR         -- the review exchange file it came from, when imported
);
CREATE TABLE IF NOT EXISTS appeal_items (
	appeal_id VARCHAR NOT NULL,
	item_id VARCHAR NOT NULL,
	result_before VARCHAR NOT NULL, -- the reviewed result when the appeal was filed
	decision VARCHAR,           -- uphold | overturn; NULL while undecided
	result_after VARCHAR,       -- overturn: the result the item gets
	decision_reason VARCHAR,
	decided_by VARCHAR,
	decided_at TIMESTAMP,
	PRIMARY KEY (appeal_id, item_id)
);
-- Calibration sessions (校准, src/lib/calibration/): the lead picks calls and a rubric version; each inspector
-- scores the same calls blind from a pack file and sends answers back; the lead compares and records the agreed
-- answer per call and item. A session keeps its own copy of the items (weights, labels) and of each call's facts and
-- transcript, so an inspector's workspace without those calls can show them and the comparison never shifts when
-- the workspace's rubric or calls change. role: lead (made here) | member (opened from a pack).
CREATE TABLE IF NOT EXISTS calibration_sessions (
	session_id VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	rubric_id VARCHAR NOT NULL,
	rubric_version INTEGER NOT NULL,
	rubric_name VARCHAR,
	created_by VARCHAR,
	created_at TIMESTAMP NOT NULL,
	source_file VARCHAR          -- member: the pack it was opened from
);
CREATE TABLE IF NOT EXISTS calibration_items (
	session_id VARCHAR NOT NULL,
	item_id VARCHAR NOT NULL,
	ordinal INTEGER NOT NULL,
	label_zh VARCHAR,
	label_en VARCHAR,
	weight DOUBLE NOT NULL,
	critical BOOLEAN NOT NULL,
	PRIMARY KEY (session_id, item_id)
);
CREATE TABLE IF NOT EXISTS calibration_calls (
	session_id VARCHAR NOT NULL,
	call_id VARCHAR NOT NULL,
	ordinal INTEGER NOT NULL,
	facts VARCHAR NOT NULL,      -- JSON: agent, team, channel, started_at, talk_s (customer numbers masked)
	segments VARCHAR NOT NULL,   -- JSON array: speaker, start_s, end_s, text (customer numbers masked)
	audio VARCHAR,               -- member: JSON array of the pack's recordings kept in OPFS (name, mime); NULL when none
	PRIMARY KEY (session_id, call_id)
);
CREATE TABLE IF NOT EXISTS calibration_answers (
	session_id VARCHAR NOT NULL,
	inspector VARCHAR NOT NULL,
	call_id VARCHAR NOT NULL,
	item_id VARCHAR NOT NULL,
	result VARCHAR NOT NULL,     -- pass | fail | na
	note VARCHAR,
	answered_at TIMESTAMP NOT NULL,
	source_file VARCHAR,         -- lead: the answers file it came from
	PRIMARY KEY (session_id, inspector, call_id, item_id)
);
CREATE TABLE IF NOT EXISTS calibration_agreed (
	session_id VARCHAR NOT NULL,
	call_id VARCHAR NOT NULL,
	item_id VARCHAR NOT NULL,
	result VARCHAR NOT NULL,
	note VARCHAR,
	decided_by VARCHAR,
	decided_at TIMESTAMP NOT NULL,
	PRIMARY KEY (session_id, call_id, item_id)
);
-- Review queue (src/lib/queue/): the sampling plan and the calls it drew, in queue order. Never changed by re-scoring.
CREATE TABLE IF NOT EXISTS review_plans (
	plan_id VARCHAR PRIMARY KEY,
	per_agent_week INTEGER NOT NULL, -- random calls per agent per ISO week
	include_complaints BOOLEAN NOT NULL,
	csat_max INTEGER,           -- every call with csat <= this; NULL: none
	include_critical BOOLEAN NOT NULL, -- every call with a critical fail under the active rubric version
	date_from DATE,             -- calls drawn from (both days included); NULL: open
	date_to DATE,
	seed VARCHAR NOT NULL,      -- the random order is md5(seed || call_id): same seed, same calls
	updated_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS review_queue (
	plan_id VARCHAR NOT NULL,
	call_id VARCHAR NOT NULL,
	reasons VARCHAR[] NOT NULL, -- why drawn: sample | complaint | csat | critical
	position INTEGER NOT NULL,  -- queue order, 1.. within the plan
	drawn_at TIMESTAMP NOT NULL,
	PRIMARY KEY (plan_id, call_id)
);
-- Calls whose data changed since they were last scored (scoring/dirty.ts): every import, replacement or deletion of
-- their segments, recordings, voice activity, call fields or complaints adds a mark; a scoring run of the active
-- rubric consumes the marks it saw. Persisted, so a reload in the middle still re-scores them.
-- The workspace file's size right after its last compaction (db/compact.ts): the baseline growth is measured from.
CREATE TABLE IF NOT EXISTS workspace_storage (bytes DOUBLE, compacted_at TIMESTAMP);
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
