// A trainer turns moments of a recorded call into a coaching session: a range dragged on the waveform and two
// transcript lines become clips, the session is reordered (drag and drop, then the keyboard buttons) and
// presented, exported as one file, and that file opens in an empty workspace where the clip plays (a file from a
// newer version is refused with its name and the reason).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, openSession, type Session } from './browser';
import { follow, openSampleWorkspace, visible } from './ui';
import { testTempDir } from './temp-dir';

const CALL = 'C20260803-000093';
const TITLE = '新人培训：安抚情绪';

/** Drag across the waveform between two fractions of its width, starting where no finding region lies. */
async function dragOnWaveform(page: Page, from: number, to: number): Promise<void> {
	const wave = page.locator('[data-testid="waveform"] .canvas');
	const box = await wave.boundingBox();
	if (!box) throw new Error('no waveform on the page');
	const taken = await page
		.locator('[part~="region"]')
		.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
	const free = (x: number) => !taken.some(([l, r]) => x >= l - 2 && x <= r + 2);
	let x0 = box.x + box.width * from;
	while (!free(x0) && x0 < box.x + box.width * to - 40) x0 += 4;
	const x1 = box.x + box.width * to;
	const y = box.y + box.height * 0.75;
	await page.mouse.move(x0, y);
	await page.mouse.down();
	for (let i = 1; i <= 8; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 8, y);
	await page.mouse.up();
}

const clipNotes = (page: Page) =>
	page.locator('[data-testid="clip"] input.note').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('coaching session', () => {
	let session: Session;
	let other: Session | null = null;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
		await other?.dispose();
	});

	it('makes clips from a call, reorders, presents, exports, and plays the clip after import elsewhere', async () => {
		const { page, baseUrl } = session;
		await openSampleWorkspace(page, baseUrl);

		// 1. A range dragged on the waveform becomes a clip in a new session.
		await follow(page, baseUrl, `/calls/${CALL}`);
		await visible(page.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		// Findings' regions drawn (scoring done), so the drag below starts beside them, not on one.
		await visible(page.locator('[part~="region"]'), 60_000);
		const panel = page.locator('[data-testid="clip-panel"]');
		await visible(panel.getByText('在波形上拖动选出一段'));
		await dragOnWaveform(page, 0.3, 0.42);
		const range = await visible(panel.locator('[data-testid="clip-range"]'));
		const seconds = Number(/([\d.]+) 秒/.exec(await range.innerText())?.[1]);
		expect(seconds).toBeGreaterThan(1);
		await panel.getByText('待改进', { exact: true }).click();
		await panel.getByLabel('检查项').selectOption('interruption');
		await panel.getByLabel('说明').fill('客户还没说完就插话');
		await panel.getByLabel('加入课程').selectOption({ label: '＋ 新建课程…' });
		await panel.getByLabel('课程名称').fill(TITLE);
		await panel.getByRole('button', { name: '加入课程' }).click();
		await visible(panel.getByText(`已加入「${TITLE}」`));

		// 2. Two selected transcript lines become a second clip in the same session.
		await page.evaluate(() => {
			const lines = document.querySelectorAll('ol.transcript > li[data-seq]');
			const r = document.createRange();
			r.setStartBefore(lines[0].querySelector('.text') as Node);
			r.setEndAfter(lines[1].querySelector('.text') as Node);
			document.getSelection()?.removeAllRanges();
			document.getSelection()?.addRange(r);
		});
		await panel.getByRole('button', { name: '用选中的 2 行做片段' }).click();
		await visible(panel.getByText('2 行文字稿'));
		await panel.getByText('好例子', { exact: true }).click();
		await panel.getByLabel('说明').fill('标准开场白');
		await panel.getByRole('button', { name: '加入课程' }).click();
		await visible(panel.getByText(`已加入「${TITLE}」`));

		// 3. The session page lists both in order; drag and drop, then the keyboard buttons, reorder them.
		await panel.getByRole('link', { name: '打开' }).click();
		await page.locator('[data-testid="clip"]').nth(1).waitFor();
		expect(await page.getByRole('textbox', { name: '课程名称' }).inputValue()).toBe(TITLE);
		expect(await clipNotes(page)).toEqual(['客户还没说完就插话', '标准开场白']);
		await page.locator('[data-testid="clip"]').nth(1).locator('.grip').dragTo(page.locator('[data-testid="clip"]').nth(0));
		await page.waitForFunction(
			() => (document.querySelector('[data-testid="clip"] input.note') as HTMLInputElement | null)?.value === '标准开场白'
		);
		await page.getByRole('button', { name: '把第 1 个片段下移' }).click();
		await page.waitForFunction(
			() => (document.querySelector('[data-testid="clip"] input.note') as HTMLInputElement | null)?.value === '客户还没说完就插话'
		);
		await page.getByRole('button', { name: '把第 2 个片段上移' }).click();
		await visible(page.getByText('✓ 已保存'));
		await page.reload();
		await page.locator('[data-testid="clip"]').nth(1).waitFor();
		expect(await clipNotes(page)).toEqual(['标准开场白', '客户还没说完就插话']);

		// 4. Present mode: one clip at a time with its note; keys move and exit.
		await page.getByRole('button', { name: /演示/ }).click();
		const present = await visible(page.locator('[data-testid="present"]'));
		expect(await present.locator('[data-testid="present-count"]').innerText()).toBe('1 / 2');
		await visible(present.getByText('标准开场白'));
		await visible(present.locator('audio'));
		await page.keyboard.press('ArrowRight');
		await visible(present.getByText('客户还没说完就插话'));
		expect(await present.locator('[data-testid="present-count"]').innerText()).toBe('2 / 2');
		await page.keyboard.press('PageUp');
		await visible(present.getByText('标准开场白'));
		await page.keyboard.press('Escape');
		await present.waitFor({ state: 'detached' });

		// 5. Export: one file holding both clips' audio.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出课程文件' }).click()]);
		expect(download.suggestedFilename()).toBe('新人培训：安抚情绪.callqa-session');
		const file = path.join(testTempDir('callqa-coach-'), download.suggestedFilename());
		await download.saveAs(file);
		const doc = JSON.parse(readFileSync(file, 'utf8'));
		expect(doc).toMatchObject({ format: 'callqa-session', version: 1, session: { title: TITLE } });
		expect(doc.clips.map((c: { audio: unknown }) => c.audio !== null)).toEqual([true, true]);
		const dragged = doc.clips[1];
		expect(dragged.end_s - dragged.start_s).toBeCloseTo(seconds, 0);
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);

		// 6. Another machine: an empty workspace imports the file and plays the clip.
		other = await openSession();
		const p2 = other.page;
		await follow(p2, other.baseUrl, '/coaching');
		await visible(p2.getByText('还没有辅导课程'));
		// A file from a newer app is refused, naming the file and why.
		const newer = path.join(path.dirname(file), 'newer.callqa-session');
		writeFileSync(newer, JSON.stringify({ ...doc, version: 9 }));
		await p2.locator('[data-testid="import-session"]').setInputFiles(newer);
		await visible(p2.getByText('无法导入 newer.callqa-session：文件由更新版本的 CallQA 生成（文件版本 9，本程序最高支持 1），请先升级'));
		await p2.locator('[data-testid="import-session"]').setInputFiles(file);
		await visible(p2.getByText(`已从 ${download.suggestedFilename()} 导入课程「${TITLE}」（2 个片段）`));
		await p2.getByRole('link', { name: '打开' }).click();
		await p2.locator('[data-testid="clip"]').nth(1).waitFor();
		expect(await clipNotes(p2)).toEqual(['标准开场白', '客户还没说完就插话']);
		const audio = await visible(p2.locator('[data-testid="clip"]').nth(1).locator('audio[data-testid="clip-audio"]'));
		await audio.evaluate((a: HTMLAudioElement) => a.play());
		await p2.waitForFunction(() => {
			const a = document.querySelectorAll<HTMLAudioElement>('[data-testid="clip"] audio')[1];
			return !!a && !a.paused && a.currentTime > 0.3;
		});
		const duration = await audio.evaluate((a: HTMLAudioElement) => a.duration);
		expect(duration).toBeCloseTo(dragged.end_s - dragged.start_s, 1);
		expect(other.pageErrors).toEqual([]);
		expect(other.foreignRequests).toEqual([]);
	}, 240_000);
});
