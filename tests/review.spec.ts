// An inspector's review of a recorded call: the two-lane waveform draws, plays, a finding's region leads to its
// checklist item, an override needs a reason, a comment is kept at the playback time, the review is submitted,
// and after a browser restart all of it is still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { clickFirstFindingRegion, follow, openSampleWorkspace, playBriefly, visible } from './ui';

const CALL = 'C20260803-000093';

describe('inspector review', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('plays the recording on a two-lane waveform and reviews the call', async () => {
		const { page, baseUrl } = session;
		await openSampleWorkspace(page, baseUrl);

		await follow(page, baseUrl, `/calls/${CALL}`);
		const wave = await visible(page.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		// Stereo: one lane per channel, named by the recording's channel map.
		expect(await wave.locator('.lane').allInnerTexts()).toEqual(['坐席', '客户']);
		expect(await wave.locator('canvas').count()).toBeGreaterThan(0);

		await playBriefly(page);

		// A region per located finding; clicking one highlights its checklist item.
		const itemId = await clickFirstFindingRegion(page);

		// Override an item: a reason is required.
		const item = page.locator(`.checklist li[data-item="${itemId}"]`);
		const autoResult = await item.getAttribute('data-result');
		await item.getByRole('button', { name: '更正', exact: true }).click();
		await item.getByLabel('更正为').selectOption(autoResult === 'pass' ? 'fail' : 'pass');
		await item.getByRole('button', { name: '保存' }).click();
		await visible(item.getByText('请填写更正理由'));
		await item.getByLabel('理由（必填）').fill('复听录音后确认自动判定有误');
		await item.getByRole('button', { name: '保存' }).click();
		await visible(item.locator('[data-override]'));
		await visible(page.getByText('✓ 已保存'));

		// A comment at the current playback time.
		const panel = page.locator('[data-testid="review-panel"]');
		await panel.getByLabel('评语（将记在当前播放位置）').fill('客户情绪激动，坐席处理得当');
		await panel.getByRole('button', { name: /添加评语/ }).click();
		await visible(panel.locator('[data-testid="review-comment"]', { hasText: '客户情绪激动，坐席处理得当' }));

		const score = await panel.locator('[data-testid="review-score"]').innerText();
		await panel.getByPlaceholder('姓名或工号').fill('质检员甲');
		await panel.getByRole('button', { name: '提交复核' }).click();
		await visible(panel.getByText(/^已于 .* 提交，得分/));
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);

		// After a browser restart the review is exactly as it was left.
		session = await session.restart();
		const again = session.page;
		await follow(again, session.baseUrl, `/calls/${CALL}`);
		await visible(again.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		const panel2 = again.locator('[data-testid="review-panel"]');
		await visible(panel2.getByText(/^已于 .* 提交，得分/));
		expect(await panel2.locator('[data-testid="review-score"]').innerText()).toBe(score);
		await visible(panel2.locator('[data-testid="review-comment"]', { hasText: '客户情绪激动，坐席处理得当' }));
		const item2 = again.locator(`.checklist li[data-item="${itemId}"]`);
		await visible(item2.getByText('理由：复听录音后确认自动判定有误'));
		expect(session.pageErrors).toEqual([]);
	});
});
