// The SQL of the two phrase rules (DESIGN §5, docs/rubric.md): phrase_required (greeting, closing, identity
// check) and phrase_banned. Same contract as every rule in rules-sql.ts: one row per call over cqa_call / cqa_seg,
// (call_id, result, seq, start_s, end_s, evidence, evidence_code, evidence_params).
//
// phrase_required matches each alternative of a requirement as an ordered alignment against each turn of the
// window, with the RE2 patterns phrase-pattern.ts writes (fillers, equivalence classes, one slip); the turns of
// calls that fail get their closest turn (an ordered alignment, closeness-sql.ts) for the near-misses view.
// The evidence names the turn, the matched span (offsets in the turn's text, from SQL) and the similarity against
// the threshold. phrase_banned counts a banned phrase unless one of the rule's exceptions excuses that clause.
import type { PhraseBannedRule, PhraseRequiredRule, Rubric } from './rubric';
import { substitute } from './rubric';
import { sqlString } from '../db/sql';
import { codeSql, jsonStringSql, listParamsSql, partSql } from './evidence';
import { phrasePattern, similarity } from './phrase-pattern';
import { closenessSql, unitFormSql } from './closeness-sql';
import { quote, speakerSql, values, windowSql } from './sql-helpers';

/** A pattern as a constant SQL expression: written in the rubric's script, matched against normalised text. */
const pat = (re: string) => sqlString(re);
const fmt2 = (x: string) => `format('{:.2f}', ${x})`;

interface Alt {
	/** requirement number (1…); 0 = the accepted phrasings */
	req: number;
	alt: number;
	text: string;
	n: number;
	exact: string;
	/** the one-slip pattern, only when one slip still reaches the threshold */
	slip: string | null;
	slipSim: number;
}

function alternatives(r: PhraseRequiredRule, rubric: Rubric): Alt[] {
	const out: Alt[] = [];
	const add = (req: number, alt: number, raw: string) => {
		const text = substitute(raw, rubric.variables).trim();
		if (!text) return;
		const p = phrasePattern(text, rubric.language, rubric.matching.equivalents, rubric.matching.fillers);
		if (p.units.length === 0) return;
		const slipSim = similarity(p.units.length, 1);
		out.push({ req, alt, text, n: p.units.length, exact: p.exact, slip: p.slip && slipSim >= r.fuzzy - 1e-9 ? p.slip : null, slipSim });
	};
	r.phrases.forEach((p, i) => p.split('|').forEach((a, j) => add(i + 1, j + 1, a)));
	r.accepted.forEach((a, j) => add(0, j + 1, a));
	return out;
}

/** Per requirement, which alternative a window turn holds exactly, or else with one slip (CASE runs lazily). */
function hitSelect(req: number, alts: Alt[]): string {
	const any = (xs: string[]) => xs.map((x) => `(?:${x})`).join('|');
	const exactAll = pat(any(alts.map((a) => a.exact)));
	const slips = alts.filter((a) => a.slip);
	const whichExact = alts.map((a) => `WHEN regexp_matches(norm, ${pat(a.exact)}) THEN ${a.alt}`).join(' ');
	const whichSlip = slips.map((a) => `WHEN regexp_matches(norm, ${pat(a.slip!)}) THEN ${a.alt}`).join(' ');
	const slipAll = slips.length ? pat(any(slips.map((a) => a.slip!))) : null;
	return `SELECT call_id, seq, start_s, end_s, ord, norm, text, ${req} AS req_no,
		CASE WHEN regexp_matches(norm, ${exactAll}) THEN CASE ${whichExact} END END AS exact_alt,
		${slipAll ? `CASE WHEN NOT regexp_matches(norm, ${exactAll}) AND regexp_matches(norm, ${slipAll}) THEN CASE ${whichSlip} END END` : 'NULL::INT'} AS slip_alt
	FROM win`;
}

/** The span of the chosen alternative in the turn's normalised text (few rows: one per call and requirement). */
function spanSql(alts: Alt[]): string {
	const cases = alts.flatMap((a) => [
		`WHEN req_no = ${a.req} AND alt_no = ${a.alt} AND is_exact THEN regexp_extract(norm, ${pat(a.exact)})`,
		...(a.slip ? [`WHEN req_no = ${a.req} AND alt_no = ${a.alt} THEN regexp_extract(norm, ${pat(a.slip)})`] : [])
	]);
	return `CASE ${cases.join(' ')} END`;
}

export function phraseRequired(r: PhraseRequiredRule, rubric: Rubric): string {
	const alts = alternatives(r, rubric);
	const reqs = [...new Set(alts.map((a) => a.req))].sort((a, b) => a - b);
	const nReq = r.phrases.length;
	const need = sqlString(String(r.fuzzy));
	const altRows = alts.map((a) => [String(a.req), String(a.alt), sqlString(a.text), String(a.n), String(a.slipSim)]);
	const needText = r.fuzzy < 1 ? ` (needs ${r.fuzzy})` : '';
	return `WITH alt AS (
	SELECT req_no::INT AS req_no, alt_no::INT AS alt_no, alt_text, n::INT AS n, slip_sim::DOUBLE AS slip_sim, np,
		CASE WHEN length(np) < 2 THEN [np] ELSE list_transform(range(1, length(np)), i -> substr(np, i::INT, 2)) END AS grams,
		list_transform(string_split(${unitFormSql('np', rubric)}, ''), ch -> unicode(ch)) AS pc
	FROM (SELECT *, cqa_normf(alt_text) AS np FROM ${values(altRows, ['req_no', 'alt_no', 'alt_text', 'n', 'slip_sim'])})
), win AS (
	SELECT s.call_id, s.seq, s.start_s, s.end_s, s.ord, s.norm, s.text FROM cqa_seg s JOIN cqa_call c ON c.call_id = s.call_id
	WHERE ${speakerSql(r.speaker)} AND ${windowSql(r.window, r.speaker)}
), hit AS (
	${reqs
		.map((q) =>
			hitSelect(
				q,
				alts.filter((a) => a.req === q)
			)
		)
		.join('\n\tUNION ALL\n\t')}
), found AS (
	-- the best turn per call and requirement: an exact match before a slip, the earlier turn first
	SELECT h.call_id, h.req_no, h.seq, h.start_s, h.end_s, h.norm, h.text, coalesce(h.exact_alt, h.slip_alt) AS alt_no, h.exact_alt IS NOT NULL AS is_exact
	FROM hit h WHERE h.exact_alt IS NOT NULL OR h.slip_alt IS NOT NULL
	QUALIFY row_number() OVER (PARTITION BY h.call_id, h.req_no ORDER BY h.exact_alt IS NOT NULL DESC, h.ord) = 1
), located AS (
	SELECT *, ${spanSql(alts)} AS m FROM (
		SELECT f.*, a.alt_text, CASE WHEN f.is_exact THEN 1.0 ELSE a.slip_sim END AS sim
		FROM found f JOIN alt a ON a.req_no = f.req_no AND a.alt_no = f.alt_no)
), spans AS (
	SELECT *, strpos(norm, m) - 1 AS nfrom, strpos(norm, m) - 1 + length(m) AS nto, cqa_kept(text) AS chunks FROM located
), matched AS (
	SELECT call_id, req_no, seq, start_s, end_s, alt_text, sim, is_exact,
		cqa_raw_in(chunks, nfrom + 1) - 1 AS raw_from, cqa_raw_in(chunks, nto) AS raw_to
	FROM spans
), verdict AS (
	SELECT w.call_id,
		coalesce(bool_or(m.req_no = 0), false) AS accepted,
		count(DISTINCT m.req_no) FILTER (WHERE m.req_no > 0) AS n_ok
	FROM (SELECT DISTINCT call_id FROM win) w LEFT JOIN matched m ON m.call_id = w.call_id GROUP BY w.call_id
), failing AS (
	SELECT call_id FROM verdict WHERE NOT accepted AND n_ok ${r.match === 'all' ? `< ${nReq}` : '= 0'}
), cand AS (
	-- calls that fail: for each requirement not found, the window turns sharing a character pair with one of its
	-- alternatives (a cheap filter before the alignment)
	SELECT w.call_id, w.seq, w.start_s, w.end_s, w.ord, w.norm, a.req_no, a.alt_no, a.alt_text, a.pc,
		len(list_filter(a.grams, g -> contains(w.norm, g))) / len(a.grams) AS ov
	FROM win w JOIN failing f ON f.call_id = w.call_id JOIN alt a ON a.req_no > 0
	WHERE NOT EXISTS (SELECT 1 FROM matched m WHERE m.call_id = w.call_id AND m.req_no = a.req_no)
), aligned AS (
	-- the few best candidates per call and requirement, aligned in order (closeness-sql.ts)
	SELECT *, ${closenessSql('uf', 'pc')} AS sim FROM (
		SELECT *, ${unitFormSql('norm', rubric)} AS uf FROM (
			SELECT * FROM cand WHERE ov > 0 QUALIFY row_number() OVER (PARTITION BY call_id, req_no ORDER BY ov DESC, ord, alt_no) <= 4))
), near AS (
	-- the closest turn (the near miss an inspector would look at): highest closeness, the earlier turn first
	SELECT k.call_id, k.req_no, coalesce(x.alt_text, k.alt_text) AS alt_text, x.sim, x.seq, x.start_s, x.end_s
	FROM (SELECT call_id, req_no, arg_min(alt_text, alt_no) AS alt_text FROM cand GROUP BY call_id, req_no) k
	-- FILTER, not WHERE: DuckDB pushes a WHERE on sim below the projection and then computes the alignment twice.
	-- One arg_max of a struct: each arg_max compares its list key on every row.
	LEFT JOIN (SELECT call_id, req_no, sim, b.seq, b.start_s, b.end_s, b.alt_text FROM (
			SELECT call_id, req_no, max(sim) FILTER (WHERE sim > 0) AS sim,
				arg_max({'seq': seq, 'start_s': start_s, 'end_s': end_s, 'alt_text': alt_text}, [sim, -ord, -alt_no]) FILTER (WHERE sim > 0) AS b
			FROM aligned GROUP BY call_id, req_no)) x ON x.call_id = k.call_id AND x.req_no = k.req_no
), parts AS (
	SELECT call_id, req_no, seq, start_s, end_s, sim, 1 AS found,
		CASE WHEN req_no = 0 THEN 'accepted phrasing "' || alt_text || '" ' || CASE WHEN is_exact THEN 'found' ELSE ${fmt2('sim')} END
			ELSE '"' || alt_text || '" ' || CASE WHEN is_exact THEN 'found' ELSE ${fmt2('sim')} END END || ' (seq ' || seq || ')' AS ev,
		${partSql(
			`CASE WHEN req_no = 0 THEN ${codeSql('phrase_accepted')} WHEN is_exact THEN ${codeSql('phrase_found')} ELSE ${codeSql('phrase_close')} END`,
			{
				phrase: 'alt_text',
				sim: fmt2('sim'),
				need,
				seq: 'seq',
				from: 'raw_from',
				to: 'raw_to'
			}
		)} AS part
	FROM matched WHERE req_no > 0 OR call_id NOT IN (SELECT call_id FROM failing)
	UNION ALL
	SELECT call_id, req_no, seq, start_s, end_s, 0, 0,
		'"' || alt_text || '" missing' || CASE WHEN seq IS NOT NULL THEN format(' (closest seq {}, closeness {:.2f})', seq, sim) ELSE '' END,
		CASE WHEN seq IS NOT NULL THEN ${partSql(codeSql('phrase_near'), { phrase: 'alt_text', sim: fmt2('sim'), seq: 'seq' })}
			ELSE ${partSql(codeSql('phrase_missing'), { phrase: 'alt_text' })} END
	FROM near
), judged AS (
	SELECT call_id,
		arg_max({'seq': seq, 'start_s': start_s, 'end_s': end_s}, [found, sim, -req_no]) FILTER (WHERE seq IS NOT NULL) AS best,
		-- one row per requirement, so sorting the list by req_no orders it as string_agg(… ORDER BY req_no) would, at a
		-- seventh of the cost (DuckDB sorts each group of an ordered aggregate separately)
		list_sort(list({'req_no': req_no, 'ev': ev, 'part': part})) AS l
	FROM parts GROUP BY call_id
)
SELECT c.call_id,
	CASE WHEN v.call_id IS NOT NULL AND v.call_id NOT IN (SELECT call_id FROM failing) THEN 'pass' ELSE 'fail' END AS result,
	j.best.seq, j.best.start_s, j.best.end_s,
	CASE WHEN v.call_id IS NULL THEN 'no ${r.speaker === 'any' ? '' : r.speaker + ' '}turn in the window'
		ELSE array_to_string(list_transform(j.l, jl -> jl.ev), '; ') || ${sqlString(needText)} END AS evidence,
	CASE WHEN v.call_id IS NULL THEN ${codeSql(r.speaker === 'agent' ? 'no_agent_turn' : r.speaker === 'customer' ? 'no_customer_turn' : 'no_turn')} ELSE ${codeSql('list')} END AS evidence_code,
	CASE WHEN v.call_id IS NULL THEN '{}' ELSE ${listParamsSql("array_to_string(list_transform(j.l, jl -> jl.part), ',')")} END AS evidence_params
FROM cqa_call c LEFT JOIN verdict v ON v.call_id = c.call_id LEFT JOIN judged j ON j.call_id = c.call_id
WHERE c.has_transcript`;
}

/** The exception words of the rule, one row each: (phrase it applies to, how, word normalised in SQL). */
function exceptionRows(r: PhraseBannedRule, rubric: Rubric): string {
	const rows: string[][] = [];
	for (const e of r.exceptions) {
		const phrase = e.phrase === '*' ? '*' : substitute(e.phrase, rubric.variables);
		for (const b of e.preceded_by) rows.push([sqlString(phrase), "'before'", sqlString(substitute(b, rubric.variables))]);
		for (const a of e.followed_by) rows.push([sqlString(phrase), "'after'", sqlString(substitute(a, rubric.variables))]);
		if (e.in_question) rows.push([sqlString(phrase), "'question'", "''"]);
	}
	return `SELECT phrase, how, cqa_normf(word) AS w FROM ${values(rows, ['phrase', 'how', 'word'])}`;
}

export function phraseBanned(r: PhraseBannedRule, rubric: Rubric): string {
	const phrases = r.phrases.map((p) => [sqlString(substitute(p, rubric.variables))]);
	// One branch per pattern with the regex as a literal, so RE2 compiles it once (a joined column would
	// recompile it for every row).
	const patternHits = r.patterns.map((p) => {
		const re = sqlString(substitute(p, rubric.variables));
		return `
	UNION ALL
	SELECT s.call_id, s.seq, s.start_s, s.end_s, s.ord, s.text, regexp_extract(s.norm, ${re}) AS what, regexp_extract(s.norm, ${re}) AS np, 'pattern' AS src, s.norm
	FROM cqa_seg s WHERE ${speakerSql(r.speaker)} AND regexp_matches(s.norm, ${re})`;
	});
	// A hit is excused when every clause holding the phrase is excused by an exception; a phrase that spans
	// clauses (这么简单，您自己不会解决吗) has no single clause and is never excused.
	const hasExceptions = r.exceptions.length > 0;
	return `WITH ph AS (
	SELECT raw, cqa_normf(raw) AS np FROM ${values(phrases, ['raw'])}
), raw_hits AS (
	SELECT s.call_id, s.seq, s.start_s, s.end_s, s.ord, s.text, ph.raw AS what, ph.np, 'phrase' AS src, s.norm
	FROM cqa_seg s JOIN ph ON ph.np <> '' AND contains(s.norm, ph.np) WHERE ${speakerSql(r.speaker)}${patternHits.join('')}
), ${
		hasExceptions
			? `ex AS (${exceptionRows(r, rubric)}
), clauses AS (
	SELECT h.call_id, h.seq, h.what, h.np, cl.clause, cqa_normf(cl.clause) AS cn
	FROM raw_hits h, unnest(regexp_extract_all(h.text, '[^，。？！；,.?!;…]+[，。？！；,.?!;…]*')) cl(clause) WHERE h.src = 'phrase'
), ctx AS (
	SELECT call_id, seq, what, bool_and(EXISTS (SELECT 1 FROM ex WHERE (ex.phrase = k.what OR ex.phrase = '*') AND (
		(ex.how = 'before' AND ex.w <> '' AND contains(left(k.cn, strpos(k.cn, k.np) - 1), ex.w))
		OR (ex.how = 'after' AND ex.w <> '' AND starts_with(substr(k.cn, strpos(k.cn, k.np) + length(k.np)), ex.w))
		OR (ex.how = 'question' AND (regexp_matches(k.clause, '[？?]\\s*$') OR regexp_matches(k.cn, '(吗|呢|么)$')))))) AS excused
	FROM clauses k WHERE contains(k.cn, k.np)
	GROUP BY call_id, seq, what
), hits AS (
	SELECT h.*, coalesce(x.excused, false) AS excused FROM raw_hits h LEFT JOIN ctx x ON x.call_id = h.call_id AND x.seq = h.seq AND x.what = h.what
)`
			: `hits AS (SELECT *, false AS excused FROM raw_hits)`
	}, per_seg AS (
	SELECT call_id, seq, start_s, end_s, ord, text, string_agg(DISTINCT '"' || what || '"', ', ' ORDER BY '"' || what || '"') AS what,
		'[' || string_agg(DISTINCT ${jsonStringSql('what')}, ',' ORDER BY ${jsonStringSql('what')}) || ']' AS phrases,
		-- the first hit in the turn, as a span of its text (normalised offsets mapped back in SQL)
		min(strpos(norm, np)) AS pos, arg_min(length(np), [strpos(norm, np), -length(np)]) AS len
	FROM hits WHERE NOT excused GROUP BY call_id, seq, start_s, end_s, ord, text
), excused AS (
	SELECT call_id, count(*) AS n, string_agg('"' || what || '" in seq ' || seq || ' excused', '; ' ORDER BY ord, what) AS ev,
		string_agg(${partSql(codeSql('banned_excused'), { phrase: 'what', seq: 'seq' })}, ',' ORDER BY ord, what) AS parts
	FROM hits WHERE excused GROUP BY call_id
), per_call AS (
	SELECT call_id, count(*) AS n, arg_min(seq, ord) AS seq, arg_min(start_s, ord) AS start_s, arg_min(end_s, ord) AS end_s,
		string_agg(what || ' in seq ' || seq || ': ' || ${quote('text')}, '; ' ORDER BY ord) AS ev,
		string_agg(${partSql(codeSql('banned_in_seq'), {
			phrases: { json: 'phrases' },
			seq: 'seq',
			quote: quote('text'),
			from: 'CASE WHEN pos > 0 THEN cqa_raw_at(text, pos) - 1 END',
			to: 'CASE WHEN pos > 0 THEN cqa_raw_at(text, pos - 1 + len) END'
		})}, ',' ORDER BY ord) AS parts
	FROM per_seg GROUP BY call_id
)
SELECT c.call_id, CASE WHEN p.n > 0 THEN 'fail' ELSE 'pass' END AS result, p.seq, p.start_s, p.end_s,
	concat_ws('; ', coalesce(p.ev, 'none found'), x.ev) AS evidence,
	CASE WHEN p.call_id IS NULL AND x.call_id IS NULL THEN ${codeSql('banned_none')} ELSE ${codeSql('list')} END AS evidence_code,
	CASE WHEN p.call_id IS NULL AND x.call_id IS NULL THEN '{}'
		ELSE ${listParamsSql(`concat_ws(',', coalesce(p.parts, ${partSql(codeSql('banned_none'), {})}), x.parts)`)} END AS evidence_params
FROM cqa_call c LEFT JOIN per_call p ON p.call_id = c.call_id LEFT JOIN excused x ON x.call_id = c.call_id
WHERE c.has_transcript`;
}
