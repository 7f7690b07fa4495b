// The inspector's day from the review queue: draw the queue by a sampling plan, open a sampled call from it,
// play, follow a finding, override an item with a reason, comment, submit, go on with "next call in the queue"
// (button, then the N key) without the previous call's checklist ever standing beside the new transcript, and
// after a browser restart the progress and the review are as they were left. Then a new rubric version becomes
// active: the call page still shows the review, named as made under version 1, and re-reviews it under version 2
// from its corrections; the queue counts version 2 and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { clickFirstFindingRegion, follow, mixedCallMoments, openSampleWorkspace, playBriefly, visible, watchMixedCalls } from './ui';

const CALL = 'C20260803-000093'; // has a stereo recording in the sample

describe('review queue', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('reviews a sampled call from the queue and moves on to the next one', async () => {
		const { page, baseUrl } = session;
		await openSampleWorkspace(page, baseUrl);

		// Plan: every answered call of one day (10 per agent-week is more than anyone takes that day), plus the
		// must-review calls; drawing waits for scoring to end because critical fails come from the scores.
		await page.getByRole('link', { name: '质检队列' }).click();
		await visible(page.getByText('队列还是空的'));
		await page.getByLabel('每位坐席每周随机抽取').fill('10');
		await page.getByLabel('开始日期').fill('2026-08-03');
		await page.getByLabel('结束日期').fill('2026-08-03');
		await page.getByLabel(/^随机种子/).fill('e2e');
		await page.getByRole('button', { name: '保存并抽取' }).click({ timeout: 240_000 });
		await visible(page.getByText(/^新抽取 \d+ 通，队列共 \d+ 通。$/), 60_000);
		const progress = page.getByTestId('queue-progress');
		const total = Number((/^已复核 0 \/ (\d+)$/.exec(await progress.innerText()) ?? [])[1]);
		expect(total).toBeGreaterThan(10);

		// The sampled call with a recording, opened from its row.
		const row = page.getByTestId('queue-row').filter({ hasText: CALL });
		await visible(row.getByText('抽样', { exact: true }));
		await row.getByRole('link', { name: CALL }).click();
		const strip = page.getByTestId('queue-strip');
		await visible(strip.getByText(new RegExp(`^质检队列 · 第 \\d+ / ${total} 通$`)));
		await visible(strip.getByText(`已复核 0 / ${total}`));

		const wave = await visible(page.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		expect(await wave.locator('.lane').allInnerTexts()).toEqual(['坐席', '客户']);
		// The player's help overlay lists the queue's shortcut (and the shell's own help stays closed here).
		await page.keyboard.press('?');
		await visible(page.getByRole('dialog', { name: '键盘快捷键' }).getByText('打开队列中的下一通'));
		expect(await page.getByTestId('shortcut-help').count()).toBe(0);
		await page.keyboard.press('Escape');

		await playBriefly(page);

		const itemId = await clickFirstFindingRegion(page);

		const item = page.locator(`.checklist li[data-item="${itemId}"]`);
		const autoResult = await item.getAttribute('data-result');
		await item.getByRole('button', { name: '更正', exact: true }).click();
		await item.getByLabel('更正为').selectOption(autoResult === 'pass' ? 'fail' : 'pass');
		await item.getByLabel('理由（必填）').fill('复听录音后确认自动判定有误');
		await item.getByRole('button', { name: '保存' }).click();
		await visible(item.locator('[data-override]'));

		const panel = page.locator('[data-testid="review-panel"]');
		await panel.getByLabel('评语（将记在当前播放位置）').fill('队列抽检：开场白规范');
		await panel.getByRole('button', { name: /添加评语/ }).click();
		await visible(panel.locator('[data-testid="review-comment"]', { hasText: '队列抽检：开场白规范' }));
		const score = await panel.locator('[data-testid="review-score"]').innerText();
		await panel.getByPlaceholder('姓名或工号').fill('质检员乙');
		await panel.getByRole('button', { name: '提交复核' }).click();
		await visible(panel.getByText(/^已于 .* 提交，得分/));
		await visible(strip.getByText(`已复核 1 / ${total}`));

		// "Next call in the queue" right where the review was submitted; at no moment does the page show this call's
		// checklist beside the next call's transcript.
		await watchMixedCalls(page);
		await panel.getByRole('button', { name: /下一通/ }).click();
		await page.waitForURL(
			(u) => u.pathname.startsWith('/calls/') && !u.pathname.endsWith(CALL) && u.searchParams.get('queue') === 'default'
		);
		const second = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
		await visible(page.getByRole('heading', { name: `通话 ${second}` }));
		await visible(strip.getByText(`已复核 1 / ${total}`));
		await visible(page.locator('[data-testid="review-status"]', { hasText: '草稿' }), 60_000);
		await visible(page.locator(`[data-testid="checklist-panel"][data-call="${second}"]`), 60_000);
		expect(await mixedCallMoments(page)).toEqual([]);

		// The N key does the same.
		await page.keyboard.press('n');
		await page.waitForURL((u) => !u.pathname.endsWith(second) && !u.pathname.endsWith(CALL));
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);

		// After a browser restart: the progress, and the review exactly as it was left.
		session = await session.restart();
		const again = session.page;
		await follow(again, session.baseUrl, '/queue');
		await visible(again.getByTestId('queue-progress').getByText(`已复核 1 / ${total}`), 60_000);
		const row2 = again.getByTestId('queue-row').filter({ hasText: CALL });
		await visible(row2.getByText(/^✓ 已复核/));
		// "Not yet reviewed only" leaves it out.
		await again.getByLabel('只看未复核').check();
		await again.waitForURL(/open=1/);
		await again.getByTestId('queue-row').filter({ hasText: CALL }).waitFor({ state: 'detached' });
		await visible(again.getByTestId('queue-row').first());
		await again.getByLabel('只看未复核').uncheck();
		await again.getByTestId('queue-row').filter({ hasText: CALL }).getByRole('link', { name: CALL }).click();
		const panel2 = again.locator('[data-testid="review-panel"]');
		await visible(panel2.getByText(/^已于 .* 提交，得分/), 60_000);
		expect(await panel2.locator('[data-testid="review-score"]').innerText()).toBe(score);
		await visible(panel2.locator('[data-testid="review-comment"]', { hasText: '队列抽检：开场白规范' }));
		await visible(again.locator(`.checklist li[data-item="${itemId}"]`).getByText('理由：复听录音后确认自动判定有误'));
		await visible(again.getByTestId('queue-strip').getByText(`已复核 1 / ${total}`));
		expect(session.pageErrors).toEqual([]);

		// The ? help exists on every page: on the queue page it lists the keys valid everywhere.
		await follow(again, session.baseUrl, '/queue');
		await visible(again.getByTestId('queue-progress'), 60_000);
		await again.keyboard.press('?');
		const help = again.getByTestId('shortcut-help');
		await visible(help.getByText('所有页面'));
		await visible(help.getByText('显示 / 隐藏快捷键说明'));
		await again.keyboard.press('Escape');
		await help.waitFor({ state: 'detached' });

		// A new rubric version becomes active (one more banned phrase) and every call is re-scored under it.
		await follow(again, session.baseUrl, '/rubrics');
		await again.getByRole('button', { name: '服务禁语', exact: true }).click({ timeout: 60_000 });
		const banned = again.getByLabel('禁语（每行一个）');
		await banned.fill((await banned.inputValue()) + '\n您自己查');
		await again.getByRole('button', { name: '保存为新版本' }).click();
		await visible(again.getByText('已保存为第 2 版。'));
		await again.getByRole('button', { name: '设为当前并重新评分' }).click();
		await visible(again.getByText(/第 2 版已设为当前评分标准/), 300_000);

		// The queue counts reviews under version 2 and says so; the call reviewed under version 1 is listed as such.
		await follow(again, session.baseUrl, '/queue');
		await visible(again.getByTestId('queue-progress').getByText(`已复核 0 / ${total}`), 60_000);
		await visible(
			again.getByTestId('queue-progress-version').getByText('按评分标准第 2 版计（当前启用）；另有 1 通只在旧版本下复核过，未计入')
		);
		const row3 = again.getByTestId('queue-row').filter({ hasText: CALL });
		await visible(row3.getByText('第 1 版已复核 · 待按当前版复核'));

		// The call page shows the version 1 review, named as such, not an empty draft.
		await row3.getByRole('link', { name: CALL }).click();
		const notice = again.getByTestId('review-version-notice');
		await visible(notice.getByText('这份复核是按评分标准第 1 版做的（当前启用第 2 版）。'), 60_000);
		const v1 = again.locator('[data-testid="review-panel"][data-version="1"]');
		await visible(v1.getByText(/^已于 .* 提交，得分 .*（按第 1 版）$/));
		expect(await v1.locator('[data-testid="review-score"]').innerText()).toBe(score);
		await visible(again.locator(`.checklist li[data-item="${itemId}"]`).getByText('理由：复听录音后确认自动判定有误'));

		// Re-review under version 2, starting from the version 1 corrections of the items that still exist.
		await notice.getByRole('button', { name: '按第 2 版重新复核' }).click();
		await again.waitForURL((u) => u.searchParams.get('v') === '2');
		const v2 = again.locator('[data-testid="review-panel"][data-version="2"]');
		await visible(v2.getByText('草稿（尚未提交；按第 2 版）'), 60_000);
		await visible(again.locator(`.checklist li[data-item="${itemId}"]`).getByText('理由：复听录音后确认自动判定有误'));
		await v2.getByRole('button', { name: '提交复核' }).click();
		await visible(v2.getByText(/^已于 .* 提交，得分 .*（按第 2 版）$/));
		await visible(again.getByTestId('queue-strip').getByText(`已复核 1 / ${total}`));
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	}, 900_000);
});
