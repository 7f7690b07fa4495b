// One SQL query per rule kind (DESIGN §5). Each returns at most one row per call:
//   (call_id, result 'pass'|'fail'|'na', seq, start_s, end_s, evidence, evidence_code, evidence_params)
// `evidence` is English text (the CLI's findings.csv); code + params (evidence.ts) let the UI say it in Chinese.
// over the temp tables compile.ts builds: cqa_call (facts per call), cqa_seg (segments with normalised text
// `norm`, `nchars`, order `ord`/`ord_rev` and per-speaker `turn_no`/`turn_rev`), cqa_va (voice
// activity). A call the rule returns no row for is 'na'. Rubric strings are normalised here with cqa_normf() (cqa_norm + variant folding),
// in SQL, exactly like the transcripts.
import type { CourtesyRule, InterruptionRule, MetricRule, PiiRule, ResponseTimeRule, Rubric, Rule, SpeechRateRule } from './rubric';
import { substitute } from './rubric';
import { sqlString } from '../db/sql';
import { codeSql, jsonObjectSql, listParamsSql, partSql } from './evidence';
import { speakerSql, values } from './sql-helpers';
import { phraseBanned, phraseRequired } from './phrase-rules-sql';

/** Float times such as 13.7 − 12.7 = 0.99999… must meet a 1.0 s threshold: compare at the millisecond. */
const ms = (x: string) => `round(${x}, 3)`;

function interruption(r: InterruptionRule): string {
	const bcs = r.backchannels.map((b) => [sqlString(b)]);
	// From the transcript on calls without voice activity; from voice activity (agent speech starting inside
	// customer speech) where the call has it, taking the interrupting turn's text from the agent segment there.
	return `WITH bc AS (
	SELECT '^(' || coalesce(string_agg(np, '|' ORDER BY length(np) DESC), '') || ')+$' AS re
	FROM (SELECT DISTINCT cqa_normf(raw) AS np FROM ${values(bcs, ['raw'])}) WHERE np <> ''
), ev AS (
	SELECT a.call_id, a.seq, a.start_s, a.end_s, least(cu.end_s, a.end_s) - a.start_s AS overlap_s, a.nchars AS chars, a.norm, 'transcript' AS src
	FROM cqa_seg a JOIN cqa_call c ON c.call_id = a.call_id AND c.is_timed AND NOT c.has_va
	JOIN cqa_seg cu ON cu.call_id = a.call_id AND cu.speaker = 'customer' AND cu.start_s < a.start_s AND a.start_s < cu.end_s
	WHERE a.speaker = 'agent'
	UNION ALL
	SELECT va.call_id, seg.seq, va.start_s, va.end_s, least(vc.end_s, va.end_s) - va.start_s, seg.nchars, seg.norm, 'voice activity'
	FROM cqa_va va JOIN cqa_va vc ON vc.call_id = va.call_id AND vc.speaker = 'customer' AND vc.start_s < va.start_s AND va.start_s < vc.end_s
	LEFT JOIN cqa_seg seg ON seg.call_id = va.call_id AND seg.speaker = 'agent' AND va.start_s BETWEEN seg.start_s - 0.5 AND seg.end_s
	WHERE va.speaker = 'agent'
		-- Without words (no transcript turn there) a backchannel cannot be told by its length in characters; the
		-- audio says it instead: a backchannel ends inside the customer's speech, an interruption takes the floor.
		AND (seg.seq IS NOT NULL OR va.end_s > vc.end_s)
), judged AS (
	SELECT ev.*, ${ms('overlap_s')} >= ${r.min_overlap_s}
		AND (chars IS NULL OR chars >= ${r.min_chars})
		AND NOT coalesce(regexp_full_match(norm, (SELECT re FROM bc)) AND (SELECT re FROM bc) <> '^()+$', false) AS counts
	FROM ev
), events AS (
	-- an agent turn overlapping two customer turns is one interruption: keep its largest overlap
	SELECT call_id, seq, start_s, end_s, src, chars, max(overlap_s) AS overlap_s, bool_or(counts) AS counts
	FROM judged GROUP BY call_id, seq, start_s, end_s, src, chars
), per_call AS (
	SELECT call_id,
		count(*) FILTER (WHERE counts) AS n,
		count(*) FILTER (WHERE NOT counts) AS n_ignored,
		arg_min(seq, [start_s, coalesce(seq, 0)]) FILTER (WHERE counts) AS seq, min(start_s) FILTER (WHERE counts) AS start_s,
		arg_min(end_s, [start_s, coalesce(seq, 0)]) FILTER (WHERE counts) AS end_s,
		string_agg(CASE WHEN src = 'voice activity' AND seq IS NULL THEN format('at {:.1f} s: overlap {:.1f} s, the agent went on after the customer stopped (no transcript turn)', start_s, overlap_s)
			ELSE format('seq {} at {:.1f} s: overlap {:.1f} s, {} chars', coalesce(seq::VARCHAR, '?'), start_s, overlap_s, coalesce(chars::VARCHAR, '?')) END, '; ' ORDER BY start_s, seq) FILTER (WHERE counts) AS ev,
		string_agg(${partSql(
			`CASE WHEN src <> 'voice activity' THEN ${codeSql('interruption_event')} WHEN seq IS NULL THEN ${codeSql('interruption_event_va_untied')} ELSE ${codeSql('interruption_event_va')} END`,
			{
				seq: `coalesce(seq::VARCHAR, '?')`,
				at: `format('{:.1f}', start_s)`,
				overlap: `format('{:.1f}', overlap_s)`,
				chars: `coalesce(chars::VARCHAR, '?')`
			}
		)}, ',' ORDER BY start_s, seq) FILTER (WHERE counts) AS parts
	FROM events GROUP BY call_id
)
SELECT c.call_id,
	CASE WHEN coalesce(p.n, 0) > CASE WHEN c.is_complaint THEN ${r.max_count_complaint} ELSE ${r.max_count} END THEN 'fail' ELSE 'pass' END AS result,
	p.seq, p.start_s, p.end_s,
	coalesce(p.n, 0) || ' interruption(s), max ' || CASE WHEN c.is_complaint THEN ${r.max_count_complaint} || ' (complaint call)' ELSE ${r.max_count}::VARCHAR END
		|| coalesce(': ' || p.ev, '') || CASE WHEN p.n_ignored > 0 THEN '; ' || p.n_ignored || ' backchannel/short overlap(s) ignored' ELSE '' END
		|| CASE WHEN c.has_va THEN '; from audio' ELSE '' END AS evidence,
	${codeSql('list')} AS evidence_code,
	${listParamsSql(`concat_ws(',',
		${partSql(`CASE WHEN c.is_complaint THEN ${codeSql('interruption_count_complaint')} ELSE ${codeSql('interruption_count')} END`, {
			n: 'coalesce(p.n, 0)',
			max: `CASE WHEN c.is_complaint THEN ${r.max_count_complaint} ELSE ${r.max_count} END`
		})},
		p.parts,
		CASE WHEN p.n_ignored > 0 THEN ${partSql(codeSql('interruption_ignored'), { n: 'p.n_ignored' })} END,
		CASE WHEN c.has_va THEN ${partSql(codeSql('from_audio'), {})} END)`)} AS evidence_params
FROM cqa_call c LEFT JOIN per_call p ON p.call_id = c.call_id
WHERE c.is_timed OR c.has_va`;
}

function ring(r: ResponseTimeRule): string {
	const max = r.max_ring_s ?? 15;
	return `SELECT c.call_id,
	CASE WHEN c.ring_s IS NULL OR c.abandoned THEN 'na' WHEN c.ring_s <= ${max} THEN 'pass' ELSE 'fail' END AS result,
	NULL::INT AS seq, NULL::DOUBLE AS start_s, NULL::DOUBLE AS end_s,
	CASE WHEN c.abandoned THEN 'abandoned before answer' WHEN c.ring_s IS NOT NULL
		THEN format('ring {} s {} {} s', c.ring_s::VARCHAR, CASE WHEN c.ring_s <= ${max} THEN '≤' ELSE '>' END, ${sqlString(String(max))}) END AS evidence,
	CASE WHEN c.abandoned THEN ${codeSql('abandoned')} WHEN c.ring_s IS NOT NULL
		THEN CASE WHEN c.ring_s <= ${max} THEN ${codeSql('ring_ok')} ELSE ${codeSql('ring_over')} END END AS evidence_code,
	CASE WHEN c.abandoned THEN '{}' WHEN c.ring_s IS NOT NULL THEN ${jsonObjectSql({ value: 'c.ring_s', max: sqlString(String(max)) })} END AS evidence_params
FROM cqa_call c`;
}

/** Voice activity in time order with the latest end so far and whose span ended last (a turn change or a gap). */
const VA_ORDERED = `SELECT v.call_id, v.speaker, v.start_s, v.end_s,
		max(v.end_s) OVER w AS prev_end, arg_max(v.speaker, v.end_s) OVER w AS prev_speaker
	FROM cqa_va v WINDOW w AS (PARTITION BY v.call_id ORDER BY v.start_s, v.end_s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;

function reply(r: ResponseTimeRule): string {
	const max = r.max_reply_s ?? 5;
	// From the transcript's turn times, or — where the call has voice activity — from the audio: the agent's
	// speech starting after the customer's stopped with nobody speaking in between.
	return `WITH s AS (
	SELECT s.call_id, s.seq, s.speaker, s.start_s, s.end_s,
		lag(s.speaker) OVER w AS prev_speaker, lag(s.end_s) OVER w AS prev_end, lag(s.seq) OVER w AS prev_seq
	FROM cqa_seg s JOIN cqa_call c ON c.call_id = s.call_id AND c.is_timed AND NOT c.has_va
	WINDOW w AS (PARTITION BY s.call_id ORDER BY s.start_s, s.seq)
), ev AS (
	SELECT call_id, seq, prev_seq, start_s, prev_end, start_s - prev_end AS gap, false AS is_va FROM s
	WHERE speaker = 'agent' AND prev_speaker = 'customer' AND start_s >= prev_end AND ${ms('start_s - prev_end')} >= ${max}
	UNION ALL
	SELECT call_id, NULL, NULL, start_s, prev_end, start_s - prev_end, true FROM (${VA_ORDERED})
	WHERE speaker = 'agent' AND prev_speaker = 'customer' AND start_s > prev_end AND ${ms('start_s - prev_end')} >= ${max}
), per_call AS (
	SELECT call_id, count(*) AS n, arg_max(seq, [gap, -start_s]) AS seq, arg_max(prev_end, [gap, -start_s]) AS start_s, arg_max(start_s, [gap, -start_s]) AS end_s,
		string_agg(CASE WHEN is_va THEN format('reply {:.1f} s at {:.1f} s (from audio)', gap, prev_end) ELSE format('reply {:.1f} s after seq {} (seq {})', gap, prev_seq, seq) END, '; ' ORDER BY start_s) AS ev,
		string_agg(CASE WHEN is_va THEN ${partSql(codeSql('reply_late_va'), { gap: `format('{:.1f}', gap)`, at: `format('{:.1f}', prev_end)`, max: sqlString(String(max)) })}
			ELSE ${partSql(codeSql('reply_late'), { gap: `format('{:.1f}', gap)`, after: 'prev_seq', seq: 'seq', max: sqlString(String(max)) })} END, ',' ORDER BY start_s) AS parts
	FROM ev GROUP BY call_id
)
SELECT c.call_id, CASE WHEN p.n > 0 THEN 'fail' ELSE 'pass' END AS result, p.seq, p.start_s, p.end_s,
	coalesce(p.ev || ' ≥ ${max} s', 'every reply < ${max} s' || CASE WHEN c.has_va THEN ' (from audio)' ELSE '' END) AS evidence,
	CASE WHEN p.call_id IS NOT NULL THEN ${codeSql('list')} WHEN c.has_va THEN ${codeSql('reply_ok_va')} ELSE ${codeSql('reply_ok')} END AS evidence_code,
	coalesce(${listParamsSql('p.parts')}, ${jsonObjectSql({ max: sqlString(String(max)) })}) AS evidence_params
FROM cqa_call c LEFT JOIN per_call p ON p.call_id = c.call_id
WHERE c.is_timed OR c.has_va`;
}

function silence(r: ResponseTimeRule): string {
	const max = r.max_silence_s ?? 8;
	const holds = (r.hold_phrases ?? []).map((h) => [sqlString(h)]);
	// A gap is measured from the latest end so far (overlapping turns cover each other) to the next start; the
	// turn that ended last before it decides whether it is a hold (an agent turn with a hold phrase). Where the
	// call has voice activity the gaps come from the audio, and a hold phrase needs words: the transcript's agent
	// turn ending within 3 s of the silence's start excuses it; without a transcript a hold cannot be known.
	return `WITH hold AS (
	SELECT cqa_normf(raw) AS np FROM ${values(holds, ['raw'])}
), s AS (
	SELECT s.call_id, s.seq, s.speaker, s.start_s, s.end_s, s.norm, s.ord,
		max(s.end_s) OVER w AS prev_end,
		arg_max(s.ord, s.end_s * 100000 + s.ord) OVER w AS prev_ord
	FROM cqa_seg s JOIN cqa_call c ON c.call_id = s.call_id AND c.is_timed AND NOT c.has_va
	WINDOW w AS (PARTITION BY s.call_id ORDER BY s.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), gaps AS (
	SELECT s.call_id, s.start_s - s.prev_end AS gap, s.prev_end, s.start_s, p.seq AS after_seq,
		p.speaker = 'agent' AND EXISTS (SELECT 1 FROM hold h WHERE h.np <> '' AND contains(p.norm, h.np)) AS after_hold, 'transcript' AS src
	FROM s JOIN cqa_seg p ON p.call_id = s.call_id AND p.ord = s.prev_ord
	WHERE ${ms('s.start_s - s.prev_end')} >= ${max}
	UNION ALL
	SELECT g.call_id, g.gap, g.prev_end, g.start_s, h.seq, h.seq IS NOT NULL, CASE WHEN c.has_transcript THEN 'audio' ELSE 'audio_no_words' END
	FROM (SELECT call_id, start_s - prev_end AS gap, prev_end, start_s FROM (${VA_ORDERED}) WHERE start_s > prev_end AND ${ms('start_s - prev_end')} >= ${max}) g
	JOIN cqa_call c ON c.call_id = g.call_id
	LEFT JOIN LATERAL (
		SELECT min(p.seq) AS seq FROM cqa_seg p
		WHERE p.call_id = g.call_id AND p.speaker = 'agent' AND abs(p.end_s - g.prev_end) <= 3
			AND EXISTS (SELECT 1 FROM hold h WHERE h.np <> '' AND contains(p.norm, h.np))
	) h ON true
), per_call AS (
	SELECT call_id, count(*) FILTER (WHERE NOT after_hold) AS n,
		arg_max(after_seq, [gap, -start_s]) FILTER (WHERE NOT after_hold) AS seq,
		arg_max(prev_end, [gap, -start_s]) FILTER (WHERE NOT after_hold) AS start_s,
		arg_max(start_s, [gap, -start_s]) FILTER (WHERE NOT after_hold) AS end_s,
		string_agg(CASE src
			WHEN 'transcript' THEN format('gap {:.1f} s after seq {}', gap, after_seq) || CASE WHEN after_hold THEN ' (after a hold phrase: excused)' ELSE '' END
			WHEN 'audio' THEN format('gap {:.1f} s at {:.1f} s', gap, prev_end) || CASE WHEN after_hold THEN format(' after a hold phrase in seq {}: excused', after_seq) ELSE '' END || ' (from audio)'
			ELSE format('gap {:.1f} s at {:.1f} s (from audio; no transcript, so whether it was a hold cannot be known)', gap, prev_end) END, '; ' ORDER BY prev_end, start_s) AS ev,
		string_agg(CASE src
			WHEN 'transcript' THEN ${partSql(`CASE WHEN after_hold THEN ${codeSql('silence_gap_hold')} ELSE ${codeSql('silence_gap')} END`, { gap: `format('{:.1f}', gap)`, after: 'after_seq' })}
			ELSE ${partSql(
				`CASE WHEN after_hold THEN ${codeSql('silence_gap_va_hold')} WHEN src = 'audio' THEN ${codeSql('silence_gap_va')} ELSE ${codeSql('silence_gap_va_unknown')} END`,
				{ gap: `format('{:.1f}', gap)`, at: `format('{:.1f}', prev_end)`, after: 'after_seq' }
			)} END, ',' ORDER BY prev_end, start_s) AS parts
	FROM gaps GROUP BY call_id
)
SELECT c.call_id, CASE WHEN coalesce(p.n, 0) > 0 THEN 'fail' ELSE 'pass' END AS result, p.seq, p.start_s, p.end_s,
	coalesce(p.ev, 'no silence ≥ ${max} s' || CASE WHEN c.has_va THEN ' (from audio)' ELSE '' END) AS evidence,
	CASE WHEN p.call_id IS NOT NULL THEN ${codeSql('list')} WHEN c.has_va THEN ${codeSql('silence_none_va')} ELSE ${codeSql('silence_none')} END AS evidence_code,
	coalesce(${listParamsSql('p.parts')}, ${jsonObjectSql({ max: sqlString(String(max)) })}) AS evidence_params
FROM cqa_call c LEFT JOIN per_call p ON p.call_id = c.call_id
WHERE c.is_timed OR c.has_va`;
}

function courtesy(r: CourtesyRule, rubric: Rubric): string {
	// Longest word first, each match replaced by a separator so 请原谅 is not also counted as 请.
	const words = [...new Set(r.phrases.map((w) => substitute(w, rubric.variables)))].sort((a, b) => b.length - a.length);
	// The words are normalised once, from a VALUES table (cqa_normf on a literal is inlined into every expression).
	const cw = `SELECT ${words.map((_, i) => `max(np) FILTER (WHERE i = ${i}) AS w${i}`).join(', ')}
		FROM (SELECT i::INT AS i, cqa_normf(raw) AS np FROM ${values(
			words.map((w, i) => [String(i), sqlString(w)]),
			['i', 'raw']
		)})`;
	let inner = `SELECT s.call_id, s.norm AS t, cw.* FROM cqa_seg s, (${cw}) cw WHERE ${speakerSql(r.speaker)}`;
	words.forEach((_, i) => {
		const W = `w${i}`;
		inner = `SELECT * REPLACE (CASE WHEN ${W} = '' THEN t ELSE replace(t, ${W}, chr(1)) END AS t),
	CASE WHEN ${W} = '' THEN 0 ELSE (length(t) - length(replace(t, ${W}, ''))) // length(${W}) END AS c${i}
FROM (${inner})`;
	});
	const sums = words.map((_, i) => `sum(c${i}) AS c${i}`).join(', ');
	const total = words.map((_, i) => `p.c${i}`).join(' + ');
	const detail = words.map((w, i) => `CASE WHEN p.c${i} > 0 THEN ${sqlString(w + ' ')} || p.c${i} END`).join(', ');
	const wordParts = words
		.map((w, i) => `CASE WHEN p.c${i} > 0 THEN ${partSql(codeSql('courtesy_word'), { word: sqlString(w), n: `p.c${i}` })} END`)
		.join(', ');
	const n = `coalesce(${total}, 0)`;
	const wordList = `nullif(concat_ws(',', ${wordParts}), '')`;
	return `WITH per_call AS (SELECT call_id, ${sums} FROM (${inner}) GROUP BY call_id)
SELECT c.call_id,
	CASE WHEN coalesce(${total}, 0) >= ${r.min_count} THEN 'pass' ELSE 'fail' END AS result,
	NULL::INT AS seq, NULL::DOUBLE AS start_s, NULL::DOUBLE AS end_s,
	format('{} courtesy word(s) {} {}', coalesce(${total}, 0), CASE WHEN coalesce(${total}, 0) >= ${r.min_count} THEN '≥' ELSE '<' END, ${r.min_count})
		|| coalesce(' (' || nullif(concat_ws(', ', ${detail}), '') || ')', '') AS evidence,
	${codeSql('list')} AS evidence_code,
	${listParamsSql(`concat_ws(',',
		${partSql(`CASE WHEN ${n} >= ${r.min_count} THEN ${codeSql('courtesy_ok')} ELSE ${codeSql('courtesy_low')} END`, { n, min: String(r.min_count) })},
		CASE WHEN ${wordList} IS NOT NULL THEN ${partSql(codeSql('courtesy_words'), { words: { json: `'[' || ${wordList} || ']'` } })} END)`)} AS evidence_params
FROM cqa_call c LEFT JOIN per_call p ON p.call_id = c.call_id
WHERE c.has_transcript`;
}

function speechRate(r: SpeechRateRule): string {
	const units = r.unit === 'chars' ? 's.nchars' : 'cqa_words(s.text)';
	const label = r.unit === 'chars' ? 'chars' : 'words';
	return `WITH t AS (
	SELECT s.call_id, s.seq, s.start_s, s.end_s, ${units} AS n, round(round(${units} * 60.0 / (s.end_s - s.start_s), 6)) AS rate
	FROM cqa_seg s JOIN cqa_call c ON c.call_id = s.call_id AND c.is_timed
	WHERE s.speaker = 'agent' AND s.end_s > s.start_s AND ${units} >= ${r.min_chars}
), bad AS (
	SELECT * FROM t WHERE rate > ${r.max_cpm} OR rate < ${r.min_cpm}
), per_call AS (
	SELECT call_id, count(*) AS n, arg_max(seq, [abs(rate - ${(r.min_cpm + r.max_cpm) / 2}), -seq]) AS seq,
		arg_max(start_s, [abs(rate - ${(r.min_cpm + r.max_cpm) / 2}), -seq]) AS start_s, arg_max(end_s, [abs(rate - ${(r.min_cpm + r.max_cpm) / 2}), -seq]) AS end_s,
		string_agg(format('seq {}: {} ${label}/min ({} ${label} in {:.1f} s)', seq, rate::BIGINT, n, end_s - start_s), '; ' ORDER BY start_s, seq) AS ev,
		string_agg(${partSql(codeSql(r.unit === 'chars' ? 'rate_turn_chars' : 'rate_turn_words'), {
			seq: 'seq',
			rate: 'rate::BIGINT',
			n: 'n',
			dur: `format('{:.1f}', end_s - start_s)`,
			min: String(r.min_cpm),
			max: String(r.max_cpm)
		})}, ',' ORDER BY start_s, seq) AS parts
	FROM bad GROUP BY call_id
), judged AS (SELECT call_id, count(*) AS n FROM t GROUP BY call_id)
SELECT c.call_id, CASE WHEN j.n IS NULL THEN 'na' WHEN p.n > 0 THEN 'fail' ELSE 'pass' END AS result, p.seq, p.start_s, p.end_s,
	CASE WHEN j.n IS NULL THEN 'no agent turn long enough to judge'
		ELSE coalesce(p.ev || ' outside ${r.min_cpm}–${r.max_cpm}', 'all ' || j.n || ' turns within ${r.min_cpm}–${r.max_cpm} ${label}/min') END AS evidence,
	CASE WHEN j.n IS NULL THEN ${codeSql('rate_no_turn')} WHEN p.call_id IS NOT NULL THEN ${codeSql('list')}
		ELSE ${codeSql(r.unit === 'chars' ? 'rate_ok_chars' : 'rate_ok_words')} END AS evidence_code,
	CASE WHEN j.n IS NULL THEN '{}'
		ELSE coalesce(${listParamsSql('p.parts')}, ${jsonObjectSql({ n: 'j.n', min: String(r.min_cpm), max: String(r.max_cpm) })}) END AS evidence_params
FROM cqa_call c LEFT JOIN judged j ON j.call_id = c.call_id LEFT JOIN per_call p ON p.call_id = c.call_id
WHERE c.is_timed`;
}

function pii(r: PiiRule): string {
	// The evidence masks the number (DESIGN §8): first 3 and last 4 characters only. Literal regexes (see above).
	const masked = `CASE WHEN length(m) > 7 THEN left(m, 3) || repeat('*', length(m) - 7) || right(m, 4) ELSE repeat('*', length(m)) END`;
	const hits = r.patterns
		.map(
			(
				p,
				i
			) => `SELECT s.call_id, s.seq, s.start_s, s.end_s, s.ord, ${i} AS pat_no, ${sqlString(p.name)} AS name, regexp_extract(s.norm, ${sqlString(p.regex)}) AS m
	FROM cqa_seg s WHERE ${speakerSql(r.speaker)} AND regexp_matches(s.norm, ${sqlString(p.regex)})`
		)
		.join('\n\tUNION ALL\n\t');
	return `WITH hits AS (
	${hits}
), per_seg AS (
	-- one number can match several patterns (a bank card holds an ID-card-length run): keep the longest
	SELECT call_id, seq, start_s, end_s, ord, arg_max(name, [length(m), -pat_no]) AS name, arg_max(m, [length(m), -pat_no]) AS m FROM hits GROUP BY ALL
), per_call AS (
	SELECT call_id, count(*) AS n, arg_min(seq, ord) AS seq, arg_min(start_s, ord) AS start_s, arg_min(end_s, ord) AS end_s,
		string_agg(name || ' ' || ${masked} || ' in seq ' || seq, '; ' ORDER BY ord) AS ev,
		string_agg(${partSql(codeSql('pii_found'), { kind: 'name', masked, seq: 'seq' })}, ',' ORDER BY ord) AS parts
	FROM per_seg GROUP BY call_id
)
SELECT c.call_id, CASE WHEN p.n > 0 THEN 'fail' ELSE 'pass' END AS result, p.seq, p.start_s, p.end_s, coalesce(p.ev, 'none found') AS evidence,
	CASE WHEN p.call_id IS NULL THEN ${codeSql('pii_none')} ELSE ${codeSql('list')} END AS evidence_code,
	coalesce(${listParamsSql('p.parts')}, '{}') AS evidence_params
FROM cqa_call c LEFT JOIN per_call p ON p.call_id = c.call_id
WHERE c.has_transcript`;
}

function metric(r: MetricRule): string {
	// field and op are checked against fixed lists by validateRubric, so they are safe to splice.
	return `SELECT c.call_id,
	CASE WHEN c.${r.field} IS NULL THEN 'na' WHEN c.${r.field} ${r.op} ${r.value} THEN 'pass' ELSE 'fail' END AS result,
	NULL::INT AS seq, NULL::DOUBLE AS start_s, NULL::DOUBLE AS end_s,
	CASE WHEN c.${r.field} IS NOT NULL THEN '${r.field} = ' || c.${r.field} || ' (needs ${r.op} ${r.value})' END AS evidence,
	CASE WHEN c.${r.field} IS NOT NULL THEN ${codeSql('metric')} END AS evidence_code,
	CASE WHEN c.${r.field} IS NOT NULL THEN ${jsonObjectSql({ field: sqlString(r.field), op: sqlString(r.op), value: sqlString(String(r.value)), actual: `c.${r.field}` })} END AS evidence_params
FROM cqa_call c`;
}

export function ruleSql(rule: Rule, rubric: Rubric): string {
	switch (rule.kind) {
		case 'phrase_required':
			return phraseRequired(rule, rubric);
		case 'phrase_banned':
			return phraseBanned(rule, rubric);
		case 'interruption':
			return interruption(rule);
		case 'response_time':
			return rule.measure === 'ring' ? ring(rule) : rule.measure === 'reply' ? reply(rule) : silence(rule);
		case 'courtesy':
			return courtesy(rule, rubric);
		case 'speech_rate':
			return speechRate(rule);
		case 'pii_disclosure':
			return pii(rule);
		case 'metric':
			return metric(rule);
		case 'manual':
			return `SELECT c.call_id, 'na' AS result, NULL::INT AS seq, NULL::DOUBLE AS start_s, NULL::DOUBLE AS end_s, 'judged by the inspector' AS evidence,
	${codeSql('manual')} AS evidence_code, '{}' AS evidence_params FROM cqa_call c`;
	}
}
