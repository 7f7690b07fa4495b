// The dashboard filter (period, team, queue, channel): its URL form, the date presets, the previous period and
// the SQL condition on `calls` that every dashboard query and the drill-down calls list share. No Svelte, no DOM.
import type { Param } from '../db/types';

export interface DashboardFilter {
	/** first day, 'YYYY-MM-DD' (inclusive) */
	from: string;
	/** last day, 'YYYY-MM-DD' (inclusive) */
	to: string;
	team?: string | null;
	queue?: string | null;
	channel?: string | null;
}

export type Preset = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'last30';
export const PRESETS: Preset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'last30'];

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const isDate = (s: string | null | undefined): s is string => !!s && DATE_RE.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z'));

/** 'YYYY-MM-DD' plus n days (calendar arithmetic in UTC, so no DST surprises). */
export function addDays(date: string, n: number): string {
	return new Date(Date.parse(date + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days in the period, both ends included. */
export function periodDays(from: string, to: string): number {
	return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY_MS) + 1;
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
	const n = periodDays(from, to);
	return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** The dates of a preset, relative to `today` ('YYYY-MM-DD'). */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
	const [y, m] = today.split('-').map(Number);
	const first = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);
	switch (preset) {
		case 'thisMonth':
			return { from: first(y, m), to: today };
		case 'lastMonth':
			return { from: first(y, m - 1), to: addDays(first(y, m), -1) };
		case 'thisQuarter':
			return { from: first(y, Math.floor((m - 1) / 3) * 3 + 1), to: today };
		case 'last30':
			return { from: addDays(today, -29), to: today };
	}
}

/** The whole calendar month that contains `date`. */
export function monthOf(date: string): { from: string; to: string } {
	const [y, m] = date.split('-').map(Number);
	const from = new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);
	const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
	return { from, to };
}

/** Reads the filter from URL parameters; null when the period is missing or invalid (the view picks a default). */
export function parseFilter(params: URLSearchParams): DashboardFilter | null {
	const from = params.get('from');
	const to = params.get('to');
	if (!isDate(from) || !isDate(to) || from > to) return null;
	return { from, to, team: params.get('team') || null, queue: params.get('queue') || null, channel: params.get('channel') || null };
}

/** The URL parameters of a filter (empty ones left out). */
export function filterParams(f: DashboardFilter): URLSearchParams {
	const p = new URLSearchParams({ from: f.from, to: f.to });
	if (f.team) p.set('team', f.team);
	if (f.queue) p.set('queue', f.queue);
	if (f.channel) p.set('channel', f.channel);
	return p;
}

/** Team/queue/channel condition on calls aliased `alias`; always parameterised. */
export function dimensionWhere(f: Pick<DashboardFilter, 'team' | 'queue' | 'channel'>, alias = 'c'): { sql: string; params: Param[] } {
	const parts: string[] = [];
	const params: Param[] = [];
	if (f.team) {
		parts.push(`${alias}.team = ?`);
		params.push(f.team);
	}
	if (f.queue) {
		parts.push(`${alias}.queue = ?`);
		params.push(f.queue);
	}
	if (f.channel) {
		parts.push(`${alias}.channel = ?`);
		params.push(f.channel);
	}
	return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/**
 * Team/queue/channel condition on complaints `k` left-joined to their call `lc`: a complaint follows the filter
 * through its linked call; one with no (known) call follows its agent's team (and is left out by queue/channel).
 */
export function complaintDimensionWhere(f: Pick<DashboardFilter, 'team' | 'queue' | 'channel'>): { sql: string; params: Param[] } {
	const parts: string[] = [];
	const params: Param[] = [];
	if (f.team) {
		parts.push(`(lc.team = ? OR (lc.call_id IS NULL AND k.agent_id IN (SELECT agent_id FROM calls WHERE team = ?)))`);
		params.push(f.team, f.team);
	}
	if (f.queue) {
		parts.push('lc.queue = ?');
		params.push(f.queue);
	}
	if (f.channel) {
		parts.push('lc.channel = ?');
		params.push(f.channel);
	}
	return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/** Start (inclusive) and end (exclusive) timestamps of a period, as SQL parameters. */
export function periodBounds(from: string, to: string): [string, string] {
	return [`${from} 00:00:00`, `${addDays(to, 1)} 00:00:00`];
}
