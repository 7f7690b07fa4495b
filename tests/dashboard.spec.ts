// A manager's first look: load the sample, open the dashboard for September, read a KPI that matches the SQL
// over the same files, see the charts drawn, and click a bar to land on the calls behind it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../src/lib/db/test-db';
import { importFiles } from '../src/lib/import/pipeline';
import { openSampleSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';

const SAMPLE = path.resolve('sample-data/out');

/** What the SQL says, on the same sample files in Node (the unit tests' DuckDB, test-db.ts): September's call count and abandonment. */
async function septemberTruth(): Promise<{ volume: number; abandoned: number }> {
	const db = await createTestDb();
	await importFiles(
		db,
		['calls.csv', 'complaints.csv'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, name))) }))
	);
	const { rows } = await db.query<{ volume: number; abandoned: number }>(
		`SELECT count(*) AS volume, count(*) FILTER (WHERE abandoned) AS abandoned FROM calls WHERE started_at >= '2026-09-01' AND started_at < '2026-10-01'`
	);
	await db.close();
	return { volume: Number(rows[0].volume), abandoned: Number(rows[0].abandoned) };
}

describe('dashboard', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('shows the period’s KPIs, draws the charts and opens the calls behind a bar', async () => {
		const { page, baseUrl } = session;
		const truth = await septemberTruth();
		await openSampleWorkspace(page, baseUrl);

		await page.getByRole('link', { name: '看板', exact: true }).click();
		await page.waitForURL(/\/dashboard\?from=/);
		await follow(page, baseUrl, '/dashboard?from=2026-09-01&to=2026-09-30');
		const volume = await visible(page.locator('[data-kpi="volume"] .value'), 60_000);
		expect(await volume.innerText()).toBe(truth.volume.toLocaleString('zh-CN'));
		const abandonment = await page.locator('[data-kpi="abandonment"] .value').innerText();
		expect(abandonment).toBe(`${((truth.abandoned / truth.volume) * 100).toFixed(1)}%`);
		// The definition is one click away.
		await page.locator('[data-kpi="fcr"] summary').click();
		await visible(page.locator('[data-kpi="fcr"] .def').getByText(/7 天/));

		const trend = page.locator('[data-chart="trend"] .echart');
		await visible(trend.locator('canvas'));
		await visible(page.locator('[data-chart="heatmap"] canvas'));
		await visible(page.locator('[data-chart="pareto"] canvas'));

		// The first daily bar (1 September): grid left 48 px, right 96 px, 30 days; click just above the axis.
		const box = await trend.boundingBox();
		if (!box) throw new Error('trend chart has no box');
		const x = box.x + 48 + ((box.width - 48 - 96) * 0.5) / 30;
		const y = box.y + box.height - 32 - 3;
		await page.mouse.click(x, y);
		await page.waitForURL(/\/calls\?.*from=2026-09-01.*to=2026-09-01/);
		await visible(page.getByRole('cell', { name: /^C2026/ }));
		const starts = await page.locator('table.data tbody tr td:nth-child(2)').allInnerTexts();
		expect(starts.length).toBeGreaterThan(0);
		expect(starts.every((s) => s.startsWith('2026-09-01'))).toBe(true);
		// The drill-down lands in the calls list's filter bar, which can clear it.
		expect(await page.getByLabel('开始日期').inputValue()).toBe('2026-09-01');
		expect(await page.getByLabel('结束日期').inputValue()).toBe('2026-09-01');
		await visible(page.getByRole('button', { name: '清除全部筛选' }));
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	});
});
