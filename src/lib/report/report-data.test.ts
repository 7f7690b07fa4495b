// The printed report compares a month with the previous calendar month (all of August for September, not the 30
// days before), a quarter with the previous quarter, and its leaderboard is the leaderboard's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { importFiles } from '../import/pipeline';
import { queryKpis } from '../metrics/build-kpi-sql';
import { queryLeaderboard } from '../metrics/build-leaderboard-sql';
import { parsePeriod } from '../scope/period';
import { DEFAULT_SETTINGS } from '../metrics/settings';
import { queryReport } from './report-data';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../sample-data/out');
let db: Db;

beforeAll(async () => {
	db = await createTestDb();
	await importFiles(
		db,
		['calls.csv', 'complaints.csv'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(OUT, name))) }))
	);
}, 120_000);
afterAll(() => db?.close());

describe('period report data', () => {
	it('compares September with all of August, under the saved service-level threshold', async () => {
		const settings = { ...DEFAULT_SETTINGS, slThresholdS: 20 };
		const r = await queryReport(db, { period: parsePeriod('2026-09')!, dims: { team: '售后组' }, rubric: null, settings });
		expect([r.previous.from, r.previous.to]).toEqual(['2026-08-01', '2026-08-31']);
		const aug = await queryKpis(db, { from: '2026-08-01', to: '2026-08-31', team: '售后组' }, { slThresholdS: 20 });
		const sep = await queryKpis(db, { from: '2026-09-01', to: '2026-09-30', team: '售后组' }, { slThresholdS: 20 });
		expect(r.previous.values).toEqual(aug.current.values);
		expect(r.current.values).toEqual(sep.current.values);
		expect(r.trend.length).toBe(30);
		expect(r.trend.reduce((a, t) => a + t.volume, 0)).toBe(sep.current.values.volume);
		const board = await queryLeaderboard(db, { period: parsePeriod('2026-09')!, dims: { team: '售后组' } });
		expect(r.board.rows.map((x) => [x.id, x.current.rank])).toEqual(board.rows.map((x) => [x.id, x.current.rank]));
	});

	it('compares a quarter with the quarter before, week by week', async () => {
		const r = await queryReport(db, { period: parsePeriod('2026-Q4')!, dims: {}, rubric: null, settings: DEFAULT_SETTINGS });
		expect([r.previous.from, r.previous.to]).toEqual(['2026-07-01', '2026-09-30']);
		expect(r.trend.length).toBeLessThanOrEqual(14);
		expect(r.previous.values.volume).toBe(1863 + 1868);
	});
});
