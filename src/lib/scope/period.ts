// The appraisal periods of the leaderboard (月度/季度评优): a calendar month 'YYYY-MM' or quarter 'YYYY-Qn', its
// days, the period before it (previous month / previous quarter, not "the same number of days") and its URL form.
import { addDays, periodDays } from './filter';
import { todayIn } from '../i18n/today';

export type PeriodKind = 'month' | 'quarter';

export interface Period {
	kind: PeriodKind;
	/** 'YYYY-MM' or 'YYYY-Qn' */
	key: string;
	/** first day, inclusive */
	from: string;
	/** last day, inclusive */
	to: string;
	/** calendar months in the period (the minimum-calls setting is per month) */
	months: number;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

const firstDay = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);

function make(kind: PeriodKind, y: number, firstMonth: number): Period {
	const months = kind === 'month' ? 1 : 3;
	const from = firstDay(y, firstMonth);
	const to = addDays(firstDay(y, firstMonth + months), -1);
	const key = kind === 'month' ? from.slice(0, 7) : `${y}-Q${(firstMonth - 1) / 3 + 1}`;
	return { kind, key, from, to, months };
}

/** The period a key names; null when it is not 'YYYY-MM' or 'YYYY-Qn'. */
export function parsePeriod(key: string | null | undefined): Period | null {
	if (!key) return null;
	const m = MONTH_RE.exec(key);
	if (m) return make('month', Number(m[1]), Number(m[2]));
	const q = QUARTER_RE.exec(key);
	if (q) return make('quarter', Number(q[1]), (Number(q[2]) - 1) * 3 + 1);
	return null;
}

/** The month or quarter that contains `date` ('YYYY-MM-DD'). */
export function periodOf(kind: PeriodKind, date: string): Period {
	const [y, m] = date.split('-').map(Number);
	return kind === 'month' ? make('month', y, m) : make('quarter', y, Math.floor((m - 1) / 3) * 3 + 1);
}

/** The period just before: the previous calendar month or quarter. */
export function previousOf(p: Period): Period {
	return periodOf(p.kind, addDays(p.from, -1));
}

/** Every month (or quarter) from the one containing `first` to the one containing `last`, newest first. */
export function periodsBetween(kind: PeriodKind, first: string, last: string): Period[] {
	const out: Period[] = [];
	let p = periodOf(kind, last);
	const stop = periodOf(kind, first).from;
	while (p.from >= stop && out.length < 120) {
		out.push(p);
		p = previousOf(p);
	}
	return out;
}

/** How much of a period the data covers: its days, the days within the data's first..last day, and that span. */
export interface Coverage {
	days: number;
	covered: number;
	/** first and last covered day, null when none */
	from: string | null;
	to: string | null;
}

export function coverageOf(p: Period, range: { first: string; last: string } | null): Coverage {
	const days = periodDays(p.from, p.to);
	if (!range) return { days, covered: 0, from: null, to: null };
	const from = p.from > range.first ? p.from : range.first;
	const to = p.to < range.last ? p.to : range.last;
	return from > to ? { days, covered: 0, from: null, to: null } : { days, covered: periodDays(from, to), from, to };
}

/** A period whose data covers at least this share of its days counts as complete enough to show by default. */
export const COMPLETE_ENOUGH = 0.8;

/**
 * The period of `kind` a page shows when its URL names none: the latest one the data covers completely enough
 * (a quarter of which the data holds one month ranks few agents against a three-month minimum); when none is, the
 * one the data covers most (the latest of equals). Today's month or quarter when there is no data.
 */
export function latestCompletePeriod(kind: PeriodKind, range: { first: string; last: string } | null): Period {
	if (!range) return periodOf(kind, todayIn());
	const all = periodsBetween(kind, range.first, range.last);
	const share = (p: Period) => {
		const c = coverageOf(p, range);
		return c.covered / c.days;
	};
	return all.find((p) => share(p) >= COMPLETE_ENOUGH) ?? all.reduce((best, p) => (share(p) > share(best) ? p : best), all[0]);
}
