// The review exchange file layout shared by CSV and Parquet: one row per record, a record_type column saying
// which (a review, one item override, one comment, an appeal against a review, one appealed item with its
// decision), the other columns filled as that type needs. Files written before appeals travelled lack the appeal
// columns and still read. Also the validation of one row read back from either format. Pure TS; reading/writing
// the formats is csv.ts/parquet.ts.

export const RECORD_TYPES = ['review', 'override', 'comment', 'appeal', 'appeal_item'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** One exported/imported record; columns a record type does not use are null. Times are 'YYYY-MM-DD HH:MM:SS'. */
export interface ExchangeRecord {
	record_type: RecordType;
	call_id: string;
	rubric_id: string | null;
	rubric_version: number | null;
	inspector: string | null;
	status: 'draft' | 'submitted' | null;
	score: number | null;
	submitted_at: string | null;
	updated_at: string | null;
	item_id: string | null;
	override_result: 'pass' | 'fail' | 'na' | null;
	reason: string | null;
	comment_id: string | null;
	at_s: number | null;
	text: string | null;
	created_at: string | null;
	appeal_id: string | null;
	appellant: string | null;
	filed_at: string | null;
	result_before: 'pass' | 'fail' | 'na' | null;
	decision: 'uphold' | 'overturn' | null;
	result_after: 'pass' | 'fail' | 'na' | null;
	decision_reason: string | null;
	decided_by: string | null;
	decided_at: string | null;
}

export type ColumnKind = 'text' | 'int' | 'number' | 'time';

/** Every column of the layout, in file order, with its kind (CSV: how the text is parsed; Parquet: its type). */
export const COLUMNS: readonly { name: keyof ExchangeRecord; kind: ColumnKind }[] = [
	{ name: 'record_type', kind: 'text' },
	{ name: 'call_id', kind: 'text' },
	{ name: 'rubric_id', kind: 'text' },
	{ name: 'rubric_version', kind: 'int' },
	{ name: 'inspector', kind: 'text' },
	{ name: 'status', kind: 'text' },
	{ name: 'score', kind: 'number' },
	{ name: 'submitted_at', kind: 'time' },
	{ name: 'updated_at', kind: 'time' },
	{ name: 'item_id', kind: 'text' },
	{ name: 'override_result', kind: 'text' },
	{ name: 'reason', kind: 'text' },
	{ name: 'comment_id', kind: 'text' },
	{ name: 'at_s', kind: 'number' },
	{ name: 'text', kind: 'text' },
	{ name: 'created_at', kind: 'time' },
	{ name: 'appeal_id', kind: 'text' },
	{ name: 'appellant', kind: 'text' },
	{ name: 'filed_at', kind: 'time' },
	{ name: 'result_before', kind: 'text' },
	{ name: 'decision', kind: 'text' },
	{ name: 'result_after', kind: 'text' },
	{ name: 'decision_reason', kind: 'text' },
	{ name: 'decided_by', kind: 'text' },
	{ name: 'decided_at', kind: 'time' }
];
export const COLUMN_NAMES: readonly string[] = COLUMNS.map((c) => c.name);
/** A file without these cannot be read at all. */
export const REQUIRED_COLUMNS = ['record_type', 'call_id'] as const;

/** Which columns each record type must have a value in. */
const REQUIRED_BY_TYPE: Record<RecordType, (keyof ExchangeRecord)[]> = {
	review: ['rubric_id', 'rubric_version', 'status', 'updated_at'],
	override: ['rubric_id', 'rubric_version', 'item_id', 'override_result', 'reason', 'updated_at'],
	comment: ['comment_id', 'text', 'created_at'],
	appeal: ['appeal_id', 'rubric_id', 'rubric_version', 'appellant', 'reason', 'filed_at'],
	appeal_item: ['appeal_id', 'item_id', 'result_before']
};

/** A problem in an imported file. `row` is the spreadsheet row (header = 1) for CSV, the 1-based record for Parquet. */
export interface ExchangeIssue {
	file: string;
	row: number | null;
	/** CSV: the file line the row starts on, when a cell with a line break above it makes it differ from `row` */
	line?: number;
	severity: 'error' | 'warning';
	code:
		| 'unreadable'
		| 'missing_column'
		| 'unknown_column'
		| 'wrong_column_type'
		| 'bad_record_type'
		| 'missing_value'
		| 'bad_value'
		| 'duplicate'
		| 'orphan_override'
		| 'orphan_appeal'
		| 'orphan_appeal_item'
		| 'appeal_differs'
		| 'unknown_call'
		| 'comment_differs'
		| 'foreign_file';
	column?: string;
	value?: string;
	detail?: string;
}

// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"). A cell that starts
// with them, after any number of apostrophes, gets one more apostrophe in front, so restoring is exact:
// "=SUM(A1)" ⇄ "'=SUM(A1)", and a text that really starts "'=" becomes "''=" and comes back as "'=".
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutraliseCell(s: string): string {
	return FORMULA_LIKE.test(s) ? "'" + s : s;
}

export function restoreCell(s: string): string {
	return NEUTRALISED.test(s) ? s.slice(1) : s;
}

const TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?$/;

/** A Date as the naive 'YYYY-MM-DD HH:MM:SS' the review tables keep (DuckDB TIMESTAMP, no zone). */
export function formatTime(d: Date): string {
	return d.toISOString().slice(0, 19).replace('T', ' ');
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

type Coerced = { ok: true; value: string | number | null } | { ok: false };

/** A raw cell (CSV text, or a Parquet value) as the column's kind; empty text and null are null. */
function coerce(kind: ColumnKind, raw: unknown): Coerced {
	if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
	if (kind === 'text') return typeof raw === 'string' ? { ok: true, value: raw } : { ok: false };
	if (kind === 'time') {
		if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { ok: false } : { ok: true, value: formatTime(raw) };
		if (typeof raw !== 'string') return { ok: false };
		const m = TIME.exec(raw.trim());
		if (!m) return { ok: false };
		// Date.parse rolls 2026-11-31 over to December; only a time that formats back to itself is real.
		const d = new Date(`${m[1]}T${m[2]}Z`);
		const value = `${m[1]} ${m[2]}`;
		return !Number.isNaN(d.getTime()) && formatTime(d) === value ? { ok: true, value } : { ok: false };
	}
	const n =
		typeof raw === 'number'
			? raw
			: typeof raw === 'bigint'
				? Number(raw)
				: typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)
					? Number(raw)
					: NaN;
	if (!Number.isFinite(n)) return { ok: false };
	// A whole number the workspace's INTEGER columns cannot hold is as bad as a fraction (not a raw DuckDB error).
	if (kind === 'int' && (!Number.isInteger(n) || n < INT_MIN || n > INT_MAX)) return { ok: false };
	return { ok: true, value: n };
}

const show = (raw: unknown) => (raw instanceof Date ? raw.toISOString() : String(raw)).slice(0, 60);

/**
 * One raw row (column name → cell) as a record, or the issues that reject it. CSV cells arrive as text
 * (already restored from neutralisation), Parquet cells as typed values; both go through the same checks.
 */
export function validateRecord(
	raw: Record<string, unknown>,
	file: string,
	row: number
): { record: ExchangeRecord | null; issues: ExchangeIssue[] } {
	const issues: ExchangeIssue[] = [];
	const out: Record<string, unknown> = {};
	for (const c of COLUMNS) {
		const r = coerce(c.kind, raw[c.name]);
		if (r.ok) out[c.name] = r.value;
		else issues.push({ file, row, severity: 'error', code: 'bad_value', column: c.name, value: show(raw[c.name]), detail: c.kind });
	}
	if (issues.length > 0) return { record: null, issues };
	const type = out.record_type as string | null;
	if (!type || !(RECORD_TYPES as readonly string[]).includes(type)) {
		return {
			record: null,
			issues: [
				{ file, row, severity: 'error', code: type ? 'bad_record_type' : 'missing_value', column: 'record_type', value: type ?? undefined }
			]
		};
	}
	for (const col of ['call_id', ...REQUIRED_BY_TYPE[type as RecordType]]) {
		if (out[col] == null || (typeof out[col] === 'string' && !(out[col] as string).trim()))
			issues.push({ file, row, severity: 'error', code: 'missing_value', column: col });
	}
	const oneOf = (col: string, allowed: readonly string[]) => {
		if (out[col] != null && !allowed.includes(out[col] as string))
			issues.push({ file, row, severity: 'error', code: 'bad_value', column: col, value: show(out[col]), detail: allowed.join('|') });
	};
	if (type === 'review') oneOf('status', ['draft', 'submitted']);
	if (type === 'override') oneOf('override_result', ['pass', 'fail', 'na']);
	if (type === 'appeal_item') {
		oneOf('result_before', ['pass', 'fail', 'na']);
		oneOf('decision', ['uphold', 'overturn']);
		oneOf('result_after', ['pass', 'fail', 'na']);
		// A decision is whole (what, why, who, when) and only an overturn gives the item a new result.
		if (out.decision != null)
			for (const col of ['decision_reason', 'decided_by', 'decided_at'])
				if (out[col] == null || (typeof out[col] === 'string' && !(out[col] as string).trim()))
					issues.push({ file, row, severity: 'error', code: 'missing_value', column: col });
		if ((out.decision === 'overturn') !== (out.result_after != null))
			issues.push({
				file,
				row,
				severity: 'error',
				code: out.decision === 'overturn' ? 'missing_value' : 'bad_value',
				column: 'result_after',
				value: out.result_after == null ? undefined : show(out.result_after),
				detail: out.decision === 'overturn' ? undefined : 'decision = overturn'
			});
	}
	if (type === 'review' && out.score != null && ((out.score as number) < 0 || (out.score as number) > 100)) {
		issues.push({ file, row, severity: 'error', code: 'bad_value', column: 'score', value: show(out.score), detail: '0–100' });
	}
	if (issues.length > 0) return { record: null, issues };
	// Keep only what the record type uses, so a stray value in another column cannot change a merge.
	const used = new Set<string>(['record_type', 'call_id', ...USED_BY_TYPE[type as RecordType]]);
	const record = Object.fromEntries(COLUMN_NAMES.map((n) => [n, used.has(n) ? out[n] : null])) as unknown as ExchangeRecord;
	return { record, issues };
}

const USED_BY_TYPE: Record<RecordType, (keyof ExchangeRecord)[]> = {
	review: ['rubric_id', 'rubric_version', 'inspector', 'status', 'score', 'submitted_at', 'updated_at'],
	override: ['rubric_id', 'rubric_version', 'item_id', 'override_result', 'reason', 'updated_at'],
	comment: ['comment_id', 'at_s', 'text', 'created_at'],
	appeal: ['appeal_id', 'rubric_id', 'rubric_version', 'appellant', 'reason', 'filed_at'],
	appeal_item: ['appeal_id', 'item_id', 'result_before', 'decision', 'result_after', 'decision_reason', 'decided_by', 'decided_at']
};

/** What makes a record the same record within one file (a second one is a duplicate), and the column that says so. */
function identity(r: ExchangeRecord): { id: string; column: keyof ExchangeRecord; value: string } {
	const key = JSON.stringify([r.call_id, r.rubric_id, r.rubric_version]);
	switch (r.record_type) {
		case 'review':
			return { id: 'r' + key, column: 'call_id', value: r.call_id };
		case 'override':
			return { id: 'o' + key + '\u0000' + r.item_id, column: 'item_id', value: r.item_id ?? '' };
		case 'comment':
			return { id: 'c' + r.comment_id, column: 'comment_id', value: r.comment_id ?? '' };
		case 'appeal':
			return { id: 'a' + r.appeal_id, column: 'appeal_id', value: r.appeal_id ?? '' };
		case 'appeal_item':
			return { id: 'i' + r.appeal_id + '\u0000' + r.item_id, column: 'item_id', value: r.item_id ?? '' };
	}
}

/**
 * Within one file: a record given twice; overrides and appeals whose review line is missing; appealed items whose
 * appeal line is missing or names another call.
 */
export function checkFileConsistency(
	records: { record: ExchangeRecord; row: number }[],
	file: string
): { kept: ExchangeRecord[]; issues: ExchangeIssue[] } {
	const issues: ExchangeIssue[] = [];
	const reviewKeys = new Set<string>();
	const seen = new Set<string>();
	const key = (r: ExchangeRecord) => JSON.stringify([r.call_id, r.rubric_id, r.rubric_version]);
	const unique: { record: ExchangeRecord; row: number }[] = [];
	for (const x of records) {
		const who = identity(x.record);
		if (seen.has(who.id)) {
			issues.push({ file, row: x.row, severity: 'error', code: 'duplicate', column: who.column, value: who.value });
			continue;
		}
		seen.add(who.id);
		if (x.record.record_type === 'review') reviewKeys.add(key(x.record));
		unique.push(x);
	}
	const orphan = (
		x: { record: ExchangeRecord; row: number },
		code: 'orphan_override' | 'orphan_appeal' | 'orphan_appeal_item',
		column: string,
		value: string
	) => issues.push({ file, row: x.row, severity: 'error', code, column, value });
	// An appealed item is kept only with its appeal (same call), and an appeal only with its review.
	const appealsKept = new Map<string, string>();
	for (const { record: r } of unique)
		if (r.record_type === 'appeal' && reviewKeys.has(key(r))) appealsKept.set(r.appeal_id ?? '', r.call_id);
	const kept: ExchangeRecord[] = [];
	for (const x of unique) {
		const r = x.record;
		if (r.record_type === 'override' && !reviewKeys.has(key(r))) orphan(x, 'orphan_override', 'call_id', r.call_id);
		else if (r.record_type === 'appeal' && !reviewKeys.has(key(r))) orphan(x, 'orphan_appeal', 'call_id', r.call_id);
		else if (r.record_type === 'appeal_item' && appealsKept.get(r.appeal_id ?? '') !== r.call_id)
			orphan(x, 'orphan_appeal_item', 'appeal_id', r.appeal_id ?? '');
		else kept.push(r);
	}
	return { kept, issues };
}

/** Column-level checks of a file's header: missing required columns reject the file; unknown ones are ignored. */
export function checkHeader(names: readonly string[], file: string): { isReadable: boolean; issues: ExchangeIssue[] } {
	const issues: ExchangeIssue[] = [];
	for (const n of names) {
		if (!COLUMN_NAMES.includes(n)) issues.push({ file, row: null, severity: 'warning', code: 'unknown_column', column: n });
	}
	const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
	for (const c of missing) issues.push({ file, row: null, severity: 'error', code: 'missing_column', column: c });
	return { isReadable: missing.length === 0, issues };
}

export interface ParsedFile {
	file: string;
	records: ExchangeRecord[];
	/** data rows in the file */
	rowsTotal: number;
	issues: ExchangeIssue[];
}

/** Validates the rows of a file whose header was readable; shared tail of the CSV and Parquet readers. */
export function validateRows(
	file: string,
	rows: { raw: Record<string, unknown>; row: number; line?: number }[],
	headerIssues: ExchangeIssue[]
): ParsedFile {
	const issues = [...headerIssues];
	const valid: { record: ExchangeRecord; row: number }[] = [];
	const lineOf = new Map(rows.filter((r) => r.line !== undefined && r.line !== r.row).map((r) => [r.row, r.line!]));
	const withLine = (i: ExchangeIssue): ExchangeIssue => (i.row != null && lineOf.has(i.row) ? { ...i, line: lineOf.get(i.row) } : i);
	for (const r of rows) {
		const v = validateRecord(r.raw, file, r.row);
		issues.push(...v.issues.map(withLine));
		if (v.record) valid.push({ record: v.record, row: r.row });
	}
	const c = checkFileConsistency(valid, file);
	issues.push(...c.issues.map(withLine));
	return { file, records: c.kept, rowsTotal: rows.length, issues };
}
