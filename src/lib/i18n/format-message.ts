// Fills a catalogue message: `{name}` placeholders from params, and plural choices in the ICU form
// `{n, plural, one {# call} other {# calls}}` picked by Intl.PluralRules for the language (`#` is the value as
// given, e.g. already grouped "1,337"). One mechanism for the whole catalogue, so no string says "1 files".
// Branch texts hold no braces of their own; other placeholders go outside the plural block. Plain TS, no runes.

const PLURAL_RE = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH_RE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const rulesByLocale = new Map<string, Intl.PluralRules>();
function rulesFor(locale: string): Intl.PluralRules {
	let r = rulesByLocale.get(locale);
	if (!r) rulesByLocale.set(locale, (r = new Intl.PluralRules(locale)));
	return r;
}

/** The number a parameter stands for: numbers as they are, formatted strings ("1,337", "2.5") parsed. */
function countOf(v: string | number): number {
	if (typeof v === 'number') return v;
	const n = Number(v.replace(/[^\d.-]/g, ''));
	return Number.isFinite(n) ? n : NaN;
}

export function formatMessage(text: string, params: Record<string, string | number> | undefined, locale: string): string {
	if (!params) return text;
	const withPlurals = text.includes(', plural,')
		? text.replace(PLURAL_RE, (whole, name: string, body: string) => {
				if (!(name in params)) return whole;
				const value = params[name];
				const n = countOf(value);
				const branches = new Map<string, string>();
				for (const [, key, branch] of body.matchAll(BRANCH_RE)) branches.set(key, branch);
				const chosen =
					branches.get(`=${n}`) ?? branches.get(Number.isNaN(n) ? 'other' : rulesFor(locale).select(n)) ?? branches.get('other') ?? '';
				return chosen.replaceAll('#', String(value));
			})
		: text;
	return withPlurals.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The parameter names a message takes: `{name}` and the counts of its plural blocks (not their branch texts). */
export function placeholderNames(text: string): Set<string> {
	const flat = text.replace(PLURAL_RE, (_whole, name: string) => `{${name}}`);
	return new Set([...flat.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
}
