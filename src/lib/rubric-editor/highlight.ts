// Where the try-it box's findings point in the pasted dialogue: a phrase rule's matched span comes from its
// evidence params (computed by the scoring SQL); for the other rules the quoted matches of the evidence
// are located in the turns it names (through the same normalisation the scorer uses: full-width → ASCII, lower
// case, letters and digits only, traditional → simplified) and each turn is cut into plain pieces of text.
// Nothing here decides pass or fail (that is the SQL in scoring/); the result is rendered as text, never HTML.
import type { TryFinding } from '../scoring/score';
import { T2S_FROM, T2S_TO } from '../scoring/t2s-table';

export interface Mark {
	item_id: string;
	label: string;
	result: 'pass' | 'fail';
}

export interface Piece {
	text: string;
	/** the findings covering this piece (empty: plain text) */
	marks: Mark[];
	/** the findings whose span ends with this piece: their label is drawn after it */
	ending: Mark[];
}

interface Span {
	start: number;
	end: number;
	mark: Mark;
}

const T2S = new Map<string, string>();
{
	const from = [...T2S_FROM];
	const to = [...T2S_TO];
	from.forEach((c, i) => T2S.set(c, to[i]));
}

function normChar(ch: string): string {
	let c = ch;
	const cp = c.codePointAt(0)!;
	if (cp >= 0xff01 && cp <= 0xff5e) c = String.fromCodePoint(cp - 0xfee0);
	c = c.toLowerCase();
	if (!/[\p{L}\p{N}]/u.test(c)) return '';
	return T2S.get(c) ?? c;
}

/** The normalised text and, for each of its UTF-16 units, the [start, end) of the original character. */
export function normalizeWithMap(text: string): { norm: string; from: number[]; to: number[] } {
	let norm = '';
	const from: number[] = [];
	const to: number[] = [];
	let i = 0;
	for (const ch of text) {
		const n = normChar(ch);
		for (let k = 0; k < n.length; k++) {
			from.push(i);
			to.push(i + ch.length);
		}
		norm += n;
		i += ch.length;
	}
	return { norm, from, to };
}

/** Every [start, end) in `text` whose normalised form is `needle`'s. */
export function findNormalized(text: string, needle: string): [number, number][] {
	const n = normalizeWithMap(needle).norm;
	if (!n) return [];
	const { norm, from, to } = normalizeWithMap(text);
	const out: [number, number][] = [];
	for (let at = norm.indexOf(n); at >= 0; at = norm.indexOf(n, at + n.length)) out.push([from[at], to[at + n.length - 1]]);
	return out;
}

/** Quoted strings in a finding's evidence: the matched phrases ("您好" found; "不知道" in seq 3). */
export function evidenceQuotes(evidence: string | null): string[] {
	if (!evidence) return [];
	return [...evidence.matchAll(/"([^"]+)"(?!\s*missing)/g)].map((m) => m[1]);
}

/** Turn numbers (1-based seq) the finding points at: its own seq and any `seq N` in the evidence. */
export function evidenceSeqs(f: Pick<TryFinding, 'seq' | 'evidence'>): number[] {
	const seqs = new Set<number>();
	if (f.seq != null) seqs.add(f.seq);
	for (const m of (f.evidence ?? '').matchAll(/\bseq (\d+)/g)) seqs.add(Number(m[1]));
	return [...seqs].sort((a, b) => a - b);
}

/**
 * The spans each finding marks, per turn (index = seq − 1): the quoted matches found in the turns it names,
 * or the whole turn at its seq when none of them can be located (a fuzzy greeting, a masked number).
 */
/**
 * The matched spans a finding's params carry (phrase rules: parts with seq, from, to — code-point offsets in the
 * turn's text computed by the scoring SQL), as [seq, start, end] in UTF-16 units of that text.
 */
export function paramSpans(f: Pick<TryFinding, 'evidence_params'>, turnTexts: readonly string[]): [number, number, number][] {
	let params: unknown;
	try {
		params = JSON.parse(f.evidence_params || '{}');
	} catch {
		return [];
	}
	const parts = (params as { parts?: unknown })?.parts;
	if (!Array.isArray(parts)) return [];
	const out: [number, number, number][] = [];
	for (const p of parts as Record<string, unknown>[]) {
		const [seq, from, to] = [Number(p?.seq), Number(p?.from), Number(p?.to)];
		const text = turnTexts[seq - 1];
		if (text === undefined || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from) continue;
		const cps = Array.from(text);
		out.push([seq, cps.slice(0, from).join('').length, cps.slice(0, to).join('').length]);
	}
	return out;
}

export function findingSpans(turnTexts: readonly string[], findings: readonly TryFinding[]): Span[][] {
	const spans: Span[][] = turnTexts.map(() => []);
	for (const f of findings) {
		if (f.result === 'na') continue;
		const mark: Mark = { item_id: f.item_id, label: f.label, result: f.result };
		// Phrase rules say where they matched (the same SQL result as the score): no re-matching here.
		const fromParams = paramSpans(f, turnTexts);
		for (const [seq, start, end] of fromParams) spans[seq - 1].push({ start, end, mark });
		if (fromParams.length) continue;
		const quotes = evidenceQuotes(f.evidence);
		let located = false;
		for (const seq of evidenceSeqs(f)) {
			const text = turnTexts[seq - 1];
			if (text === undefined) continue;
			for (const q of quotes)
				for (const [start, end] of findNormalized(text, q)) {
					spans[seq - 1].push({ start, end, mark });
					located = true;
				}
		}
		if (!located && f.seq != null && turnTexts[f.seq - 1]) spans[f.seq - 1].push({ start: 0, end: turnTexts[f.seq - 1].length, mark });
	}
	return spans;
}

/** Cuts `text` at every span boundary; each piece lists the marks covering it and those ending with it. */
export function splitPieces(text: string, spans: readonly Span[]): Piece[] {
	const cuts = new Set<number>([0, text.length]);
	for (const s of spans) {
		cuts.add(Math.max(0, Math.min(text.length, s.start)));
		cuts.add(Math.max(0, Math.min(text.length, s.end)));
	}
	const points = [...cuts].sort((a, b) => a - b);
	const pieces: Piece[] = [];
	for (let i = 0; i < points.length - 1; i++) {
		const [a, b] = [points[i], points[i + 1]];
		const covering = spans.filter((s) => s.start <= a && s.end >= b);
		const marks: Mark[] = [];
		for (const s of covering) if (!marks.some((m) => m.item_id === s.mark.item_id)) marks.push(s.mark);
		const ending: Mark[] = [];
		for (const s of covering)
			if (
				s.end === b &&
				!ending.some((m) => m.item_id === s.mark.item_id) &&
				!spans.some((o) => o.mark.item_id === s.mark.item_id && o.start <= b && o.end > b)
			)
				ending.push(s.mark);
		pieces.push({ text: text.slice(a, b), marks, ending });
	}
	return pieces.length ? pieces : [{ text, marks: [], ending: [] }];
}

/** The colour of a piece: a fail wins over a pass. */
export function pieceTone(marks: readonly Mark[]): 'fail' | 'pass' | null {
	if (marks.length === 0) return null;
	return marks.some((m) => m.result === 'fail') ? 'fail' : 'pass';
}
