// The appraisal workbook HR opens holds the leaderboard's numbers: read the written .xlsx back and compare every
// agent's row with queryLeaderboard for the same period and weights; one sheet per team; appeals filed and overturned
// per agent as recorded.
import { MASKED } from '../privacy/export-privacy';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openScoredSample } from '../scoring/scored-sample';
import type { Db } from '../db/types';
import { zh } from '../i18n/zh';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { appraisalXlsx, queryAppraisal } from './appraisal';
import { appraisalLabels } from './appraisal-labels';
import { DEFAULT_WEIGHTS, queryLeaderboard, type Weights } from '../metrics/build-leaderboard-sql';
import { parsePeriod, type Period } from '../scope/period';

const RUBRIC = { id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version };
const WEIGHTS: Weights = { ...DEFAULT_WEIGHTS, qaAvg: 50, csatPct: 30, resolution: 20, complaintRate: 10 };
const LABELS = appraisalLabels('zh', (k) => zh[k]);

let db: Db;
beforeAll(async () => {
	db = await openScoredSample(inject('scoredSampleDir'));
	// Three appeals on September calls: one upheld, one with an item overturned, one undecided.
	const { rows } = await db.query<{ call_id: string; agent_key: string }>(
		`SELECT call_id, agent_key FROM call_facts WHERE started_at >= '2026-09-01' AND started_at < '2026-10-01' AND agent_key IS NOT NULL ORDER BY agent_key, call_id LIMIT 3`
	);
	APPEALED.push(...rows);
	for (const [i, r] of rows.entries()) {
		await db.query(`INSERT INTO appeals VALUES (?, ?, ?, ?, '坐席', '不同意', TIMESTAMP '2026-10-02 10:00:00', NULL)`, [
			`AP${i}`,
			r.call_id,
			RUBRIC.id,
			RUBRIC.version
		]);
		const decision = [`'uphold'`, `'overturn'`, 'NULL'][i];
		await db.query(
			`INSERT INTO appeal_items VALUES (?, 'greeting', 'fail', ${decision}, ${i === 1 ? `'pass'` : 'NULL'}, NULL, NULL, NULL)`,
			[`AP${i}`]
		);
	}
}, 240_000);
const APPEALED: { call_id: string; agent_key: string }[] = [];
afterAll(() => db?.close());

type Cell = string | number | undefined;

function readBack(bytes: Uint8Array) {
	const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
	const table = (name: string) => XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[name], { header: 1, defval: undefined });
	return { wb, table };
}

describe('appraisal workbook', () => {
	it.each(['2026-09', '2026-Q3'])(
		'%s: every agent row of the summary equals the leaderboard',
		async (key) => {
			const period = parsePeriod(key) as Period;
			const q = { period, weights: WEIGHTS, rubric: RUBRIC, minCallsPerMonth: 5 };
			const board = await queryLeaderboard(db, { ...q, grouping: 'agent' });
			const auto = await queryLeaderboard(db, { ...q, grouping: 'agent', qaSource: 'automatic' });
			expect(board.rows.length).toBeGreaterThan(2);
			const appraisal = await queryAppraisal(db, q);
			const { wb, table } = readBack(await appraisalXlsx(appraisal, LABELS, MASKED));

			const [head, ...rows] = table(LABELS.summary);
			const col = (label: string) => head.indexOf(label);
			expect(rows).toHaveLength(board.rows.length);
			expect(APPEALED).toHaveLength(3);
			for (const b of board.rows) {
				const r = rows.find((x) => x[col(LABELS.id)] === b.id)!;
				expect(r, b.id).toBeDefined();
				const num = (label: string) => r[col(label)] ?? null;
				expect(num(LABELS.rank)).toBe(b.current.rank);
				expect(num(LABELS.calls)).toBe(b.current.calls);
				expect(num(LABELS.qaReviewed)).toBeCloseTo(b.current.values.qaAvg!, 9);
				expect(num(LABELS.qaAuto)).toBeCloseTo(auto.rows.find((x) => x.id === b.id)!.current.values.qaAvg!, 9);
				expect(num(LABELS.csatPct)).toBe(b.current.values.csatPct);
				expect(num(LABELS.resolution)).toBe(b.current.values.resolution);
				expect(num(LABELS.complaints)).toBe(b.current.complaints);
				expect(num(LABELS.composite)).toBe(b.current.composite);
				const mine = APPEALED.map((a, i) => ({ ...a, i })).filter((a) => a.agent_key === b.id);
				expect(num(LABELS.appeals), b.id).toBe(mine.length);
				expect(num(LABELS.overturned), b.id).toBe(mine.filter((a) => a.i === 1).length);
			}

			// One sheet per team holding exactly that team's agents, then the notes.
			const teams = [...new Set(board.rows.map((r) => r.team ?? LABELS.noTeam))].sort((x, y) => x.localeCompare(y, 'zh'));
			expect(wb.SheetNames).toEqual([LABELS.summary, ...teams, LABELS.notes]);
			for (const team of teams) {
				const [, ...teamRows] = table(team);
				expect(teamRows.map((r) => r[col(LABELS.id)]).sort()).toEqual(
					board.rows
						.filter((r) => (r.team ?? LABELS.noTeam) === team)
						.map((r) => r.id)
						.sort()
				);
			}
		},
		120_000
	);

	it('formats shares as percentages and scores with one decimal, explains the appeals columns, freezes the header', async () => {
		const appraisal = await queryAppraisal(db, { period: parsePeriod('2026-09') as Period, weights: WEIGHTS, rubric: RUBRIC });
		const bytes = await appraisalXlsx(appraisal, LABELS, MASKED);
		const ws = readBack(bytes).wb.Sheets[LABELS.summary];
		const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0];
		const at = (label: string, row = 2) => ws[XLSX.utils.encode_cell({ r: row - 1, c: header.indexOf(label) })];
		expect(at(LABELS.csatPct).z).toBe('0.0%');
		expect(at(LABELS.qaReviewed).z).toBe('0.0');
		expect(at(LABELS.appeals, 1).c?.[0]?.t).toBe(LABELS.appealsMissing);
		const zip = XLSX.CFB.read(bytes, { type: 'array' });
		const i = (zip.FullPaths as string[]).findIndex((p) => p.endsWith('xl/worksheets/sheet1.xml'));
		expect(new TextDecoder().decode(zip.FileIndex[i].content)).toContain('state="frozen"');
	}, 60_000);
});
