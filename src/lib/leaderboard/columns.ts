// The leaderboard's KPI columns (volume is the calls column) and their labels, shared by the table, the definitions
// under it and the exports.
import { locale, t } from '../i18n/i18n.svelte';
import { LEADER_DEFINITIONS, LEADER_KEYS, type LeaderKey } from '../metrics/build-leaderboard-sql';

export const KPI_COLUMNS = LEADER_KEYS.filter((k) => k !== 'volume') as Exclude<LeaderKey, 'volume'>[];

export const kpiLabel = (k: LeaderKey): string => (k === 'volume' ? t('lb.kpi.volume') : LEADER_DEFINITIONS[k].label[locale.lang]);
