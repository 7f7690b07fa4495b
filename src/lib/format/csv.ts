// One CSV cell for every download (rejected rows, the leaderboard): quoted when needed, and a cell a spreadsheet
// would run as a formula is neutralised (DESIGN §8; OWASP "CSV injection"): a leading = + - @ TAB or CR gets a '.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
	let s = value == null ? '' : String(value);
	if (FORMULA_START.test(s)) s = "'" + s;
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
