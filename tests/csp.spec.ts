// The app under its Content-Security-Policy: every screen with the sample loaded, a recording played (a WAV with
// peaks from the worker, and a FLAC the browser decodes), a file imported, charts hovered and exported as PNG, a
// CSV downloaded, the report printed, a clip cut into a coaching session and presented, the workspace reopened
// from OPFS. Any CSP violation (tests/browser.ts records them with the page errors) or request to another host
// fails it. Then the policy is shown to be in force, and `vite preview` to send its headers without CORS.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleSession, type Session } from './browser';
import { clickFirstFindingRegion, follow, hoverChart, openSampleWorkspace, playBriefly, visible } from './ui';
import { testTempDir } from './temp-dir';

const RECORDED = 'C20260803-000093'; // a stereo WAV in the sample
const UNRECORDED = 'C20260801-000001'; // gets a FLAC here
const TITLE = 'CSP 检查';

/** A short stereo FLAC made by sox, named after the call it belongs to. */
function flac(callId: string): string {
	const file = path.join(testTempDir('callqa-csp-'), `${callId}.flac`);
	execFileSync('sox', ['-n', '-r', '8000', '-c', '2', '-b', '16', file, 'synth', '6', 'sine', '300'], { stdio: 'pipe' });
	return file;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
	const [d] = await Promise.all([page.waitForEvent('download'), click()]);
	return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** Clicks the chart's "save as image" icon (top right), found where ECharts turns the cursor into a pointer. */
async function clickSaveAsImage(page: Page, chart: Locator): Promise<void> {
	const box = (await chart.boundingBox())!;
	for (let dy = 4; dy <= 48; dy += 4)
		for (let dx = 4; dx <= 48; dx += 4) {
			await page.mouse.move(box.x + box.width - dx, box.y + dy);
			if ((await chart.evaluate((el) => getComputedStyle(el.firstElementChild as Element).cursor)) === 'pointer') {
				await page.mouse.click(box.x + box.width - dx, box.y + dy);
				return;
			}
		}
	throw new Error('no save-as-image icon on the chart');
}

describe('content security policy', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSampleSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('runs every screen without a violation or a request to another host', async () => {
		const { page, baseUrl } = session;
		await openSampleWorkspace(page, baseUrl);
		await visible(page.locator('.overview'));

		await page.getByRole('link', { name: '通话', exact: true }).click();
		await visible(page.getByRole('cell', { name: /^C2026/ }));

		// A WAV: peaks from the worker, playback from OPFS through a blob: URL, a finding's region; then two
		// transcript lines become a clip (its audio cut into OPFS) of a new coaching session.
		await follow(page, baseUrl, `/calls/${RECORDED}`);
		await visible(page.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		await playBriefly(page);
		await clickFirstFindingRegion(page);
		await page.evaluate(() => {
			const lines = document.querySelectorAll('ol.transcript > li[data-seq]');
			const r = document.createRange();
			r.setStartBefore(lines[0].querySelector('.text') as Node);
			r.setEndAfter(lines[1].querySelector('.text') as Node);
			document.getSelection()?.removeAllRanges();
			document.getSelection()?.addRange(r);
		});
		const panel = page.locator('[data-testid="clip-panel"]');
		await panel.getByRole('button', { name: '用选中的 2 行做片段' }).click();
		await panel.getByText('好例子', { exact: true }).click();
		await panel.getByLabel('加入课程').selectOption({ label: '＋ 新建课程…' });
		await panel.getByLabel('课程名称').fill(TITLE);
		await panel.getByRole('button', { name: '加入课程' }).click();
		await visible(panel.getByText(`已加入「${TITLE}」`));

		// A FLAC imported for a call without a recording: no peaks, so the browser decodes it. Its analysis and the
		// re-scoring after it run in the background; they are waited for, or the dashboard below would redraw its
		// charts under the mouse when they end.
		await page.goto(baseUrl + '/import');
		const counts = await visible(page.getByTestId('batch-counts'), 60_000);
		const recorded = Number(/有录音的通话 ([\d,]+) 通/.exec(await counts.innerText())![1].replaceAll(',', ''));
		await page.locator('input[type=file]:not([webkitdirectory])').first().setInputFiles(flac(UNRECORDED));
		await visible(page.getByText(/导入完成/), 60_000);
		await visible(counts.getByText(new RegExp(`有录音的通话 ${(recorded + 1).toLocaleString('en-US')} 通.*待分析 0\\s*$`)), 120_000);
		await visible(page.locator('header [data-scoring="idle"]', { hasText: '已评分 5,467 通' }), 120_000);
		await follow(page, baseUrl, `/calls/${UNRECORDED}`);
		await visible(page.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		await playBriefly(page);

		// Dashboard: charts drawn and hovered, one exported as PNG (a data: URL download).
		await follow(page, baseUrl, '/dashboard');
		await page.waitForFunction(
			() => {
				const d = document.querySelector<HTMLElement>('[data-dashboard]');
				return !!d?.dataset.renderedKey && d.dataset.renderedKey === d.dataset.requestKey;
			},
			undefined,
			{ timeout: 60_000 }
		);
		const trend = page.locator('[data-chart="trend"] .echart');
		await visible(trend.locator('canvas'), 60_000);
		expect((await hoverChart(page, trend)).length).toBeGreaterThan(0);
		const png = await download(page, () => clickSaveAsImage(page, trend));
		expect(png.name.endsWith('.png')).toBe(true);
		expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');

		// Leaderboard: the scatter, and the CSV (a blob: URL download).
		await follow(page, baseUrl, '/leaderboard');
		await visible(page.locator('table.board tbody tr').first(), 60_000);
		expect((await hoverChart(page, page.locator('.echart').first())).length).toBeGreaterThan(0);
		const csv = await download(page, () => page.getByRole('button', { name: '导出 CSV' }).click());
		expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

		await page.locator('table.board td.who a').first().click();
		await visible(page.locator('[data-chart="qa_avg"] canvas'), 60_000);

		// The report: SVG charts, printed to PDF.
		await follow(page, baseUrl, '/report');
		await visible(page.locator('.sheet .echart svg'), 60_000);
		await page.emulateMedia({ media: 'print' });
		expect((await page.pdf({ format: 'A4', printBackground: true })).subarray(0, 4).toString()).toBe('%PDF');
		await page.emulateMedia({ media: 'screen' });

		for (const [route, ready] of [
			['/rubrics', page.getByRole('heading', { name: '评分标准', exact: true })],
			['/queue', page.getByText('队列还是空的')],
			['/reviews', page.getByText(/还没有复核记录/)]
		] as const) {
			await follow(page, baseUrl, route);
			await visible(ready, 60_000);
		}

		// Coaching: the session made above, presented; its clip plays from OPFS.
		await follow(page, baseUrl, '/coaching');
		await page.getByRole('link', { name: TITLE }).click();
		await page.locator('[data-testid="clip"]').first().waitFor();
		await page.getByRole('button', { name: /演示/ }).click();
		const present = await visible(page.locator('[data-testid="present"]'));
		const audio = await visible(present.locator('audio'));
		await audio.evaluate((a: HTMLAudioElement) => a.play());
		await page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('[data-testid="present"] audio')?.currentTime ?? 0) > 0.2);
		await page.keyboard.press('Escape');

		// The workspace reopens from OPFS.
		await page.reload();
		await visible(page.locator('header').getByText(/5,467\s*通话/), 60_000);

		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	}, 600_000);

	it('is in force: no inline handler, no eval, no other host', async () => {
		const { page } = session;
		const result = await page.evaluate(async () => {
			const w = window as unknown as { __ran?: boolean };
			document.body.insertAdjacentHTML(
				'beforeend',
				'<img id="csp-probe" src="data:," onload="window.__ran = true" onerror="window.__ran = true" alt="">'
			);
			const img = document.getElementById('csp-probe') as HTMLImageElement;
			await new Promise((r) => (img.complete ? r(null) : (img.addEventListener('load', r), img.addEventListener('error', r))));
			img.remove();
			let isEvalBlocked = false;
			try {
				(0, eval)('1');
			} catch {
				isEvalBlocked = true;
			}
			const fetched = await fetch('http://127.0.0.2:9/').then(
				() => 'fetched',
				() => 'refused'
			);
			return { ran: w.__ran === true, isEvalBlocked, fetched };
		});
		expect(result).toEqual({ ran: false, isEvalBlocked: true, fetched: 'refused' });
		// Each was reported as a violation: the check the walk above relies on sees them (the page's events reach
		// the console, and so this process, after the evaluate has returned).
		await expect
			.poll(() => session.pageErrors.join('\n'), { timeout: 10_000 })
			.toMatch(/script-src-attr[\s\S]*connect-src|connect-src[\s\S]*script-src-attr/);
		session.pageErrors.splice(0);
		expect(session.foreignRequests).toEqual([]);
	});

	it('is sent by vite preview with frame-ancestors, nosniff and no CORS (never on a 304), and is in the static build', async () => {
		const { baseUrl } = session;
		for (const url of [baseUrl + '/dashboard', baseUrl + '/_app/version.json']) {
			const res = await fetch(url, { headers: { Origin: 'http://elsewhere.example' } });
			expect(res.headers.get('access-control-allow-origin')).toBeNull();
			expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
			expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'self'(;|$)/);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
		}
		const page = await fetch(baseUrl + '/dashboard');
		expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[^']+'(;|$)/);
		// A revalidated page keeps the policy it was cached with: a 304 must not bring one without the script hash.
		const again = await fetch(baseUrl + '/dashboard', { headers: { 'If-None-Match': page.headers.get('etag') ?? '' } });
		expect(again.status).toBe(304);
		expect(again.headers.get('content-security-policy')).toBeNull();
		const html = readFileSync('build/index.html', 'utf8');
		expect(html).toMatch(/<meta http-equiv="content-security-policy" content="default-src 'self';[^"]*script-src 'self' 'sha256-/);
	});
});
