// Excel in and out through the real UI: a call-centre workbook (an instructions sheet first, then the calls under a
// merged title row, with Excel date cells) is imported by picking its sheet on the report card; and the manager
// downloads September's appraisal workbook, which ranks the agents as the leaderboard does.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { openSampleSession, openSession, type Session } from './browser';
import { chooseImportFiles, follow, openSampleWorkspace, reportCard, visible } from './ui';

const HEADER = ['通话ID', '坐席工号', '坐席姓名', '班组', '开始时间', '通话时长', '是否解决', '满意度'];
const serial = (y: number, mo: number, d: number, h: number, mi: number) =>
	(Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / 86400000 + (h * 60 + mi) / 1440;

/** 说明 (instructions) first, then 通话明细: a merged title row, a blank row, the header, three calls. */
function callWorkbook(): Buffer {
	const calls = XLSX.utils.aoa_to_sheet([['2026年11月 通话明细'], [], HEADER]);
	const rows = [
		['X1', 'A01', '张三', '一组', serial(2026, 11, 3, 9, 15), 185 / 86400, '是', 5],
		['X2', 'A02', '李四', '一组', serial(2026, 11, 3, 10, 0), 61 / 86400, '否', 3],
		['X3', 'A01', '张三', '二组', serial(2026, 11, 4, 14, 30), 300 / 86400, '是', 4]
	];
	XLSX.utils.sheet_add_aoa(calls, rows, { origin: 'A4' });
	for (let r = 3; r < 6; r++) {
		calls[XLSX.utils.encode_cell({ r, c: 4 })].z = 'yyyy/m/d h:mm';
		calls[XLSX.utils.encode_cell({ r, c: 5 })].z = '[h]:mm:ss';
	}
	calls['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: HEADER.length - 1 } }];
	const wb = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['本工作簿由话务系统导出'], ['第二张表为通话明细']]), '说明');
	XLSX.utils.book_append_sheet(wb, calls, '通话明细');
	return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

describe('Excel in and out', () => {
	const sessions: Session[] = [];
	afterAll(async () => {
		for (const s of sessions) await s.dispose();
	});
	// The two downloads only read the sample workspace: they share one browser, opened by whichever runs first.
	let sampleSession: Promise<Session> | undefined;
	const sample = (): Promise<Session> =>
		(sampleSession ??= openSampleSession().then(async (session) => {
			sessions.push(session);
			await openSampleWorkspace(session.page, session.baseUrl);
			return session;
		}));

	it('imports a call log from the workbook sheet the user picks, with its Excel dates', async () => {
		const session = await openSession();
		sessions.push(session);
		const { page, baseUrl } = session;
		await chooseImportFiles(page, baseUrl, [{ name: '通话明细.xlsx', mimeType: 'application/octet-stream', buffer: callWorkbook() }]);
		await visible(page.getByText(/导入完成/), 60_000);
		const card = reportCard(page, '通话明细.xlsx');
		// The first sheet is the instructions: nothing loads, and the card offers the other sheet.
		const picker = card.locator('[data-testid="sheet-picker"]');
		await visible(picker);
		expect(await picker.inputValue()).toBe('说明');
		await picker.selectOption('通话明细');
		await visible(card.getByText('已导入 3 / 3 行'), 60_000);
		expect(await card.innerText()).toContain('xlsx');

		// The Excel date cell became the call's start time, as the CSV's text would.
		await follow(page, baseUrl, '/calls');
		const row = page.locator('tr', { hasText: 'X1' });
		await visible(row, 60_000);
		expect(await row.innerText()).toMatch(/11-03 09:15/);
	}, 180_000);

	it('downloads the appraisal workbook whose ranking is the leaderboard’s', async () => {
		const { page, baseUrl } = await sample();

		await follow(page, baseUrl, '/leaderboard?period=2026-09');
		await page.getByRole('link', { name: '考核表', exact: true }).click();
		await page.waitForURL(/\/appraisal\?period=2026-09/);
		await visible(page.locator('[data-testid="appraisal-preview"] tbody tr'), 60_000);
		// The scored sample: the preview shows QA scores, not "—".
		expect(await page.locator('[data-testid="appraisal-preview"] tbody tr td').nth(5).innerText()).toMatch(/^\d+\.\d$/);
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 90_000 }),
			page.getByRole('button', { name: /下载考核表/ }).click()
		]);
		expect(download.suggestedFilename()).toBe('考核表_2026-09.xlsx');
		await visible(page.getByRole('status').getByText(/已下载 考核表_2026-09\.xlsx/));

		const wb = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
		expect(wb.SheetNames[0]).toBe('汇总');
		expect(wb.SheetNames.at(-1)).toBe('说明');
		const [head, ...rows] = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['汇总'], { header: 1 });
		expect(head.slice(0, 6)).toEqual(['排名', '组内排名', '工号', '坐席', '班组', '通话量']);
		// Back on the leaderboard (the active rubric long loaded): each agent's rank and composite as shown there.
		await page.locator('a.back', { hasText: '排行榜' }).click();
		await page.waitForURL(/\/leaderboard\?period=2026-09/);
		await visible(page.locator('table.board tbody tr'), 60_000);
		await page.waitForFunction(() => !document.querySelector('.table-wrap.stale'));
		const board = await page
			.locator('table.board tbody tr')
			.evaluateAll((rows) =>
				rows.map((r) => [
					r.getAttribute('data-id'),
					r.querySelector('td.rank')?.textContent?.trim(),
					r.querySelector('.cv')?.textContent?.trim() ?? '—'
				])
			);

		const shown = (v: string | number | undefined, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '—');
		const sheet = rows.map((r) => [r[2], shown(r[0]), shown(r[head.indexOf('综合指数')], 1)]);
		expect(sheet.sort()).toEqual(board.sort());
		expect(rows.every((r) => r[head.indexOf('申诉数')] === 0)).toBe(true);
	}, 240_000);

	it('downloads the agent page as a workbook with the figures the page shows', async () => {
		const session = await sample();
		const { page, baseUrl } = session;
		await follow(page, baseUrl, '/leaderboard?period=2026-09');
		const first = await visible(page.locator('table.board tbody tr').first(), 60_000);
		const agent = (await first.getAttribute('data-id'))!;
		await follow(page, baseUrl, `/agents/${encodeURIComponent(agent)}?period=2026-09`);
		const qa = await visible(page.locator('[data-kpi="qaAvg"] .value'), 60_000);
		await page.waitForFunction(() => !document.querySelector('.cards.stale'));
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 90_000 }),
			page.getByRole('button', { name: '导出 Excel' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^坐席-.+-2026-09\.xlsx$/);
		const wb = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
		expect(wb.SheetNames).toEqual(['指标', '周趋势', '薄弱检查项', '不合格通话', '投诉']);
		const [head, current] = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['指标'], { header: 1 });
		expect(head.slice(0, 5)).toEqual(['对象', '期间', '通话数', '排名', '综合分']);
		expect(Number(current[5]).toFixed(1)).toBe((await qa.innerText()).trim());
		expect(XLSX.utils.sheet_to_json(wb.Sheets['薄弱检查项']).length).toBeGreaterThan(0);
		expect(session.pageErrors).toEqual([]);
	}, 240_000);
});
