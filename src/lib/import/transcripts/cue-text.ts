// Shared pieces of the subtitle-like formats (WebVTT, SRT): clock timestamps, splitting a file into
// blank-line separated blocks with their line numbers, markup removal and the `Name:` speaker prefix.

export interface Block {
	/** 1-based line of the block's first line. */
	line: number;
	lines: string[];
}

export function splitLines(text: string): string[] {
	return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/** Blank-line separated blocks starting at index `from` of `lines`. */
export function blocks(lines: string[], from = 0): Block[] {
	const out: Block[] = [];
	let cur: Block | null = null;
	for (let i = from; i < lines.length; i++) {
		if (lines[i].trim() === '') {
			cur = null;
			continue;
		}
		if (!cur) out.push((cur = { line: i + 1, lines: [] }));
		cur.lines.push(lines[i]);
	}
	return out;
}

/**
 * `[[h]h:]m[m]:s[s].fff` (WebVTT, also Teams' unpadded `0:0:0.570`) or with `,` (SRT). Returns seconds
 * and the decimal separator found, or null when it is not a time.
 */
export function parseClock(s: string): { seconds: number; sep: '.' | ',' } | null {
	const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})([.,])(\d{1,3})$/.exec(s.trim());
	if (!m) return null;
	const [h, min, sec] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
	if (min > 59 || sec > 59) return null;
	const seconds = h * 3600 + min * 60 + sec + Number('0.' + m[5]);
	return { seconds: Math.round(seconds * 1000) / 1000, sep: m[4] as '.' | ',' };
}

/** `start --> end [settings]`; null when the line holds no arrow. */
export function parseTiming(line: string): { start: string; end: string } | null {
	const m = /^\s*(\S*)\s*-->\s*(\S*)/.exec(line);
	return m ? { start: m[1], end: m[2] } : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
	return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
		if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
		return ENTITIES[e.toLowerCase()] ?? all;
	});
}

/** Collapse whitespace (line breaks inside a cue become spaces) and trim. */
export function tidy(s: string): string {
	return s.replace(/[\s\u200b]+/g, ' ').trim();
}

/** SRT/ASS markup: `<i>`, `<font …>`, `{\an8}`; never kept in the stored text. */
export function stripSrtMarkup(s: string): string {
	return decodeEntities(s.replace(/<\/?[a-z][^>]*>/gi, '').replace(/\{\\[^}]*\}/g, ''));
}

/**
 * A leading `Name:` names the speaker in subtitle files without voice tags. Only short, name-like prefixes
 * count (at most 3 words, no sentence punctuation), so "Note: the line is busy" is not a speaker when it
 * has more words, but a risk remains; the report's speaker map shows every label found.
 */
export function speakerPrefix(text: string): { label: string; text: string } | null {
	const m = /^([^\s:：,.!?][^:：,.!?]{0,30}?)\s*[:：]\s*(\S[\s\S]*)$/.exec(text);
	if (!m) return null;
	const name = m[1].trim();
	if (name.split(/\s+/).length > 3 || /^\d+$/.test(name) || /^(https?|ftp)$/i.test(name)) return null;
	return { label: name, text: m[2].trim() };
}
