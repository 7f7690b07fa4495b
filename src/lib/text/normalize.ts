// Text normalisation for matching, as SQL macros, so transcripts and rubric phrases go through the very same
// function in the browser and the CLI (there is no JS twin). Needs no DuckDB extension (no ICU).
//   cqa_norm(text): full-width → half-width, lower-case, drop everything but letters and digits
//                   (punctuation, spaces, symbols), traditional → simplified Chinese (character level).
//   cqa_fold(norm):  variant word forms folded (其它 → 其他, variants-table.ts); cqa_normf = both.
import { T2S_FROM, T2S_TO } from './t2s-table';
import { VARIANT_PAIRS } from './variants-table';
import { sqlString } from '../db/sql';

// U+FF01…U+FF5E are the full-width forms of U+0021…U+007E; U+3000 is the ideographic space.
const FULL = Array.from({ length: 94 }, (_, i) => String.fromCodePoint(0xff01 + i)).join('') + '\u3000';
const HALF = Array.from({ length: 94 }, (_, i) => String.fromCodePoint(0x21 + i)).join('') + ' ';
// The full-width letters and digits alone: punctuation needs no converting where it is stripped anyway.
const isAlnum = (c: string) => /[0-9A-Za-z]/.test(c);
const FULL_ALNUM = [...HALF].map((h, i) => (isAlnum(h) ? [...FULL][i] : '')).join('');
const HALF_ALNUM = [...HALF].filter(isAlnum).join('');

/** Nested replace() of every variant pair, only on text holding one (one RE2 test per row otherwise). */
function foldSql(t: string): string {
	const any = sqlString(VARIANT_PAIRS.map(([v]) => v).join('|'));
	const chain = VARIANT_PAIRS.reduce((acc, [v, std]) => `replace(${acc}, ${sqlString(v)}, ${sqlString(std)})`, t);
	return `CASE WHEN regexp_matches(${t}, ${any}) THEN ${chain} ELSE ${t} END`;
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
-- Variant word forms (variants-table.ts), applied to text already through cqa_norm: a macro repeats its argument,
-- so wrapping cqa_norm itself would normalise every row several times over. The scorer folds its normalised
-- segments once (compile.ts) and rubric strings with cqa_normf.
CREATE OR REPLACE TEMP MACRO cqa_fold(t) AS
	${foldSql('t')};
-- cqa_fold repeats its argument some twenty times: through a lambda, cqa_norm(t) is written (and bound) once, which
-- made binding the statement of a phrase rule about 100 ms cheaper.
CREATE OR REPLACE TEMP MACRO cqa_normf(t) AS
	list_transform([cqa_norm(t)], cqa_nf -> cqa_fold(cqa_nf))[1];
-- Code-point offset in raw text t just after its k-th kept character (a letter or digit, the characters cqa_norm
-- keeps, one for one): turns an offset in normalised text into one in the text shown (evidence spans).
-- cqa_kept(t) splits t after each kept character, and cqa_raw_in(chunks, k) is cqa_raw_at on such a split: the
-- two ends of a span cost one split.
CREATE OR REPLACE TEMP MACRO cqa_kept(t) AS
	regexp_extract_all(t, '[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]');
CREATE OR REPLACE TEMP MACRO cqa_raw_in(chunks, k) AS
	CASE WHEN k <= 0 THEN 0 ELSE length(array_to_string(list_slice(chunks, 1, k), '')) END;
CREATE OR REPLACE TEMP MACRO cqa_raw_at(t, k) AS
	cqa_raw_in(cqa_kept(t), k);
CREATE OR REPLACE TEMP MACRO cqa_words(t) AS
	len(regexp_extract_all(cqa_half(t), '[\\p{L}\\p{N}'']+'));
`;
