// Small waiting helpers for specs on top of playwright-core (which has no auto-waiting expect).
import type { Locator, Page } from 'playwright-core';

export async function visible(locator: Locator, timeout = 30_000): Promise<Locator> {
	await locator.first().waitFor({ state: 'visible', timeout });
	return locator.first();
}

/** Opens the import page and gives `files` to its file picker (the import starts at once). */
export async function chooseImportFiles(page: Page, baseUrl: string, files: Parameters<Locator['setInputFiles']>[0]): Promise<void> {
	await page.goto(baseUrl + '/import');
	await visible(page.getByRole('heading', { name: '导入文件' }));
	await page.locator('input[type=file]:not([webkitdirectory])').first().setInputFiles(files);
}

/**
 * Opens `baseUrl + path` as a link inside the app does: SvelteKit's router swaps the page and the workspace stays
 * open, as it does for a user clicking through the app. A page not showing the app yet loads it in full. Specs use
 * page.goto / page.reload only where a full load is the point (a restart, persistence, a fresh tab).
 */
export async function follow(page: Page, baseUrl: string, path: string): Promise<void> {
	const target = new URL(baseUrl + path);
	if (!page.url().startsWith(baseUrl)) {
		await page.goto(target.href);
		return;
	}
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		document.body.append(a);
		a.click();
		a.remove();
	}, target.href);
	await page.waitForURL((u) => u.pathname === target.pathname && u.search === target.search);
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
 * Moves the mouse across a chart, row by row, until its tooltip has shown every `wanted` text (or the chart is
 * covered), and returns the distinct tooltip texts seen. ECharts draws on a canvas, so this is the one way to
 * reach its tooltips as a user does.
 */
export async function hoverChart(page: Page, chart: Locator, wanted: string[] = []): Promise<string[]> {
	await chart.scrollIntoViewIfNeeded();
	const box = await chart.boundingBox();
	if (!box) throw new Error('chart has no box');
	// The tooltip is a div ECharts adds to the chart's element and refills on every move: keep what it showed.
	await chart.evaluate((el) => {
		const seen = new Set<string>();
		new MutationObserver((list) => {
			for (const m of list) {
				const target = m.target instanceof Element ? m.target : m.target.parentElement;
				if (target && target !== el && !target.querySelector('canvas, svg') && target.textContent) seen.add(target.textContent);
			}
		}).observe(el, { childList: true, subtree: true, characterData: true });
		(el as HTMLElement & { tooltipTexts?: Set<string> }).tooltipTexts = seen;
	});
	const seen = () => chart.evaluate((el) => [...((el as HTMLElement & { tooltipTexts?: Set<string> }).tooltipTexts ?? [])]);
	const STEP = 16;
	const ys: number[] = [];
	for (let y = box.y + 24; y < box.y + box.height - 16; y += STEP) ys.push(y);
	// Bars stand on the axis and most points sit in the lower middle: start there.
	ys.sort((a, b) => Math.abs(a - (box.y + box.height * 0.7)) - Math.abs(b - (box.y + box.height * 0.7)));
	let texts: string[] = [];
	for (const y of ys) {
		for (let x = box.x + 40; x < box.x + box.width - 16; x += STEP) await page.mouse.move(x, y);
		texts = await seen();
		if (texts.length > 0 && wanted.every((w) => texts.some((t) => t.includes(w)))) break;
	}
	await page.mouse.move(0, 0);
	return texts;
}

/** Opens the start screen of a workspace that already holds the scored sample (openSampleSession). */
export async function openSampleWorkspace(page: Page, baseUrl: string): Promise<void> {
	await page.goto(baseUrl + '/');
	await visible(page.locator('.overview').getByText('5,467', { exact: true }), 60_000);
	await visible(page.locator('header [data-scoring="idle"]', { hasText: '已评分 5,467 通' }), 60_000);
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
