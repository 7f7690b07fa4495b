// The ranges an imported value must fall in to be taken as data (issue 16: talk time 1e23 s, `0:99:99`, year
// 0001 or 9999, `99999` as a date). Defined once here; the SQL macros (tabular/sql-macros.ts) and docs/formats.md
// quote them. A value outside its range is a warning naming the line, column and value, and is stored as missing
// (NULL) — except a required time (a call's start, a complaint's receipt), which rejects the row.

export const PLAUSIBLE = {
	/** Longest ring, talk, hold or wrap-up time taken as data: one day. Negative durations are never data. */
	maxDurationS: 24 * 3600,
	/** Years a call or complaint time may fall in. */
	minYear: 1980,
	maxYear: 2100
} as const;
