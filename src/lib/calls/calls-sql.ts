// SQL for the calls list: one page of calls (newest first) with a text filter on call id / agent, and
// whether each call has a transcript and a recording. Paged in SQL; never returns more than a page.
import type { Db } from '../db/types';

export const PAGE_SIZE = 50;

export interface CallRow {
	call_id: string;
	started_at: string | null;
	agent_id: string | null;
	agent_name: string | null;
	team: string | null;
	channel: string | null;
	ring_s: number | null;
	talk_s: number | null;
	resolved: boolean | null;
	csat: number | null;
	has_transcript: boolean;
	has_recording: boolean;
	/** File name of the call's recording (the first one when there are several). */
	recording_file: string | null;
}

export interface CallsPage {
	rows: CallRow[];
	total: number;
	page: number;
	pages: number;
}

// Backslash escapes % and _ so a typed "50%" or "A_1" matches literally.
const FILTER = `(? = '' OR c.call_id ILIKE ? ESCAPE '\\' OR c.agent_id ILIKE ? ESCAPE '\\' OR c.agent_name ILIKE ? ESCAPE '\\')`;

function likeParams(q: string): string[] {
	const pattern = `%${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
	return [q, pattern, pattern, pattern];
}

/** `page` is 1-based and clamped to the pages that exist. */
export async function listCalls(db: Db, opts: { page: number; q: string }): Promise<CallsPage> {
	const q = opts.q.trim();
	const { rows: countRows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM calls c WHERE ${FILTER}`, likeParams(q));
	const total = countRows[0]?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(opts.page) || 1), pages);
	const { rows } = await db.query<CallRow>(
		`SELECT c.call_id, strftime(c.started_at, '%Y-%m-%d %H:%M:%S') AS started_at, c.agent_id, c.agent_name, c.team, c.channel,
			c.ring_s, c.talk_s, c.resolved, c.csat,
			EXISTS (SELECT 1 FROM segments s WHERE s.call_id = c.call_id) AS has_transcript,
			EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.call_id) AS has_recording,
			(SELECT min(r.file) FROM recordings r WHERE r.call_id = c.call_id) AS recording_file
		FROM calls c
		WHERE ${FILTER}
		ORDER BY c.started_at DESC NULLS LAST, c.call_id
		LIMIT ${PAGE_SIZE} OFFSET ?`,
		[...likeParams(q), (page - 1) * PAGE_SIZE]
	);
	return { rows, total, page, pages };
}
