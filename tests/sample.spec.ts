// A new user's first minutes: load the sample contact centre with one click, see it, come back after a
// browser restart and find everything (recordings included) still there; a second tab is turned away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { storedRecordings, visible } from './ui';

describe('sample contact centre', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('loads with one click from the start screen and shows what it holds', async () => {
		const { page, baseUrl } = session;
		await page.goto(baseUrl + '/');
		await visible(page.getByRole('heading', { name: '给每一通电话按服务标准打分' }));
		await page.getByRole('button', { name: '载入示例呼叫中心' }).click();
		await visible(page.getByText(/示例数据已载入/), 120_000);

		const overview = await visible(page.locator('.overview'));
		await visible(overview.getByText('5,467', { exact: true }));
		const text = await overview.innerText();
		expect(text).toContain('5,467'); // calls
		expect(text).toContain('367'); // complaints
		expect(text).toContain('2026-08-01');
		expect(await page.locator('header').first().innerText()).toMatch(/5,467\s*通话/);

		await page.getByRole('link', { name: '通话', exact: true }).click();
		await visible(page.getByRole('cell', { name: /^C2026/ }));
		// A call with a recording plays it from browser storage.
		await page.getByPlaceholder('按通话ID或坐席筛选').fill('C20260803-000093');
		await page.getByRole('button', { name: /播放录音/ }).click();
		const audio = await visible(page.locator('audio'));
		await page.waitForFunction(() => (document.querySelector('audio')?.duration ?? 0) > 30);
		expect(await audio.evaluate((a: HTMLAudioElement) => a.error)).toBeNull();

		const recordings = await storedRecordings(page);
		expect(recordings.count).toBe(8);
		expect(recordings.firstDuration).toBeGreaterThan(30);
		// Every call is scored without another click; the header says so.
		await visible(page.locator('header [data-scoring="idle"]', { hasText: '已评分 5,467 通' }), 180_000);
		expect(session.foreignRequests).toEqual([]);
		expect(session.pageErrors).toEqual([]);
	});

	it('is still there after the browser is closed and opened again, recordings included', async () => {
		session = await session.restart();
		const { page, baseUrl } = session;
		await page.goto(baseUrl + '/');
		await visible(page.locator('.overview').getByText('5,467', { exact: true }));
		const recordings = await storedRecordings(page);
		expect(recordings.count).toBe(8);
		expect(recordings.firstDuration).toBeGreaterThan(30);
	});

	it('tells a second tab that the workspace is open elsewhere instead of opening it', async () => {
		const second = await session.context.newPage();
		await second.goto(session.baseUrl + '/');
		await visible(second.getByText('此工作区已在另一个标签页中打开'));
		// The first tab still works.
		await session.page.reload();
		await visible(session.page.locator('.overview'));
		await second.close();
		expect(session.foreignRequests).toEqual([]);
	});
});
