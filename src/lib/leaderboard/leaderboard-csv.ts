// The leaderboard as a table (the manager's "export for HR"): one row per agent or team, the KPIs the screen shows.
// leaderboardTable is the one builder; the CSV writes it with shares as percentages and text that a spreadsheet
// would run as a formula neutralised (DESIGN §8, format/csv.ts csvCell); the .xlsx (xlsx/write-table.ts)
// writes the same values with number formats. Text cells are masked for export (privacy/export-privacy.ts) unless
// the user chose to include personal data; the CSV says which on its first line. No DOM: downloadText adds the BOM.
import { csvCell } from '../format/csv';
import { maskForExport, MASKED, privacyStatement, type ExportPrivacy } from '../privacy/export-privacy';
import { KPI_CELL_FORMAT, type SheetTable, type TableColumn, type TableValue } from '../xlsx/write-table';
import { LEADER_DEFINITIONS, LEADER_KEYS, type Grouping, type LeaderKey, type LeaderRow } from '../metrics/build-leaderboard-sql';

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

const SHOWN_KEYS = LEADER_KEYS.filter((k) => k !== 'volume');

/** Header, format and CSV value of each column, one list so the CSV and the .xlsx cannot drift apart. */
function leaderboardColumns(grouping: Grouping, labels: CsvLabels): (TableColumn & { csv: (v: TableValue) => TableValue })[] {
	const same = (v: TableValue) => v;
	const text = (header: string) => ({ header, format: 'text' as const, csv: same });
	return [
		{ header: labels.rank, format: 'int', csv: same },
		{ header: labels.rankChange, format: 'int', csv: same },
		...(grouping === 'agent' ? [text(labels.id), text(labels.name), text(labels.team)] : [text(labels.team)]),
		{ header: labels.calls, format: 'int', csv: same },
		{ header: labels.composite, format: 'score', csv: (v) => (typeof v === 'number' ? round(v, 1) : v) },
		...SHOWN_KEYS.map((k) => ({
			header: labels.kpi(k),
			format: KPI_CELL_FORMAT[LEADER_DEFINITIONS[k].format],
			csv: (v: TableValue) => (typeof v === 'number' ? kpiCsvValue(k, v) : v)
		})),
		text(labels.note)
	];
}

/** The rows as the screen lists them; KPI values unrounded (shares as 0..1). */
export function leaderboardTable(
	rows: LeaderRow[],
	grouping: Grouping,
	labels: CsvLabels,
	name = 'Leaderboard',
	privacy: ExportPrivacy = MASKED
): SheetTable {
	const text = (v: string | null) => (v == null ? v : maskForExport(v, privacy));
	const columns = leaderboardColumns(grouping, labels).map(({ header, format }) => ({ header, format }));
	return {
		name,
		columns,
		rows: rows.map((r) => [
			r.current.rank,
			r.rankChange,
			...(grouping === 'agent' ? [text(r.id), text(r.name), text(r.team)] : [text(r.id)]),
			r.current.calls,
			r.current.composite,
			...SHOWN_KEYS.map((k) => r.current.values[k]),
			r.current.isRanked ? null : labels.unranked
		])
	};
}

const cell = (v: TableValue): string => (typeof v === 'number' ? String(v) : csvCell(v == null ? null : String(v)));

export function leaderboardCsv(rows: LeaderRow[], grouping: Grouping, labels: CsvLabels, privacy: ExportPrivacy = MASKED): string {
	const columns = leaderboardColumns(grouping, labels);
	const table = leaderboardTable(rows, grouping, labels, undefined, privacy);
	const lines = [privacyStatement(privacy), columns.map((c) => cell(c.header)).join(',')];
	for (const row of table.rows) lines.push(row.map((v, i) => cell(columns[i].csv(v))).join(','));
	return lines.join('\r\n') + '\r\n';
}
