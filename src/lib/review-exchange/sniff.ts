// What a file given to the reviews import is when it is not a review file: a coaching session (.callqa-session),
// a rubric or some other JSON. Named, with where it belongs, instead of being read as a CSV and reported as a list
// of unknown columns. Plain TS, no DOM.
import type { ExchangeIssue } from './records';

export type ForeignKind = 'coaching_session' | 'rubric' | 'json';

const SESSION_FORMAT = /"format"\s*:\s*"callqa-session"/;

/** The kind of a file that is not a review export; null when it may be one (CSV/TSV text or Parquet). */
export function foreignKind(bytes: Uint8Array, fileName: string): ForeignKind | null {
	if (/\.callqa-session$/i.test(fileName)) return 'coaching_session';
	const head = new TextDecoder('utf-8')
		.decode(bytes.subarray(0, 4096))
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (!head.startsWith('{') && !head.startsWith('[')) return null;
	if (SESSION_FORMAT.test(head)) return 'coaching_session';
	if (bytes.length < 2_000_000) {
		try {
			const doc = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')) as Record<string, unknown> | unknown[];
			if (!Array.isArray(doc) && doc && doc.format === 'callqa-session') return 'coaching_session';
			if (!Array.isArray(doc) && doc && Array.isArray(doc.items) && 'pass_mark' in doc) return 'rubric';
		} catch {
			// Not JSON after all (a CSV whose first cell starts with a brace): let the CSV reader judge it.
			return head.startsWith('{"') || head.startsWith('[{') ? 'json' : null;
		}
		return 'json';
	}
	return 'json';
}

/** The whole-file issue that names a foreign file and where it belongs; null for a possible review file. */
export function foreignFileIssue(bytes: Uint8Array, fileName: string): ExchangeIssue | null {
	const kind = foreignKind(bytes, fileName);
	return kind ? { file: fileName, row: null, severity: 'error', code: 'foreign_file', detail: kind } : null;
}
