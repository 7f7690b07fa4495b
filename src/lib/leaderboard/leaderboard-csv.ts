// The appraisal table as CSV (the manager's "export for HR"): one row per agent or team, KPIs in the units the
// screen shows (shares as percentages). Text cells a spreadsheet would run as a formula are neutralised
// (DESIGN §8) by the import report's csvCell; numbers are written as numbers. No DOM: downloadText adds the BOM.
import { csvCell } from '../import-ui/rejected-csv';
import { maskForExport, MASKED, privacyStatement, type ExportPrivacy } from '../privacy/export-privacy';
import { LEADER_DEFINITIONS, LEADER_KEYS, type Grouping, type LeaderKey, type LeaderRow } from './build-leaderboard-sql';

export interface CsvLabels {
	rank: string;
	rankChange: string;
	id: string;
	name: string;
	team: string;
	calls: string;
	composite: string;
	note: string;
	/** the note of a row below the minimum calls */
	unranked: string;
	kpi: (key: LeaderKey) => string;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The KPI in its screen unit: shares ×100 (percent), everything else as is; rounded for a table. */
export function kpiCsvValue(key: LeaderKey, v: number | null): number | null {
	if (v == null) return null;
	const def = LEADER_DEFINITIONS[key];
	if (def.format === 'share') return round(v * 100, 1);
	if (def.format === 'count') return v;
	return round(v, 2);
}

const cell = (v: string | number | null): string => (typeof v === 'number' ? String(v) : csvCell(v));

export function leaderboardCsv(rows: LeaderRow[], grouping: Grouping, labels: CsvLabels, privacy: ExportPrivacy = MASKED): string {
	const text = (v: string | number | null) => (typeof v === 'string' ? maskForExport(v, privacy) : v);
	const head = [
		labels.rank,
		labels.rankChange,
		...(grouping === 'agent' ? [labels.id, labels.name, labels.team] : [labels.team]),
		labels.calls,
		labels.composite,
		...LEADER_KEYS.filter((k) => k !== 'volume').map(labels.kpi),
		labels.note
	];
	const lines = [privacyStatement(privacy), head.map(cell).join(',')];
	for (const r of rows) {
		const values = LEADER_KEYS.filter((k) => k !== 'volume').map((k) => kpiCsvValue(k, r.current.values[k]));
		const line = [
			r.current.rank,
			r.rankChange,
			...(grouping === 'agent' ? [r.id, r.name, r.team] : [r.id]),
			r.current.calls,
			r.current.composite == null ? null : round(r.current.composite, 1),
			...values,
			r.current.isRanked ? null : labels.unranked
		];
		lines.push(line.map((v) => cell(text(v))).join(','));
	}
	return lines.join('\r\n') + '\r\n';
}
