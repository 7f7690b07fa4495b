// Activating a rubric version re-scores every call, which takes a while on the sample centre: a reload in the
// middle must keep the new version active (the activation is saved first) and the next page finishes the scoring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { follow, visible } from './ui';

describe('activating a rubric version, then reloading at once', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('keeps the new version active and scores every call with it', async () => {
		const { page, baseUrl } = session;
		await follow(page, baseUrl, '/rubrics');
		await visible(page.getByRole('heading', { name: '评分标准', exact: true }), 60_000);
		await page.getByRole('button', { name: '服务禁语', exact: true }).click();
		const banned = page.getByLabel('禁语（每行一个）');
		await banned.fill((await banned.inputValue()) + '\n您自己查');
		await page.getByRole('button', { name: '保存为新版本' }).click();
		await visible(page.getByText('已保存为第 2 版。'));

		await page.getByRole('button', { name: '设为当前并重新评分' }).click();
		const pill = page.getByRole('status').filter({ hasText: /正在评分|已评分/ });
		await visible(page.getByRole('status').filter({ hasText: '正在评分' }), 60_000);
		await page.reload();

		const v2 = page.locator('table.data tr', { has: page.getByRole('cell', { name: 'v2', exact: true }) });
		await visible(v2, 60_000);
		expect(await v2.innerText()).toContain('当前使用');
		// The scoring cut short by the reload resumes and covers every call with version 2.
		await visible(page.locator('[role="status"][data-scoring="idle"]', { hasText: '已评分 5,467 通' }), 180_000);
		expect(await pill.getAttribute('title')).toContain('第 2 版');
		await page.reload();
		await visible(v2, 60_000);
		expect(await v2.innerText()).toContain('5,467');
		expect(session.pageErrors).toEqual([]);
	}, 300_000);
});
