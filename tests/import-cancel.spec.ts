// Cancelling an import through the import page: the call log that was imported stays and is scored, the transcript
// sheet that was still being read is reported as not imported, and nothing of it is in the workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openSession, type Session } from './browser';
import { chooseImportFiles, reportCard, visible } from './ui';

const SAMPLE = path.resolve('sample-data/out');

describe('cancelling an import', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('keeps the files imported before the cancel and nothing of the file it was reading', async () => {
		const { page, baseUrl } = session;
		await chooseImportFiles(page, baseUrl, [path.join(SAMPLE, 'calls.csv'), path.join(SAMPLE, 'transcripts.csv')]);
		// The call log goes first; the user cancels as the transcripts (6.7 MB) start to be read.
		await visible(page.getByText('正在导入 1/2：transcripts.csv'), 60_000);
		await page.getByRole('button', { name: '取消导入' }).click();
		const summary = await visible(page.getByTestId('import-summary'), 60_000);
		expect(await summary.innerText()).toMatch(/导入已取消：1 个文件已导入（5,467 行），其余 1 个文件未导入，工作区中没有它们的任何数据。/);
		const dropped = reportCard(page, 'transcripts.csv');
		expect(await dropped.innerText()).toMatch(/未导入：导入在写入这个文件之前已取消/);
		expect(await dropped.getByRole('button', { name: '下载完整列表（CSV）' }).count()).toBe(0);
		expect(await reportCard(page, 'calls.csv').innerText()).toMatch(/5,467/);

		// The call log's calls are scored; none has a transcript.
		await visible(page.locator('header [data-scoring="idle"]', { hasText: '已评分 5,467 通' }), 120_000);
		await page.getByRole('link', { name: '通话', exact: true }).click();
		await visible(page.getByRole('cell', { name: /^C2026/ }).first(), 60_000);
		await page
			.getByRole('cell', { name: /^C2026/ })
			.first()
			.getByRole('link')
			.click();
		await visible(page.locator('.checklist'), 60_000);
		expect(await page.locator('ol.transcript > li[data-seq]').count()).toBe(0);
		expect(session.pageErrors).toEqual([]);
	}, 300_000);
});
