// Where the try-it box's findings point in the pasted dialogue, read from their evidence params (the scoring SQL
// computed them): the matched spans (parts with seq, from, to: phrase rules); else the whole turns the parts name
// (seq: an interruption, a late reply, a near miss); else the finding's own turn. Nothing here matches text or
// normalises it (the SQL did, once), nor decides pass or fail; the result is rendered as text, never HTML.
import type { TryFinding } from '../scoring/score';
import { evidenceParts, readEvidenceParams } from '../db/evidence-params';

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

/** A param as a whole number, or null (params are strings written by SQL; '?' is an unknown turn). */
function int(v: unknown): number | null {
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
	return Number.isInteger(n) ? n : null;
}

/**
 * The places a finding's params name, as [seq, start, end] in UTF-16 units of that turn's text: its matched spans
 * (from, to: code-point offsets in the turn's text), or when it has none the whole turns its parts name.
 */
export function paramSpans(f: Pick<TryFinding, 'evidence_params'>, turnTexts: readonly string[]): [number, number, number][] {
	const params = readEvidenceParams(f.evidence_params);
	if (!params) return [];
	const spans: [number, number, number][] = [];
	const turns: [number, number, number][] = [];
	for (const p of evidenceParts(params)) {
		const [seq, from, to] = [int(p.seq), int(p.from), int(p.to)];
		const text = seq === null ? undefined : turnTexts[seq - 1];
		if (seq === null || text === undefined) continue;
		if (from !== null && to !== null && from >= 0 && to > from) {
			const cps = Array.from(text);
			spans.push([seq, cps.slice(0, from).join('').length, cps.slice(0, to).join('').length]);
		} else if (!turns.some(([s]) => s === seq)) turns.push([seq, 0, text.length]);
	}
	return spans.length ? spans : turns;
}

/** The spans each finding marks, per turn (index = seq − 1); n/a findings mark nothing. */
export function findingSpans(turnTexts: readonly string[], findings: readonly TryFinding[]): Span[][] {
	const spans: Span[][] = turnTexts.map(() => []);
	for (const f of findings) {
		if (f.result === 'na') continue;
		const mark: Mark = { item_id: f.item_id, label: f.label, result: f.result };
		const fromParams = paramSpans(f, turnTexts);
		for (const [seq, start, end] of fromParams) spans[seq - 1].push({ start, end, mark });
		// Params that name no turn (a count, a rate) or none at all (scored before params existed): the finding's turn.
		if (!fromParams.length && f.seq != null && turnTexts[f.seq - 1])
			spans[f.seq - 1].push({ start: 0, end: turnTexts[f.seq - 1].length, mark });
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
