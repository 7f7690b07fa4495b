// Which calls' recordings still need analysing, and how far the workspace is (for the batch panel). Plain TS.
import type { Db } from '../db/types';

export interface AnalysisCounts {
	/** calls with at least one recording */
	recorded: number;
	done: number;
	mono: number;
	failed: number;
	/** recorded calls without an analysis yet */
	pending: number;
}

export async function analysisCounts(db: Db): Promise<AnalysisCounts> {
	const { rows } = await db.query<AnalysisCounts>(`
		WITH rec AS (SELECT DISTINCT call_id FROM recordings)
		SELECT (SELECT count(*) FROM rec) AS recorded,
			count(*) FILTER (WHERE v.status = 'done') AS done,
			count(*) FILTER (WHERE v.status = 'mono') AS mono,
			count(*) FILTER (WHERE v.status IN ('failed', 'unsupported')) AS failed,
			count(*) FILTER (WHERE v.call_id IS NULL) AS pending
		FROM rec LEFT JOIN voice_analysis v USING (call_id)`);
	const r = rows[0];
	return { recorded: Number(r.recorded), done: Number(r.done), mono: Number(r.mono), failed: Number(r.failed), pending: Number(r.pending) };
}

/** Recorded calls without an analysis (and, with `retryFailed`, those whose analysis failed), in call order. */
export async function pendingCalls(db: Db, retryFailed = false): Promise<string[]> {
	const { rows } = await db.query<{ call_id: string }>(
		`SELECT DISTINCT r.call_id FROM recordings r LEFT JOIN voice_analysis v USING (call_id)
		WHERE v.call_id IS NULL ${retryFailed ? `OR v.status IN ('failed', 'unsupported')` : ''}
		ORDER BY r.call_id`
	);
	return rows.map((r) => r.call_id);
}

/** The calls the given recording files belong to. */
export async function callsOfFiles(db: Db, files: string[]): Promise<string[]> {
	const out = new Set<string>();
	for (let i = 0; i < files.length; i += 500) {
		const chunk = files.slice(i, i + 500);
		const { rows } = await db.query<{ call_id: string }>(
			`SELECT DISTINCT call_id FROM recordings WHERE file IN (${chunk.map(() => '?').join(', ')})`,
			chunk
		);
		for (const r of rows) out.add(r.call_id);
	}
	return [...out].sort();
}
