// A crash during a burst of coaching reorders: a session of six clips (imported from a session file) is reordered
// with the move buttons, and the browser is killed while moves are still being written. After the restart the
// workspace opens, the session holds the six clips exactly once, and their order is the one last shown as saved
// or one the list showed during the burst (each move is one transaction: never a mix).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { killAndReopen } from './kill';
import { visible } from './ui';
import { testTempDir } from './temp-dir';

const NOTES = ['片段一', '片段二', '片段三', '片段四', '片段五', '片段六'];

function sessionFile(): string {
	const file = path.join(testTempDir('callqa-kill-'), '重排测试.callqa-session');
	const clips = NOTES.map((note, i) => ({
		call_id: null,
		agent: null,
		team: null,
		start_s: null,
		end_s: null,
		label: i % 2 ? 'good' : 'improve',
		item_id: null,
		item_label: null,
		note,
		excerpt: [{ speaker: 'agent', start_s: null, end_s: null, text: `第 ${i + 1} 段` }],
		audio: null
	}));
	const doc = { format: 'callqa-session', version: 1, exported_at: '', session: { title: '重排测试', audience: null, notes: null }, clips };
	writeFileSync(file, JSON.stringify(doc));
	return file;
}

const order = (page: Page) =>
	page.locator('[data-testid="clip"] input.note').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

/** The order after moving the clip at `index` (0-based) one place down. */
const down = (o: string[], index: number) => o.map((n, i) => (i === index ? o[index + 1] : i === index + 1 ? o[index] : n));

describe('killing the browser during a coaching reorder', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('keeps the six clips, in the last saved order or a later one', async () => {
		const { page, baseUrl } = session;
		await page.goto(`${baseUrl}/coaching`);
		// A fresh profile starts DuckDB first: the page appears once the workspace is open.
		await page.getByTestId('import-session').waitFor({ state: 'attached', timeout: 90_000 });
		await page.getByTestId('import-session').setInputFiles(sessionFile());
		await page.getByRole('link', { name: '打开' }).click();
		await visible(page.locator('[data-testid="clip"]').nth(5), 60_000);
		expect(await order(page)).toEqual(NOTES);

		// One move saved, then a burst of four more without waiting, and the kill.
		await page.getByRole('button', { name: '把第 1 个片段下移' }).click();
		await visible(page.getByText('✓ 已保存'));
		expect(await order(page)).toEqual(down(NOTES, 0));
		// Every order the list showed during the burst (a move shows at once, before it is saved).
		const possible = [down(NOTES, 0)];
		for (const n of [2, 3, 4, 5]) {
			await page.getByRole('button', { name: `把第 ${n} 个片段下移` }).click();
			// The list is read once all six rows are drawn again (1 run in 10 read it mid-redraw: one row).
			await page.waitForFunction(() => document.querySelectorAll('[data-testid="clip"] input.note').length === 6);
			possible.push(await order(page));
		}
		const url = page.url();
		session = await killAndReopen(session);

		await session.page.goto(url);
		await visible(session.page.locator('[data-testid="clip"]').nth(5), 60_000);
		const kept = await order(session.page);
		expect([...kept].sort()).toEqual([...NOTES].sort());
		expect(possible).toContainEqual(kept);
		expect(session.pageErrors).toEqual([]);
	}, 300_000);
});
