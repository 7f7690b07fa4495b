// The URL form shared by the leaderboard, the agent page and the report: ?period=YYYY-MM|YYYY-Qn&by&team&queue&channel&qa,
// and the range of months the data covers (for the period pickers). No Svelte, no DOM.
import type { Db } from '../db/types';
import type { DashboardFilter } from './filter';
import type { Grouping } from '../metrics/build-leaderboard-sql';
import { queryDimensions } from '../metrics/build-chart-sql';
import { latestCompletePeriod, parsePeriod, type Period, type PeriodKind } from './period';
import { parseQaSource, setQaSourceParam, type QaSource } from '../metrics/qa-score';

export interface Scope {
	period: Period | null;
	by: Grouping;
	dims: Pick<DashboardFilter, 'team' | 'queue' | 'channel'>;
	/** which QA score the KPIs use (metrics/qa-score.ts) */
	qa: QaSource;
}

export function parseScope(p: URLSearchParams): Scope {
	return {
		period: parsePeriod(p.get('period')),
		by: p.get('by') === 'team' ? 'team' : 'agent',
		dims: { team: p.get('team') || null, queue: p.get('queue') || null, channel: p.get('channel') || null },
		qa: parseQaSource(p)
	};
}

/** URL parameters of a scope (defaults and empty filters left out). */
export function scopeParams(s: { period: Period | null; by?: Grouping; dims: Scope['dims']; qa?: QaSource }): URLSearchParams {
	const p = new URLSearchParams();
	if (s.period) p.set('period', s.period.key);
	if (s.by === 'team') p.set('by', 'team');
	if (s.dims.team) p.set('team', s.dims.team);
	if (s.dims.queue) p.set('queue', s.dims.queue);
	if (s.dims.channel) p.set('channel', s.dims.channel);
	return setQaSourceParam(p, s.qa ?? 'reviewed');
}

/** First and last day with calls ('YYYY-MM-DD'), null when there are none. */
export async function queryDataRange(db: Db): Promise<{ first: string; last: string } | null> {
	const { rows } = await db.query<{ first: string | null; last: string | null }>(
		`SELECT strftime(min(started_at), '%Y-%m-%d') AS first, strftime(max(started_at), '%Y-%m-%d') AS last FROM calls`
	);
	const r = rows[0];
	return r?.first && r.last ? { first: r.first, last: r.last } : null;
}

export interface ScopeChoices {
	/** teams, queues and channels for the filter pickers */
	dims: { teams: string[]; queues: string[]; channels: string[] };
	/** the days the data covers, for the period pickers */
	range: { first: string; last: string } | null;
}

/** What the scope pickers offer. */
export async function queryScopeChoices(db: Db): Promise<ScopeChoices> {
	const { teams, queues, channels } = await queryDimensions(db);
	return { dims: { teams, queues, channels }, range: await queryDataRange(db) };
}

/** The period a page shows when its URL names none: the latest month (or quarter) the data covers completely enough. */
export function defaultPeriod(range: ScopeChoices['range'], kind: PeriodKind = 'month'): Period {
	return latestCompletePeriod(kind, range);
}
