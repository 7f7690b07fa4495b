// A scored workspace (sample.spec.ts watches the sample get scored without another click; this spec starts
// from that scored workspace): the calls list filters on a failed item, and a call shows that item failed
// with its evidence, which leads to the turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';

describe('scoring', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('shows a failed item of the scored sample with its evidence in the call', async () => {
		const { page, baseUrl } = session;
		// Scored on load without another click (sample.spec.ts imports it through the UI and waits for this).
		await openSampleWorkspace(page, baseUrl);

		// The start screen's checklist summary links to the calls that failed an item.
		const item = await visible(page.locator('.overview a[data-item="banned_phrase"]'));
		expect(await item.innerText()).toContain('服务禁语');
		await item.click();
		await page.waitForURL(/\/calls\?item=banned_phrase/);
		await visible(page.getByRole('cell', { name: /^C2026/ }));
		expect(await page.getByRole('combobox', { name: '检查项' }).inputValue()).toBe('banned_phrase');
		const count = await page.locator('.count').innerText();
		expect(Number(count.replace(/\D/g, ''))).toBeGreaterThan(0);
		expect(Number(count.replace(/\D/g, ''))).toBeLessThan(5467);
		// Every listed call failed at least one item, so its failed-items cell is not 0.
		const failedCells = await page.locator('tbody tr td:nth-child(7)').allInnerTexts();
		expect(failedCells.every((c) => Number(c) >= 1)).toBe(true);

		// Open the first call: the item failed, with the text that decided it.
		await page.locator('tbody tr').first().getByRole('link').first().click();
		await page.waitForURL(/\/calls\/C2026/);
		const row = await visible(page.locator('.items li[data-item="banned_phrase"]'));
		expect(await row.getAttribute('data-result')).toBe('fail');
		expect(await row.innerText()).toContain('未通过');
		const evidence = row.locator('button.evidence');
		const evidenceText = await evidence.innerText();
		const seq = Number(/第 (\d+) 句/.exec(evidenceText)?.[1]);
		expect(seq).toBeGreaterThan(0);
		expect(evidenceText).toMatch(/\d\d:\d\d/);

		// Clicking the evidence highlights that turn of the transcript, labelled with the item.
		await evidence.click();
		const turn = await visible(page.locator(`.transcript li[data-seq="${seq}"][aria-current="true"]`));
		expect(await turn.getAttribute('class')).toContain('failed');
		expect(await turn.innerText()).toContain('服务禁语');

		// The list's result filter lives in the URL.
		await follow(page, baseUrl, '/calls');
		await visible(page.getByRole('cell', { name: /^C2026/ }));
		await page.getByRole('combobox', { name: '质检结果' }).selectOption('failed');
		await page.waitForURL(/result=failed/);
		// The filtered page replaces the unfiltered one once its query returns: only failing scores remain.
		await page.waitForFunction(
			() =>
				!document.querySelector('.panel.table.stale') &&
				!!document.querySelector('tbody .score-pill.fail') &&
				!document.querySelector('tbody .score-pill.pass'),
			undefined,
			{ timeout: 30_000 }
		);
		expect(await page.locator('.count').innerText()).toMatch(/^匹配 [\d,]+ 通$/);

		// A customer reads out her phone number: the transcript masks it until the inspector asks to reveal it.
		await follow(page, baseUrl, '/calls/C20260803-000117');
		const spoken = await visible(page.locator('.transcript li', { hasText: '我的号码是' }));
		expect(await spoken.innerText()).toContain('150****9243');
		expect(await page.locator('main').innerText()).not.toContain('15000499243');
		await page.getByRole('button', { name: '显示号码' }).click();
		expect(await spoken.innerText()).toContain('15000499243');
		await page.getByRole('button', { name: '隐藏号码' }).click();
		expect(await spoken.innerText()).toContain('150****9243');

		expect(session.foreignRequests).toEqual([]);
		expect(session.pageErrors).toEqual([]);
	});
});
