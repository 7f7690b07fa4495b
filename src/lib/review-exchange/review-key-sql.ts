// SQL pieces the review exchange's statements share (exchange-sql.ts, conflicts-sql.ts).

/** A timestamp as the exchange file and the conflict list show it, under the name `as`. */
export const TS = (expr: string, as: string) => `strftime(${expr}, '%Y-%m-%d %H:%M:%S') AS ${as}`;

/** One review's key (call, rubric, version) equal between the tables aliased `a` and `b`. */
export const KEY = (a: string, b: string) =>
	`${a}.call_id = ${b}.call_id AND ${a}.rubric_id = ${b}.rubric_id AND ${a}.rubric_version = ${b}.rubric_version`;
