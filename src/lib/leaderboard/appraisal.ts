// The monthly / quarterly appraisal (月度/季度考核表) as a workbook for HR and team leaders: per agent the QA score
// (automatic only, and with reviews), CSAT, resolution, complaints, appeals, the composite of the manager's weights
// and the rank; a summary sheet, one sheet per team and a notes sheet. Every figure is the leaderboard's (one
// queryLeaderboard per QA source over the metrics layer), so the sheet and the screen cannot disagree.
// No Svelte, no DOM: the browser and the CLI write the same file.
import type { ExportPrivacy } from '../privacy/export-privacy';
import type { Db } from '../db/types';
import { writeXlsx, type SheetTable, type TableColumn, type TableValue } from '../xlsx/write-table';
import { LEADER_KEYS, queryLeaderboard, type LeaderboardQuery, type LeaderRow, type Weights } from '../metrics/build-leaderboard-sql';
import type { Period } from '../scope/period';
import { queryAppealCounts } from '../metrics/appeal-counts';

export interface AppraisalRow {
	id: string;
	name: string;
	team: string | null;
	calls: number;
	/** QA score from the automatic scores only */
	qaAuto: number | null;
	/** QA score with submitted reviews in place of the automatic score (the leaderboard's) */
	qaReviewed: number | null;
	reviewed: number;
	csatMean: number | null;
	csatPct: number | null;
	resolution: number | null;
	complaints: number;
	/** per 100 calls; null when the workspace holds no complaint records */
	complaintRate: number | null;
	/** appeals filed on the agent's calls of the period, and those with an item overturned (metrics/appeal-counts.ts) */
	appeals: number;
	overturned: number;
	composite: number | null;
	rank: number | null;
	isRanked: boolean;
}

export interface Appraisal {
	period: Period;
	weights: Weights;
	minCalls: number;
	hasComplaintData: boolean;
	rows: AppraisalRow[];
}

export type AppraisalQuery = Omit<LeaderboardQuery, 'grouping' | 'qaSource'> & { weights: Weights };

/** The leaderboard (reviewed scores, its ranking) plus the automatic-only QA score of each agent. */
export async function queryAppraisal(db: Db, q: AppraisalQuery): Promise<Appraisal> {
	const board = await queryLeaderboard(db, { ...q, grouping: 'agent', qaSource: 'reviewed' });
	const auto = await queryLeaderboard(db, { ...q, grouping: 'agent', qaSource: 'automatic' });
	const autoQa = new Map(auto.rows.map((r) => [r.id, r.current.values.qaAvg]));
	const appeals = await queryAppealCounts(db, q.period, q.dims);
	return {
		period: q.period,
		weights: q.weights,
		minCalls: board.minCalls,
		hasComplaintData: board.hasComplaintData,
		rows: board.rows.map((r: LeaderRow) => ({
			id: r.id,
			name: r.name,
			team: r.team,
			calls: r.current.calls,
			qaAuto: autoQa.get(r.id) ?? null,
			qaReviewed: r.current.values.qaAvg,
			reviewed: r.current.reviewed,
			csatMean: r.current.values.csatMean,
			csatPct: r.current.values.csatPct,
			resolution: r.current.values.resolution,
			complaints: r.current.complaints,
			complaintRate: r.current.values.complaintRate,
			appeals: appeals.get(r.id)?.filed ?? 0,
			overturned: appeals.get(r.id)?.overturned ?? 0,
			composite: r.current.composite,
			rank: r.current.rank,
			isRanked: r.current.isRanked
		}))
	};
}

/** The column headers (UI language) and the words of the notes sheet. */
export interface AppraisalLabels {
	summary: string;
	notes: string;
	noTeam: string;
	rank: string;
	teamRank: string;
	id: string;
	name: string;
	team: string;
	calls: string;
	qaAuto: string;
	qaReviewed: string;
	reviewed: string;
	csatMean: string;
	csatPct: string;
	resolution: string;
	complaints: string;
	complaintRate: string;
	appeals: string;
	overturned: string;
	composite: string;
	note: string;
	unranked: string;
	/** what the appeals columns count */
	appealsMissing: string;
	/** why the complaint columns are empty */
	complaintsMissing: string;
	/** notes sheet: "Period", "Weights", … and a KPI's name by its key */
	period: string;
	weights: string;
	minCalls: string;
	kpi: (key: (typeof LEADER_KEYS)[number]) => string;
}

/** Shown in a cell whose figure does not exist, the reason beside it (DESIGN: missing is never 0). */
export const MISSING = '—';

const COLUMN_KEYS = [
	'rank',
	'teamRank',
	'id',
	'name',
	'team',
	'calls',
	'qaAuto',
	'qaReviewed',
	'reviewed',
	'csatMean',
	'csatPct',
	'resolution',
	'complaints',
	'complaintRate',
	'appeals',
	'overturned',
	'composite',
	'note'
] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];

const FORMATS: Record<ColumnKey, TableColumn['format']> = {
	rank: 'int',
	teamRank: 'int',
	id: 'text',
	name: 'text',
	team: 'text',
	calls: 'int',
	qaAuto: 'score',
	qaReviewed: 'score',
	reviewed: 'int',
	csatMean: 'num',
	csatPct: 'pct',
	resolution: 'pct',
	complaints: 'int',
	complaintRate: 'num',
	appeals: 'int',
	overturned: 'int',
	composite: 'score',
	note: 'text'
};

function columns(labels: AppraisalLabels, hasComplaintData: boolean): TableColumn[] {
	return COLUMN_KEYS.map((k) => ({
		header: labels[k],
		format: FORMATS[k],
		note:
			k === 'appeals'
				? labels.appealsMissing
				: (k === 'complaints' || k === 'complaintRate') && !hasComplaintData
					? labels.complaintsMissing
					: undefined
	}));
}

function rowValues(r: AppraisalRow, teamRank: number | null, a: Appraisal, labels: AppraisalLabels): TableValue[] {
	const byKey: Record<ColumnKey, TableValue> = {
		rank: r.rank,
		teamRank,
		id: r.id,
		name: r.name,
		team: r.team ?? labels.noTeam,
		calls: r.calls,
		qaAuto: r.qaAuto,
		qaReviewed: r.qaReviewed,
		reviewed: r.reviewed,
		csatMean: r.csatMean,
		csatPct: r.csatPct,
		resolution: r.resolution,
		complaints: a.hasComplaintData ? r.complaints : MISSING,
		complaintRate: a.hasComplaintData ? r.complaintRate : MISSING,
		appeals: r.appeals,
		overturned: r.overturned,
		composite: r.composite,
		note: r.isRanked ? null : labels.unranked
	};
	return COLUMN_KEYS.map((k) => byKey[k]);
}

/** Rank among the ranked agents of one team: equal composites (to one decimal) share a rank, as on the leaderboard. */
function teamRanks(rows: AppraisalRow[]): Map<string, number> {
	const ranked = rows.filter((r) => r.composite != null).sort((x, y) => Math.round(y.composite! * 10) - Math.round(x.composite! * 10));
	const out = new Map<string, number>();
	ranked.forEach((r, i) => {
		const prev = ranked[i - 1];
		out.set(r.id, prev && Math.round(prev.composite! * 10) === Math.round(r.composite! * 10) ? out.get(prev.id)! : i + 1);
	});
	return out;
}

/** Summary, one sheet per team (sorted by name, agents without a team last), and the notes. */
export function appraisalTables(a: Appraisal, labels: AppraisalLabels): SheetTable[] {
	const cols = columns(labels, a.hasComplaintData);
	const teams = new Map<string, AppraisalRow[]>();
	for (const r of a.rows) {
		const key = r.team ?? labels.noTeam;
		teams.set(key, [...(teams.get(key) ?? []), r]);
	}
	const teamRank = new Map<string, number>();
	for (const rows of teams.values()) for (const [id, rank] of teamRanks(rows)) teamRank.set(id, rank);
	const sheet = (name: string, rows: AppraisalRow[]): SheetTable => ({
		name,
		columns: cols,
		rows: rows.map((r) => rowValues(r, teamRank.get(r.id) ?? null, a, labels))
	});
	const teamNames = [...teams.keys()].sort((x, y) => (x === labels.noTeam ? 1 : y === labels.noTeam ? -1 : x.localeCompare(y, 'zh')));
	const total = LEADER_KEYS.reduce((s, k) => s + (a.weights[k] > 0 ? a.weights[k] : 0), 0);
	const notes: SheetTable = {
		name: labels.notes,
		columns: [
			{ header: labels.note, format: 'text' },
			{ header: '', format: 'text' }
		],
		rows: [
			[labels.period, `${a.period.key} (${a.period.from} – ${a.period.to})`],
			[labels.minCalls, String(a.minCalls)],
			...LEADER_KEYS.filter((k) => a.weights[k] > 0).map((k): TableValue[] => [
				`${labels.weights}: ${labels.kpi(k)}`,
				`${a.weights[k]} (${Math.round((a.weights[k] / total) * 100)}%)`
			]),
			[labels.appeals, labels.appealsMissing],
			...(a.hasComplaintData ? [] : [[labels.complaints, labels.complaintsMissing]])
		]
	};
	return [sheet(labels.summary, a.rows), ...teamNames.map((t) => sheet(t, teams.get(t)!)), notes];
}

export function appraisalXlsx(a: Appraisal, labels: AppraisalLabels, privacy: ExportPrivacy): Promise<Uint8Array> {
	return writeXlsx(appraisalTables(a, labels), privacy);
}

/** The download's name: 考核表_2026-Q3.xlsx */
export const appraisalFileName = (title: string, period: Period) => `${title}_${period.key}.xlsx`;
