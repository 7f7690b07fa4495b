// "Today" as the calendar date where the centre is, not the UTC date: before 08:00 in China the UTC date is still
// yesterday, so a dashboard's "this month" or a report's date taken from toISOString() would be a day behind.
// Call-log times are the centre's wall-clock times, so the centre's calendar date is the one to compare them with.
import { centreTimeZone } from '../centre-time/zone';

/** The date (YYYY-MM-DD) at instant `now` in `timeZone` (default: the centre's zone, centre-time/zone.ts). */
export function todayIn(now: Date = new Date(), timeZone: string = centreTimeZone()): string {
	// en-CA formats a date as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
