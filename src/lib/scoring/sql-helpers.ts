// Small SQL builders the rule modules share (rules-sql.ts, phrase-rules-sql.ts): speaker and window conditions
// over cqa_seg `s` / cqa_call `c`, inline VALUES tables and evidence quotes. Plain strings, no DuckDB here.
import type { Speaker, Window } from './rubric';
import { sqlString } from '../db/sql';

export function speakerSql(speaker: Speaker, alias = 's'): string {
	return speaker === 'any' ? 'true' : `${alias}.speaker = ${sqlString(speaker)}`;
}

export function values(rows: string[][], columns: string[]): string {
	if (rows.length === 0) return `(SELECT ${columns.map((c) => `NULL::VARCHAR AS ${c}`).join(', ')} WHERE false)`;
	return `(SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) t(${columns.join(', ')}))`;
}

/** A short quote of a turn for the evidence column. */
export function quote(expr: string, max = 40): string {
	return `CASE WHEN length(${expr}) > ${max} THEN left(${expr}, ${max}) || '…' ELSE ${expr} END`;
}

export function windowSql(w: Window | undefined, speaker: Speaker): string {
	if (!w) return 'true';
	const first = speaker === 'any' ? 's.ord' : 's.turn_no';
	const last = speaker === 'any' ? 's.ord_rev' : 's.turn_rev';
	const parts: string[] = [];
	if (w.first_turns !== undefined) parts.push(`${first} <= ${w.first_turns}`);
	if (w.last_turns !== undefined) parts.push(`${last} <= ${w.last_turns}`);
	// Untimed chats have no seconds: a time window then covers the whole transcript.
	if (w.first_s !== undefined) parts.push(`(NOT c.is_timed OR s.start_s <= c.t0 + ${w.first_s})`);
	if (w.last_s !== undefined) parts.push(`(NOT c.is_timed OR s.end_s >= c.t1 - ${w.last_s})`);
	return parts.length ? parts.join(' AND ') : 'true';
}
