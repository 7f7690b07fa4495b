// Which transcript format a file is (by content first, extension second), the dispatch to its parser, and
// a plain-words description of JSON files nobody claims. Tabular transcripts (CSV/TSV) are not handled here.
import { contactLensFormat, isContactLensLike, parseContactLens } from './contact-lens';
import { readJson, tryReadJson, JsonSyntaxError, type JsonSource } from './json-source';
import { findDialogues, parseJsonTurns } from './json-turns';
import { isSrt, parseSrt } from './srt';
import { isRttm, isStm, parseRttm, parseStm } from './stm';
import { isTranscribe, parseTranscribe } from './transcribe';
import { rejectedFile, type ParsedTranscript } from './types';
import { issue } from '../reasons';
import type { ImportIssue } from '../types';
import { isWebVtt, parseWebVtt } from './webvtt';
import { errorMessage } from '../../i18n/error-message';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const AZURE_BATCH_REASON =
	'Azure batch transcription output is not supported; export the conversation as WebVTT, or as JSON turns ' +
	'[{"speaker": "...", "start": s, "end": s, "text": "..."}], and import that';

function extension(name: string): string {
	return /\.([A-Za-z0-9]+)$/.exec(name)?.[1].toLowerCase() ?? '';
}

function isAzureBatch(v: unknown): boolean {
	return isObj(v) && (Array.isArray(v.recognizedPhrases) || Array.isArray(v.combinedRecognizedPhrases));
}

function isHarperMetadata(v: unknown): boolean {
	return isObj(v) && isObj(v.agent) && isObj(v.caller) && ('arrival_time_ms' in v.agent || 'hangup_time_ms' in v.agent);
}

function jsonFormat(src: JsonSource): string | null {
	const v = src.value;
	if (isAzureBatch(v)) return 'azure_batch_transcription';
	if (isContactLensLike(v)) return contactLensFormat(v as Obj);
	if (isTranscribe(v)) return 'transcribe';
	if (findDialogues(src)) return 'json_turns';
	return null;
}

/** Broken JSON can still be recognised by its keys, so it is rejected as what it is, with the position. */
function brokenJsonFormat(text: string): string | null {
	if (/"(combinedR|r)ecognizedPhrases"\s*:/.test(text)) return 'azure_batch_transcription';
	if (/"Transcript"\s*:\s*\[/.test(text) && /"Participant(Role|Id)"\s*:/.test(text)) return contactLensFormat(text);
	if (/"results"\s*:/.test(text) && /"alternatives"\s*:/.test(text)) return 'transcribe';
	return null;
}

/** 'webvtt' | 'srt' | 'stm' | 'rttm' | 'transcribe' | 'transcribe_call_analytics' | 'contact_lens' | 'json_turns' | 'azure_batch_transcription', or null. */
export function sniffTranscript(name: string, text: string): string | null {
	const ext = extension(name);
	// Line formats are recognised from the first complete lines, so a 30 MB CSV is not split whole.
	const cut = text.length > 8192 ? text.slice(0, text.lastIndexOf('\n', 8192) + 1 || 8192) : text;
	if (isWebVtt(text) || ext === 'vtt') return 'webvtt';
	if (ext === 'srt' || isSrt(cut)) return 'srt';
	if (ext === 'rttm' || isRttm(cut)) return 'rttm';
	if (ext === 'stm' || isStm(cut)) return 'stm';
	const head = text.replace(/^\uFEFF/, '').trimStart();
	if (ext !== 'json' && ext !== 'jsonc' && !head.startsWith('{') && !head.startsWith('[')) return null;
	const src = tryReadJson(text);
	return src ? jsonFormat(src) : brokenJsonFormat(text);
}

function keysOf(o: Obj): string {
	const keys = Object.keys(o);
	return keys.slice(0, 6).join(', ') + (keys.length > 6 ? ', …' : '');
}

/** Why a JSON file that no importer claimed cannot be imported, in words a user can act on. */
export function describeJson(name: string, text: string): string {
	return describeJsonIssue(name, text).reason;
}

/** {@link describeJson} as a whole-file issue with its code. */
export function describeJsonIssue(name: string, text: string): ImportIssue {
	let src: JsonSource;
	try {
		src = readJson(text);
	} catch (e) {
		if (e instanceof JsonSyntaxError) return issue(null, e.code, `${name}: ${e.message}`, e.params);
		return issue(null, 'json_unreadable', `${name}: unreadable JSON`, { file: name });
	}
	const v = src.value;
	if (isAzureBatch(v)) return issue(null, 'azure_batch', AZURE_BATCH_REASON);
	if (isHarperMetadata(v))
		return issue(
			null,
			'harper_metadata',
			'Harper Valley call metadata (agent and caller names, arrival/hang-up times, task, surveys), not a transcript: import the matching *.transcript.json for the conversation'
		);
	if (Array.isArray(v)) {
		const first = v.find(isObj);
		if (first && ['title', 'content', 'href'].filter((k) => k in first).length >= 2 && !('speaker' in first || 'role' in first))
			return issue(
				null,
				'json_complaints_list',
				`JSON complaints list (${v.length} items with ${keysOf(first)}), not a transcript: use the complaints CSV export`,
				{
					n: v.length,
					keys: keysOf(first)
				}
			);
		if (v.length === 0) return issue(null, 'json_empty_list', 'empty JSON list: no turns');
		const what = 'not a transcript (expected turns {speaker, text, start?, end?} or dialogues {id, turns: […]})';
		return first
			? issue(null, 'json_list_of_objects', `JSON list of ${v.length} objects with ${keysOf(first)}: ${what}`, {
					n: v.length,
					keys: keysOf(first)
				})
			: issue(null, 'json_list_of_values', `JSON list of ${v.length} ${typeof v[0]} values: ${what}`, { n: v.length, type: typeof v[0] });
	}
	if (isObj(v))
		return issue(
			null,
			'json_object_unknown',
			`JSON object with ${keysOf(v)}: not a transcript format we know (expected turns {speaker, text, start?, end?}, dialogues {id, turns: […]}, Amazon Transcribe or Contact Lens output)`,
			{ keys: keysOf(v) }
		);
	return issue(null, 'json_single_value', 'JSON holds a single value, not a transcript');
}

/** Parses any supported transcript; never throws: problems come back as errors (line null = whole file). */
export function parseTranscript(name: string, text: string): ParsedTranscript {
	const format = sniffTranscript(name, text);
	switch (format) {
		case 'webvtt':
			return parseWebVtt(name, text);
		case 'srt':
			return parseSrt(name, text);
		case 'stm':
			return parseStm(name, text);
		case 'rttm':
			return parseRttm();
		case 'azure_batch_transcription':
			return rejectedFile(format, issue(null, 'azure_batch', AZURE_BATCH_REASON));
		case null:
			return rejectedFile(
				'unknown',
				/^\s*[[{]/.test(text.replace(/^\uFEFF/, '')) || extension(name) === 'json'
					? describeJsonIssue(name, text)
					: issue(
							null,
							'not_a_transcript_format',
							'not a transcript format we know (WebVTT, SRT, STM, Amazon Transcribe/Contact Lens JSON, JSON turns)'
						)
			);
	}
	let src: JsonSource;
	try {
		src = readJson(text);
	} catch (e) {
		if (e instanceof JsonSyntaxError) return rejectedFile(format, issue(e.line, e.code, e.message, e.params));
		return rejectedFile(format, issue(null, 'json_unreadable', String(e), { file: name }));
	}
	let parsed: ParsedTranscript;
	try {
		if (format === 'contact_lens' || format === 'transcribe_call_analytics') parsed = parseContactLens(name, src);
		else if (format === 'transcribe') parsed = parseTranscribe(name, src);
		else parsed = parseJsonTurns(name, src);
	} catch (e) {
		return rejectedFile(
			format,
			issue(null, 'transcript_structure_unreadable', `could not read the ${format} structure: ${errorMessage(e)}`, {
				format,
				detail: errorMessage(e)
			})
		);
	}
	parsed.warnings.unshift(...src.tolerated);
	return parsed;
}
