// A manager's monthly meeting: load the sample, open September's leaderboard, read an agent's value that matches
// the SQL over the same files, reweight the composite and see the order follow (and survive a reload), export the
// table, open an agent's page with its trends and weakest items, and print the period report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../src/lib/db/test-db';
import { importFiles } from '../src/lib/import/pipeline';
import { openSampleSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';

const SAMPLE = path.resolve('sample-data/out');
const AGENT = 'A1006';

interface Truth {
	resolution: number;
	calls: number;
	fastest: string;
	volume: number;
}

/** What the SQL says on the same files in Node (the unit tests' DuckDB, test-db.ts): one agent's September resolution and calls, the agent with the lowest AHT. */
async function septemberTruth(): Promise<Truth> {
	const db = await createTestDb();
	await importFiles(
		db,
		['calls.csv', 'complaints.csv'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, name))) }))
	);
	const sep = `started_at >= '2026-09-01' AND started_at < '2026-10-01'`;
	const a = (
		await db.query<{ resolved: number; handled: number; calls: number }>(
			`SELECT count(*) FILTER (WHERE resolved AND abandoned IS NOT TRUE) AS resolved, count(*) FILTER (WHERE abandoned IS NOT TRUE) AS handled, count(*) AS calls
			FROM calls WHERE agent_id = ? AND ${sep}`,
			[AGENT]
		)
	).rows[0];
	const f = (
		await db.query<{ agent_id: string }>(
			`SELECT agent_id FROM calls WHERE agent_id IS NOT NULL AND ${sep} GROUP BY agent_id HAVING count(*) >= 30
			ORDER BY avg(coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(wrap_s, 0)) FILTER (WHERE abandoned IS NOT TRUE) LIMIT 1`
		)
	).rows[0];
	const v = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE ${sep}`)).rows[0];
	await db.close();
	return { resolution: Number(a.resolved) / Number(a.handled), calls: Number(a.calls), fastest: f.agent_id, volume: Number(v.n) };
}

describe('leaderboard', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('ranks September, follows a new weight, exports the table, opens an agent and prints the report', async () => {
		const { page, baseUrl } = session;
		const truth = await septemberTruth();
		await openSampleWorkspace(page, baseUrl);

		await page.getByRole('link', { name: '排行榜', exact: true }).click();
		await page.waitForURL(/\/leaderboard\?period=2026-10/);
		await follow(page, baseUrl, '/leaderboard?period=2026-09');
		const row = page.locator(`table.board tr[data-id="${AGENT}"]`);
		await visible(row, 60_000);
		await page.waitForFunction(() => !document.querySelector('.table-wrap.stale'));
		expect(await row.locator('td[data-kpi="resolution"]').innerText()).toBe(`${(truth.resolution * 100).toFixed(1)}%`);
		expect(await row.locator('td').nth(4).innerText()).toBe(String(truth.calls));
		const firstBefore = await page.locator('table.board tbody tr').first().getAttribute('data-id');
		expect(firstBefore).not.toBe(truth.fastest);

		// Weigh AHT alone: the fastest agent comes first, and stays first after a reload (saved in the workspace).
		await page.getByRole('button', { name: '指标权重与规则' }).click();
		for (const input of await page.locator('input[data-weight]').all())
			await input.fill((await input.getAttribute('data-weight')) === 'aht' ? '100' : '0');
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await visible(page.getByRole('status').getByText('已保存'));
		await page.waitForFunction((id) => document.querySelector('table.board tbody tr')?.getAttribute('data-id') === id, truth.fastest, {
			timeout: 30_000
		});
		await page.reload();
		await visible(page.locator('table.board tbody tr').first(), 60_000);
		await page.waitForFunction((id) => document.querySelector('table.board tbody tr')?.getAttribute('data-id') === id, truth.fastest, {
			timeout: 30_000
		});
		expect(await page.locator('th[data-col="aht"] .weight').innerText()).toBe('100%');

		// The CSV has a BOM, the screen's header and the agent's row with the same numbers.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
		expect(download.suggestedFilename()).toBe('坐席排行榜_2026-09.csv');
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		// The first line says personal data is masked (the default); the table follows.
		const [statement, ...lines] = csv.slice(1).trimEnd().split('\r\n');
		expect(statement).toMatch(/^# callqa\.personal_data=masked: /);
		expect(lines[0].startsWith('排名,名次变化,工号,坐席,班组,通话量,综合指数,质检均分')).toBe(true);
		expect(lines.length).toBe(25);
		expect(lines[1].split(',')[2]).toBe(truth.fastest);
		const agentLine = lines.find((l) => l.split(',')[2] === AGENT)!.split(',');
		expect(agentLine[5]).toBe(String(truth.calls));
		expect(agentLine[lines[0].split(',').indexOf('解决率')]).toBe((truth.resolution * 100).toFixed(1));

		// The quarter view: the sample covers 2026-08-01..10-31, so no quarter is complete; it opens the one the data
		// covers most (Q3, two months), says it is partial, and quotes the minimum it applies (3 × 30 a month).
		await page.getByRole('button', { name: '季度', exact: true }).click();
		await page.waitForURL(/period=2026-Q3/);
		await visible(
			page.getByTestId('lb-partial').getByText('2026-Q3 的数据只覆盖 2026-08-01 至 2026-09-30（92 天中的 61 天）', { exact: false }),
			60_000
		);
		const quarterLine = await visible(
			page.getByTestId('lb-ranked').getByText(/^\d+ 名参与排名，\d+ 名通话量不足（本期至少 90 通 = 每月 30 通 × 3 个月）$/)
		);
		// (Q4, which holds one month of data, ranked 3 of the 24 agents against the same minimum.)
		expect(Number((/^(\d+)/.exec(await quarterLine.innerText()) ?? [])[1])).toBeGreaterThanOrEqual(15);
		await page.getByRole('button', { name: '月度', exact: true }).click();
		await page.waitForURL(/period=2026-09/);
		await visible(page.getByTestId('lb-ranked').getByText(/（本期至少 30 通 = 每月 30 通 × 1 个月）$/), 60_000);

		// The agent's page: KPI cards, trend charts, weakest items against the team and the calls behind them.
		await page.waitForFunction(() => !document.querySelector('.table-wrap.stale'));
		await row.locator('td.who a').click();
		await page.waitForURL(new RegExp(`/agents/${AGENT}\\?period=2026-09`));
		await visible(page.getByRole('heading', { name: /郭海燕/ }), 60_000);
		expect(await page.locator('[data-kpi="resolution"] .value').innerText()).toBe(`${(truth.resolution * 100).toFixed(1)}%`);
		for (const chart of ['qa_avg', 'csat_mean', 'aht']) await visible(page.locator(`[data-chart="${chart}"] canvas`));
		const weak = page.locator('[data-section="weak"] tr[data-item]');
		await visible(weak);
		expect(await weak.count()).toBeGreaterThan(3);
		await visible(page.locator('[data-section="explain"] a[href^="/calls/C2026"]'));
		await visible(page.locator('[data-section="complaints"] tbody tr'));

		// The report prints: the KPI table says what the SQL says, and Chromium makes a PDF of it.
		await follow(page, baseUrl, '/report?period=2026-09');
		const volume = page.locator('.sheet tr[data-kpi="volume"] td').nth(1);
		await visible(volume, 60_000);
		expect(await volume.innerText()).toBe(truth.volume.toLocaleString('zh-CN'));
		await visible(page.locator('.sheet [data-board="top"] tbody tr'));
		await visible(page.locator('.sheet .echart svg'));
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header:has(> nav)').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
		const pdf = await page.pdf({ format: 'A4', printBackground: true });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');

		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	}, 600_000);
});
