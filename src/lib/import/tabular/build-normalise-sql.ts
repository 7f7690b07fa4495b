// SQL builders that turn a staged all-VARCHAR CSV table into rows of a canonical table (calls, complaints,
// segments), with a per-row reject reason and a list of warnings. Pure strings: no Db, no I/O.
import type { TabularKind } from './fields';
import { SQL_ISSUE_REASON, sqlIssue, type ReasonCode } from '../reasons';
import { markDirtySql } from '../../db/score-dirty';
import { isPlaceholderSql } from '../call-rows';
import { sqlString } from '../../db/sql';
import { PLAUSIBLE } from '../plausible';

export interface MappedColumn {
	/** Header as written in the file (used in messages). */
	header: string;
	/** 0-based position: the staged column is `c<index>`. */
	index: number;
	field: string;
}

export interface NormaliseInput {
	/** Temp table read by read_csv: columns c0…cN (VARCHAR), rowid in file order. */
	stage: string;
	/**
	 * Temp table (rn BIGINT, line INTEGER): stage rowid → 1-based line in the original file. Rows missing
	 * from it are at line rowid + lineOffset (the usual one-line-per-record file leaves it empty).
	 */
	lines: string;
	/** Line of the record with rowid 0 when every record is one line; default 2 (a header line, then data). */
	lineOffset?: number;
	/**
	 * Temp table to create: canonical columns + source_line, reject_reason, warnings (VARCHAR[]) in English,
	 * and the same as tagged issues (reject_issue, warning_issues; see {@link sqlIssue}) for the report.
	 */
	out: string;
	columns: MappedColumn[];
	/** File name, used for ids generated for complaint files without an id column. */
	file: string;
	/** strptime format from a preset (e.g. '%y-%m-%d' where dd-mm-yy would be guessed), tried first. */
	dateFormat?: string;
}

export { sqlString };

/** Per-field helpers shared by the three builders. */
class Fields {
	readonly #byField = new Map<string, MappedColumn>();
	constructor(columns: MappedColumn[]) {
		for (const c of columns) if (c.field && !this.#byField.has(c.field)) this.#byField.set(c.field, c);
	}
	has(field: string): boolean {
		return this.#byField.has(field);
	}
	/** The header literal for messages (falls back to the field name). */
	hdr(field: string): string {
		return sqlString(this.#byField.get(field)?.header ?? field);
	}
	/** `cqa_clean(s.cN) AS r_field` for every listed field, NULL for unmapped ones. */
	rawSelect(fields: string[]): string {
		return fields
			.map((f) => {
				const c = this.#byField.get(f);
				return `${c ? `cqa_clean(s.c${c.index})` : 'CAST(NULL AS VARCHAR)'} AS r_${f}`;
			})
			.join(',\n\t\t');
	}
	/** Warning when a mapped optional value is present but does not parse. */
	unparsed(field: string, parsed: string, what: string, code: ReasonCode): string | null {
		if (!this.has(field)) return null;
		return `CASE WHEN r_${field} IS NOT NULL AND ${parsed} IS NULL THEN ${this.issue(code, `format('{}: "{}" is not ${what}', ${this.hdr(field)}, r_${field})`, field, { value: `r_${field}` })} END`;
	}
	/** A tagged issue naming `field`'s column as the `column` param. */
	issue(code: ReasonCode, english: string, field: string, params: Record<string, string> = {}): string {
		return sqlIssue(code, english, { column: this.hdr(field), ...params });
	}
}

function warningList(items: (string | null)[]): string {
	const list = items.filter((x): x is string => x !== null);
	if (list.length === 0) return 'CAST([] AS VARCHAR[])';
	return `list_filter([\n\t\t${list.join(',\n\t\t')}\n\t], x -> x IS NOT NULL)`;
}

/** The tagged reject for a value that does not parse as a date. */
const notADate = (f: Fields, field: string) =>
	f.issue('not_a_date', `format('{}: "{}" is not a date', ${f.hdr(field)}, r_${field})`, field, { value: `r_${field}` });

/** started_at from one column or from date + time-of-day columns, and the reject reason when it fails. */
function timestampOf(
	f: Fields,
	one: string,
	date: string,
	time: string,
	what: 'start time' | 'received time',
	dateFormat?: string
): { expr: string; reason: string; column: string } {
	const fmt = dateFormat ? sqlString(dateFormat) : null;
	const empty: ReasonCode = what === 'start time' ? 'empty_start_time' : 'empty_received_time';
	if (f.has(one)) {
		return {
			column: one,
			expr: fmt ? `coalesce(try_strptime(r_${one}, ${fmt}), cqa_ts(r_${one}))` : `cqa_ts(r_${one})`,
			reason: `CASE WHEN r_${one} IS NULL THEN ${f.issue(empty, `format('{}: empty ${what}', ${f.hdr(one)})`, one)} ELSE ${notADate(f, one)} END`
		};
	}
	if (f.has(date)) {
		const timeReason = f.has(time)
			? f.issue('not_a_time_of_day', `format('{}: "{}" is not a time of day', ${f.hdr(time)}, r_${time})`, time, { value: `r_${time}` })
			: sqlIssue('not_a_date', `'?'`, { column: f.hdr(date), value: `r_${date}` });
		const byFormat = fmt
			? `CAST(CAST(try_strptime(r_${date}, ${fmt}) AS DATE) AS TIMESTAMP) + to_seconds(CASE WHEN r_${time} IS NULL THEN 0 ELSE cqa_tod(r_${time}) END)`
			: null;
		return {
			column: date,
			expr: byFormat ? `coalesce(${byFormat}, cqa_ts2(r_${date}, r_${time}))` : `cqa_ts2(r_${date}, r_${time})`,
			reason: `CASE WHEN r_${date} IS NULL THEN ${f.issue(empty, `format('{}: empty ${what}', ${f.hdr(date)})`, date)}
				WHEN cqa_ts(r_${date}) IS NULL${fmt ? ` AND try_strptime(r_${date}, ${fmt}) IS NULL` : ''} THEN ${notADate(f, date)}
				ELSE ${timeReason} END`
		};
	}
	return {
		column: one,
		expr: 'CAST(NULL AS TIMESTAMP)',
		reason: sqlIssue(
			what === 'start time' ? 'no_column_start_time' : 'no_column_received_time',
			sqlString(`no column is mapped to the ${what} (${one}, or ${date} and ${time})`),
			{
				one: sqlString(one),
				date: sqlString(date),
				time: sqlString(time)
			}
		)
	};
}

const DURATIONS = ['ring_s', 'talk_s', 'hold_s', 'wrap_s'];
/** The parsed duration before the plausibility check (ring_s → ring_v). */
const vOf = (d: string) => d.replace(/_s$/, '_v');

/** Warning for a duration that parsed but is not plausible (over a day, or minutes/seconds ≥ 60); stored NULL. */
function implausibleDuration(f: Fields, d: string): string | null {
	if (!f.has(d)) return null;
	return `CASE WHEN ${vOf(d)} >= 0 AND NOT cqa_dur_ok(r_${d}, ${vOf(d)}) THEN ${f.issue('implausible_duration', `format('{}: "{}" is not a plausible duration (0 to {} s, minutes and seconds under 60); left empty', ${f.hdr(d)}, r_${d}, ${PLAUSIBLE.maxDurationS})`, d, { value: `r_${d}`, max: String(PLAUSIBLE.maxDurationS) })} END`;
}

/** The issue for a time whose year is outside the plausible range (import/plausible.ts). */
function implausibleDate(f: Fields, field: string): string {
	return f.issue(
		'implausible_date',
		`format('{}: "{}" is not a plausible date (years {}–{})', ${f.hdr(field)}, r_${field}, ${PLAUSIBLE.minYear}, ${PLAUSIBLE.maxYear})`,
		field,
		{ value: `r_${field}`, min: String(PLAUSIBLE.minYear), max: String(PLAUSIBLE.maxYear) }
	);
}

const EMPTY_ID: Record<string, ReasonCode> = { call_id: 'empty_call_id', complaint_id: 'empty_complaint_id', text: 'empty_text_cell' };

function idReason(f: Fields, field: 'call_id' | 'complaint_id' | 'text', what: string): string {
	return f.has(field)
		? f.issue(EMPTY_ID[field], `format('{}: empty ${what}', ${f.hdr(field)})`, field)
		: sqlIssue('no_column_mapped', sqlString(`no column is mapped to ${field}`), { field: sqlString(field) });
}

/** The final SELECT of each builder names the tagged columns; this adds their English twins. */
function withEnglish(sql: string, out: string): string {
	return `CREATE OR REPLACE TEMP TABLE ${out} AS
SELECT *, ${SQL_ISSUE_REASON('reject_issue')} AS reject_reason, list_transform(warning_issues, x -> ${SQL_ISSUE_REASON('x')}) AS warnings
FROM (${sql})`;
}

const CALL_RAW = [
	'call_id',
	'call_id_scope',
	'agent_id',
	'agent_name',
	'team',
	'queue',
	'channel',
	'direction',
	'customer_id',
	'started_at',
	'start_date',
	'start_time',
	'ring_s',
	'talk_s',
	'hold_s',
	'wrap_s',
	'abandoned',
	'answered',
	'outcome',
	'transferred',
	'resolved',
	'csat',
	'category',
	'recording'
];

export const CALL_COLUMNS = [
	'call_id',
	'agent_id',
	'agent_name',
	'team',
	'queue',
	'channel',
	'direction',
	'customer_id',
	'started_at',
	'ring_s',
	'talk_s',
	'hold_s',
	'wrap_s',
	'abandoned',
	'transferred',
	'resolved',
	'csat',
	'category',
	'recording',
	'source_file',
	'source_line'
];

export function buildNormaliseCallsSql(i: NormaliseInput): string {
	const f = new Fields(i.columns);
	const start = timestampOf(f, 'started_at', 'start_date', 'start_time', 'start time', i.dateFormat);
	// Durations are parsed into <x>_v; <x>_s keeps them only when plausible (negative or implausible → NULL + warning).
	const negative = (field: string, what: string, code: ReasonCode) =>
		f.has(field)
			? `CASE WHEN ${vOf(field)} < 0 THEN ${f.issue(code, `format('{}: negative ${what} {}, left empty', ${f.hdr(field)}, r_${field})`, field, { value: `r_${field}` })} END`
			: null;
	const warnings = warningList([
		...DURATIONS.map((d) => f.unparsed(d, vOf(d), 'a duration', 'not_a_duration')),
		...DURATIONS.map((d) => implausibleDuration(f, d)),
		negative('ring_s', 'wait', 'negative_wait'),
		negative('talk_s', 'talk time', 'negative_talk'),
		negative('hold_s', 'hold time', 'negative_hold'),
		negative('wrap_s', 'wrap-up time', 'negative_wrap'),
		f.has('talk_s')
			? `CASE WHEN talk_s = 0 AND abandoned = false THEN ${f.issue('talk_zero_answered', `format('{}: talk time 0 on an answered call', ${f.hdr('talk_s')})`, 'talk_s')} END`
			: null,
		...['abandoned', 'answered', 'transferred', 'resolved'].map((b) => f.unparsed(b, `cqa_bool(r_${b})`, 'yes/no', 'not_yes_no')),
		f.unparsed('outcome', 'cqa_outcome_abandoned(r_outcome)', 'a known outcome', 'not_an_outcome'),
		f.unparsed('csat', 'csat_raw', 'a rating', 'not_a_rating'),
		f.has('csat')
			? `CASE WHEN csat_raw NOT BETWEEN 1 AND 5 THEN ${f.issue('csat_out_of_range', `format('{}: {} is outside 1–5, left empty', ${f.hdr('csat')}, r_csat)`, 'csat', { value: 'r_csat' })} END`
			: null,
		f.has('agent_name')
			? `CASE WHEN cqa_no_agent(r_agent_name) AND abandoned = false THEN ${f.issue('answered_without_agent', `format('{}: call answered by {}', ${f.hdr('agent_name')}, r_agent_name)`, 'agent_name', { value: 'r_agent_name' })} END`
			: null
	]);
	return withEnglish(
		`WITH v AS (
	SELECT coalesce(l.line, s.rowid + ${i.lineOffset ?? 2}) AS source_line,
		${f.rawSelect(CALL_RAW)}
	FROM ${i.stage} s LEFT JOIN ${i.lines} l ON l.rn = s.rowid
), p AS (
	SELECT *,
		CASE WHEN r_call_id IS NULL THEN NULL WHEN r_call_id_scope IS NULL THEN r_call_id ELSE r_call_id_scope || '-' || r_call_id END AS call_id,
		${start.expr} AS started_at,
		${DURATIONS.map((d) => (f.has(d) ? `cqa_dur(r_${d}) AS ${vOf(d)}` : `CAST(NULL AS DOUBLE) AS ${vOf(d)}`)).join(', ')},
		coalesce(cqa_bool(r_abandoned), NOT cqa_bool(r_answered), cqa_outcome_abandoned(r_outcome)) AS abandoned,
		cqa_bool(r_transferred) AS transferred,
		cqa_bool(r_resolved) AS resolved,
		cqa_csat_raw(r_csat) AS csat_raw,
		r_agent_id AS agent_id,
		CASE WHEN cqa_no_agent(r_agent_name) THEN NULL ELSE r_agent_name END AS agent_name,
		r_team AS team, r_queue AS queue,
		cqa_channel(r_channel) AS channel, cqa_direction(r_direction) AS direction,
		r_customer_id AS customer_id, r_category AS category, r_recording AS recording
	FROM v
), r AS (
	SELECT *,
		${DURATIONS.map((d) => (f.has(d) ? `CASE WHEN cqa_dur_ok(r_${d}, ${vOf(d)}) THEN ${vOf(d)} END AS ${d}` : `CAST(NULL AS DOUBLE) AS ${d}`)).join(', ')},
		CASE
		WHEN call_id IS NULL THEN ${idReason(f, 'call_id', 'call id')}
		WHEN started_at IS NULL THEN ${start.reason}
		WHEN NOT cqa_ts_ok(started_at) THEN ${implausibleDate(f, start.column)}
	END AS base_reason
	FROM p
)
SELECT *,
	CASE WHEN csat_raw BETWEEN 1 AND 5 THEN csat_raw END AS csat,
	${sqlString(i.file)} AS source_file,
	CASE
		WHEN base_reason IS NOT NULL THEN base_reason
		WHEN row_number() OVER w > 1 THEN ${sqlIssue('duplicate_call_id', `format('duplicate call id {} (first seen on line {})', call_id, min(source_line) OVER w)`, { id: 'call_id', first_line: 'min(source_line) OVER w' })}
	END AS reject_issue,
	${warnings} AS warning_issues
FROM r
WINDOW w AS (PARTITION BY call_id, base_reason IS NULL ORDER BY source_line)`,
		i.out
	);
}

const COMPLAINT_RAW = [
	'complaint_id',
	'call_id',
	'customer_id',
	'agent_id',
	'received_at',
	'received_date',
	'received_time',
	'category',
	'severity',
	'due_at',
	'resolved_at',
	'followed_up_at',
	'follow_up_satisfied',
	'status',
	'title',
	'description',
	'channel'
];

export const COMPLAINT_COLUMNS = [
	'complaint_id',
	'call_id',
	'customer_id',
	'agent_id',
	'received_at',
	'category',
	'severity',
	'due_at',
	'resolved_at',
	'followed_up_at',
	'follow_up_satisfied',
	'status',
	'title',
	'description',
	'channel',
	'source_file',
	'source_line'
];

/** Complaint files without an id column get `<file>#<line>`, stable across re-imports of the same file. */
export function buildNormaliseComplaintsSql(i: NormaliseInput): string {
	const f = new Fields(i.columns);
	const received = timestampOf(f, 'received_at', 'received_date', 'received_time', 'received time', i.dateFormat);
	const idExpr = f.has('complaint_id') ? 'r_complaint_id' : `${sqlString(i.file + '#')} || source_line`;
	const warnings = warningList([
		f.unparsed('severity', 'severity', 'a severity (1–3, 一般/严重/重大)', 'not_a_severity'),
		f.unparsed('due_at', 'due_at', 'a date or time limit', 'not_a_due'),
		f.unparsed('resolved_at', 'resolved_v', 'a date', 'not_a_date'),
		f.unparsed('followed_up_at', 'followed_up_v', 'a date', 'not_a_date'),
		...['resolved_at', 'followed_up_at'].map((d) =>
			f.has(d) ? `CASE WHEN NOT cqa_ts_ok(${d.replace(/_at$/, '_v')}) THEN ${implausibleDate(f, d)} END` : null
		),
		f.unparsed('follow_up_satisfied', 'follow_up_satisfied', 'yes/no', 'not_yes_no'),
		f.has('resolved_at')
			? `CASE WHEN resolved_at < received_at THEN ${f.issue('resolved_before_received', `format('{}: resolved before it was received', ${f.hdr('resolved_at')})`, 'resolved_at')} END`
			: null
	]);
	return withEnglish(
		`WITH v AS (
	SELECT coalesce(l.line, s.rowid + ${i.lineOffset ?? 2}) AS source_line,
		${f.rawSelect(COMPLAINT_RAW)}
	FROM ${i.stage} s LEFT JOIN ${i.lines} l ON l.rn = s.rowid
), p AS (
	SELECT *,
		${idExpr} AS complaint_id,
		${received.expr} AS received_at,
		r_call_id AS call_id, r_customer_id AS customer_id, r_agent_id AS agent_id,
		nullif(rtrim(r_category, ',，;；'), '') AS category,
		cqa_severity(r_severity) AS severity,
		cqa_ts(r_resolved_at) AS resolved_v, CASE WHEN cqa_ts_ok(cqa_ts(r_resolved_at)) THEN cqa_ts(r_resolved_at) END AS resolved_at,
		cqa_ts(r_followed_up_at) AS followed_up_v, CASE WHEN cqa_ts_ok(cqa_ts(r_followed_up_at)) THEN cqa_ts(r_followed_up_at) END AS followed_up_at,
		coalesce(cqa_bool(r_follow_up_satisfied),
			CASE WHEN cqa_csat_raw(r_follow_up_satisfied) BETWEEN 4 AND 5 THEN true WHEN cqa_csat_raw(r_follow_up_satisfied) BETWEEN 1 AND 2 THEN false END
		) AS follow_up_satisfied,
		r_status AS status, r_title AS title, r_description AS description, r_channel AS channel
	FROM v
), q AS (
	-- 处理时限 is either a timestamp or a time limit after receipt (48小时, 3天, 24h).
	SELECT *, coalesce(cqa_ts(r_due_at),
		CASE WHEN regexp_full_match(r_due_at, '\\d+(\\.\\d+)?\\s*(天|日|d|days?)') THEN received_at + to_seconds(CAST(regexp_extract(r_due_at, '[\\d.]+') AS DOUBLE) * 86400)
			WHEN regexp_full_match(r_due_at, '\\d+(\\.\\d+)?\\s*(小时|时|h|hours?)') THEN received_at + to_seconds(CAST(regexp_extract(r_due_at, '[\\d.]+') AS DOUBLE) * 3600)
		END) AS due_at
	FROM p
), r AS (
	SELECT *, CASE
		WHEN complaint_id IS NULL THEN ${idReason(f, 'complaint_id', 'complaint id')}
		WHEN received_at IS NULL THEN ${received.reason}
		WHEN NOT cqa_ts_ok(received_at) THEN ${implausibleDate(f, received.column)}
	END AS base_reason
	FROM q
)
SELECT *,
	${sqlString(i.file)} AS source_file,
	CASE
		WHEN base_reason IS NOT NULL THEN base_reason
		WHEN row_number() OVER w > 1 THEN ${sqlIssue('duplicate_complaint_id', `format('duplicate complaint id {} (first seen on line {})', complaint_id, min(source_line) OVER w)`, { id: 'complaint_id', first_line: 'min(source_line) OVER w' })}
	END AS reject_issue,
	${warnings} AS warning_issues
FROM r
WINDOW w AS (PARTITION BY complaint_id, base_reason IS NULL ORDER BY source_line)`,
		i.out
	);
}

const SEGMENT_RAW = ['call_id', 'seq', 'speaker', 'start_s', 'end_s', 'text'];

export const SEGMENT_COLUMNS = ['call_id', 'seq', 'speaker', 'speaker_label', 'start_s', 'end_s', 'text', 'source_file'];

/** Segments keep their order as given; without a seq column the order in the file numbers them per call. */
export function buildNormaliseSegmentsSql(i: NormaliseInput): string {
	const f = new Fields(i.columns);
	const hasSeq = f.has('seq');
	const warnings = warningList([
		f.unparsed('seq', 'seq_given', 'a whole number (file order used)', 'not_a_seq'),
		f.unparsed('start_s', 'start_s', 'a time in seconds', 'not_seconds'),
		f.unparsed('end_s', 'end_s', 'a time in seconds', 'not_seconds'),
		f.has('end_s') && f.has('start_s')
			? `CASE WHEN end_s < start_s THEN ${f.issue('segment_ends_before_start', `format('{}: ends ({}) before it starts ({})', ${f.hdr('end_s')}, r_end_s, r_start_s)`, 'end_s', { end: 'r_end_s', start: 'r_start_s' })} END`
			: null
	]);
	return withEnglish(
		`WITH v AS (
	SELECT coalesce(l.line, s.rowid + ${i.lineOffset ?? 2}) AS source_line,
		${f.rawSelect(SEGMENT_RAW)}
	FROM ${i.stage} s LEFT JOIN ${i.lines} l ON l.rn = s.rowid
), p AS (
	SELECT *,
		r_call_id AS call_id,
		CAST(TRY_CAST(r_seq AS DOUBLE) AS INTEGER) AS seq_given,
		${f.has('speaker') ? "cqa_speaker(coalesce(r_speaker, ''))" : "'system'"} AS speaker,
		r_speaker AS speaker_label,
		cqa_dur(r_start_s) AS start_s,
		cqa_dur(r_end_s) AS end_s,
		r_text AS text
	FROM v
), r AS (
	SELECT *, CASE
		WHEN call_id IS NULL THEN ${idReason(f, 'call_id', 'call id')}
		WHEN text IS NULL THEN ${idReason(f, 'text', 'text')}
	END AS base_reason
	FROM p
), n AS (
	SELECT *, coalesce(seq_given, CAST(row_number() OVER (PARTITION BY call_id, base_reason IS NULL ORDER BY source_line) AS INTEGER)) AS seq
	FROM r
)
SELECT *,
	${sqlString(i.file)} AS source_file,
	CASE
		WHEN base_reason IS NOT NULL THEN base_reason
		${hasSeq ? `WHEN seq_given IS NOT NULL AND row_number() OVER w > 1 THEN ${sqlIssue('duplicate_segment', `format('duplicate segment: call {} seq {} (first seen on line {})', call_id, seq, min(source_line) OVER w)`, { call: 'call_id', seq: 'seq', first_line: 'min(source_line) OVER w' })}` : ''}
	END AS reject_issue,
	${warnings} AS warning_issues
FROM n
WINDOW w AS (PARTITION BY call_id, seq_given, base_reason IS NULL ORDER BY source_line)`,
		i.out
	);
}

export function buildNormaliseSql(kind: TabularKind, input: NormaliseInput): string {
	if (kind === 'call_log') return buildNormaliseCallsSql(input);
	if (kind === 'complaints') return buildNormaliseComplaintsSql(input);
	return buildNormaliseSegmentsSql(input);
}

/**
 * Statements that move the accepted rows of `out` into the canonical table (segments: see
 * transcripts/commit-segments.ts) and mark the calls they touch for re-scoring. Calls and complaints replace rows with
 * the same id (a corrected export re-imported wins); a call row that a transcript or recording created (no call log
 * had it) is filled in instead: the call log's values win, the row's own values stay where the log has none.
 */
export function buildInsertSql(kind: Exclude<TabularKind, 'transcript'>, out: string): string[] {
	const accepted = `SELECT * FROM ${out} WHERE reject_reason IS NULL`;
	if (kind === 'complaints') {
		const cols = COMPLAINT_COLUMNS.join(', ');
		return [
			// The calls a re-imported complaint pointed at before, and the ones it points at now.
			markDirtySql(`SELECT call_id FROM complaints WHERE complaint_id IN (SELECT complaint_id FROM (${accepted}))`),
			`INSERT OR REPLACE INTO complaints (${cols}) SELECT ${cols} FROM ${out} WHERE reject_reason IS NULL`,
			markDirtySql(`SELECT call_id FROM (${accepted})`)
		];
	}
	const own = new Set(['call_id', 'source_file', 'source_line']);
	const values = CALL_COLUMNS.map((c) => (own.has(c) ? `o.${c}` : `coalesce(o.${c}, p.${c})`)).join(', ');
	return [
		`INSERT OR REPLACE INTO calls (${CALL_COLUMNS.join(', ')}, origin)
		SELECT ${values}, 'call_log' FROM ${out} o
		LEFT JOIN calls p ON p.call_id = o.call_id AND ${isPlaceholderSql('p')}
		WHERE o.reject_reason IS NULL`,
		markDirtySql(`SELECT call_id FROM (${accepted})`)
	];
}

/** import_errors rows for the rejects and warnings of `out` (file name bound as the first parameter). */
export function buildIssuesSql(out: string): string {
	return `INSERT INTO import_errors (file, line, severity, reason)
SELECT ?, source_line, 'error', reject_reason FROM ${out} WHERE reject_reason IS NOT NULL
UNION ALL
SELECT ?, source_line, 'warning', unnest(warnings) FROM ${out} WHERE reject_reason IS NULL AND len(warnings) > 0`;
}
