// The one JSON encoder written in SQL, and the few readers of its output that SQL needs. duckdb-wasm ships without
// the json extension (to_json, json_object, json_extract fail: see db/settings.ts), so JSON built inside a query is
// concatenated here and nowhere else: findings.evidence_params (scoring/evidence.ts) and the params of import
// issues built in SQL (import/reasons.ts). JS reads the result with JSON.parse. Plain strings, no DuckDB here.
import { sqlString } from './sql';

/** Lambda parameter names that no query uses for a table alias (`s`, `c` are cqa_seg and cqa_call). */
const STR = 'cqa_json_s';
const CH = 'cqa_json_c';

/** The characters a JSON string cannot hold as they are: control characters, the quote, the backslash. */
const NEEDS_ESCAPE = String.raw`'[\x00-\x1f"\\]'`;

/** One character as JSON writes it: the short escapes JSON.stringify uses, else \u00XX for a control character. */
const ESCAPE_CHAR = String.raw`${CH} -> CASE WHEN ${CH} = '"' THEN '\"' WHEN ${CH} = '\' THEN '\\'
	WHEN ${CH} = chr(10) THEN '\n' WHEN ${CH} = chr(13) THEN '\r' WHEN ${CH} = chr(9) THEN '\t' WHEN ${CH} = chr(8) THEN '\b' WHEN ${CH} = chr(12) THEN '\f'
	WHEN ord(${CH}) < 32 THEN format('\u{:04x}', ord(${CH})) ELSE ${CH} END`;

/**
 * A SQL expression made a JSON string (cast to VARCHAR; NULL stays NULL), byte for byte what JSON.stringify writes
 * for the same text. Text with nothing to escape (nearly all) is only scanned by one RE2 match; the rest is escaped
 * character by character. The expression is written once (a one-element list's lambda names it).
 */
export function jsonStringSql(expr: string): string {
	return `(list_transform([(${expr})::VARCHAR], ${STR} -> '"' || CASE WHEN regexp_matches(${STR}, ${NEEDS_ESCAPE})
		THEN array_to_string(list_transform(string_split(${STR}, ''), ${ESCAPE_CHAR}), '') ELSE ${STR} END || '"'))[1]`;
}

/** A field value: a SQL expression made a JSON string, or `{ json }`, an expression that already is JSON. */
export type JsonField = string | { json: string };

/** A JSON object as SQL from its fields, in this order; a field whose value is NULL is left out. */
export function jsonObjectSql(fields: Record<string, JsonField>): string {
	const members = Object.entries(fields).map(
		([k, v]) => `${sqlString(JSON.stringify(k) + ':')} || ${typeof v === 'string' ? jsonStringSql(v) : `(${v.json})`}`
	);
	return members.length ? `'{' || concat_ws(',', ${members.join(', ')}) || '}'` : `'{}'`;
}

/** A JSON array as SQL from SQL giving its members (already JSON) comma-joined; NULL stays NULL. */
export const jsonArraySql = (members: string): string => `'[' || ${members} || ']'`;

// Reading it back in SQL. These rely on what the encoder above writes (no spaces, a quote inside a string always
// escaped), so they find a key wherever it stands and never inside a string value.

/** A JSON string token: the quotes and what is between them. */
const STRING_RE = String.raw`"(?:[^"\\]|\\.)*"`;

/**
 * The objects in a JSON text that hold no object themselves, in order, as a list of their JSON texts: the parts of
 * a `{"parts":[…]}`, or the whole object when it has none. Strings are skipped whole, so a brace in a value is text.
 */
export const jsonLeafObjectsSql = (expr: string): string =>
	`regexp_extract_all(${expr}, ${sqlString(String.raw`\{(?:${STRING_RE}|[^{}"])*\}`)})`;

/**
 * The string value of `key` in one such object, as written between its quotes (escapes are not undone: for codes,
 * numbers and turn numbers); NULL when the object has no such string member or it is empty.
 */
export function jsonFieldSql(objectExpr: string, key: string): string {
	if (!/^[a-z_]+$/.test(key)) throw new Error(`not a params key: ${key}`);
	const re = String.raw`[{,]"${key}":"((?:[^"\\]|\\.)*)"`;
	return `nullif(regexp_extract(${objectExpr}, ${sqlString(re)}, 1), '')`;
}
