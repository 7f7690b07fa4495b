// Machine-readable reasons for import issues: every code an importer can put on an ImportIssue, and the
// helpers that attach it. The English `reason` stays the CLI's text and the fallback; the UI localises by
// code (`reason.<code>` in the i18n catalogues). Plain TypeScript, no DOM.
import type { ImportIssue } from './types';
import { errorMessage } from '../i18n/error-message';
import { jsonObjectSql } from '../db/json-sql';
import { sqlString } from '../db/sql';

/** Every code the importers emit; the i18n test checks each has `reason.<code>` in zh and en. */
export const REASON_CODES = [
	// whole files
	'empty_file',
	'unknown_file',
	'unrecognised_file',
	'import_failed',
	'import_cancelled',
	// CSV/TSV: whole file
	'unknown_tabular_kind',
	'generated_complaint_ids',
	'unreadable_row',
	'line_numbers_off',
	// Excel workbooks: whole file
	'workbook_unreadable',
	'workbook_encrypted',
	'workbook_empty',
	'workbook_empty_sheet',
	'workbook_no_sheet',
	// CSV/TSV: rows rejected
	'empty_call_id',
	'empty_complaint_id',
	'empty_text_cell',
	'empty_start_time',
	'empty_received_time',
	'not_a_date',
	'not_a_time_of_day',
	'no_column_start_time',
	'no_column_received_time',
	'no_column_mapped',
	'duplicate_call_id',
	'duplicate_complaint_id',
	'duplicate_segment',
	// CSV/TSV: warnings
	'not_a_duration',
	'not_yes_no',
	'not_an_outcome',
	'not_a_rating',
	'not_a_severity',
	'not_a_due',
	'not_a_seq',
	'not_seconds',
	'negative_wait',
	'negative_talk',
	'negative_hold',
	'negative_wrap',
	'talk_zero_answered',
	'csat_out_of_range',
	'answered_without_agent',
	'resolved_before_received',
	'segment_ends_before_start',
	// JSON files nobody claims
	'azure_batch',
	'harper_metadata',
	'json_complaints_list',
	'json_empty_list',
	'json_list_of_objects',
	'json_list_of_values',
	'json_object_unknown',
	'json_single_value',
	'json_unreadable',
	'not_a_transcript_format',
	'transcript_structure_unreadable',
	// JSON syntax (line:column)
	'json_file_empty',
	'json_trailing_text',
	'json_unexpected',
	'json_expected_key',
	'json_expected_colon',
	'json_expected_comma_brace',
	'json_expected_comma_bracket',
	'json_unterminated_string',
	'json_control_char',
	'json_bad_escape',
	'json_bad_number',
	'json_unterminated_comment',
	'json_unexpected_eof',
	'json_surplus_brackets',
	'json_line_comment',
	'json_block_comment',
	// WebVTT / SRT / STM / RTTM
	'no_cues',
	'vtt_not_webvtt',
	'vtt_header_only',
	'vtt_missing_timeframe',
	'vtt_invalid_timeframe',
	'vtt_second_timing',
	'vtt_ends_before_start',
	'empty_text',
	'vtt_unclosed_voice',
	'srt_not_srt',
	'srt_missing_timeframe_cue',
	'srt_missing_timeframe_text',
	'srt_invalid_timeframe',
	'srt_dot_millis',
	'srt_no_caption',
	'stm_empty_file',
	'stm_bad_line',
	'stm_ignored_segment',
	// RTTM (voice activity)
	'rttm_bad_line',
	'rttm_no_turns',
	'rttm_not_transcript',
	'rttm_skipped_lines',
	'rttm_first_speaker',
	// JSON transcripts
	'turn_empty_text',
	'turn_no_speaker',
	'turn_no_offset',
	'chat_events_skipped',
	'no_turns_in_transcript',
	'file_no_turns',
	'dialogue_no_turns',
	'not_a_turn',
	'dialogue_not_a_turn',
	'json_turn_empty_text',
	'json_turn_only_noise',
	'dialogue_turn_empty_text',
	'dialogue_turn_only_noise',
	'no_dialogues',
	'transcribe_no_speakers',
	'transcribe_empty_segment',
	'transcribe_no_words',
	// any transcript
	'no_segments',
	'unknown_speaker_attributed',
	'first_speaker_agent',
	'replaced_calls',
	'replaced_calls_unknown_file',
	'kept_existing_transcripts',
	// recordings
	'not_audio_file',
	'not_audio_file_ext',
	'audio_empty',
	'audio_unreadable',
	'audio_no_duration',
	'audio_no_channels',
	'wav_bad_pcm_bits',
	'wav_bad_float_bits',
	'wav_unsupported_tag',
	'wav_no_riff',
	'wav_too_short',
	'wav_not_wave',
	'wav_fmt_too_small',
	'wav_fmt_cut',
	'wav_extensible_too_small',
	'wav_bad_chunk_id',
	'wav_chunk_cut',
	'wav_no_fmt',
	'wav_no_data',
	'wav_zero_channels',
	'wav_zero_rate',
	'wav_zero_block',
	'wav_empty_data',
	'wav_unknown_length',
	'wav_block_size_fixed',
	'wav_truncated',
	'wav_not_playable',
	'no_call_yet',
	'audio_not_kept',
	'storage_full',
	// decoding recordings for a waveform and voice activity
	'audio_no_samples',
	'audio_no_decoder',
	'audio_no_decoder_wav',
	// hostile input: disguised binary files, caps, text damage, stray quotes, implausible values, replacements
	'disguised_gzip',
	'disguised_xlsx',
	'disguised_zip',
	'disguised_xls',
	'disguised_pdf',
	'disguised_sevenzip',
	'disguised_rar',
	'disguised_png',
	'disguised_jpeg',
	'disguised_parquet',
	'disguised_sqlite',
	'disguised_binary',
	'header_line_too_long',
	'too_many_columns',
	'line_too_long',
	'nul_removed',
	'nul_removed_more',
	'invalid_bytes',
	'invalid_bytes_more',
	'quote_never_closed',
	'quote_swallows_rows',
	'implausible_duration',
	'implausible_date',
	'rows_replaced',
	'srt_ends_before_start'
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
export type ReasonParams = Record<string, string | number>;

/** One issue with its English reason and the code + params the UI localises. */
export function issue(line: number | null, code: ReasonCode, reason: string, params?: ReasonParams): ImportIssue {
	return params ? { line, reason, code, params } : { line, reason, code };
}

/** Thrown inside an importer that saw the import's signal before writing: importOne reports the file as cancelled. */
export class ImportCancelled extends Error {
	constructor() {
		super('import cancelled');
	}
}

/** An Error whose message is the English reason and that carries the code for the report. */
export class ReasonError extends Error {
	constructor(
		readonly code: ReasonCode,
		message: string,
		readonly params?: ReasonParams
	) {
		super(message);
	}
}

/** The issue for a caught error: its code when it is a ReasonError, else `fallback` with the message as detail. */
export function issueFromError(e: unknown, line: number | null = null): ImportIssue {
	if (e instanceof ReasonError) return issue(line, e.code, e.message, e.params);
	return issue(line, 'import_failed', `import failed: ${errorMessage(e)}`, { detail: errorMessage(e) });
}

const US = '\u001f';

/**
 * SQL (VARCHAR) for one issue built in SQL: `code US params-json US English reason`. The params object is written by
 * db/json-sql.ts (the one JSON encoder in SQL; it escapes US too); a NULL param becomes "" so the issue is never NULL.
 */
export function sqlIssue(code: ReasonCode, english: string, params: Record<string, string> = {}): string {
	const fields = Object.fromEntries(Object.entries(params).map(([k, expr]) => [k, `coalesce(CAST(${expr} AS VARCHAR), '')`]));
	return `(${sqlString(code)} || chr(31) || ${jsonObjectSql(fields)} || chr(31) || ${english})`;
}

/** The English reason of a tagged issue string, in SQL (for import_errors, which keeps the English). */
export const SQL_ISSUE_REASON = (x: string) =>
	`substr(${x}, strpos(substr(${x}, strpos(${x}, chr(31)) + 1), chr(31)) + strpos(${x}, chr(31)) + 1)`;

/** Splits a tagged issue string from SQL into an ImportIssue; a malformed one keeps its whole text as reason. */
export function parseSqlIssue(line: number | null, tagged: string): ImportIssue {
	const a = tagged.indexOf(US);
	const b = a < 0 ? -1 : tagged.indexOf(US, a + 1);
	if (b < 0) return { line, reason: tagged };
	const reason = tagged.slice(b + 1);
	try {
		const params = JSON.parse(tagged.slice(a + 1, b)) as ReasonParams;
		return issue(line, tagged.slice(0, a) as ReasonCode, reason, Object.keys(params).length ? params : undefined);
	} catch {
		return { line, reason };
	}
}
