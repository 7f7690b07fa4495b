// The agent page as an .xlsx for a team leader's 1:1 (one sheet per block of the page): the KPIs of the period
// against the previous period and the team, the weekly trend, the checklist items the agent fails more than its
// team, the calls that show it, and the complaints naming it. Built from the very rows the page shows (metrics/
// build-leaderboard-sql.ts, agent-sql.ts); xlsx/write-table.ts lays them out and masks text unless the user chose
// otherwise. Missing values stay empty cells, never 0. No DOM.
import { LEADER_DEFINITIONS, type LeaderKey, type LeaderPeriodRow, type LeaderRow } from '../metrics/build-leaderboard-sql';
import { KPI_CELL_FORMAT, type SheetTable, type TableValue } from '../xlsx/write-table';
import type { AgentDetail, FailedCallRow } from './agent-sql';

export interface AgentSheetLabels {
	sheet: { overview: string; trend: string; weak: string; calls: string; complaints: string };
	row: { current: string; previous: string; team: string };
	col: {
		what: string;
		period: string;
		calls: string;
		rank: string;
		composite: string;
		week: string;
		who: string;
		item: string;
		applied: string;
		failed: string;
		failRate: string;
		teamFailRate: string;
		gap: string;
		call: string;
		started: string;
		score: string;
		evidence: string;
		complaint: string;
		received: string;
		category: string;
		severity: string;
		status: string;
		title: string;
		late: string;
	};
	kpi: (key: LeaderKey) => string;
	itemLabel: (itemId: string) => string;
	/** agent | team in the trend sheet */
	who: (who: 'agent' | 'team') => string;
	/** a failed call's evidence as the page words it (i18n/describe-evidence.ts) */
	evidence: (c: FailedCallRow) => string | null;
}

const COLUMN_KEYS = [
	'what',
	'period',
	'calls',
	'rank',
	'composite',
	'week',
	'who',
	'item',
	'applied',
	'failed',
	'failRate',
	'teamFailRate',
	'gap',
	'call',
	'started',
	'score',
	'evidence',
	'complaint',
	'received',
	'category',
	'severity',
	'status',
	'title',
	'late'
] as const satisfies readonly (keyof AgentSheetLabels['col'])[];

/**
 * The labels from the `agent.xlsx.*` messages: `text(key)` gives the message of `agent.xlsx.<key>` in the user's
 * language; the KPI and item names and the evidence wording are the page's.
 */
export function agentSheetLabels(
	text: (key: string) => string,
	page: Pick<AgentSheetLabels, 'kpi' | 'itemLabel' | 'evidence'>
): AgentSheetLabels {
	return {
		sheet: {
			overview: text('sheet.overview'),
			trend: text('sheet.trend'),
			weak: text('sheet.weak'),
			calls: text('sheet.calls'),
			complaints: text('sheet.complaints')
		},
		row: { current: text('row.current'), previous: text('row.previous'), team: text('row.team') },
		col: Object.fromEntries(COLUMN_KEYS.map((k) => [k, text(`col.${k}`)])) as AgentSheetLabels['col'],
		who: (w) => text(`who.${w}`),
		...page
	};
}

export interface AgentSheetInput {
	me: LeaderRow;
	/** the agent's team's row for the period, when it has one */
	team: LeaderRow | null;
	periods: { current: string; previous: string };
	detail: AgentDetail | null;
	/** the KPIs the page shows, in its order */
	keys: readonly LeaderKey[];
}

export function agentTables(input: AgentSheetInput, l: AgentSheetLabels): SheetTable[] {
	const { me, team, detail, keys } = input;
	const kpiColumns = keys.map((k) => ({ header: l.kpi(k), format: KPI_CELL_FORMAT[LEADER_DEFINITIONS[k].format] }));
	const line = (what: string, period: string, p: LeaderPeriodRow | null | undefined): TableValue[] => [
		what,
		period,
		p?.calls ?? null,
		p?.rank ?? null,
		p?.composite ?? null,
		...keys.map((k) => p?.values[k] ?? null)
	];
	const overview: SheetTable = {
		name: l.sheet.overview,
		columns: [
			{ header: l.col.what, format: 'text' },
			{ header: l.col.period, format: 'text' },
			{ header: l.col.calls, format: 'int' },
			{ header: l.col.rank, format: 'int' },
			{ header: l.col.composite, format: 'score' },
			...kpiColumns
		],
		rows: [
			line(`${me.name} (${l.row.current})`, input.periods.current, me.current),
			line(`${me.name} (${l.row.previous})`, input.periods.previous, me.previous),
			...(team ? [line(`${team.name} (${l.row.team})`, input.periods.current, { ...team.current, rank: null, composite: null })] : [])
		]
	};
	const trend: SheetTable = {
		name: l.sheet.trend,
		columns: [
			{ header: l.col.week, format: 'date' },
			{ header: l.col.who, format: 'text' },
			{ header: l.col.calls, format: 'int' },
			{ header: l.kpi('qaAvg'), format: 'score' },
			{ header: l.kpi('csatMean'), format: 'num' },
			{ header: l.kpi('aht'), format: 'int' }
		],
		rows: (detail?.trend ?? []).map((p) => [p.week, l.who(p.who), p.calls, p.qa_avg, p.csat_mean, p.aht])
	};
	const weak: SheetTable = {
		name: l.sheet.weak,
		columns: [
			{ header: l.col.item, format: 'text' },
			{ header: l.col.applied, format: 'int' },
			{ header: l.col.failed, format: 'int' },
			{ header: l.col.failRate, format: 'pct' },
			{ header: l.col.teamFailRate, format: 'pct' },
			{ header: l.col.gap, format: 'pct' }
		],
		rows: (detail?.weakItems ?? []).map((r) => [l.itemLabel(r.item_id), r.applied, r.failed, r.fail_rate, r.team_fail_rate, r.gap])
	};
	// The page lists these calls under their items weakest first (ExplainingCalls); the query returns them by item id.
	// A stable sort keeps each item's calls in the query's order (lowest score first).
	const itemOrder = new Map((detail?.weakItems ?? []).map((r, i) => [r.item_id, i]));
	const failedCalls = [...(detail?.failedCalls ?? [])].sort(
		(a, b) => (itemOrder.get(a.item_id) ?? itemOrder.size) - (itemOrder.get(b.item_id) ?? itemOrder.size)
	);
	const calls: SheetTable = {
		name: l.sheet.calls,
		columns: [
			{ header: l.col.item, format: 'text' },
			{ header: l.col.call, format: 'text' },
			{ header: l.col.started, format: 'datetime' },
			{ header: l.col.score, format: 'score' },
			{ header: l.col.evidence, format: 'text' }
		],
		rows: failedCalls.map((c) => [l.itemLabel(c.item_id), c.call_id, c.started_at, c.score, l.evidence(c)])
	};
	const complaints: SheetTable = {
		name: l.sheet.complaints,
		columns: [
			{ header: l.col.complaint, format: 'text' },
			{ header: l.col.call, format: 'text' },
			{ header: l.col.received, format: 'datetime' },
			{ header: l.col.category, format: 'text' },
			{ header: l.col.severity, format: 'int' },
			{ header: l.col.status, format: 'text' },
			{ header: l.col.title, format: 'text' },
			{ header: l.col.late, format: 'text' }
		],
		rows: (detail?.complaints ?? []).map((k) => [
			k.complaint_id,
			k.call_id,
			k.received_at,
			k.category,
			k.severity,
			k.status,
			k.title,
			k.is_late ? '✓' : null
		])
	};
	return [overview, trend, weak, calls, complaints];
}
