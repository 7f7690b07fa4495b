// The one place SQL text is quoted. Prefer `?` parameters (Db.query / Db.batch); these are for the parts
// DuckDB cannot bind: identifiers, literals inside generated SQL (rubric phrases, VALUES lists), file paths.

/** DuckDB reads SQL text as a C string: a NUL would silently end the statement mid-literal. */
function noNul(s: string): string {
	if (s.includes('\0')) throw new Error(`SQL text cannot hold a NUL character: ${JSON.stringify(s.slice(0, 40))}`);
	return s;
}

/** A SQL string literal: `it's` → `'it''s'`. Safe for any text with quotes, backslashes and newlines; throws on NUL. */
export function sqlString(s: string): string {
	return `'${noNul(s).replaceAll("'", "''")}'`;
}

/** A quoted identifier (table or column name): `a"b` → `"a""b"`; throws on NUL. */
export function sqlIdent(s: string): string {
	return `"${noNul(s).replaceAll('"', '""')}"`;
}
