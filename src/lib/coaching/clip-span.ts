// What a clip covers, from the two ways a trainer marks one: a dragged range on the waveform, or transcript lines
// selected on the call page. Also the transcript excerpt a clip keeps. Plain TS, no DOM.

export interface Line {
	seq: number;
	speaker: string;
	start_s: number | null;
	end_s: number | null;
	text: string;
}

export interface Span {
	start_s: number | null;
	end_s: number | null;
	/** the transcript lines the span holds */
	seqs: number[];
}

/** Most lines an excerpt keeps: a coaching moment is short; a long selection keeps its first lines. */
export const MAX_EXCERPT_LINES = 40;

/**
 * The span of the selected transcript lines: from the earliest start to the latest end of those that are timed
 * (a line without an end counts to its start). Untimed lines (chat) give a span without times. Null when none.
 */
export function spanOfLines(lines: Line[], seqs: Iterable<number>): Span | null {
	const wanted = new Set(seqs);
	const picked = lines.filter((l) => wanted.has(l.seq));
	if (picked.length === 0) return null;
	const timed = picked.filter((l) => l.start_s != null);
	const start = timed.length ? Math.min(...timed.map((l) => l.start_s as number)) : null;
	const end = timed.length ? Math.max(...timed.map((l) => l.end_s ?? (l.start_s as number))) : null;
	return { start_s: start, end_s: end, seqs: picked.map((l) => l.seq) };
}

/** The lines a time range overlaps (a line ending as it starts counts), in transcript order, at most MAX_EXCERPT_LINES. */
export function linesInRange(lines: Line[], start_s: number, end_s: number): Line[] {
	return lines.filter((l) => l.start_s != null && l.start_s < end_s && (l.end_s ?? l.start_s) >= start_s).slice(0, MAX_EXCERPT_LINES);
}

/** The excerpt kept with a clip: the selected lines when the trainer picked lines, else the lines in its range. */
export function excerptOf(lines: Line[], span: Span): Line[] {
	if (span.seqs.length > 0) {
		const wanted = new Set(span.seqs);
		return lines.filter((l) => wanted.has(l.seq)).slice(0, MAX_EXCERPT_LINES);
	}
	return span.start_s != null && span.end_s != null ? linesInRange(lines, span.start_s, span.end_s) : [];
}
