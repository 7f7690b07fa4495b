// How close a turn came to a required phrase it did not match (the near misses, issue 11): an ordered alignment,
// not a bag of character pairs. Both strings are first put in "unit" form by the same SQL: every word of one of
// the rubric's equivalence classes becomes one private-use character standing for its class (帮助 = 帮到 = 帮),
// then the rubric's fillers are dropped (请问, 嗯, 先生, 的 …). The closeness is 1 − d / n, where n is the phrase's
// length in that form and d the fewest characters to insert, delete or replace to turn the phrase into some
// stretch of the turn (approximate substring matching, Sellers 1980), so order counts: 帮您还有什么 is far from
// 还有什么帮您. Plain TS building SQL; DuckDB runs it (list_reduce over the turn's characters, one column of the
// edit-distance table at a time, as bit vectors), the same in the browser and the CLI.
import type { Rubric } from './rubric';
import { phraseUnits, reEscape } from './phrase-pattern';
import { sqlString } from '../db/sql';

const CLASS_BASE = 0xe000;

/** SQL turning a normalised text (cqa_normf / cqa_seg.norm) into its unit form for the rubric's matching. */
export function unitFormSql(expr: string, rubric: Rubric): string {
	const words = (ws: string[]) =>
		[...new Set(ws.map((w) => phraseUnits(w).join('')).filter(Boolean))].sort((a, b) => b.length - a.length || a.localeCompare(b));
	let sql = expr;
	rubric.matching.equivalents.forEach((cls, k) => {
		const ws = words(cls);
		if (ws.length)
			sql = `regexp_replace(${sql}, ${sqlString(ws.map(reEscape).join('|'))}, ${sqlString(String.fromCodePoint(CLASS_BASE + k))}, 'g')`;
	});
	const fill = words(rubric.matching.fillers);
	if (fill.length) sql = `regexp_replace(${sql}, ${sqlString(fill.map(reEscape).join('|'))}, '', 'g')`;
	return sql;
}

/** The longest phrase (in units) the bit-parallel alignment handles: its bit vectors are BIGINTs kept below 2^62. */
export const BIT_PARALLEL_MAX = 61;

/**
 * SQL of the closeness (0…1) of unit-form text `turn` to the unit-form phrase whose code points are the INT list
 * `pc`: 1 − d / n, d the fewest edits turning the phrase into some stretch of the turn. Phrases of up to
 * BIT_PARALLEL_MAX units use Myers' bit-vector algorithm (one column of the edit-distance table per character of
 * the turn in a handful of integer operations); longer ones the table row by row (rowClosenessSql). Both give d.
 */
export function closenessSql(turn: string, pc: string): string {
	return `CASE WHEN len(${pc}) = 0 OR length(${turn}) = 0 THEN 0.0
		WHEN len(${pc}) <= ${BIT_PARALLEL_MAX} THEN greatest(0.0, 1.0 - (${bitParallelDistanceSql(turn, pc)}) / len(${pc}))
		ELSE greatest(0.0, 1.0 - (${rowDistanceSql(turn, pc)}) / len(${pc})) END`;
}

/**
 * d by Myers (1999), "A fast bit-vector algorithm for approximate string matching based on dynamic programming",
 * in its search form (a match may start anywhere in the turn). The accumulator is [Pv, Mv, score, best]: the
 * column's vertical +1 and −1 deltas as bit vectors over the phrase's m units, D(m) at this character of the turn,
 * and the least D(m) so far. Each character's Eq has bit k − 1 set where the phrase's k-th unit is that character.
 */
function bitParallelDistanceSql(turn: string, pc: string): string {
	const mask = `((1::BIGINT << len(${pc})) - 1)`;
	const top = `(1::BIGINT << (len(${pc}) - 1))`;
	// list_reduce wants the list's elements of the accumulator's type: each Eq is a one-element list.
	const eqs = `list_transform(string_split(${turn}, ''), ch -> [list_sum(list_transform(range(1, len(${pc}) + 1),
		k -> CASE WHEN ${pc}[k] = unicode(ch) THEN 1::BIGINT << (k - 1) ELSE 0::BIGINT END))::BIGINT])`;
	// xs = [Xv, Xh], hs = [Ph, Mh] before the shift; the new column: Pv = Mh' | ~(Xv | Ph'), Mv = Ph' & Xv.
	const step = `(acc, e) -> list_transform([[e[1] | acc[2], xor((e[1] & acc[1]) + acc[1], acc[1]) | e[1]]], xs ->
		list_transform([[acc[2] | (~(xs[2] | acc[1]) & ${mask}), acc[1] & xs[2]]], hs ->
			list_transform([[(hs[1] << 1) & ${mask}, (hs[2] << 1) & ${mask},
				acc[3] + CASE WHEN (hs[1] & ${top}) <> 0 THEN 1 WHEN (hs[2] & ${top}) <> 0 THEN -1 ELSE 0 END]], sh ->
				[sh[2] | (~(xs[1] | sh[1]) & ${mask}), sh[1] & xs[1], sh[3], least(acc[4], sh[3])])[1])[1])[1]`;
	return `list_reduce(${eqs}, ${step}, [${mask}, 0::BIGINT, len(${pc})::BIGINT, len(${pc})::BIGINT])[4]`;
}

/**
 * d from the edit-distance table row by row. The accumulator is [best so far, D(0), …, D(n)] for the turn read so
 * far; each character computes the next row from D'(j) = min(j, min over k ≤ j of min(D(k−1) + [p(k) ≠ c],
 * D(k) + 1) + j − k): O(n²) per character, so only for phrases too long for the bit vectors.
 */
export function rowDistanceSql(turn: string, pc: string): string {
	const row = `list_transform(range(0, len(${pc}) + 1), j -> CASE WHEN j = 0 THEN 0 ELSE least(j, list_min(list_transform(range(1, j + 1),
		k -> least(acc[k + 1] + CASE WHEN ${pc}[k] = c[1] THEN 0 ELSE 1 END, acc[k + 2] + 1) + (j - k)))) END)`;
	return `list_reduce(list_transform(string_split(${turn}, ''), ch -> [unicode(ch)]),
		(acc, c) -> list_transform([${row}], r -> list_prepend(least(acc[1], r[-1]), r))[1],
		list_prepend(len(${pc}), list_transform(range(0, len(${pc}) + 1), j -> j)))[1]`;
}
