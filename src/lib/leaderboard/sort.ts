// Sorting the leaderboard rows on the client (agents are few: tens, at most hundreds). Missing values and
// unranked rows go last whatever the direction, so "best first" never starts with blanks.
import { LEADER_KEYS, type LeaderKey, type LeaderRow } from '../metrics/build-leaderboard-sql';

export type SortKey = 'rank' | 'rankChange' | 'name' | 'team' | 'calls' | 'composite' | Exclude<LeaderKey, 'volume'>;
export const SORT_KEYS: SortKey[] = [
	'rank',
	'rankChange',
	'name',
	'team',
	'calls',
	'composite',
	...(LEADER_KEYS.filter((k) => k !== 'volume') as Exclude<LeaderKey, 'volume'>[])
];

function valueOf(r: LeaderRow, key: SortKey): number | string | null {
	switch (key) {
		case 'rank':
			return r.current.rank;
		case 'rankChange':
			return r.rankChange;
		case 'name':
			return r.name;
		case 'team':
			return r.team;
		case 'calls':
			return r.current.calls;
		case 'composite':
			return r.current.composite;
		default:
			return r.current.values[key];
	}
}

/** The natural first direction of a column: rank and names ascending, numbers descending. */
export const defaultDir = (key: SortKey): 'asc' | 'desc' => (key === 'rank' || key === 'name' || key === 'team' ? 'asc' : 'desc');

export function sortRows(rows: LeaderRow[], key: SortKey, dir: 'asc' | 'desc'): LeaderRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = valueOf(a, key);
		const y = valueOf(b, key);
		if (x == null || y == null) return x == null && y == null ? a.id.localeCompare(b.id) : x == null ? 1 : -1;
		const c = typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - (y as number);
		return c !== 0 ? sign * c : (a.current.rank ?? 1e9) - (b.current.rank ?? 1e9) || a.id.localeCompare(b.id);
	});
}
