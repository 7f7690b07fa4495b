// Times of a call as every page prints them: [mm:ss] and mm:ss–mm:ss, "—" when untimed (chat). Shared by the call
// page, the player, the voice lanes, the review panel and coaching, so they read the same.

/** [mm:ss] of a time in seconds; "—" when untimed (chat). */
export function clock(s: number | null | undefined): string {
	if (s == null || !Number.isFinite(s)) return '—';
	const total = Math.max(0, Math.floor(s));
	const m = Math.floor(total / 60);
	return `${String(m).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** mm:ss–mm:ss, one end when both are the same, "—" when untimed. */
export function span(start: number | null, end: number | null): string {
	if (start == null && end == null) return '—';
	if (end == null || start == null || clock(start) === clock(end)) return clock(start ?? end);
	return `${clock(start)}–${clock(end)}`;
}
