// Every call that arrives is a call (DESIGN §8): a transcript or a recording whose call is in no call log gets a
// `calls` row of its own, marked with where it came from (calls.origin), and a call log imported later fills in
// that same row. Plain SQL over the Db interface, shared by the browser and the CLI.
import { bulkInsert } from '../db/bulk';
import type { Db } from '../db/types';

/** What created a calls row: a call log (NULL in workspaces older than this column), a transcript or a recording. */
export type CallOrigin = 'call_log' | 'transcript' | 'recording';

/** SQL: the calls row `alias` was created from a transcript or a recording, not a call log. */
export const isPlaceholderSql = (alias: string) => `${alias}.origin IN ('transcript', 'recording')`;

/** What a file says about a call it holds, for the row it creates when no call log has one. */
export interface CallHint {
	call_id: string;
	/** 'YYYY-MM-DD HH:MM:SS[.fff]' (UTC when the file gives epoch times), or null when the file does not say */
	started_at: string | null;
	/** 'phone' | 'chat', or null to decide from the segments' times */
	channel: string | null;
	agent_id?: string | null;
}

const HINT_COLUMNS = [
	{ name: 'call_id', type: 'VARCHAR' },
	{ name: 'started_at', type: 'TIMESTAMP' },
	{ name: 'channel', type: 'VARCHAR' },
	{ name: 'agent_id', type: 'VARCHAR' }
];

let counter = 0;

/** A temp table of hints (possibly empty) for the statements below; drop it with dropHints. */
export async function stageHints(db: Db, hints: readonly CallHint[]): Promise<string> {
	const table = `cqa_hints_${Date.now().toString(36)}_${counter++}`;
	await db.query(`CREATE TEMP TABLE ${table} (call_id VARCHAR, started_at TIMESTAMP, channel VARCHAR, agent_id VARCHAR)`);
	await bulkInsert(
		db,
		table,
		HINT_COLUMNS,
		hints.map((h) => [h.call_id, h.started_at, h.channel, h.agent_id ?? null])
	);
	return table;
}

export async function dropHints(db: Db, table: string): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${table}`);
}

/**
 * Creates a calls row for every call of `segmentsTable` (rows with call_id and start_s) that has none: origin
 * 'transcript', channel from the hint or else chat when no turn is timed and phone when some are, start time and
 * agent from the hint (else unknown). Placeholder rows that exist get the hint's values where theirs are empty.
 * Returns how many rows were created.
 */
export async function addCallsFromSegments(db: Db, segmentsTable: string, hintsTable: string, file: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(DISTINCT call_id) AS n FROM ${segmentsTable} WHERE call_id NOT IN (SELECT call_id FROM calls)`
	);
	const n = Number(rows[0]?.n ?? 0);
	if (n > 0)
		await db.query(
			`INSERT INTO calls (call_id, channel, started_at, agent_id, origin, source_file)
			SELECT s.call_id, coalesce(any_value(h.channel), CASE WHEN count(s.start_s) = 0 THEN 'chat' ELSE 'phone' END),
				any_value(h.started_at), any_value(h.agent_id), 'transcript', ?
			FROM ${segmentsTable} s LEFT JOIN ${hintsTable} h ON h.call_id = s.call_id
			WHERE s.call_id NOT IN (SELECT call_id FROM calls)
			GROUP BY s.call_id`,
			[file]
		);
	await fillPlaceholders(db, hintsTable);
	return n;
}

/** Placeholder rows take a hint's start time, channel and agent where they have none (a later file knows more). */
export async function fillPlaceholders(db: Db, hintsTable: string): Promise<void> {
	await db.query(
		`UPDATE calls SET started_at = coalesce(calls.started_at, h.started_at), channel = coalesce(calls.channel, h.channel),
			agent_id = coalesce(calls.agent_id, h.agent_id)
		FROM ${hintsTable} h
		WHERE calls.call_id = h.call_id AND ${isPlaceholderSql('calls')}
			AND ((calls.started_at IS NULL AND h.started_at IS NOT NULL) OR (calls.channel IS NULL AND h.channel IS NOT NULL)
				OR (calls.agent_id IS NULL AND h.agent_id IS NOT NULL))`
	);
}

/** Creates the calls row of a recording whose call no call log or transcript has. Returns whether it did. */
export async function addCallFromRecording(db: Db, hint: CallHint, file: string): Promise<boolean> {
	const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM calls WHERE call_id = ?', [hint.call_id]);
	if (Number(rows[0]?.n ?? 0) > 0) {
		const hints = await stageHints(db, [hint]);
		try {
			await fillPlaceholders(db, hints);
		} finally {
			await dropHints(db, hints);
		}
		return false;
	}
	await db.query(
		`INSERT INTO calls (call_id, channel, started_at, agent_id, agent_name, origin, source_file)
		VALUES (?, ?, CAST(? AS TIMESTAMP), ?, ?, 'recording', ?)`,
		[hint.call_id, hint.channel ?? 'phone', hint.started_at, hint.agent_id ?? null, hint.agent_id ?? null, file]
	);
	return true;
}

/**
 * Removes calls rows created from a recording that nothing belongs to any more (its recordings moved to the call a
 * call log named), with their scores, unless an inspector's review, comment, queue entry or clip refers to them.
 * Returns the removed ids.
 */
export async function dropOrphanRecordingCalls(db: Db, callIds: readonly string[]): Promise<string[]> {
	if (callIds.length === 0) return [];
	const marks = callIds.map(() => '?').join(', ');
	const { rows } = await db.query<{ call_id: string }>(
		`SELECT call_id FROM calls c WHERE c.call_id IN (${marks}) AND c.origin = 'recording'
			AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.call_id)
			AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.call_id = c.call_id)
			AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.call_id = c.call_id)
			AND NOT EXISTS (SELECT 1 FROM review_comments m WHERE m.call_id = c.call_id)
			AND NOT EXISTS (SELECT 1 FROM review_queue q WHERE q.call_id = c.call_id)
			AND NOT EXISTS (SELECT 1 FROM coaching_clips k WHERE k.call_id = c.call_id)`,
		[...callIds]
	);
	const gone = rows.map((r) => r.call_id);
	if (gone.length === 0) return gone;
	const list = gone.map(() => '?').join(', ');
	for (const table of ['findings', 'scores', 'call_text', 'calls']) await db.query(`DELETE FROM ${table} WHERE call_id IN (${list})`, gone);
	return gone;
}
