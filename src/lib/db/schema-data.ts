// The tables of what a centre imports (DESIGN §4): calls, their transcript turns, recordings and voice activity,
// complaints, and the import's own bookkeeping (files, issues, the journal of an import in progress). Part of SCHEMA_SQL
// (schema.ts).
export const DATA_TABLES_SQL = `
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
`;
