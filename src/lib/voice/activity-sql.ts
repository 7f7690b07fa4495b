// Voice activity in the database: writes a call's speech spans (voice_activity) and its row in voice_analysis
// with the audio figures computed from them in SQL, and reads them back for the call page. Plain TS, no DOM:
// the analysis worker's results (browser), RTTM import and the CLI all save through here.
import type { Db } from '../db/types';
import { bulkInsert } from '../db/bulk';
import { markDirtyIds } from '../db/score-dirty';

/** Both sides speaking for less than this is a turn-taking edge, not an overlap. */
export const MIN_OVERLAP_S = 0.3;

export type VoiceSource = 'audio' | 'rttm';
export type AnalysisStatus = 'done' | 'mono' | 'failed' | 'unsupported';

export interface VoiceSpan {
	speaker: 'agent' | 'customer';
	start_s: number;
	end_s: number;
}

export interface AnalysisRecord {
	call_id: string;
	source: VoiceSource;
	files: string;
	status: AnalysisStatus;
	detail?: string | null;
	duration_s: number | null;
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Per-call figures from voice_activity, for the calls in `callIds` (a SQL list of ? placeholders). */
function figuresSql(where: string): string {
	return `WITH va AS (
	SELECT call_id, speaker, start_s, end_s FROM voice_activity WHERE speaker IN ('agent', 'customer') AND ${where}
), ov AS (
	SELECT a.call_id, least(a.end_s, c.end_s) - greatest(a.start_s, c.start_s) AS dur, CASE WHEN a.start_s > c.start_s THEN 'agent' ELSE 'customer' END AS starter
	FROM va a JOIN va c ON a.call_id = c.call_id AND a.speaker = 'agent' AND c.speaker = 'customer' AND a.start_s < c.end_s AND c.start_s < a.end_s
	WHERE least(a.end_s, c.end_s) - greatest(a.start_s, c.start_s) >= ${MIN_OVERLAP_S}
), own AS (
	-- a side's talk time is the union of its spans (an RTTM file may overlap a speaker with itself)
	SELECT call_id, speaker, greatest(0, end_s - greatest(start_s, coalesce(max(end_s) OVER w, start_s))) AS adds
	FROM va WINDOW w AS (PARTITION BY call_id, speaker ORDER BY start_s, end_s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), ordered AS (
	SELECT call_id, speaker, start_s, max(end_s) OVER w AS prev_end, arg_max(speaker, end_s) OVER w AS prev_speaker
	FROM va WINDOW w AS (PARTITION BY call_id ORDER BY start_s, end_s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), gaps AS (
	SELECT call_id, speaker, prev_speaker, start_s - prev_end AS gap FROM ordered WHERE prev_end IS NOT NULL AND start_s > prev_end
), ids AS (SELECT DISTINCT call_id FROM va)
SELECT i.call_id,
	(SELECT sum(adds) FROM own o WHERE o.call_id = i.call_id AND o.speaker = 'agent') AS agent_talk_s,
	(SELECT sum(adds) FROM own o WHERE o.call_id = i.call_id AND o.speaker = 'customer') AS customer_talk_s,
	(SELECT count(*) FROM ov WHERE ov.call_id = i.call_id) AS overlap_n,
	(SELECT coalesce(sum(dur), 0) FROM ov WHERE ov.call_id = i.call_id) AS overlap_s,
	(SELECT count(*) FROM ov WHERE ov.call_id = i.call_id AND starter = 'agent') AS agent_over_n,
	(SELECT count(*) FROM ov WHERE ov.call_id = i.call_id AND starter = 'customer') AS customer_over_n,
	(SELECT coalesce(max(gap), 0) FROM gaps g WHERE g.call_id = i.call_id) AS longest_silence_s,
	(SELECT count(*) FROM gaps g WHERE g.call_id = i.call_id AND g.speaker = 'agent' AND g.prev_speaker = 'customer') AS reply_n,
	(SELECT avg(gap) FROM gaps g WHERE g.call_id = i.call_id AND g.speaker = 'agent' AND g.prev_speaker = 'customer') AS reply_avg_s,
	(SELECT max(gap) FROM gaps g WHERE g.call_id = i.call_id AND g.speaker = 'agent' AND g.prev_speaker = 'customer') AS reply_max_s
FROM ids i`;
}

/** Recomputes the audio figures of voice_analysis rows from voice_activity (after a save or an RTTM import). */
export async function refreshFigures(db: Db, callIds: string[]): Promise<void> {
	for (let i = 0; i < callIds.length; i += 500) {
		const chunk = callIds.slice(i, i + 500);
		await db.query(
			`UPDATE voice_analysis v SET agent_talk_s = f.agent_talk_s, customer_talk_s = f.customer_talk_s, overlap_n = f.overlap_n,
				overlap_s = f.overlap_s, agent_over_n = f.agent_over_n, customer_over_n = f.customer_over_n, longest_silence_s = f.longest_silence_s,
				reply_n = f.reply_n, reply_avg_s = f.reply_avg_s, reply_max_s = f.reply_max_s
			FROM (${figuresSql(`call_id IN (${inList(chunk.length)})`)}) f
			WHERE v.call_id = f.call_id`,
			chunk
		);
	}
}

/**
 * Replaces a call's voice activity and its voice_analysis row, and computes its figures. A mono, failed or
 * unsupported analysis keeps no voice activity (no per-speaker figures are invented).
 */
export async function saveAnalysis(db: Db, rec: AnalysisRecord, spans: VoiceSpan[]): Promise<void> {
	await db.query('DELETE FROM voice_activity WHERE call_id = ?', [rec.call_id]);
	await db.query('DELETE FROM voice_analysis WHERE call_id = ?', [rec.call_id]);
	if (rec.status === 'done' && spans.length > 0) {
		await bulkInsert(
			db,
			'voice_activity',
			['call_id', 'speaker', 'start_s', 'end_s'],
			spans.map((s) => [rec.call_id, s.speaker, s.start_s, s.end_s])
		);
	}
	await db.query(
		`INSERT INTO voice_analysis (call_id, source, files, status, detail, analysed_at, duration_s, agent_talk_s, customer_talk_s, overlap_n, overlap_s,
			agent_over_n, customer_over_n, longest_silence_s, reply_n)
		VALUES (?, ?, ?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		// A done analysis without any speech is a silent call: zero talk, not unknown.
		rec.status === 'done'
			? [rec.call_id, rec.source, rec.files, rec.status, rec.detail ?? null, rec.duration_s, 0, 0, 0, 0, 0, 0, 0, 0]
			: [rec.call_id, rec.source, rec.files, rec.status, rec.detail ?? null, rec.duration_s, null, null, null, null, null, null, null, null]
	);
	if (rec.status === 'done' && spans.length > 0) await refreshFigures(db, [rec.call_id]);
	// Items read from audio (interruptions, replies, dead air) change with it: the call is scored again.
	await markDirtyIds(db, [rec.call_id]);
}

export interface CallAudio {
	source: VoiceSource;
	files: string;
	status: AnalysisStatus;
	detail: string | null;
	analysed_at: string;
	duration_s: number | null;
	agent_talk_s: number | null;
	customer_talk_s: number | null;
	overlap_n: number | null;
	overlap_s: number | null;
	agent_over_n: number | null;
	customer_over_n: number | null;
	longest_silence_s: number | null;
	reply_n: number | null;
	reply_avg_s: number | null;
	reply_max_s: number | null;
}

export interface Overlap {
	start_s: number;
	end_s: number;
	/** who started talking over the other */
	by: 'agent' | 'customer';
}

/** Most spans a call page draws (a 1-hour call has ~1,500 a side); longer ones are cut and say so. */
export const MAX_SPANS = 20_000;

export async function getCallAudio(db: Db, callId: string): Promise<CallAudio | null> {
	const { rows } = await db.query<CallAudio>(
		`SELECT source, files, status, detail, strftime(analysed_at, '%Y-%m-%d %H:%M:%S') AS analysed_at, duration_s, agent_talk_s, customer_talk_s,
			overlap_n, overlap_s, agent_over_n, customer_over_n, longest_silence_s, reply_n, reply_avg_s, reply_max_s
		FROM voice_analysis WHERE call_id = ?`,
		[callId]
	);
	const r = rows[0];
	if (!r) return null;
	const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
	return {
		...r,
		overlap_n: num(r.overlap_n),
		agent_over_n: num(r.agent_over_n),
		customer_over_n: num(r.customer_over_n),
		reply_n: num(r.reply_n)
	};
}

/** A call's speech spans (at most MAX_SPANS) and its overlaps, in time order. */
export async function getActivity(db: Db, callId: string): Promise<{ spans: VoiceSpan[]; overlaps: Overlap[]; isCut: boolean }> {
	const { rows } = await db.query<VoiceSpan>(
		`SELECT speaker, start_s, end_s FROM voice_activity WHERE call_id = ? AND speaker IN ('agent', 'customer') ORDER BY start_s, speaker LIMIT ${MAX_SPANS + 1}`,
		[callId]
	);
	const ov = await db.query<Overlap>(
		`SELECT greatest(a.start_s, c.start_s) AS start_s, least(a.end_s, c.end_s) AS end_s, CASE WHEN a.start_s > c.start_s THEN 'agent' ELSE 'customer' END AS "by"
		FROM voice_activity a JOIN voice_activity c ON a.call_id = c.call_id AND c.speaker = 'customer' AND a.start_s < c.end_s AND c.start_s < a.end_s
		WHERE a.call_id = ? AND a.speaker = 'agent' AND least(a.end_s, c.end_s) - greatest(a.start_s, c.start_s) >= ${MIN_OVERLAP_S}
		ORDER BY 1 LIMIT ${MAX_SPANS}`,
		[callId]
	);
	return { spans: rows.slice(0, MAX_SPANS), overlaps: ov.rows, isCut: rows.length > MAX_SPANS };
}
