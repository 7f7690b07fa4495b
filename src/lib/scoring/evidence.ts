// The machine-readable side of a finding's evidence: every code rules-sql.ts can put in
// findings.evidence_code, and the SQL that builds findings.evidence_params, a JSON object as a string. The
// English `evidence` stays the CLI's text and the fallback; the UI says it in the interface language
// (`evidence.<code>` in the i18n catalogues, i18n/describe-evidence.ts). No DOM here.
//
// Params are strings formatted in SQL exactly as in the English text (so both DuckDBs agree byte for byte).
// A param holding an array is a list: of strings (quoted phrases) or of parts, objects with their own `code`.
// Code `list` is the evidence of several parts ({"parts": […]}) the English joins with '; '.
import { jsonArraySql, jsonObjectSql, type JsonField } from '../db/json-sql';
import { sqlString } from '../db/sql';

/** Every code rules-sql.ts and compile.ts emit; the i18n test checks each has `evidence.<code>` in zh and en. */
export const EVIDENCE_CODES = [
	// any rule
	'list',
	'not_applicable',
	'manual',
	// an item that applies but has nothing to read (n/a with the reason)
	'no_transcript',
	'no_times',
	'no_data',
	// phrase_required
	'no_turn',
	'no_agent_turn',
	'no_customer_turn',
	'phrase_found',
	'phrase_close',
	'phrase_accepted',
	'phrase_near',
	'phrase_missing',
	// phrase_banned
	'banned_none',
	'banned_in_seq',
	'banned_excused',
	// interruption
	'interruption_count',
	'interruption_count_complaint',
	'interruption_event',
	'interruption_event_va',
	'interruption_event_va_untied',
	'interruption_ignored',
	'from_audio',
	// response_time
	'abandoned',
	'ring_ok',
	'ring_over',
	'reply_late',
	'reply_ok',
	'silence_gap',
	'silence_gap_hold',
	'silence_none',
	// response_time from voice activity (the recording)
	'reply_late_va',
	'reply_ok_va',
	'silence_gap_va',
	'silence_gap_va_hold',
	'silence_gap_va_unknown',
	'silence_none_va',
	// courtesy
	'courtesy_ok',
	'courtesy_low',
	'courtesy_words',
	'courtesy_word',
	// speech_rate
	'rate_no_turn',
	'rate_ok_chars',
	'rate_ok_words',
	'rate_turn_chars',
	'rate_turn_words',
	// pii_disclosure
	'pii_none',
	'pii_found',
	// metric
	'metric'
] as const;

export type EvidenceCode = (typeof EVIDENCE_CODES)[number];

/** A code as a SQL literal: typed, so the list above cannot miss one the SQL emits. */
export const codeSql = (code: EvidenceCode): string => sqlString(code);

// The JSON itself is written by db/json-sql.ts, the one encoder; re-exported for the rule builders.
export { jsonObjectSql, jsonStringSql, type JsonField } from '../db/json-sql';

/** One part of a list: its code (a SQL expression giving a code, see codeSql) and params. */
export function partSql(code: string, fields: Record<string, JsonField>): string {
	return jsonObjectSql({ code, ...fields });
}

/** The params of a `list` from SQL giving its parts comma-joined (NULL stays NULL). */
export const listParamsSql = (parts: string): string => `'{"parts":' || ${jsonArraySql(parts)} || '}'`;
