// The tables of people's work on calls: reviews and their comments, coaching sessions, review exchange conflicts,
// appeals, calibration sessions and the review queue. Re-scoring never deletes their rows. Part of SCHEMA_SQL
// (schema.ts).
export const WORKFLOW_TABLES_SQL = `
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
`;
