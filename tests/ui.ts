// Small waiting helpers for specs on top of playwright-core (which has no auto-waiting expect).
import type { Locator, Page } from 'playwright-core';

export async function visible(locator: Locator, timeout = 30_000): Promise<Locator> {
	await locator.first().waitFor({ state: 'visible', timeout });
	return locator.first();
}

/** The report card of one imported file on the import page. */
export function reportCard(page: Page, fileName: string): Locator {
	return page.locator('article', { has: page.getByRole('heading', { name: fileName, exact: true }) });
}

/** Number of files the app keeps in OPFS under recordings/, and the duration the browser decodes for one. */
export async function storedRecordings(page: Page): Promise<{ count: number; firstDuration: number }> {
	return page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const dir = await root.getDirectoryHandle('recordings');
		const files: File[] = [];
		for await (const handle of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
			if (handle.kind === 'file') files.push(await (handle as FileSystemFileHandle).getFile());
		}
		if (files.length === 0) return { count: 0, firstDuration: 0 };
		const audio = new Audio(URL.createObjectURL(files[0]));
		const duration = await new Promise<number>((resolve, reject) => {
			audio.onloadedmetadata = () => resolve(audio.duration);
			audio.onerror = () => reject(new Error('the browser cannot play the stored recording'));
		});
		return { count: files.length, firstDuration: duration };
	});
}

/** Plays the call's recording until the clock has moved, then pauses it. */
export async function playBriefly(page: Page): Promise<void> {
	await page.getByRole('button', { name: '播放', exact: true }).click();
	await page.waitForFunction(() => !document.querySelector('[data-testid="player-time"]')?.textContent?.startsWith('00:00 '));
	await page.getByRole('button', { name: '暂停', exact: true }).click();
}

/**
 * Clicks the first finding's region on the waveform, waits until its checklist item is highlighted and scrolled
 * into the window (below the sticky header), returns its item id.
 */
export async function clickFirstFindingRegion(page: Page): Promise<string> {
	const region = await visible(page.locator('[part~="region"]'), 60_000);
	const itemId = ((await region.getAttribute('part')) ?? '').split(' ')[1];
	await region.click();
	await visible(page.locator(`.checklist li.focused[data-item="${itemId}"]`));
	await page.waitForFunction((id) => {
		const r = document.querySelector(`.checklist li[data-item="${CSS.escape(id)}"]`)?.getBoundingClientRect();
		return !!r && r.top >= 48 && r.bottom <= window.innerHeight + 1;
	}, itemId);
	return itemId;
}

/**
 * Records, from now on, every moment the call page shows one call's checklist beside another call's transcript;
 * mixedCallMoments() returns them.
 */
export async function watchMixedCalls(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __mixed: string[] };
		w.__mixed = [];
		const check = () => {
			const t = document.querySelector('[data-testid="transcript-panel"]')?.getAttribute('data-call');
			const c = document.querySelector('[data-testid="checklist-panel"]')?.getAttribute('data-call');
			if (t && c && t !== c) w.__mixed.push(`${t} beside ${c}`);
		};
		new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
	});
}

export async function mixedCallMoments(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __mixed: string[] }).__mixed);
}
