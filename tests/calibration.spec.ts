// A calibration (校准) across three browser profiles: the lead makes a session of three calls from the sample and
// exports its pack; two inspectors with fresh, empty workspaces open the pack, answer every item blind (one of
// them fails the first item of the first call) and export their answers; the lead imports both, sees the
// disagreement on that item and the score spread, records the agreed answer with a note, and the inspector page
// counts the deviation. Screenshots of the comparison, the blind answer sheet and the inspector page go to
// test-results/screenshots/ for a person to look at (the appeals list's: appeals.spec.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSampleSession, openSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';
import { testTempDir } from './temp-dir';

const CALLS = ['C20260801-000009', 'C20260801-000015', 'C20260803-000093'];
const SHOTS = path.resolve('test-results/screenshots');

async function download(page: Page, button: string, dir: string): Promise<string> {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
	const file = path.join(dir, d.suggestedFilename());
	await d.saveAs(file);
	return file;
}

/** An inspector opens the pack in a fresh workspace and answers every item: pass, except the items in `fail`. */
async function answerBlind(s: Session, pack: string, name: string, fail: { call: string; item: number }[], dir: string): Promise<string> {
	const { page, baseUrl } = s;
	await follow(page, baseUrl, '/calibration');
	await page.getByLabel('打开校准包（质检员）').setInputFiles(pack);
	await visible(page.getByText('盲评：这里不显示自动结果，也不显示其他质检员的答案。'), 60_000);
	await page.getByLabel('我的姓名').fill(name);
	// The one call of the three with a recording plays from the pack; the others say they have none.
	await visible(page.locator(`[data-call="${CALLS[2]}"] [data-testid="cal-audio"]`));
	expect(await page.getByTestId('cal-audio').count()).toBe(1);
	expect(await page.locator(`[data-call="${CALLS[2]}"] audio`).evaluate((a: HTMLAudioElement) => a.src.startsWith('blob:'))).toBe(true);
	const items = page.locator(`[data-testid="cal-call"][data-call="${CALLS[0]}"] li[data-item]`);
	const perCall = await items.count();
	expect(perCall).toBeGreaterThan(3);
	for (const call of CALLS) {
		const block = page.locator(`[data-testid="cal-call"][data-call="${call}"]`);
		for (let i = 0; i < perCall; i++) {
			const result = fail.some((f) => f.call === call && f.item === i) ? 'fail' : 'pass';
			const li = block.locator('li[data-item]').nth(i);
			await li.locator(`label.choice.${result}`).click();
			await visible(block.locator(`li[data-item][data-answer="${result}"]`).nth(0));
			await page.waitForFunction(
				([c, n, r]) => document.querySelectorAll(`[data-call="${c}"] li[data-item]`)[Number(n)]?.getAttribute('data-answer') === r,
				[call, String(i), result]
			);
		}
	}
	const total = perCall * CALLS.length;
	await visible(page.getByTestId('cal-answered').getByText(`已答 ${total}/${total} 项`));
	// Blind: nothing of the automatic scoring shows on the sheet.
	expect(await page.locator('[data-result], [data-testid="review-panel"]').count()).toBe(0);
	const file = await download(page, '导出我的答案', dir);
	expect(s.pageErrors).toEqual([]);
	expect(s.foreignRequests).toEqual([]);
	return file;
}

describe('calibration', () => {
	const sessions: Session[] = [];
	afterAll(async () => {
		for (const s of sessions) await s.dispose();
	});

	it('compares two inspectors’ blind answers and records the agreed answer', async () => {
		const dir = testTempDir('callqa-calibration-');
		mkdirSync(SHOTS, { recursive: true });
		const lead = await openSampleSession();
		sessions.push(lead);
		const { page, baseUrl } = lead;
		await openSampleWorkspace(page, baseUrl);
		await follow(page, baseUrl, '/calibration');
		await visible(page.getByText('还没有校准会话。'), 60_000);
		await page.getByLabel('会话名称').fill('十二月校准');
		await page.getByLabel('通话ID（每行一个或用逗号分隔）').fill(CALLS.join('\n') + '\nC99999999-000000');
		await page.getByRole('button', { name: '建立会话' }).click();
		await visible(page.getByTestId('cal-notice').getByText('本工作区没有这些通话：C99999999-000000'));
		await page.getByLabel('通话ID（每行一个或用逗号分隔）').fill(CALLS.join(', '));
		await page.getByRole('button', { name: '建立会话' }).click();
		await visible(page.getByRole('heading', { name: /十二月校准/ }), 60_000);
		await visible(page.getByText('还没有导入任何答案。'));
		const pack = await download(page, '导出校准包', dir);
		await visible(page.getByText('校准包已导出：含录音 1 段；找不到 0 段；太大未放入 0 段。'));

		const a = await openSession();
		sessions.push(a);
		const b = await openSession();
		sessions.push(b);
		const answersA = await answerBlind(a, pack, '质检员甲', [], dir);
		await a.page.screenshot({ path: path.join(SHOTS, 'calibration-answer-sheet.png'), fullPage: false });
		const answersB = await answerBlind(b, pack, '质检员乙', [{ call: CALLS[0], item: 0 }], dir);

		// The lead imports both (and the pack by mistake, which is named as such).
		await page.getByLabel('导入质检员答案').setInputFiles([answersA, answersB, pack]);
		await visible(page.getByTestId('cal-answers-report').getByText(/质检员乙，新增 \d+ 项/));
		await visible(page.getByTestId('cal-answers-error').getByText(/这是校准包，不是答案文件/));
		const first = page.locator(`[data-testid="cal-call"][data-call="${CALLS[0]}"]`);
		const split = await visible(first.locator('tr.split'));
		expect(await split.locator('td[data-inspector="质检员甲"]').innerText()).toBe('合格');
		expect(await split.locator('td[data-inspector="质检员乙"]').innerText()).toBe('不合格');
		expect(await page.locator('tr.split').count()).toBe(1);
		const scoreA = await first.locator('th[data-score="质检员甲"]').innerText();
		const scoreB = await first.locator('th[data-score="质检员乙"]').innerText();
		expect(scoreA).not.toBe(scoreB);
		await visible(first.getByText(/分差 /));
		await visible(page.getByTestId('cal-agreement').getByText(/整体：一致率 \d+(\.\d)? %/));

		// The lead records the agreed answer with a note.
		const itemId = (await split.getAttribute('data-item'))!;
		await split.getByRole('combobox').selectOption('fail');
		await split.getByPlaceholder('说明（可选）').fill('开场白漏了工号，按标准判不合格');
		await split.getByRole('button', { name: '定为统一答案' }).click();
		await visible(first.locator(`tr[data-item="${itemId}"] [data-agreed="fail"]`));
		// Only the disputed item, when the lead asks for it.
		await page.getByLabel('只看有分歧的检查项（1 项）').check();
		await page.waitForFunction(() => document.querySelectorAll('[data-testid="cal-call"] tbody tr').length === 1);
		await page.screenshot({ path: path.join(SHOTS, 'calibration-comparison.png'), fullPage: true });

		// The inspector page counts how far each inspector was from the agreed answer.
		await follow(page, baseUrl, '/inspectors');
		const rowA = await visible(page.locator('[data-testid="inspectors"] tbody tr', { hasText: '质检员甲' }), 60_000);
		expect((await rowA.locator('td').allInnerTexts()).at(-1)).toBe('100.0 %（1 项中）');
		const rowB = page.locator('[data-testid="inspectors"] tbody tr', { hasText: '质检员乙' });
		expect((await rowB.locator('td').allInnerTexts()).at(-1)).toBe('0.0 %（1 项中）');
		await page.screenshot({ path: path.join(SHOTS, 'inspectors.png'), fullPage: true });
		expect(lead.pageErrors).toEqual([]);
		expect(lead.foreignRequests).toEqual([]);
	}, 600_000);
});
