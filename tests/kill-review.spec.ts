// A crash during a burst of review edits: the browser is killed while comments are still being written. Every
// comment the panel had shown (it lists a comment only once it is saved and read back) is there after the restart,
// no comment appears twice, and the workspace opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { killAndReopen } from './kill';
import { visible } from './ui';

const CALL = 'C20260803-000093';

describe('killing the browser during review edits', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('keeps every comment that was shown as saved', async () => {
		const { page, baseUrl } = session;
		await page.goto(`${baseUrl}/calls/${CALL}`);
		const panel = page.locator('[data-testid="review-panel"]');
		const input = panel.getByLabel('评语（将记在当前播放位置）');
		await visible(input, 60_000);
		const comments = () => panel.locator('[data-testid="review-comment"] .text').allInnerTexts();

		// Three saved one by one, then a burst of five, and the kill.
		for (let i = 1; i <= 3; i++) {
			await input.fill(`复核意见 ${i}`);
			await panel.getByRole('button', { name: /添加评语/ }).click();
			await visible(panel.locator('[data-testid="review-comment"]', { hasText: `复核意见 ${i}` }));
		}
		// The panel takes one comment at a time (the box clears once the previous one is saved): each of the burst is
		// typed the moment it can be, and the browser dies while the last one is being written.
		for (let i = 4; i <= 8; i++) {
			await page.waitForFunction(
				(label) => (document.querySelector(`input[aria-label="${label}"]`) as HTMLInputElement | null)?.value === '',
				'评语（将记在当前播放位置）'
			);
			await input.fill(`复核意见 ${i}`);
			await panel.getByRole('button', { name: /添加评语/ }).click();
		}
		const shown = await comments();
		session = await killAndReopen(session);

		const again = session.page;
		await again.goto(`${session.baseUrl}/calls/${CALL}`);
		const panel2 = again.locator('[data-testid="review-panel"]');
		await visible(panel2.getByLabel('评语（将记在当前播放位置）'), 60_000);
		await visible(panel2.locator('[data-testid="review-comment"]', { hasText: '复核意见 3' }));
		const kept = await panel2.locator('[data-testid="review-comment"] .text').allInnerTexts();
		for (const text of shown) expect(kept).toContain(text);
		expect(new Set(kept).size).toBe(kept.length);
		// Whatever landed is a run of the comments in the order they were made.
		expect(kept.map((t) => Number(t.replace('复核意见 ', '')))).toEqual(kept.map((_t, i) => i + 1));
		expect(session.pageErrors).toEqual([]);
	}, 300_000);
});
