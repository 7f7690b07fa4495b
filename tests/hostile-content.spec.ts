// Imported text is data, never markup: a centre whose agent names, ids, teams, queues, categories, a call id,
// transcript lines, complaint categories, rubric labels, a coaching session file and an inspector's name are all
// `<img onerror>` / `<svg onload>` payloads is imported, every page is opened and every chart hovered, and the
// run fails on any sign that a payload ran or became an element: the payload's own report (`__xss`), a dialog,
// an element carrying an event-handler attribute appearing anywhere (shadow roots included), or a CSP report.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import * as hostile from './hostile-data';
import { follow, hoverChart, reportCard, visible } from './ui';

declare global {
	interface Window {
		__xss: string[];
		__injected: string[];
	}
}

/** Set up before any app script: the payloads' report, and a watch for elements with on* attributes. */
function watchForMarkup() {
	window.__xss = [];
	window.__injected = [];
	const check = (node: Node) => {
		if (!(node instanceof Element)) return;
		for (const el of [node, ...node.querySelectorAll('*')])
			for (const a of el.attributes) if (a.name.toLowerCase().startsWith('on')) window.__injected.push(el.outerHTML.slice(0, 160));
	};
	const observer = new MutationObserver((list) => {
		for (const m of list) {
			if (m.type === 'attributes' && m.attributeName?.toLowerCase().startsWith('on')) check(m.target);
			m.addedNodes.forEach(check);
		}
	});
	const watch = (root: Node) => observer.observe(root, { childList: true, subtree: true, attributes: true });
	watch(document);
	// wavesurfer draws its regions inside a shadow root, which a document observer does not see.
	const attach = Element.prototype.attachShadow;
	Element.prototype.attachShadow = function (init: ShadowRootInit) {
		const root = attach.call(this, init);
		watch(root);
		return root;
	};
}

const scoredIdle = (page: Page) => visible(page.locator('header [data-scoring="idle"]', { hasText: '已评分' }), 180_000);

describe('hostile imported text', () => {
	let session: Session;
	/** What fired, by step: "dashboard · pareto: item-label". */
	const fired: string[] = [];
	const dialogs: string[] = [];
	/** Requests for the payloads' image `x`: an <img> was parsed from data somewhere. */
	const payloadImages: string[] = [];

	beforeAll(async () => {
		session = await openSession();
		await session.context.addInitScript(watchForMarkup);
		session.context.on('request', (r) => {
			if (new URL(r.url()).pathname === '/x') payloadImages.push(r.url());
		});
		session.page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
	});
	afterAll(async () => {
		// What ran where, for the reader of a failed run.
		if (fired.length + unseen.length > 0) console.log([...fired, ...unseen].join('\n'));
		await session?.dispose();
	});

	/** Records whatever ran or was injected since the last check, under the step's name. */
	async function check(step: string): Promise<void> {
		const { xss, injected } = await session.page.evaluate(() => {
			const r = { xss: [...window.__xss], injected: [...window.__injected] };
			window.__xss.length = 0;
			window.__injected.length = 0;
			return r;
		});
		for (const f of new Set(xss)) fired.push(`${step}: script ran (${f})`);
		for (const html of new Set(injected)) fired.push(`${step}: element injected ${html}`);
		for (const d of dialogs.splice(0)) fired.push(`${step}: dialog "${d}"`);
		if (payloadImages.splice(0).length > 0) fired.push(`${step}: a payload's <img src=x> was requested`);
	}

	/** Tooltips that did not show (or did not show a hostile text as text). */
	const unseen: string[] = [];

	/** Hovers the chart and checks that its tooltip showed the hostile texts, as text. */
	async function hover(step: string, chart: Locator, wanted: string[]): Promise<void> {
		const texts = await hoverChart(session.page, chart, wanted);
		await check(step);
		if (texts.length === 0) unseen.push(`${step}: no tooltip showed`);
		for (const w of wanted) if (!texts.some((t) => t.includes(w))) unseen.push(`${step}: the tooltip never showed ${w} as text`);
	}

	it('shows every hostile text as text on every page and in every chart tooltip', async () => {
		const { page, baseUrl } = session;
		const open = async (path: string, ready: Locator) => {
			await follow(page, baseUrl, path);
			await visible(ready, 60_000);
		};

		// Import: the file name and a rejected value are shown in the reports.
		await open('/import', page.getByRole('heading', { name: '导入文件' }));
		await page.locator('input[type=file]:not([webkitdirectory])').first().setInputFiles(hostile.importFiles());
		await visible(page.getByText(/导入完成/), 120_000);
		expect(await reportCard(page, hostile.CALLS_FILE).innerText()).toContain(hostile.img('rejected-value'));
		await check('import');
		await scoredIdle(page);

		// A rubric whose labels and name are markup becomes the active one.
		await open('/rubrics', page.getByRole('heading', { name: '评分标准', exact: true }));
		await page
			.locator('input[type=file]')
			.setInputFiles({ name: 'hostile-rubric.json', mimeType: 'application/json', buffer: hostile.rubric() });
		await page.getByRole('button', { name: '保存为新版本' }).click();
		await visible(page.getByText(/已保存为第 \d+ 版/));
		await page.getByRole('button', { name: '设为当前并重新评分' }).click();
		await visible(page.getByText(/已设为当前评分标准/), 120_000);
		await scoredIdle(page);
		await check('rubrics');

		await open('/', page.locator('.overview'));
		await check('start');
		await open('/calls?from=2026-10-15&to=2026-10-15', page.getByRole('cell', { name: hostile.HOSTILE_CALL }));
		await visible(page.getByRole('cell', { name: hostile.AGENT_1.name }).first());
		await check('calls');

		// The call page: transcript, checklist, waveform regions labelled with the items; a review by an inspector
		// whose name is markup, with a comment that is markup.
		await open(`/calls/${encodeURIComponent(hostile.HOSTILE_CALL)}`, page.locator('[data-testid="waveform"][data-ready="true"]'));
		await visible(page.locator('[part~="region"]'), 60_000);
		await visible(page.getByText(hostile.TRANSCRIPT_TEXT).first());
		await page.locator('[part~="region"]').first().hover();
		const panel = page.locator('[data-testid="review-panel"]');
		await panel.getByLabel('评语（将记在当前播放位置）').fill(hostile.REVIEW_TEXT);
		await panel.getByRole('button', { name: /添加评语/ }).click();
		await visible(panel.locator('[data-testid="review-comment"]', { hasText: hostile.REVIEW_TEXT }));
		await panel.getByPlaceholder('姓名或工号').fill(hostile.INSPECTOR);
		await panel.getByRole('button', { name: '提交复核' }).click();
		await visible(panel.getByText(/^已于 .* 提交，得分/));
		await check('call page');

		// The dashboard's six charts.
		await open('/dashboard', page.locator('[data-chart="pareto"] canvas'));
		await visible(page.locator('[data-chart="complaints"] canvas'));
		const charts: [string, string[]][] = [
			['trend', []],
			['qa', []],
			['pareto', [hostile.img('item-label')]],
			['heatmap', []],
			['complaints', [hostile.COMPLAINT_CATEGORIES[0], hostile.COMPLAINT_CATEGORIES[1]]],
			['csat', []]
		];
		for (const [name, wanted] of charts) await hover(`dashboard · ${name}`, page.locator(`[data-chart="${name}"] .echart`), wanted);

		// The leaderboard and its QA-vs-CSAT scatter (agent names and teams in the tooltip).
		await open('/leaderboard', page.locator('table.board tbody tr').first());
		await hover('leaderboard · qa-csat', page.locator('.echart').first(), [
			hostile.AGENT_1.name,
			hostile.AGENT_2.name,
			hostile.AGENT_3.team
		]);

		// The agent page of the agent whose id, name and team are markup: three trend charts.
		await page.getByRole('link', { name: hostile.AGENT_2.name }).click();
		await visible(page.locator('.echart canvas').nth(2), 60_000);
		const trends = page.locator('.echart');
		for (let i = 0; i < (await trends.count()); i++)
			await hover(`agent page · trend ${i + 1}`, trends.nth(i), [hostile.AGENT_2.name, hostile.AGENT_2.team]);

		// The printable report: SVG charts.
		await open('/report', page.locator('.echart svg').nth(1));
		const reportCharts = page.locator('.echart');
		await hover('report · trend', reportCharts.nth(0), []);
		await hover('report · weak items', reportCharts.nth(1), [hostile.img('item-label')]);

		await open('/rubrics', page.getByRole('heading', { name: '评分标准', exact: true }));
		await visible(page.getByRole('cell', { name: hostile.img('rubric-name') }).first());
		await check('rubrics list');

		// The queue: the calls of the hostile call's day (that one is reviewed already, so it is not drawn).
		await open('/queue', page.getByText('队列还是空的'));
		await page.getByLabel('每位坐席每周随机抽取').fill('10');
		await page.getByLabel('开始日期').fill('2026-10-15');
		await page.getByLabel('结束日期').fill('2026-10-15');
		await page.getByRole('button', { name: '保存并抽取' }).click();
		await visible(page.getByTestId('queue-row').filter({ hasText: hostile.AGENT_2.name }), 60_000);
		await check('queue');

		await open('/reviews', page.locator('[data-testid="inspector-name"]', { hasText: hostile.INSPECTOR }));
		await check('reviews');

		// Coaching: the example finder, a session file whose every text is markup, its page and present mode.
		await open('/coaching', page.getByRole('heading', { name: '辅导课程' }));
		await page
			.locator('[data-testid="import-session"]')
			.setInputFiles({ name: `${hostile.SESSION_TITLE}.callqa-session`, mimeType: 'application/json', buffer: hostile.sessionFile() });
		await visible(page.getByText(/已从 .* 导入课程/));
		await check('coaching');
		await page.getByRole('link', { name: '打开' }).click();
		await page.locator('[data-testid="clip"]').first().waitFor();
		await visible(page.getByText(hostile.TRANSCRIPT_TEXT).first());
		await check('coaching session');
		// The clip's call id is a link to that call, whatever characters it holds.
		await page.locator('[data-testid="clip"]').first().getByRole('link', { name: hostile.HOSTILE_CALL }).click();
		await visible(page.locator('[data-testid="waveform"][data-ready="true"]'), 60_000);
		await page.goBack();
		await page.locator('[data-testid="clip"]').first().waitFor();
		await page.getByRole('button', { name: /演示/ }).click();
		await visible(page.locator('[data-testid="present"]').getByText(hostile.TRANSCRIPT_TEXT).first());
		await page.keyboard.press('Escape');
		await check('present mode');

		expect(fired).toEqual([]);
		expect(unseen).toEqual([]);
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	}, 600_000);
});
