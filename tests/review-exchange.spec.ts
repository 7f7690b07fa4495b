// Reviews travel between workspaces and a workspace is never opened twice: a second tab is told it is open
// elsewhere (zh and en) and gets it once the first tab is gone; a review made in one browser profile (override
// with reason, formula-like comments, submitted) is exported as CSV and Parquet, the CSV restores it in a fresh
// profile, and importing a file whose review differs lists the conflict until the lead takes one version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSampleSession, openSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';
import { testTempDir } from './temp-dir';

const CALL = 'C20260803-000093';
const COMMENTS = ['=SUM(A1)', '-5 s 太快', '@agent 注意语速'];
const REASON = '复听录音后确认自动判定有误';

async function openCall(page: Page, baseUrl: string) {
	await follow(page, baseUrl, `/calls/${CALL}`);
	await visible(page.locator('.checklist li[data-item]'), 60_000);
	return page.locator('[data-testid="review-panel"]');
}

describe('review exchange', () => {
	const sessions: Session[] = [];
	const open = async (withSample = false): Promise<Session> => {
		const s = await (withSample ? openSampleSession() : openSession());
		sessions.push(s);
		return s;
	};
	afterAll(async () => {
		for (const s of sessions) await s.dispose();
	});

	it('tells a second tab that the workspace is open elsewhere, in Chinese and English', async () => {
		const { context, page, baseUrl, pageErrors } = await open();
		await follow(page, baseUrl, '/');
		await visible(page.getByRole('button', { name: '载入示例呼叫中心' }), 60_000);

		const second = await context.newPage();
		await follow(second, baseUrl, '/calls');
		await visible(second.getByRole('heading', { name: '此工作区已在另一个标签页中打开' }));
		await visible(second.getByText('为防止数据损坏，同一时间只能有一个标签页使用工作区。'));
		await second.getByRole('button', { name: 'EN', exact: true }).click();
		await visible(second.getByRole('heading', { name: 'This workspace is open in another tab' }));
		await visible(second.getByText('Switch to the tab that has it open, or close that tab and then reload this one'));
		// The first tab keeps working, and a full load there takes the language chosen in the second.
		await page.goto(baseUrl + '/reviews');
		await visible(page.getByRole('heading', { name: 'Reviews', exact: true }));

		// Once the first tab is closed, reloading the second opens the workspace there.
		await page.close();
		await second.getByRole('button', { name: 'Reload' }).click();
		await visible(second.getByRole('heading', { name: 'Calls', exact: true }), 60_000);
		expect(pageErrors).toEqual([]);
	});

	it('exports reviews, restores them in a fresh workspace, and lists a differing import as a conflict', async () => {
		const dir = testTempDir('callqa-reviews-');
		// --- Inspector A makes a review and exports it. ---
		const a = await open(true);
		await openSampleWorkspace(a.page, a.baseUrl);
		const panel = await openCall(a.page, a.baseUrl);
		const item = a.page.locator('.checklist li[data-item]').first();
		const itemId = await item.getAttribute('data-item');
		const autoResult = await item.getAttribute('data-result');
		await item.getByRole('button', { name: '更正', exact: true }).click();
		await item.getByLabel('更正为').selectOption(autoResult === 'pass' ? 'fail' : 'pass');
		await item.getByLabel('理由（必填）').fill(REASON);
		await item.getByRole('button', { name: '保存' }).click();
		await visible(item.locator('[data-override]'));
		for (const text of COMMENTS) {
			await panel.getByLabel('评语（将记在当前播放位置）').fill(text);
			await panel.getByRole('button', { name: /添加评语/ }).click();
			await visible(panel.locator('[data-testid="review-comment"]', { hasText: text }));
		}
		await panel.getByPlaceholder('姓名或工号').fill('质检员甲');
		await panel.getByRole('button', { name: '提交复核' }).click();
		await visible(panel.getByText(/^已于 .* 提交，得分/));
		const score = await panel.locator('[data-testid="review-score"]').innerText();

		await follow(a.page, a.baseUrl, '/reviews');
		const row = await visible(a.page.locator(`[data-testid="reviews-table"] tr[data-call="${CALL}"]`));
		expect(await row.innerText()).toContain('质检员甲'); // the name typed at submit became the workspace's inspector
		await visible(a.page.locator('[data-testid="inspector-name"]', { hasText: '质检员甲' }));
		const download = async (label: string) => {
			const [d] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: label }).click()]);
			const file = path.join(dir, d.suggestedFilename());
			await d.saveAs(file);
			return file;
		};
		const csvFile = await download('导出 CSV');
		const parquetFile = await download('导出 Parquet');
		const csv = readFileSync(csvFile, 'utf8');
		// A BOM, the line saying personal data is masked, then the header.
		expect(csv).toMatch(/^\uFEFF# callqa\.personal_data=masked: [^\r\n]*\r\nrecord_type,/);
		expect(csv).toContain(`'=SUM(A1)`);
		expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
		expect(readFileSync(parquetFile).subarray(0, 4).toString()).toBe('PAR1');
		expect(a.pageErrors).toEqual([]);
		expect(a.foreignRequests).toEqual([]);

		// --- A fresh browser profile (the team lead) imports the CSV: the review is back as it was. ---
		const b = await open(true);
		await openSampleWorkspace(b.page, b.baseUrl);
		await follow(b.page, b.baseUrl, '/reviews');
		await visible(b.page.getByText(/还没有复核记录/));
		await b.page.locator('input[type="file"]').setInputFiles(csvFile);
		const report = await visible(b.page.locator('[data-testid="import-report"]'));
		await visible(report.getByText('新增复核 1 条（更正 1 项）'));
		await visible(report.getByText(`新增评语 ${COMMENTS.length} 条，已有 0 条`));

		const panelB = await openCall(b.page, b.baseUrl);
		await visible(panelB.getByText(/^已于 .* 提交，得分/));
		expect(await panelB.locator('[data-testid="review-score"]').innerText()).toBe(score);
		for (const text of COMMENTS) await visible(panelB.locator('[data-testid="review-comment"]', { hasText: text }));
		const itemB = b.page.locator(`.checklist li[data-item="${itemId}"]`);
		await visible(itemB.getByText(`理由：${REASON}`));

		// --- The lead changes the review (drops the correction), then imports A's Parquet: a conflict, nothing overwritten. ---
		await panelB.getByRole('button', { name: '重新编辑' }).click();
		await itemB.getByRole('button', { name: '撤销更正' }).click();
		await b.page.waitForFunction((id) => !document.querySelector(`.checklist li[data-item="${id}"] [data-override]`), itemId);
		await panelB.getByPlaceholder('姓名或工号').fill('组长乙');
		await panelB.getByRole('button', { name: '提交复核' }).click();
		await visible(panelB.getByText(/^已于 .* 提交，得分/));
		const leadScore = await panelB.locator('[data-testid="review-score"]').innerText();
		expect(leadScore).not.toBe(score);

		await follow(b.page, b.baseUrl, '/reviews');
		await b.page.locator('input[type="file"]').setInputFiles(parquetFile);
		await visible(b.page.locator('[data-testid="import-report"]').getByText('与本地不同、列为冲突 1 条'));
		const conflict = await visible(b.page.locator(`[data-testid="conflict"][data-call="${CALL}"]`));
		const text = await conflict.innerText();
		for (const s of ['组长乙', '质检员甲', score, leadScore, REASON, path.basename(parquetFile), '未更正']) expect(text).toContain(s);
		// Still the lead's version until the lead decides.
		await visible(b.page.locator(`[data-testid="reviews-table"] tr[data-call="${CALL}"]`, { hasText: '组长乙' }));

		await conflict.getByRole('button', { name: '采用导入' }).click();
		await b.page.locator('[data-testid="conflict"]').first().waitFor({ state: 'detached' });
		await visible(b.page.locator(`[data-testid="reviews-table"] tr[data-call="${CALL}"]`, { hasText: '质检员甲' }));
		const panelB2 = await openCall(b.page, b.baseUrl);
		await visible(panelB2.getByText(/^已于 .* 提交，得分/));
		expect(await panelB2.locator('[data-testid="review-score"]').innerText()).toBe(score);
		await visible(b.page.locator(`.checklist li[data-item="${itemId}"]`).getByText(`理由：${REASON}`));
		expect(b.pageErrors).toEqual([]);
		expect(b.foreignRequests).toEqual([]);
	}, 240_000); // two workspaces opened and driven in turn: ~115 s on a loaded 2-core machine
});
