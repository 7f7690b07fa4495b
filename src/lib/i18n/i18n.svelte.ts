// The interface language: which catalogue t() reads, remembered in localStorage and mirrored on <html lang>.
// Owns message lookup and number/date formatting; the catalogues themselves are zh.ts and en.ts.
import { en } from './en';
import { zh, type MessageKey } from './zh';
import { formatMessage } from './format-message';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const STORAGE_KEY = 'callqa.lang';
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { zh, en };
const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

function stored(): Lang {
	try {
		const v = globalThis.localStorage?.getItem(STORAGE_KEY);
		return v === 'en' || v === 'zh' ? v : 'zh';
	} catch {
		return 'zh';
	}
}

export class Locale {
	lang = $state<Lang>(stored());

	constructor() {
		this.#mirror();
	}

	set(lang: Lang): void {
		this.lang = lang;
		try {
			localStorage.setItem(STORAGE_KEY, lang);
		} catch {
			// Private windows may refuse storage; the choice then lasts for this page only.
		}
		this.#mirror();
	}

	#mirror(): void {
		if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[this.lang];
	}

	/** The message for `key` in the current language, placeholders and plural choices filled from `params` (format-message.ts). */
	t = (key: MessageKey, params?: MessageParams): string =>
		formatMessage(CATALOGUES[this.lang][key] ?? zh[key] ?? key, params, HTML_LANG[this.lang]);

	/** Integer/decimal in the current language's grouping. */
	num = (n: number | null | undefined, digits = 0): string =>
		n == null || Number.isNaN(n) ? '—' : numberFormat(HTML_LANG[this.lang], digits).format(n);

	pct = (share: number | null | undefined): string =>
		share == null || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

// toLocaleString with options builds a formatter on every call (13 ms of a leaderboard's rendering); one per
// language and number of digits is kept instead, with the same output.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, digits: number): Intl.NumberFormat {
	const key = `${lang}|${digits}`;
	let f = numberFormats.get(key);
	if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits })));
	return f;
}

export const locale = new Locale();
export const t = locale.t;
