// Text normalisation for matching, as SQL macros, so transcripts and rubric phrases go through the very same
// function in the browser and the CLI (there is no JS twin). Needs no DuckDB extension (no ICU).
//   cqa_norm(text): full-width → half-width, lower-case, drop everything but letters and digits
//                   (punctuation, spaces, symbols), traditional → simplified Chinese (character level).
import { T2S_FROM, T2S_TO } from './t2s-table';

// U+FF01…U+FF5E are the full-width forms of U+0021…U+007E; U+3000 is the ideographic space.
const FULL = Array.from({ length: 94 }, (_, i) => String.fromCodePoint(0xff01 + i)).join('') + '\u3000';
const HALF = Array.from({ length: 94 }, (_, i) => String.fromCodePoint(0x21 + i)).join('') + ' ';
// The full-width letters and digits alone: punctuation needs no converting where it is stripped anyway.
const isAlnum = (c: string) => /[0-9A-Za-z]/.test(c);
const FULL_ALNUM = [...HALF].map((h, i) => (isAlnum(h) ? [...FULL][i] : '')).join('');
const HALF_ALNUM = [...HALF].filter(isAlnum).join('');

/** A SQL string literal. */
export function sqlString(s: string): string {
	return `'${s.replaceAll("'", "''")}'`;
}

/**
 * translate() (full-width table likewise) with a 3k-character table rebuilds its map on every row (≈150 µs a row in wasm), so it only
 * runs on text that contains a traditional character at all; the RE2 character class is compiled once.
 */
export const NORM_MACRO_SQL = `
CREATE OR REPLACE TEMP MACRO cqa_t2s(t) AS
	CASE WHEN regexp_matches(t, ${sqlString('[' + T2S_FROM + ']')}) THEN translate(t, ${sqlString(T2S_FROM)}, ${sqlString(T2S_TO)}) ELSE t END;
CREATE OR REPLACE TEMP MACRO cqa_half(t) AS
	CASE WHEN regexp_matches(t, '[\\x{FF01}-\\x{FF5E}\\x{3000}]') THEN translate(t, ${sqlString(FULL)}, ${sqlString(HALF)}) ELSE t END;
CREATE OR REPLACE TEMP MACRO cqa_half_alnum(t) AS
	CASE WHEN regexp_matches(t, '[\\x{FF10}-\\x{FF19}\\x{FF21}-\\x{FF3A}\\x{FF41}-\\x{FF5A}]') THEN translate(t, ${sqlString(FULL_ALNUM)}, ${sqlString(HALF_ALNUM)}) ELSE t END;
-- Strip first: Chinese text holds full-width punctuation in nearly every turn, and converting it (a 95-char
-- translate() per row) only for the strip to drop it cost two thirds of the normalisation time.
CREATE OR REPLACE TEMP MACRO cqa_norm(t) AS
	cqa_t2s(lower(cqa_half_alnum(regexp_replace(t, '[^\\p{L}\\p{N}]+', '', 'g'))));
CREATE OR REPLACE TEMP MACRO cqa_words(t) AS
	len(regexp_extract_all(cqa_half(t), '[\\p{L}\\p{N}'']+'));
`;
