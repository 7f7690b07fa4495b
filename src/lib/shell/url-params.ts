// Filters, tabs and pages live in the URL (STYLE.md): reading a number from it and writing a changed query
// string. Pure functions over URLSearchParams; the views pass the result to goto() or an href.

/** The integer parameter `name`, or `fallback` when it is missing, not a number or below `min`. */
export function intParam(params: URLSearchParams, name: string, fallback: number, min = 0): number {
	const raw = params.get(name);
	const n = raw === null || raw.trim() === '' ? NaN : Math.floor(Number(raw));
	return Number.isFinite(n) && n >= min ? n : fallback;
}

export interface ParamsOptions {
	/** Parameters dropped unless `changes` sets them (a filter change goes back to the first page). */
	reset?: readonly string[];
	/** A value equal to its default is left out of the URL (page=1). */
	defaults?: Readonly<Record<string, string | number>>;
}

/**
 * `params` with `changes` applied, as a query string starting with `?` ('?' alone when empty): null, undefined
 * and '' remove a parameter, anything else is set as text.
 */
export function withParams(
	params: URLSearchParams,
	changes: Readonly<Record<string, string | number | null | undefined>>,
	opts: ParamsOptions = {}
): string {
	const p = new URLSearchParams(params);
	for (const k of opts.reset ?? []) if (!(k in changes)) p.delete(k);
	for (const [k, v] of Object.entries(changes)) {
		const isDefault = opts.defaults && k in opts.defaults && String(opts.defaults[k]) === String(v);
		if (v == null || v === '' || isDefault) p.delete(k);
		else p.set(k, String(v));
	}
	const s = p.toString();
	return s ? `?${s}` : '?';
}
