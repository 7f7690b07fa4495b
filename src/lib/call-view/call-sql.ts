// SQL for one call's page: its facts, its transcript (bounded), and its findings and score under one rubric
// version, plus the versions that scored it. No Svelte here; CallView.svelte draws what these return.
import type { Db } from '../db/types';
import type { RubricRef } from '../scoring-ui/active-rubric';
import type { CallFacts, Segment } from '../db/call-types';

/** Most segments a call page draws; longer transcripts say so on screen. */
export const MAX_SEGMENTS = 2000;

export interface Finding {
	item_id: string;
	result: 'pass' | 'fail' | 'na';
	points: number | null;
	max_points: number | null;
	start_s: number | null;
	end_s: number | null;
	seq: number | null;
	evidence: string | null;
	/** evidence in a machine-readable form (scoring/evidence.ts); NULL on findings scored before it existed */
	evidence_code: string | null;
	evidence_params: string | null;
}

/** An item label shown on a transcript segment that is the evidence of its finding. */
export interface SegmentMark {
	label: string;
	result: 'pass' | 'fail' | 'na';
	/** the finding's evidence in the interface language, shown on hover */
	evidence: string | null;
}

export interface CallScore {
	score: number | null;
	passed: boolean | null;
	critical_failed: boolean | null;
}

export interface CallVersion extends RubricRef {
	name: string | null;
}

export async function getCall(db: Db, callId: string): Promise<CallFacts | null> {
	const { rows } = await db.query<CallFacts>(
		`SELECT c.call_id, c.agent_id, c.agent_name, c.team, c.channel, strftime(c.started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
			c.ring_s, c.talk_s, c.csat, c.resolved, c.category, c.origin, c.source_file,
			(SELECT min(r.file) FROM recordings r WHERE r.call_id = c.call_id) AS recording_file
		FROM calls c WHERE c.call_id = ?`,
		[callId]
	);
	return rows[0] ?? null;
}

/** The call's segments in transcript order (time when timed, else seq), at most MAX_SEGMENTS; `more` when cut. */
export async function getSegments(db: Db, callId: string): Promise<{ segments: Segment[]; more: boolean }> {
	const { rows } = await db.query<Segment>(
		`SELECT seq, speaker, start_s, end_s, text FROM segments WHERE call_id = ?
		ORDER BY start_s NULLS LAST, seq LIMIT ${MAX_SEGMENTS + 1}`,
		[callId]
	);
	return { segments: rows.slice(0, MAX_SEGMENTS), more: rows.length > MAX_SEGMENTS };
}

/** Findings of one rubric version for the call, in the order they were written (the rubric's item order). */
export async function getFindings(db: Db, callId: string, ref: RubricRef): Promise<Finding[]> {
	const { rows } = await db.query<Finding>(
		`SELECT item_id, result, points, max_points, start_s, end_s, seq, evidence, evidence_code, evidence_params FROM findings
		WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? ORDER BY rowid`,
		[callId, ref.id, ref.version]
	);
	return rows;
}

export async function getScore(db: Db, callId: string, ref: RubricRef): Promise<CallScore | null> {
	const { rows } = await db.query<CallScore>(
		'SELECT score, passed, critical_failed FROM scores WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? LIMIT 1',
		[callId, ref.id, ref.version]
	);
	return rows[0] ?? null;
}

/** The versions of `rubricId` that have a score for this call, newest first. */
export async function callVersions(db: Db, callId: string, rubricId: string): Promise<CallVersion[]> {
	const { rows } = await db.query<{ rubric_id: string; version: number; name: string | null }>(
		`SELECT s.rubric_id, s.rubric_version AS version, any_value(r.name) AS name
		FROM scores s LEFT JOIN rubrics r ON r.rubric_id = s.rubric_id AND r.version = s.rubric_version
		WHERE s.call_id = ? AND s.rubric_id = ?
		GROUP BY s.rubric_id, s.rubric_version ORDER BY s.rubric_version DESC`,
		[callId, rubricId]
	);
	return rows.map((r) => ({ id: r.rubric_id, version: Number(r.version), name: r.name }));
}
