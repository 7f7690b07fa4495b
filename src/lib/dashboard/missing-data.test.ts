// No data is not zero: call logs without a resolved flag, satisfaction, ring times or complaint records give those
// KPIs no value (null, shown as "—" with the reason), never 0 %, on the dashboard (raw SQL, rollups, cube, trend),
// the leaderboard, the agent page and the report; a period before the data has no values to compare with. The
// fixtures are small hand-written files in the layout of two real exports (the Technion bank log: no resolved
// flag, no satisfaction; the PwC log: resolved and CSAT, unanswered calls without times), imported for real.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { importFiles } from '../import/pipeline';
import { queryAgentDetail } from '../agent/agent-sql';
import { queryLeaderboard } from '../metrics/build-leaderboard-sql';
import { parsePeriod } from '../scope/period';
import { DEFAULT_SETTINGS } from '../metrics/settings';
import { queryReport } from '../report/report-data';
import { KPI_KEYS, queryKpis, type KpiKey, type KpiResult } from '../metrics/build-kpi-sql';
import { queryCharts } from '../metrics/build-chart-sql';
import { kpiChange } from '../metrics/kpi-change';
import { missingReason } from '../metrics/kpi-missing';
import { cubeCharts, cubeKpis } from './rollup-cube';
import { ensureRollup, loadRollupRows, queryKpisFromRollup } from './rollup-sql';
import { KPI_DEFINITIONS } from '../metrics/build-kpi-sql';

const TECHNION_HEADER =
	'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
/** Bank calls of February 1999, Technion layout: no resolved flag, no satisfaction, agents by first name only. */
function technionTsv(): string {
	const rows: string[] = [];
	for (let d = 1; d <= 20; d++) {
		const day = `9902${String(d).padStart(2, '0')}`;
		for (const [i, server] of ['DANA', 'ERAN', 'DANA', 'MOSHE'].entries()) {
			const hang = (d + i) % 5 === 0;
			rows.push(
				[
					`AA0${i}01`,
					`${d * 10 + i}`,
					`${1000 + d * 4 + i}`,
					'0',
					'PS',
					day,
					'9:00:00',
					'9:00:10',
					'10',
					'9:00:10',
					'9:00:40',
					'30',
					hang ? 'HANG' : 'AGENT',
					hang ? '0:00:00' : '9:00:40',
					hang ? '0:00:00' : '9:03:00',
					hang ? '0' : String(100 + i * 20),
					hang ? 'NO_SERVER' : server
				].join('\t')
			);
		}
	}
	return [TECHNION_HEADER, ...rows].join('\n');
}

/** PwC layout: resolved and satisfaction for answered calls; unanswered ones have no speed, duration or rating. */
function pwcCsv(): string {
	const rows = ['Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating'];
	for (let d = 1; d <= 28; d++) {
		for (const [i, agent] of ['Diane', 'Becky', 'Stewart'].entries()) {
			const answered = (d + i) % 4 !== 0;
			const id = `ID${String(d * 3 + i).padStart(4, '0')}`;
			const date = `2021-02-${String(d).padStart(2, '0')}`;
			rows.push(
				answered
					? `${id},${agent},${date},10:0${i}:00,Billing,Y,${i === 1 ? 'N' : 'Y'},${20 + i * 30},00:03:0${i},${3 + i}`
					: `${id},${agent},${date},10:0${i}:00,Billing,N,N,,,`
			);
		}
	}
	return rows.join('\n');
}

async function workspaceWith(name: string, text: string): Promise<Db> {
	const db = await createTestDb();
	const reports = await importFiles(db, [{ name, bytes: new TextEncoder().encode(text) }]);
	expect(reports.files[0].rows_loaded).toBeGreaterThan(0);
	return db;
}

/** The dashboard's KPIs three ways (raw SQL, rollup SQL, in-memory cube), which must agree value for value. */
async function dashboard(db: Db, from: string, to: string): Promise<KpiResult> {
	const f = { from, to };
	const raw = await queryKpis(db, f);
	await ensureRollup(db);
	const rollup = await queryKpisFromRollup(db, f);
	const cube = cubeKpis((await loadRollupRows(db, null))!, f);
	expect(rollup.current.values).toEqual(raw.current.values);
	expect(cube.current.values).toEqual(raw.current.values);
	expect(rollup.previous.values).toEqual(raw.previous.values);
	expect(cube.previous.values).toEqual(raw.previous.values);
	return raw;
}

const present = (r: KpiResult, keys: KpiKey[]) => keys.map((k) => [k, r.current.values[k] == null ? null : 'value']);

describe('a workspace holding only the Technion bank log (no resolved flag, no satisfaction, no complaints)', () => {
	let db: Db;
	beforeAll(async () => {
		db = await workspaceWith('bank_1999_february.tsv', technionTsv());
	}, 120_000);

	it('has no resolution, FCR, CSAT, QA or complaint KPIs (null, with the reason) while the rest are computed', async () => {
		const r = await dashboard(db, '1999-02-01', '1999-02-28');
		expect(present(r, KPI_KEYS)).toEqual([
			['volume', 'value'],
			['serviceLevel', 'value'],
			['asa', 'value'],
			['abandonment', 'value'],
			['aht', 'value'],
			['resolution', null],
			['fcr', null],
			['csatMean', null],
			['csatPct', null],
			['qaAvg', null],
			['qaPass', null],
			['complaintRate', null],
			['complaintSla', null],
			['followUp', null]
		]);
		expect(missingReason('resolution', r.current.counts)).toBe('noResolvedFlag');
		expect(missingReason('csatPct', r.current.counts)).toBe('noSurveys');
		expect(missingReason('complaintRate', r.current.counts)).toBe('noComplaintData');
		expect(missingReason('followUp', r.current.counts)).toBe('noComplaintData');
	});

	it('compares with nothing when the previous period has no data: no values, no change arrows', async () => {
		const r = await dashboard(db, '1999-02-01', '1999-02-28');
		for (const key of KPI_KEYS) expect(r.previous.values[key], key).toBeNull();
		for (const def of KPI_DEFINITIONS) expect(kpiChange(def, r.current.values[def.key], r.previous.values[def.key]), def.key).toBeNull();
		expect(missingReason('serviceLevel', r.previous.counts)).toBe('noCalls');
	});

	it('leaves gaps in the trend rather than zeros, from raw calls and from the rollups alike', async () => {
		const raw = await queryCharts(db, { from: '1999-02-01', to: '1999-02-28' }, 'day', null);
		const cube = cubeCharts((await loadRollupRows(db, null))!, { from: '1999-02-01', to: '1999-02-28' }, 'day');
		for (const trend of [raw.trend, cube.trend]) {
			expect(trend.length).toBe(20);
			expect(trend.every((b) => b.csat_mean === null)).toBe(true);
			expect(trend.every((b) => b.service_level != null)).toBe(true);
		}
		expect(raw.csat).toEqual([]);
	});

	it('ranks agents logged by name only, with no resolution, CSAT or complaint rate in their columns', async () => {
		const board = await queryLeaderboard(db, { period: parsePeriod('1999-02')!, minCallsPerMonth: 1 });
		expect(board.rows.map((r) => r.id).sort()).toEqual(expect.arrayContaining(['DANA', 'ERAN', 'MOSHE']));
		expect(board.hasComplaintData).toBe(false);
		for (const row of board.rows) {
			expect(row.current.values.resolution).toBeNull();
			expect(row.current.values.csatPct).toBeNull();
			expect(row.current.values.complaintRate).toBeNull();
			expect(row.current.values.aht).not.toBeNull();
		}
		const dana = await queryAgentDetail(db, { agentId: 'DANA', team: null, from: '1999-02-01', to: '1999-02-28' });
		expect(dana.trend.filter((p) => p.who === 'agent').every((p) => p.csat_mean === null && p.aht != null && p.aht > 0)).toBe(true);
	});

	it('prints the same nothing in the report', async () => {
		const report = await queryReport(db, { period: parsePeriod('1999-02')!, dims: {}, rubric: null, settings: DEFAULT_SETTINGS });
		expect(report.current.values).toEqual((await queryKpis(db, { from: '1999-02-01', to: '1999-02-28' })).current.values);
		expect(report.current.values.resolution).toBeNull();
		expect(report.previous.values.volume).toBeNull();
	});
});

describe('a workspace holding only the PwC call log (resolved and CSAT, no queue, no complaints)', () => {
	let db: Db;
	beforeAll(async () => {
		db = await workspaceWith('pwc_call_center.csv', pwcCsv());
	}, 120_000);

	it('computes resolution and CSAT; has no complaint rate; the unanswered calls without times do not count as 0 s', async () => {
		const r = await dashboard(db, '2021-02-01', '2021-02-28');
		expect(present(r, ['resolution', 'fcr', 'csatMean', 'csatPct', 'serviceLevel', 'aht', 'complaintRate'])).toEqual([
			['resolution', 'value'],
			['fcr', 'value'],
			['csatMean', 'value'],
			['csatPct', 'value'],
			['serviceLevel', 'value'],
			['aht', 'value'],
			['complaintRate', null]
		]);
		// Answered talk times are 180–182 s; the unanswered calls have none and are not averaged in as 0.
		expect(r.current.values.aht).toBeGreaterThanOrEqual(180);
		const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM calls WHERE abandoned');
		expect(Number(rows[0].n)).toBeGreaterThan(0);
	});
});
