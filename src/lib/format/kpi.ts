// A KPI value as the manager pages print it (%, seconds, score, per 100 calls), given the language's number
// formatter. Shared by the leaderboard, the agent page and the printed report so they read the same.
import type { KpiDefinition } from '../metrics/build-kpi-sql';

type Num = (n: number | null | undefined, digits?: number) => string;

export function formatKpi(
	def: Pick<KpiDefinition, 'format' | 'key'>,
	v: number | null | undefined,
	num: Num,
	secondsLabel: (n: string) => string
): string {
	if (v == null || Number.isNaN(v)) return '—';
	switch (def.format) {
		case 'count':
			return num(v);
		case 'share':
			return `${num(v * 100, 1)}%`;
		case 'seconds':
			return secondsLabel(num(v, 0));
		case 'score':
			return num(v, def.key === 'qaAvg' ? 1 : 2);
		case 'per100':
			return num(v, 2);
	}
}
