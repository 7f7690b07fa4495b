// SQL for the calls list: one page of calls, sorted in SQL (newest first unless asked), with a text filter on
// call id / agent, filters on the call's facts (period, agent, team, queue, channel, CSAT, linked complaint, words
// in the transcript) and on the score of one rubric version (did not pass; failed an item; score band), whether
// each call has a transcript and a recording, and its score and failed-item count. Never returns more than a page.
import type { Db } from '../db/types';
import { addDays, dimensionWhere } from '../scope/filter';
import { ensureCallText, normaliseTerms, searchTerms, wordsWhere } from '../scoring/call-text-sql';

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
	/** 0..100 under the rubric version asked for; null when not scored (or no item applies). */
	score: number | null;
	passed: boolean | null;
	/** items that failed; null when not scored */
	failed_items: number | null;
	/** what created the row: 'transcript' / 'recording' when no call log has the call (else 'call_log' or null) */
	origin: string | null;
	/** voice analysis of the recording (voice/): done | mono | failed | unsupported; null when not analysed */
	audio_status: string | null;
	/** the agent's share of the talk time, 0..1, and overlaps the agent started / all, longest silence (s) */
	agent_share: number | null;
	agent_over_n: number | null;
	overlap_n: number | null;
	longest_silence_s: number | null;
}

export interface CallsQuery {
	page: number;
	q: string;
	/** the rubric version whose scores are shown and filtered on; none: no score columns */
	rubric?: { id: string; version: number } | null;
	/** 'failed': only calls that did not reach the pass mark */
	result?: 'failed' | null;
	/** only calls that failed this item */
	item?: string | null;
	/** Dashboard drill-down: calls that started on or after this day / on or before this day ('YYYY-MM-DD'). */
	from?: string | null;
	to?: string | null;
	team?: string | null;
	queue?: string | null;
	channel?: string | null;
	/** hour of day 0..23 the call started in */
	hour?: number | null;
	/** ISO weekday the call started on: 1 Monday … 7 Sunday */
	weekday?: number | null;
	/** satisfaction score 1..5 */
	csat?: number | null;
	/** score under `rubric` in [scoreMin, scoreMax) (scoreMax 100 includes 100) */
	scoreMin?: number | null;
	scoreMax?: number | null;
	/** agent id (or the name, for calls logged without an id) */
	agent?: string | null;
	/** 'yes': a complaint record points at the call; 'no': none does */
	complaint?: 'yes' | 'no' | null;
	/** Dashboard drill-down from the complaints chart: a complaint of this category (and severity 0..3) points at the call. */
	complaintCategory?: string | null;
	complaintSeverity?: number | null;
	/** words that must all occur in the transcript, matched the way the scorer normalises text */
	words?: string | null;
	sort?: SortKey | null;
	dir?: 'asc' | 'desc' | null;
}

export const SORT_KEYS = ['date', 'agent', 'score', 'csat', 'talk'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const SORT_SQL: Record<SortKey, string> = {
	date: 'c.started_at',
	agent: 'c.agent_name {dir} NULLS LAST, c.agent_id',
	score: 'sc.score',
	csat: 'c.csat',
	talk: 'c.talk_s'
};

/** ORDER BY of a sort (date newest first by default); ties go by call id so pages never overlap. */
function orderBy(sort: SortKey | null | undefined, dir: 'asc' | 'desc' | null | undefined): string {
	const key = sort && SORT_KEYS.includes(sort) ? sort : 'date';
	const d = (dir ?? (key === 'date' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC';
	return `${SORT_SQL[key].replace('{dir}', d)} ${d} NULLS LAST, c.call_id`;
}

/** Reads the calls-list filters from the URL (the names the dashboard links with, and the filter bar's). */
export function parseCallsFilters(
	p: URLSearchParams
): Pick<
	CallsQuery,
	| 'from'
	| 'to'
	| 'team'
	| 'queue'
	| 'channel'
	| 'hour'
	| 'weekday'
	| 'csat'
	| 'scoreMin'
	| 'scoreMax'
	| 'agent'
	| 'complaint'
	| 'complaintCategory'
	| 'complaintSeverity'
	| 'words'
> {
	const date = (k: string) => {
		const v = p.get(k);
		return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
	};
	const int = (k: string, min: number, max: number) => {
		const v = p.get(k);
		const n = v == null || v === '' ? NaN : Number(v);
		return Number.isInteger(n) && n >= min && n <= max ? n : null;
	};
	return {
		from: date('from'),
		to: date('to'),
		team: p.get('team') || null,
		queue: p.get('queue') || null,
		channel: p.get('channel') || null,
		hour: int('hour', 0, 23),
		weekday: int('weekday', 1, 7),
		csat: int('csat', 1, 5),
		scoreMin: int('scoreMin', 0, 100),
		scoreMax: int('scoreMax', 0, 100),
		agent: p.get('agent') || null,
		complaint: p.get('complaint') === 'yes' || p.get('complaint') === 'no' ? (p.get('complaint') as 'yes' | 'no') : null,
		complaintCategory: p.get('complaintCategory') || null,
		complaintSeverity: int('complaintSeverity', 0, 3),
		words: p.get('words')?.trim() || null
	};
}

/** The sort of the URL (?sort=score&dir=asc); date newest first when absent. */
export function parseCallsSort(p: URLSearchParams): { sort: SortKey | null; dir: 'asc' | 'desc' | null } {
	const sort = p.get('sort');
	const dir = p.get('dir');
	return {
		sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : null,
		dir: dir === 'asc' || dir === 'desc' ? dir : null
	};
}

/** The URL names of the filters, in the order CallsView keeps them. */
export const DRILL_KEYS = [
	'from',
	'to',
	'agent',
	'team',
	'queue',
	'channel',
	'hour',
	'weekday',
	'csat',
	'scoreMin',
	'scoreMax',
	'complaint',
	'complaintCategory',
	'complaintSeverity',
	'words'
] as const;

export interface CallsPage {
	rows: CallRow[];
	total: number;
	page: number;
	pages: number;
}

// Backslash escapes % and _ so a typed "50%" or "A_1" matches literally.
const FILTER = `(c.call_id ILIKE ? ESCAPE '\\' OR c.agent_id ILIKE ? ESCAPE '\\' OR c.agent_name ILIKE ? ESCAPE '\\')`;

function likeParams(q: string): string[] {
	const pattern = `%${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
	return [pattern, pattern, pattern];
}

function where(opts: CallsQuery, normTerms: string[]): { sql: string; params: (string | number)[] } {
	// Only when there is text: a prepared statement is planned before its parameters are known, so "? = ''"
	// would not spare the three ILIKEs on every row.
	const q = opts.q.trim();
	const parts = q ? [FILTER] : ['true'];
	const params: (string | number)[] = q ? likeParams(q) : [];
	const r = opts.rubric;
	if (r && opts.result === 'failed') {
		parts.push(
			'EXISTS (SELECT 1 FROM scores s WHERE s.call_id = c.call_id AND s.rubric_id = ? AND s.rubric_version = ? AND s.passed = false)'
		);
		params.push(r.id, r.version);
	}
	if (r && opts.item) {
		parts.push(
			`EXISTS (SELECT 1 FROM findings f WHERE f.call_id = c.call_id AND f.rubric_id = ? AND f.rubric_version = ? AND f.item_id = ? AND f.result = 'fail')`
		);
		params.push(r.id, r.version, opts.item);
	}
	if (opts.from) {
		parts.push('c.started_at >= CAST(? AS TIMESTAMP)');
		params.push(`${opts.from} 00:00:00`);
	}
	if (opts.to) {
		parts.push('c.started_at < CAST(? AS TIMESTAMP)');
		params.push(`${addDays(opts.to, 1)} 00:00:00`);
	}
	const dims = dimensionWhere(opts, 'c');
	parts.push(dims.sql);
	params.push(...(dims.params as (string | number)[]));
	if (opts.hour != null) {
		parts.push('hour(c.started_at) = ?');
		params.push(opts.hour);
	}
	if (opts.weekday != null) {
		parts.push('isodow(c.started_at) = ?');
		params.push(opts.weekday);
	}
	if (opts.csat != null) {
		parts.push('c.csat = ?');
		params.push(opts.csat);
	}
	if (r && (opts.scoreMin != null || opts.scoreMax != null)) {
		parts.push(`EXISTS (SELECT 1 FROM scores s WHERE s.call_id = c.call_id AND s.rubric_id = ? AND s.rubric_version = ?
			AND s.score >= ? AND (s.score < ? OR (? >= 100 AND s.score <= 100)))`);
		const max = opts.scoreMax ?? 100;
		params.push(r.id, r.version, opts.scoreMin ?? 0, max, max);
	}
	if (opts.agent) {
		parts.push('coalesce(c.agent_id, c.agent_name) = ?');
		params.push(opts.agent);
	}
	if (opts.complaint) {
		parts.push(`${opts.complaint === 'no' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM complaints k WHERE k.call_id = c.call_id)`);
	}
	if (opts.complaintCategory != null || opts.complaintSeverity != null) {
		const k: string[] = ['k.call_id = c.call_id'];
		if (opts.complaintCategory != null) {
			k.push('k.category = ?');
			params.push(opts.complaintCategory);
		}
		if (opts.complaintSeverity != null) {
			// 0 is the chart's "not given"
			k.push('coalesce(k.severity, 0) = ?');
			params.push(opts.complaintSeverity);
		}
		parts.push(`EXISTS (SELECT 1 FROM complaints k WHERE ${k.join(' AND ')})`);
	}
	if (normTerms.length) {
		const w = wordsWhere(normTerms, 'c');
		parts.push(w.sql);
		params.push(...(w.params as string[]));
	}
	return { sql: parts.join(' AND '), params };
}

/** `page` is 1-based and clamped to the pages that exist. */
export async function listCalls(db: Db, opts: CallsQuery): Promise<CallsPage> {
	const terms = searchTerms(opts.words ?? '');
	if (terms.length) await ensureCallText(db);
	const normTerms = await normaliseTerms(db, terms);
	// Words that normalise to nothing (only punctuation) match every call, as an empty search does.
	const w = where(opts, normTerms);
	const { rows: countRows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM calls c WHERE ${w.sql}`, w.params);
	const total = countRows[0]?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(opts.page) || 1), pages);
	// Without a rubric the score columns are NULL: the join matches nothing.
	const rid = opts.rubric?.id ?? '';
	const ver = opts.rubric?.version ?? -1;
	const order = orderBy(opts.sort, opts.dir);
	// The page is cut first on narrow rows (sorting in SQL), then the page's calls get their columns, score and
	// lookups, each table filtered to the page's call ids before any join: a join whose hash table is built over
	// a whole table (100k scores, 1.4M segments) costs more than everything else here (bench/calls-list.ts).
	// Scores are joined before the cut only to sort by them.
	const isScoreSort = opts.sort === 'score';
	const { rows } = await db.query<CallRow>(
		`WITH pg AS MATERIALIZED (
			SELECT c.call_id FROM calls c
			${isScoreSort ? 'LEFT JOIN scores sc ON sc.call_id = c.call_id AND sc.rubric_id = ? AND sc.rubric_version = ?' : ''}
			WHERE ${w.sql} ORDER BY ${order} LIMIT ${PAGE_SIZE} OFFSET ?),
		pc AS (SELECT * FROM calls WHERE call_id IN (SELECT call_id FROM pg)),
		psc AS (SELECT call_id, score, passed FROM scores WHERE rubric_id = ? AND rubric_version = ? AND call_id IN (SELECT call_id FROM pg)),
		seg AS (SELECT DISTINCT call_id FROM segments WHERE call_id IN (SELECT call_id FROM pg)),
		rec AS (SELECT call_id, min(file) AS file FROM recordings WHERE call_id IN (SELECT call_id FROM pg) GROUP BY call_id),
		fail AS (SELECT call_id, count(*) AS n FROM findings
			WHERE rubric_id = ? AND rubric_version = ? AND result = 'fail' AND call_id IN (SELECT call_id FROM pg) GROUP BY call_id),
		va AS (SELECT * FROM voice_analysis WHERE call_id IN (SELECT call_id FROM pg))
		SELECT c.call_id, strftime(c.started_at, '%Y-%m-%d %H:%M:%S') AS started_at, c.agent_id, c.agent_name, c.team, c.channel,
			c.ring_s, c.talk_s, c.resolved, c.csat, c.origin,
			seg.call_id IS NOT NULL AS has_transcript, rec.call_id IS NOT NULL AS has_recording, rec.file AS recording_file,
			sc.score, sc.passed, CASE WHEN sc.call_id IS NOT NULL THEN coalesce(fail.n, 0) END AS failed_items,
			va.status AS audio_status, va.agent_talk_s / nullif(va.agent_talk_s + va.customer_talk_s, 0) AS agent_share,
			va.agent_over_n, va.overlap_n, va.longest_silence_s
		FROM pc c
		LEFT JOIN psc sc ON sc.call_id = c.call_id
		LEFT JOIN seg ON seg.call_id = c.call_id LEFT JOIN rec ON rec.call_id = c.call_id LEFT JOIN fail ON fail.call_id = c.call_id
		LEFT JOIN va ON va.call_id = c.call_id
		ORDER BY ${order}`,
		[...(isScoreSort ? [rid, ver] : []), ...w.params, (page - 1) * PAGE_SIZE, rid, ver, rid, ver]
	);
	return {
		rows: rows.map((r) => ({
			...r,
			failed_items: r.failed_items == null ? null : Number(r.failed_items),
			agent_over_n: r.agent_over_n == null ? null : Number(r.agent_over_n),
			overlap_n: r.overlap_n == null ? null : Number(r.overlap_n)
		})),
		total: Number(total),
		page,
		pages
	};
}

export interface FilterOptions {
	/** agent key (id, or name when the call has none) and the name to show */
	agents: { agent: string; name: string | null }[];
	teams: string[];
	channels: string[];
}

/** What the filter bar's pickers offer: the agents, teams and channels present (each list bounded). */
export async function listFilterOptions(db: Db): Promise<FilterOptions> {
	const [a, tm, ch] = await Promise.all([
		db.query<{ agent: string; name: string | null }>(
			`SELECT coalesce(agent_id, agent_name) AS agent, max(agent_name) AS name FROM calls
			WHERE coalesce(agent_id, agent_name) IS NOT NULL GROUP BY 1 ORDER BY 2 NULLS LAST, 1 LIMIT 2000`
		),
		db.query<{ v: string }>('SELECT DISTINCT team AS v FROM calls WHERE team IS NOT NULL ORDER BY 1 LIMIT 500'),
		db.query<{ v: string }>('SELECT DISTINCT channel AS v FROM calls WHERE channel IS NOT NULL ORDER BY 1 LIMIT 50')
	]);
	return { agents: a.rows, teams: tm.rows.map((r) => r.v), channels: ch.rows.map((r) => r.v) };
}
