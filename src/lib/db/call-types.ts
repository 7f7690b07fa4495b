// The row shapes of a call and of its transcript turns as the pages read them (call-view/call-sql.ts selects them;
// coaching's clip panel takes them too). Types only.

export interface CallFacts {
	call_id: string;
	agent_id: string | null;
	agent_name: string | null;
	team: string | null;
	channel: string | null;
	started_at: string | null;
	ring_s: number | null;
	talk_s: number | null;
	csat: number | null;
	resolved: boolean | null;
	category: string | null;
	recording_file: string | null;
	/** 'transcript' / 'recording' when the row was created from that file because no call log has the call */
	origin: string | null;
	/** the file that brought the row (the call log, or the transcript/recording that created it) */
	source_file: string | null;
}

export interface Segment {
	seq: number;
	speaker: string;
	start_s: number | null;
	end_s: number | null;
	text: string;
}
