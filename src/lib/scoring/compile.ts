// Compiles a validated rubric into the SQL statements that (re)compute `findings` and `scores` for that
// rubric version. Every rule is SQL (rules-sql.ts): there is no JS implementation, so the browser (duckdb-wasm)
// and the CLI (native DuckDB) give the same answer. This module only assembles statements; score.ts runs them.
import type { AppliesWhen, Item, Rubric } from './rubric';
import { NORM_MACRO_SQL } from '../text/normalize';
import { derivedSegmentsSql } from '../text/segment-derived';
import { sqlString } from '../db/sql';
import { ruleSql } from './rules-sql';
import { codeSql } from './evidence';
import { reviewFindingsRefreshSql, scoreRuleSql } from '../metrics/qa-score';

export interface SourceTables {
	calls: string;
	segments: string;
	voice_activity: string;
	complaints: string;
}

export interface CompileOptions {
	/** where the calls come from (scoreText points these at temp tables) */
	sources?: Partial<SourceTables>;
	/** only score the call_ids listed in this table (incremental scoring after an import) */
	onlyCallsTable?: string;
	/** write findings/scores (default); false leaves the results in temp table cqa_res only */
	write?: boolean;
	/**
	 * Read each turn's normalised text and numbers from the columns stored with the segments (text/segment-derived.ts;
	 * the caller has run ensureSegmentsDerived) instead of computing them in this run. Only for the workspace's own
	 * `segments` table: other sources (try-it, the Parquet views of `callqa sql`) have no such columns.
	 */
	storedSegments?: boolean;
	/**
	 * Items whose findings are copied from another version of the same rubric instead of computed (reuse.ts decides
	 * when that gives the same rows: same item SQL, every call in scope scored by that version since its data changed).
	 */
	reuse?: { version: number; items: ReadonlySet<string> };
}

export interface CompiledRubric {
	sql: string[];
	/** index of the first statement that writes findings or scores (sql.length when nothing is written) */
	firstWrite: number;
}

const DEFAULT_SOURCES: SourceTables = { calls: 'calls', segments: 'segments', voice_activity: 'voice_activity', complaints: 'complaints' };
const COMPLAINT_CATEGORIES = ['投诉', 'complaint', 'complaints'];

function list(values: string[]): string {
	return values.map(sqlString).join(', ');
}

/** The SQL condition over cqa_call `c` under which an item applies. */
export function appliesSql(a: AppliesWhen | undefined): string {
	if (!a) return 'true';
	const parts: string[] = [];
	if (a.channel) parts.push(`coalesce(c.channel IN (${list(a.channel)}), false)`);
	if (a.direction) parts.push(`coalesce(c.direction IN (${list(a.direction)}), false)`);
	if (a.categories) parts.push(`coalesce(c.category IN (${list(a.categories)}), false)`);
	if (a.is_complaint !== undefined) parts.push(`c.is_complaint = ${a.is_complaint}`);
	if (a.has_transcript !== undefined) parts.push(`c.has_transcript = ${a.has_transcript}`);
	if (a.transferred !== undefined) parts.push(`c.transferred = ${a.transferred}`);
	return parts.length ? parts.join(' AND ') : 'true';
}

/** Rules that read the turns' times (or voice activity): an untimed chat transcript gives them nothing. */
function readsTimes(item: Item): boolean {
	const r = item.rule;
	return r.kind === 'interruption' || r.kind === 'speech_rate' || (r.kind === 'response_time' && r.measure !== 'ring');
}

/** Why an item that applies has no result: the data its rule reads is missing (code, English). */
function missingSql(item: Item): { code: string; english: string } {
	const timed = readsTimes(item);
	return {
		code: `CASE WHEN NOT c.has_transcript${timed ? ' AND NOT c.has_va' : ''} THEN ${codeSql('no_transcript')}
			${timed ? `WHEN NOT c.is_timed AND NOT c.has_va THEN ${codeSql('no_times')}` : ''} ELSE ${codeSql('no_data')} END`,
		english: `CASE WHEN NOT c.has_transcript${timed ? ' AND NOT c.has_va' : ''} THEN 'no transcript to check'
			${timed ? `WHEN NOT c.is_timed AND NOT c.has_va THEN 'the transcript has no times'` : ''} ELSE 'the call lacks the data this check reads' END`
	};
}

/** The rule said something about the call: a result, or evidence for its n/a (e.g. abandoned, manual). */
const HAS_OWN = `(r.evidence_code IS NOT NULL OR coalesce(r.result, 'na') <> 'na')`;

/** The statement adding one item's results for every call in cqa_call to cqa_res. */
export function itemSql(item: Item, rubric: Rubric): string {
	const missing = missingSql(item);
	return `INSERT INTO cqa_res
SELECT c.call_id, ${sqlString(item.id)},
	CASE WHEN NOT (${appliesSql(item.applies_when)}) THEN 'na' ELSE coalesce(r.result, 'na') END,
	CASE WHEN ${appliesSql(item.applies_when)} THEN r.seq END,
	CASE WHEN ${appliesSql(item.applies_when)} THEN r.start_s END,
	CASE WHEN ${appliesSql(item.applies_when)} THEN r.end_s END,
	CASE WHEN NOT (${appliesSql(item.applies_when)}) THEN 'does not apply to this call' WHEN ${HAS_OWN} THEN r.evidence
		ELSE ${missing.english} END,
	CASE WHEN NOT (${appliesSql(item.applies_when)}) THEN ${codeSql('not_applicable')} WHEN ${HAS_OWN} THEN r.evidence_code
		ELSE ${missing.code} END,
	CASE WHEN ${appliesSql(item.applies_when)} AND ${HAS_OWN} THEN r.evidence_params ELSE '{}' END
FROM cqa_call c LEFT JOIN (
${ruleOnApplicableCalls(item, rubric)}
) r ON r.call_id = c.call_id`;
}

/**
 * The item's rule over the calls it applies to: a cqa_call that holds only those shadows the temp table inside the
 * rule, so a rule that joins cqa_call (every phrase rule) skips the turns of the other calls, whose results would
 * be n/a anyway (identity check: about half the calls of an inbound centre).
 */
function ruleOnApplicableCalls(item: Item, rubric: Rubric): string {
	const applies = appliesSql(item.applies_when);
	if (applies === 'true') return ruleSql(item.rule, rubric);
	return `WITH cqa_call AS (SELECT * FROM temp.main.cqa_call c WHERE ${applies})
SELECT * FROM (
${ruleSql(item.rule, rubric)}
)`;
}

/** One item's results for the calls in cqa_call, copied from the findings of `version` of the same rubric. */
function copiedItemSql(item: Item, rubric: Rubric, version: number): string {
	return `INSERT INTO cqa_res
SELECT f.call_id, f.item_id, f.result, f.seq, f.start_s, f.end_s, f.evidence, f.evidence_code, f.evidence_params
FROM findings f JOIN cqa_call c ON c.call_id = f.call_id
WHERE f.rubric_id = ${sqlString(rubric.id)} AND f.rubric_version = ${version} AND f.item_id = ${sqlString(item.id)}`;
}

/** Splits a multi-statement SQL text on top-level semicolons: not inside a string literal or a `--` comment. */
export function statements(sql: string): string[] {
	const out: string[] = [];
	let cur = '';
	let inStr = false;
	for (let i = 0; i < sql.length; i++) {
		const ch = sql[i];
		if (!inStr && ch === '-' && sql[i + 1] === '-') {
			// A comment runs to the end of its line: its quotes and semicolons are prose.
			const end = sql.indexOf('\n', i);
			const stop = end < 0 ? sql.length : end;
			cur += sql.slice(i, stop);
			i = stop - 1;
			continue;
		}
		if (ch === "'") inStr = !inStr;
		if (ch === ';' && !inStr) {
			if (cur.trim()) out.push(cur.trim());
			cur = '';
		} else cur += ch;
	}
	if (cur.trim()) out.push(cur.trim());
	return out;
}

export function compileRubric(rubric: Rubric, opts: CompileOptions = {}): CompiledRubric {
	const src = { ...DEFAULT_SOURCES, ...opts.sources };
	const rid = sqlString(rubric.id);
	const ver = String(rubric.version);
	const scope = opts.onlyCallsTable ? `WHERE c.call_id IN (SELECT call_id FROM ${opts.onlyCallsTable})` : '';
	const sql: string[] = [...statements(NORM_MACRO_SQL)];

	// Facts about each call every rule needs, once.
	sql.push(`CREATE OR REPLACE TEMP TABLE cqa_call AS
SELECT c.call_id, c.channel, c.direction, c.category,
	coalesce(c.transferred, false) AS transferred, coalesce(c.abandoned, false) AS abandoned,
	c.ring_s, c.talk_s, c.hold_s, c.wrap_s, c.csat,
	(coalesce(c.category IN (${list(COMPLAINT_CATEGORIES)}), false)
		OR c.call_id IN (SELECT call_id FROM ${src.complaints} WHERE call_id IS NOT NULL)) AS is_complaint,
	coalesce(s.n, 0) > 0 AS has_transcript,
	coalesce(s.n, 0) > 0 AND coalesce(s.is_timed, false) AS is_timed,
	s.t0, s.t1,
	coalesce(v.n, 0) > 0 AS has_va
FROM ${src.calls} c
LEFT JOIN (SELECT call_id, count(*) AS n, bool_and(start_s IS NOT NULL AND end_s IS NOT NULL) AS is_timed,
		min(start_s) AS t0, max(end_s) AS t1 FROM ${src.segments} GROUP BY call_id) s ON s.call_id = c.call_id
LEFT JOIN (SELECT call_id, count(*) AS n FROM ${src.voice_activity} WHERE speaker IN ('agent', 'customer') GROUP BY call_id) v ON v.call_id = c.call_id
${scope}`);

	// Segments of those calls with their normalised text, length and turn numbers: read from the columns the import
	// stored (a view: nothing copied), or computed once here by the very SQL the import stores them with.
	const turnColumns = 's.call_id, s.seq, s.speaker, s.start_s, s.end_s, s.text, s.norm, s.nchars, s.ord, s.ord_rev, s.turn_no, s.turn_rev';
	if (opts.storedSegments && src.segments === DEFAULT_SOURCES.segments)
		sql.push(`CREATE OR REPLACE TEMP VIEW cqa_seg AS
SELECT ${turnColumns} FROM segments s WHERE s.call_id IN (SELECT call_id FROM cqa_call)`);
	else
		sql.push(`CREATE OR REPLACE TEMP TABLE cqa_seg AS
SELECT ${turnColumns} FROM (${derivedSegmentsSql(
			['call_id', 'seq', 'speaker', 'start_s', 'end_s', 'text'],
			`(SELECT * FROM ${src.segments} WHERE call_id IN (SELECT call_id FROM cqa_call))`
		)}) s`);

	sql.push(`CREATE OR REPLACE TEMP TABLE cqa_va AS
SELECT v.call_id, v.speaker, v.start_s, v.end_s FROM ${src.voice_activity} v JOIN cqa_call c ON c.call_id = v.call_id
WHERE v.speaker IN ('agent', 'customer')`);

	sql.push(
		`CREATE OR REPLACE TEMP TABLE cqa_res (call_id VARCHAR, item_id VARCHAR, result VARCHAR, seq INTEGER, start_s DOUBLE, end_s DOUBLE, evidence VARCHAR, evidence_code VARCHAR, evidence_params VARCHAR)`
	);
	for (const item of rubric.items)
		sql.push(opts.reuse?.items.has(item.id) ? copiedItemSql(item, rubric, opts.reuse.version) : itemSql(item, rubric));

	const items = rubric.items.map((it, i) => `(${sqlString(it.id)}, ${i + 1}, ${it.weight}, ${it.critical})`).join(', ');
	sql.push(`CREATE OR REPLACE TEMP TABLE cqa_items AS SELECT * FROM (VALUES ${items}) t(item_id, ordinal, weight, critical)`);

	if (opts.write === false) return { sql, firstWrite: sql.length };
	const firstWrite = sql.length;

	// Findings, the reviewed calls' copy of them (qa-score.ts review_findings) and scores are each replaced in one
	// request, so a page reading between two scoring statements never sees a call's findings half written or a
	// review computed from findings that are gone.
	sql.push(
		[
			`DELETE FROM findings WHERE rubric_id = ${rid} AND rubric_version = ${ver} AND call_id IN (SELECT call_id FROM cqa_call)`,
			`INSERT INTO findings (${FINDING_COLUMNS.join(', ')})
${findingsSelectSql(rubric)}`,
			...reviewFindingsRefreshSql(`r.call_id IN (SELECT call_id FROM cqa_call) AND r.rubric_id = ${rid} AND r.rubric_version = ${ver}`)
		].join(';\n')
	);
	sql.push(
		[
			`DELETE FROM scores WHERE rubric_id = ${rid} AND rubric_version = ${ver} AND call_id IN (SELECT call_id FROM cqa_call)`,
			`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed, critical_failed, scored_at)
SELECT call_id, ${rid}, ${ver}, score, passed, critical_failed, current_timestamp FROM (${scoreSelectSql(rubric)})
ORDER BY call_id`
		].join(';\n')
	);
	return { sql, firstWrite };
}

/** The columns of `findings` that findingsSelectSql gives, in its order. */
export const FINDING_COLUMNS = [
	'call_id',
	'rubric_id',
	'rubric_version',
	'item_id',
	'result',
	'points',
	'max_points',
	'start_s',
	'end_s',
	'seq',
	'evidence',
	'evidence_code',
	'evidence_params'
] as const;

/** The findings rows of cqa_res + cqa_items (points: the item's weight when it passes, 0 when it fails, NULL when n/a). */
export function findingsSelectSql(rubric: Rubric): string {
	return `SELECT r.call_id, ${sqlString(rubric.id)} AS rubric_id, ${rubric.version} AS rubric_version, r.item_id, r.result,
	CASE r.result WHEN 'pass' THEN i.weight WHEN 'fail' THEN 0 END AS points,
	CASE WHEN r.result <> 'na' THEN i.weight END AS max_points,
	r.start_s, r.end_s, r.seq, r.evidence, r.evidence_code, r.evidence_params
FROM cqa_res r JOIN cqa_items i ON i.item_id = r.item_id
ORDER BY r.call_id, i.ordinal`;
}

/**
 * Per call score from cqa_res + cqa_items by the scoring rule (qa-score.ts scoreRuleSql, which the reviewed score
 * shares): 100 × earned / possible over applicable items; any critical fail → 0; NULL when nothing applies;
 * passed = score ≥ pass mark.
 */
export function scoreSelectSql(rubric: Rubric): string {
	const rule = scoreRuleSql('r.result', 'i.weight', 'i.critical');
	return `SELECT call_id, score, score >= ${rubric.pass_mark} AS passed, critical_failed FROM (
	SELECT r.call_id, ${rule.criticalFailed} AS critical_failed, ${rule.score} AS score
	FROM cqa_res r JOIN cqa_items i ON i.item_id = r.item_id
	GROUP BY r.call_id
)`;
}
