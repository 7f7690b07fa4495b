// An appeal (申诉) as a QA team lives it: an inspector submits a review, the agent appeals a failed item, the lead
// upholds nothing and overturns that item with a reason; the reviewed score changes, the history shows the result
// then, the appeal and the decision, the appeals list moves it from "open" to "decided", and the inspector quality
// page counts the appeal and the overturn against the inspector. The appeal and its decision then travel in the
// reviews CSV to another browser profile, where the same score and history show.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';
import { testTempDir } from './temp-dir';

const CALL = 'C20260801-000009';
const SHOTS = path.resolve('test-results/screenshots');

describe('appeals', () => {
	let session: Session;
	let other: Session | undefined;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
		await other?.dispose();
	});

	it('files an appeal on a submitted review, overturns one item, and the score and history follow', async () => {
		const { page, baseUrl } = session;
		await openSampleWorkspace(page, baseUrl);
		await follow(page, baseUrl, `/calls/${CALL}`);
		const failed = await visible(page.locator('.checklist li[data-result="fail"]'), 60_000);
		const itemId = (await failed.getAttribute('data-item'))!;
		const appeals = page.locator('[data-testid="appeal-panel"]');
		await visible(appeals.getByText('这通电话的质检还没有提交，提交后才能申诉。'));

		const review = page.locator('[data-testid="review-panel"]');
		await review.getByPlaceholder('姓名或工号').fill('质检员甲');
		await review.getByRole('button', { name: '提交复核' }).click();
		await visible(review.getByText(/^已于 .* 提交，得分/), 60_000);
		const before = await review.locator('[data-testid="review-score"]').innerText();

		// The agent appeals the failed item.
		await appeals.getByRole('button', { name: '提交申诉' }).click();
		await visible(appeals.getByText('请填写申诉人或裁定人。'));
		await appeals.locator(`input[type=checkbox][value="${itemId}"]`).check();
		await appeals.getByLabel('申诉人（姓名或工号）').fill('王芳');
		await appeals.getByLabel('申诉理由（必填）').fill('复听可知当时客户在查资料，不算冷场');
		await appeals.getByRole('button', { name: '提交申诉' }).click();
		await visible(appeals.getByText('申诉已记录。'));
		const row = appeals.locator(`li[data-item="${itemId}"]`);
		await visible(row.getByText('待裁定'));

		// Open in the list, with its deadline.
		await follow(page, baseUrl, '/appeals');
		const listed = await visible(page.locator('[data-testid="appeals"] tbody tr', { hasText: CALL }));
		await visible(listed.getByText('1 项待裁定'));

		// The lead overturns it with a reason.
		await listed.getByRole('link', { name: CALL }).click();
		const row2 = page.locator('[data-testid="appeal-panel"]').locator(`li[data-item="${itemId}"]`);
		await visible(row2.getByText('待裁定'), 60_000);
		await row2.getByLabel('裁定', { exact: true }).selectOption('overturn');
		await row2.getByLabel('改判为').selectOption('pass');
		await row2.getByLabel('裁定理由（必填）').fill('复听确认客户在查资料');
		await row2.getByLabel('裁定人').fill('质检组长');
		await row2.getByRole('button', { name: '保存裁定' }).click();
		await visible(row2.locator('[data-decision="overturn"]', { hasText: '改判为“合格”（质检组长，' }));
		await visible(row2.getByText(/复听确认客户在查资料/));
		// The reviewed score follows the overturn; the item's result then stays on record.
		const review2 = page.locator('[data-testid="review-panel"]');
		await page.waitForFunction(
			(old) => document.querySelector('[data-testid="review-panel"] [data-testid="review-score"]')?.textContent !== old,
			before
		);
		expect(await review2.locator('[data-testid="review-score"]').innerText()).not.toBe(before);
		await visible(row2.getByText('不合格'));
		await visible(page.locator(`.checklist li[data-item="${itemId}"] [data-appealed="pass"]`, { hasText: '申诉改判为：通过' }));

		await follow(page, baseUrl, '/appeals?show=decided');
		await visible(page.locator('[data-testid="appeals"] tbody tr', { hasText: CALL }).getByText('已裁定（改判 1 项）'));
		mkdirSync(SHOTS, { recursive: true });
		await page.screenshot({ path: path.join(SHOTS, 'appeals.png'), fullPage: true });
		await follow(page, baseUrl, '/appeals');
		await visible(page.getByText('没有待处理的申诉。'));

		// The lead's view of the inspector: one review this month, appealed, its one decided item overturned.
		await follow(page, baseUrl, '/inspectors');
		const inspector = await visible(page.locator('[data-testid="inspectors"] tbody tr', { hasText: '质检员甲' }), 60_000);
		expect(await inspector.locator('td').allInnerTexts()).toEqual([
			'质检员甲',
			'1',
			expect.stringMatching(/分钟$/),
			'0.0 %',
			'100.0 %',
			'100.0 %（1 项中）',
			'—（本月无已定答案的校准）'
		]);
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);

		// --- The reviews file carries the appeal and the decision to another profile (the inspector's desk). ---
		const score = await (async () => {
			await follow(page, baseUrl, `/calls/${CALL}`);
			const panel = page.locator('[data-testid="review-panel"]');
			await visible(panel.getByText(/^已于 .* 提交，得分/), 60_000);
			return panel.locator('[data-testid="review-score"]').innerText();
		})();
		await follow(page, baseUrl, '/reviews');
		await visible(page.locator(`[data-testid="reviews-table"] tr[data-call="${CALL}"]`), 60_000);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
		const file = path.join(testTempDir('callqa-appeals-'), download.suggestedFilename());
		await download.saveAs(file);

		other = await openSampleSession();
		const p2 = other.page;
		await openSampleWorkspace(p2, other.baseUrl);
		await follow(p2, other.baseUrl, '/reviews');
		await visible(p2.getByText(/还没有复核记录/), 60_000);
		await p2.locator('input[type="file"]').setInputFiles(file);
		const report = await visible(p2.locator('[data-testid="import-report"]'));
		await visible(report.getByText('新增申诉 1 条，已有 0 条，新裁决 0 项'));
		await follow(p2, other.baseUrl, `/calls/${CALL}`);
		const panel2 = p2.locator('[data-testid="review-panel"]');
		await visible(panel2.getByText(/^已于 .* 提交，得分/), 60_000);
		expect(await panel2.locator('[data-testid="review-score"]').innerText()).toBe(score);
		const row3 = p2.locator('[data-testid="appeal-panel"]').locator(`li[data-item="${itemId}"]`);
		await visible(row3.locator('[data-decision="overturn"]', { hasText: '改判为“合格”（质检组长，' }), 60_000);
		await visible(row3.getByText(/复听确认客户在查资料/));
		await follow(p2, other.baseUrl, '/appeals?show=decided');
		await visible(p2.locator('[data-testid="appeals"] tbody tr', { hasText: CALL }).getByText('已裁定（改判 1 项）'));
		expect(other.pageErrors).toEqual([]);
		expect(other.foreignRequests).toEqual([]);
	}, 400_000);
});
