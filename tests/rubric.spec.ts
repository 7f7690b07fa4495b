// The rubric editor on an empty workspace: start from the Chinese default, try a pasted dialogue without a
// greeting, add a banned phrase and see the try-it result change, save as a new version, make it active, and
// find it listed (and active) after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { follow, visible } from './ui';

const DIALOGUE = [
	'[00:01] 客服：请问您要办理什么业务？',
	'[00:05] 客户：我想查一下这个月的话费。',
	'[00:09] 客服：话费可以在营业厅APP里查，您自己查一下吧。',
	'[00:15] 客服：请问还有其他可以帮您的吗？',
	'[00:18] 客户：没有了，谢谢。',
	'[00:20] 客服：感谢您的来电，再见！'
].join('\n');

describe('rubric editor', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('edits the default rubric, tries it on a dialogue, saves and activates a new version', async () => {
		const { page, baseUrl } = session;
		await follow(page, baseUrl, '/rubrics');
		await visible(page.getByRole('heading', { name: '评分标准', exact: true }), 60_000);
		await page.getByRole('button', { name: '从默认开始（中文）' }).click();
		await visible(page.getByText('正在编辑：默认质检标准（中文）'));

		// A dialogue without the standard greeting: the greeting item fails, the rest passes (88.2 points).
		await page.getByLabel('对话', { exact: true }).fill(DIALOGUE);
		const item = (id: string) => page.locator(`ul.findings li[data-item="${id}"]`);
		await visible(item('greeting').filter({ hasText: '不通过' }), 60_000);
		await visible(page.getByTestId('try-score').filter({ hasText: /^88\.2$/ }));
		expect(await item('banned_phrase').innerText()).toContain('通过');
		expect(await item('closing').innerText()).toContain('通过');
		// The closing is marked in the dialogue as a pass, labelled with its item.
		await visible(page.locator('ol.dialogue mark.pass', { hasText: '还有其他可以帮您的吗' }));

		// "您自己查" becomes a banned phrase: the critical item fails and the call scores 0.
		await page.getByRole('button', { name: '服务禁语', exact: true }).click();
		const banned = page.getByLabel('禁语（每行一个）');
		await banned.fill((await banned.inputValue()) + '\n您自己查');
		await visible(item('banned_phrase').filter({ hasText: '不通过' }), 30_000);
		await visible(page.getByTestId('try-score').filter({ hasText: /^0$/ }));
		await visible(page.getByText('致命项不通过，整通 0 分'));
		const hit = await visible(page.locator('ol.dialogue mark.fail', { hasText: '您自己查' }));
		expect(await hit.evaluate((el) => el.nextElementSibling?.textContent)).toBe('服务禁语');
		await visible(page.getByText('有未保存的修改'));

		// Saved as version 2 (the default, active since the workspace opened, is version 1), then made active.
		await page.getByRole('button', { name: '保存为新版本' }).click();
		await visible(page.getByText('已保存为第 2 版。'));
		await page.getByRole('button', { name: '设为当前并重新评分' }).click();
		await visible(page.getByText(/第 2 版已设为当前评分标准/), 60_000);

		await page.reload();
		const row = page.locator('table.data tr', { has: page.getByRole('cell', { name: 'v2', exact: true }) });
		await visible(row);
		expect(await row.innerText()).toContain('当前使用');
		await visible(page.locator('table.data tr', { has: page.getByRole('cell', { name: 'v1', exact: true }) }));
		// The active version opens in the editor, with the added phrase.
		await page.getByRole('button', { name: '服务禁语', exact: true }).click();
		expect(await page.getByLabel('禁语（每行一个）').inputValue()).toContain('您自己查');
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	});
});
