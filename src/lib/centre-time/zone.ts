// The centre's time zone: where "today", the current period and the times the app records (a review submitted, a
// coaching session saved) are reckoned. Call-log times are the centre's naive wall-clock times as exported
// (docs/formats.md), so SQL buckets them by day, week and month as they are; what needs the zone is the present
// moment and instants given in UTC (epoch milliseconds, ISO `Z` times in JSON transcripts). Plain TS: the app sets
// the zone from the workspace (settings.ts), the CLI from `--tz`; tests pass it explicitly.

let zone: string | null = null;

/** The zone of the browser or the machine running the CLI. */
export function systemTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when `tz` is an IANA zone name this runtime knows (Asia/Shanghai, America/Los_Angeles, UTC). */
export function isTimeZone(tz: string): boolean {
	if (!tz.trim()) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/** Makes `tz` the centre's zone for this page or process; null goes back to the system zone. */
export function setCentreTimeZone(tz: string | null): void {
	if (tz !== null && !isTimeZone(tz)) throw new Error(`Unknown time zone "${tz}" (use an IANA name such as Asia/Shanghai)`);
	zone = tz;
}

/** The centre's zone: the configured one, else the system's. */
export function centreTimeZone(): string {
	return zone ?? systemTimeZone();
}

/** The wall-clock time 'YYYY-MM-DD HH:MM:SS' at instant `at` (a Date or epoch ms) in `tz`. */
export function wallClockIn(at: Date | number, tz: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: tz,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(typeof at === 'number' ? new Date(at) : at);
	const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Now, as the centre's wall-clock time 'YYYY-MM-DD HH:MM:SS' (what the app records as "when"). */
export function centreNow(now: Date = new Date()): string {
	return wallClockIn(now, centreTimeZone());
}

/** Today's date 'YYYY-MM-DD' in the centre. */
export function centreToday(now: Date = new Date()): string {
	return centreNow(now).slice(0, 10);
}

/** Now in the centre as a SQL TIMESTAMP literal, for the times the app records (never DuckDB's now(): UTC here). */
export function centreNowSql(now: Date = new Date()): string {
	// Digits, '-', ':' and a space only: nothing to escape.
	return `TIMESTAMP '${centreNow(now)}'`;
}
