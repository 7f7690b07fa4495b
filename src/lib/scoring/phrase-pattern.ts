// Turns a required phrase into the RE2 patterns the phrase_required SQL matches turns with (rules-sql.ts): an
// ordered alignment of the phrase against the normalised turn, compiled at rubric-compile time so DuckDB's RE2
// (the same in duckdb-wasm and native DuckDB) does the matching. No matching happens in JS: this only writes
// regular expressions. What it allows (docs/rubric.md, "How required phrases match"):
//   - the phrase's units in order: Chinese characters one by one, Latin words/numbers whole;
//   - a word of one of the rubric's equivalence classes stands for any word of its class (帮 = 帮助 = 帮到);
//   - up to two fillers (嗯, 那个, 先生, 您看, um …) between two units; a filler inside the phrase (请问 at its start,
//     的 between its words) may be left out;
//   - one slip: a unit inside the phrase (not its first or last) missing, replaced, or followed by an extra
//     character — a Chinese character "heard" as zero to two arbitrary characters, a Latin word as up to 12
//     letters; a word of an equivalence class only left out, followed by an extra word, or replaced by a word of
//     another class, never by an arbitrary word (还有其他号码吗 is not 还有其他问题吗).
// Similarity = 1 − slips / units: 1 for an exact (filler- and class-tolerant) match, 1 − 1/n with the slip.
import type { Language } from './rubric';
import { VARIANT_PAIRS } from '../text/variants-table';
import { T2S_FROM, T2S_TO } from '../text/t2s-table';

export interface PhrasePattern {
	/** the units in order, each an RE2 alternative group or literal */
	units: string[];
	/** units that may be the slip (single characters not at either end) */
	slippable: boolean[];
	/** RE2 for an exact match (fillers and equivalents allowed) */
	exact: string;
	/** RE2 for a match with one slip; null when the phrase has no unit that may slip */
	slip: string | null;
}

/** Fillers, honorifics and particles that may sit between two units of a phrase without breaking the match. */
export const DEFAULT_FILLERS: Record<Language, string[]> = {
	zh: [
		'嗯',
		'呃',
		'啊',
		'哦',
		'噢',
		'哎',
		'诶',
		'额',
		'那个',
		'这个',
		'就是',
		'的',
		'呢',
		'吧',
		'呀',
		'哈',
		'啦',
		'嘛',
		'先生',
		'女士',
		'小姐',
		'下',
		'一下',
		'您',
		'你',
		'那',
		'那么',
		'您看',
		'你看',
		'这边',
		'我这边',
		'我们',
		'请问',
		'好的'
	],
	en: [
		'um',
		'uh',
		'er',
		'erm',
		'ah',
		'oh',
		'so',
		'well',
		'like',
		'just',
		'now',
		'today',
		'sir',
		'maam',
		'madam',
		'okay',
		'ok',
		'and',
		'also',
		'actually',
		'please'
	]
};

/** Equivalence classes the default rubrics ship (general usage; a rubric lists its own in `matching`). */
export const DEFAULT_EQUIVALENTS: Record<Language, string[][]> = {
	zh: [
		['帮', '帮助', '帮到', '帮忙'],
		['其他', '别的', '其余'],
		['问题', '需要', '业务', '事情', '事'],
		['什么', '啥'],
		['可以', '能', '能够'],
		['您', '你'],
		['感谢', '谢谢'],
		['来电', '致电', '电话']
	],
	en: [
		['help', 'assist'],
		['anything', 'something'],
		['thank you', 'thanks'],
		['calling', 'contacting'],
		['day', 'night', 'evening', 'afternoon']
	]
};

/** Escapes a literal for RE2. */
export function reEscape(s: string): string {
	return s.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

const T2S = new Map<string, string>();
{
	const to = [...T2S_TO];
	[...T2S_FROM].forEach((c, i) => T2S.set(c, to[i]));
}

/**
 * A rubric phrase in the form cqa_normf gives the transcripts (full width → ASCII, lower case, traditional →
 * simplified, variant words folded) but with its spaces kept, so Latin words can be told apart. It applies the
 * same data tables as the SQL to the rubric's own strings, once, when the rubric is compiled (a regular
 * expression must be a literal for RE2 to compile it once); phrase-matching.test.ts checks that every default
 * phrase comes out exactly as cqa_normf makes it. Transcripts are only ever normalised in SQL.
 */
function keep(s: string): string {
	let t = '';
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		const half = cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : cp === 0x3000 ? ' ' : ch;
		const low = half.toLowerCase();
		t += /[\p{L}\p{N}]/u.test(low) ? (T2S.get(low) ?? low) : /\s/u.test(low) ? ' ' : '';
	}
	for (const [v, std] of VARIANT_PAIRS) t = t.replaceAll(v, std);
	return t;
}

/** A phrase cut into units: Han characters one by one, runs of Latin letters/digits as words. */
export function phraseUnits(phrase: string): string[] {
	return keep(phrase).match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
}

/** Builds the patterns of one phrase; `equivalents` and `fillers` as the rubric writes them. */
export function phrasePattern(phrase: string, language: Language, equivalents: string[][], fillers: string[]): PhrasePattern {
	const units = phraseUnits(phrase);
	const classes = equivalents.map((c) => [...new Set(c.map((w) => phraseUnits(w).join('')).filter(Boolean))]).filter((c) => c.length > 1);
	// Greedy longest class word at each position of the unit sequence.
	const out: string[] = [];
	const slippable: boolean[] = [];
	const isClass: boolean[] = [];
	for (let i = 0; i < units.length;) {
		let best: { len: number; cls: string[] } | null = null;
		for (const cls of classes)
			for (const w of cls) {
				const wu = phraseUnits(w);
				if (wu.length > 0 && units.slice(i, i + wu.length).join('\u0000') === wu.join('\u0000') && (!best || wu.length > best.len))
					best = { len: wu.length, cls };
			}
		if (best) {
			out.push(
				`(?:${[...best.cls]
					.sort((a, b) => b.length - a.length || a.localeCompare(b))
					.map(reEscape)
					.join('|')})`
			);
			slippable.push(false);
			isClass.push(true);
			i += best.len;
		} else {
			out.push(reEscape(units[i]));
			slippable.push(true);
			isClass.push(false);
			i += 1;
		}
	}
	if (out.length > 0) {
		slippable[0] = false;
		slippable[out.length - 1] = false;
	}
	const fill = [...new Set(fillers.map((f) => phraseUnits(f).join('')).filter(Boolean))].sort(
		(a, b) => b.length - a.length || a.localeCompare(b)
	);
	// A filler written in the phrase (感谢您的来电, 请问还有什么可以帮您) may be left out when spoken (感谢您来电,
	// 还有什么可以帮您), as long as something else of the phrase remains to be matched.
	const optional = out.map(() => false);
	for (let i = 0; i < out.length; i++)
		for (const f of fill) {
			const fu = phraseUnits(f);
			if (fu.length && out.slice(i, i + fu.length).join('\u0000') === fu.join('\u0000')) {
				for (let k = i; k < i + fu.length; k++) optional[k] = true;
				break;
			}
		}
	if (optional.some((o) => !o))
		for (let i = 0; i < out.length; i++)
			if (optional[i]) {
				// a run of optional units (请 问) becomes one optional group
				let j = i;
				while (j + 1 < out.length && optional[j + 1]) j++;
				out.splice(i, j - i + 1, `(?:${out.slice(i, j + 1).join('')})?`);
				slippable.splice(i, j - i + 1, false);
				isClass.splice(i, j - i + 1, false);
				optional.splice(i, j - i + 1, true);
			}
	// the ends a slip may not touch are the first and last units that must be heard
	const must = out.map((_, i) => !optional[i]);
	const firstMust = must.indexOf(true);
	const lastMust = must.lastIndexOf(true);
	if (firstMust >= 0) {
		slippable[firstMust] = false;
		slippable[lastMust] = false;
	}
	const gap = fill.length ? `(?:${fill.map(reEscape).join('|')}){0,2}` : '';
	const join = (parts: string[]) => parts.join(gap);
	const exact = join(out);
	const slipBranches: string[] = [];
	// A slipped character is heard as zero to two arbitrary characters (a Latin word as up to 12 letters).
	const any = language === 'zh' ? '.{0,2}' : '[a-z0-9]{0,12}';
	// A class word (not at either end) may slip too, but only in ways that keep the sentence's meaning: left out
	// (还有什么帮您的吗), followed by an extra word (还有其他需要咨询吗, 还有什么其他能够帮到您), or replaced by a word
	// of another class (还有其他可以帮到您的吗); never by an arbitrary word (您还有其他号码吗 is not 还有其他问题吗).
	const classWords = [...new Set(classes.flat())].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(reEscape);
	const classSlip = (u: string) => `(?:${u}${any}|${classWords.join('|')})?`;
	out.forEach((u, i) => {
		if (slippable[i]) slipBranches.push(join(out.map((v, j) => (j === i ? any : v))));
		else if (isClass[i] && i !== firstMust && i !== lastMust) slipBranches.push(join(out.map((v, j) => (j === i ? classSlip(u) : v))));
	});
	return { units: out, slippable, exact, slip: slipBranches.length ? slipBranches.join('|') : null };
}

/** The similarity a match with `slips` slips has for a phrase of `n` units, as the evidence shows it. */
export function similarity(n: number, slips: number): number {
	return n === 0 ? 0 : 1 - slips / n;
}
