// How close a turn came to a required phrase it did not match (the near misses, issue 11): an ordered alignment,
// not a bag of character pairs. Both strings are first put in "unit" form by the same SQL: every word of one of
// the rubric's equivalence classes becomes one private-use character standing for its class (帮助 = 帮到 = 帮),
// then the rubric's fillers are dropped (请问, 嗯, 先生, 的 …). The closeness is 1 − d / n, where n is the phrase's
// length in that form and d the fewest characters to insert, delete or replace to turn the phrase into some
// stretch of the turn (approximate substring matching, Sellers 1980), so order counts: 帮您还有什么 is far from
// 还有什么帮您. Plain TS building SQL; DuckDB runs it (list_reduce over the turn's characters, one row of the
// edit-distance table at a time), the same in the browser and the CLI.
import type { Rubric } from './rubric';
import { phraseUnits, reEscape } from './phrase-pattern';
import { sqlString } from './normalize';

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

/**
 * SQL of the closeness (0…1) of unit-form text `turn` to the unit-form phrase whose code points are the INT list
 * `pc`. The accumulator is [best so far, D(0), …, D(n)] for the turn read so far; each character computes the
 * next row from D'(j) = min(j, min over k ≤ j of min(D(k−1) + [p(k) ≠ c], D(k) + 1) + j − k).
 */
export function closenessSql(turn: string, pc: string): string {
	const row = `list_transform(range(0, len(${pc}) + 1), j -> CASE WHEN j = 0 THEN 0 ELSE least(j, list_min(list_transform(range(1, j + 1),
		k -> least(acc[k + 1] + CASE WHEN ${pc}[k] = c[1] THEN 0 ELSE 1 END, acc[k + 2] + 1) + (j - k)))) END)`;
	const best = `list_reduce(list_transform(string_split(${turn}, ''), ch -> [unicode(ch)]),
		(acc, c) -> list_transform([${row}], r -> list_prepend(least(acc[1], r[-1]), r))[1],
		list_prepend(len(${pc}), list_transform(range(0, len(${pc}) + 1), j -> j)))[1]`;
	return `CASE WHEN len(${pc}) = 0 OR length(${turn}) = 0 THEN 0.0 ELSE greatest(0.0, 1.0 - (${best}) / len(${pc})) END`;
}
