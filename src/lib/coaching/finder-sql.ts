// Finding example moments without listening to everything: calls where a checklist item failed or passed, the
// best-matched greetings, the longest interruptions; filtered by team, period and "has a recording", paged in
// SQL (LIMIT n+1 probe). Reads the findings of one rubric version (scoring/rules-sql.ts writes them, with the
// evidence params it reads as data through db/json-sql.ts). No Svelte here.
import type { Db, Param } from '../db/types';
import type { RubricRef } from '../scoring-ui/active-rubric';
import { jsonFieldSql, jsonLeafObjectsSql } from '../db/json-sql';

export type FinderKind = 'failed' | 'passed' | 'best_phrase' | 'longest_interruption';
export const FINDER_KINDS: readonly FinderKind[] = ['failed', 'passed', 'best_phrase', 'longest_interruption'];

export interface FinderQuery {
	rubric: RubricRef;
	kind: FinderKind;
	item_id: string;
	team?: string | null;
	/** inclusive dates 'YYYY-MM-DD' of calls.started_at */
	from?: string | null;
	to?: string | null;
	isRecordedOnly?: boolean;
	offset?: number;
	limit?: number;
}

export interface Example {
	call_id: string;
	agent: string | null;
	team: string | null;
	started_at: string | null;
	/** where the moment is in the call, with a little context around the evidence; NULL when untimed */
	start_s: number | null;
	end_s: number | null;
	seq: number | null;
	/** the number it is ranked by: similarity 0..1 (best_phrase), overlap seconds (longest_interruption) */
	metric: number | null;
	score: number | null;
	evidence: string | null;
	/** the evidence as code + params (scoring/evidence.ts), so the page can say it in the interface language */
	evidence_code: string | null;
	evidence_params: string | null;
	/** the transcript line the evidence is in */
	line: string | null;
	recording: string | null;
}

export const PAGE_SIZE = 20;
/** Opening lines a clip gets when its finding names no turn. */
export const UNPLACED_LINES = 4;
/** Seconds of context played before and after the evidence. */
export const CONTEXT_S = 1.5;
/** Length given to evidence that has a start but no end. */
const DEFAULT_LEN_S = 8;
/** The parts of a finding's params (db/json-sql.ts reads what its encoder wrote, key order does not matter). */
const PARTS = jsonLeafObjectsSql('f.evidence_params');
/** A part's value as a number (codes and numbers need no unescaping). */
const num = (part: string, key: string) => `TRY_CAST(${jsonFieldSql(part, key)} AS DOUBLE)`;

export async function findExamples(db: Db, q: FinderQuery): Promise<{ rows: Example[]; more: boolean }> {
	const limit = q.limit ?? PAGE_SIZE;
	const where: string[] = ['f.rubric_id = ?', 'f.rubric_version = ?', 'f.item_id = ?'];
	const params: Param[] = [q.rubric.id, q.rubric.version, q.item_id];
	if (q.team) {
		where.push('c.team = ?');
		params.push(q.team);
	}
	if (q.from) {
		where.push('c.started_at >= ?::DATE');
		params.push(q.from);
	}
	if (q.to) {
		where.push(`c.started_at < ?::DATE + INTERVAL 1 DAY`);
		params.push(q.to);
	}
	if (q.isRecordedOnly) where.push('r.file IS NOT NULL');

	let moments: string;
	let order: string;
	switch (q.kind) {
		case 'failed':
		case 'passed':
			where.push('f.result = ?');
			params.push(q.kind === 'failed' ? 'fail' : 'pass');
			moments = `SELECT f.call_id, f.seq, f.start_s, f.end_s, NULL::DOUBLE AS metric, f.evidence, f.evidence_code, f.evidence_params FROM f`;
			order = 'has_rec DESC, m.started_at DESC NULLS LAST, m.call_id';
			break;
		case 'best_phrase':
			// Similarity of the matched phrase: every matched requirement's part carries its `sim` (1.00 when found
			// whole); a call is as good as its weakest requirement.
			where.push(`f.result = 'pass'`);
			moments = `SELECT f.call_id, f.seq, f.start_s, f.end_s,
				coalesce(list_min(list_transform(${PARTS}, pt -> ${num('pt', 'sim')})), 1.0) AS metric,
				f.evidence, f.evidence_code, f.evidence_params FROM f`;
			order = 'm.metric DESC NULLS LAST, m.score DESC NULLS LAST, has_rec DESC, m.started_at DESC NULLS LAST, m.call_id';
			break;
		case 'longest_interruption':
			// One row per interruption event in the params (its parts interruption_event*: seq, at, overlap), longest first.
			moments = `SELECT call_id, TRY_CAST(${jsonFieldSql('ev', 'seq')} AS INTEGER) AS seq, ${num('ev', 'at')} AS start_s, NULL::DOUBLE AS end_s,
				${num('ev', 'overlap')} AS metric, evidence, evidence_code, evidence_params
			FROM (SELECT f.call_id, f.evidence, f.evidence_code, f.evidence_params, unnest(${PARTS}) AS ev FROM f)
			WHERE starts_with(${jsonFieldSql('ev', 'code')}, 'interruption_event')`;
			order = 'm.metric DESC NULLS LAST, has_rec DESC, m.started_at DESC NULLS LAST, m.call_id';
			break;
	}

	const sql = `WITH f AS (
		SELECT f.* FROM findings f JOIN calls c ON c.call_id = f.call_id
		LEFT JOIN (SELECT call_id, min(file) AS file FROM recordings GROUP BY call_id) r ON r.call_id = f.call_id
		WHERE ${where.join(' AND ')}
	), mo AS (${moments}
	), m AS (
		SELECT mo.*, c.agent_name, c.team, c.started_at, sc.score, r.file AS recording, (r.file IS NOT NULL) AS has_rec,
			s.text AS line, s.end_s AS seg_end
		FROM mo JOIN calls c ON c.call_id = mo.call_id
		LEFT JOIN (SELECT call_id, min(file) AS file FROM recordings GROUP BY call_id) r ON r.call_id = mo.call_id
		LEFT JOIN scores sc ON sc.call_id = mo.call_id AND sc.rubric_id = ? AND sc.rubric_version = ?
		LEFT JOIN segments s ON s.call_id = mo.call_id AND s.seq = mo.seq
	)
	SELECT m.call_id, m.agent_name AS agent, m.team, strftime(m.started_at, '%Y-%m-%d %H:%M') AS started_at,
		CASE WHEN m.start_s IS NULL THEN NULL ELSE greatest(0, m.start_s - ${CONTEXT_S}) END AS start_s,
		CASE WHEN m.start_s IS NULL THEN NULL
			ELSE greatest(coalesce(m.end_s, m.seg_end, m.start_s + ${DEFAULT_LEN_S}), m.start_s + 1) + ${CONTEXT_S} END AS end_s,
		m.seq, m.metric, m.score, m.evidence, m.evidence_code, m.evidence_params, m.line, m.recording
	FROM m ORDER BY ${order}
	LIMIT ${limit + 1} OFFSET ${Math.max(0, Math.floor(q.offset ?? 0))}`;
	const { rows } = await db.query<Example>(sql, [...params, q.rubric.id, q.rubric.version]);
	return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** The moments a session already holds, as `call_id@start_s` (timed clips), so the finder marks them added. */
export async function momentsIn(db: Db, sessionId: string): Promise<Set<string>> {
	const { rows } = await db.query<{ call_id: string; start_s: number }>(
		'SELECT call_id, start_s FROM coaching_clips WHERE session_id = ? AND call_id IS NOT NULL AND start_s IS NOT NULL',
		[sessionId]
	);
	return new Set(rows.map((r) => `${r.call_id}@${r.start_s}`));
}

/** Teams in the workspace, for the finder's filter. */
export async function listTeams(db: Db): Promise<string[]> {
	const { rows } = await db.query<{ team: string }>('SELECT DISTINCT team FROM calls WHERE team IS NOT NULL ORDER BY team LIMIT 500');
	return rows.map((r) => r.team);
}

/** The transcript lines of a call that a time range overlaps, for a clip's excerpt (bounded). */
export async function linesOfCall(db: Db, callId: string, start_s: number | null, end_s: number | null, seq: number | null) {
	const timed = start_s != null && end_s != null;
	// A finding that names no turn (a greeting or closing that was never said) shows the call's opening lines.
	const sql = timed
		? `SELECT seq, speaker, start_s, end_s, text FROM segments WHERE call_id = ? AND start_s < ? AND coalesce(end_s, start_s) >= ? ORDER BY start_s, seq LIMIT 40`
		: seq != null
			? `SELECT seq, speaker, start_s, end_s, text FROM segments WHERE call_id = ? AND seq = ? LIMIT 1`
			: `SELECT seq, speaker, start_s, end_s, text FROM segments WHERE call_id = ? ORDER BY seq LIMIT ${UNPLACED_LINES}`;
	const { rows } = await db.query<{ seq: number; speaker: string; start_s: number | null; end_s: number | null; text: string }>(
		sql,
		timed ? [callId, end_s, start_s] : seq != null ? [callId, seq] : [callId]
	);
	return rows;
}
