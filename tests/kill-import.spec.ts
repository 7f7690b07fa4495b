// A crash in the middle of a multi-file import: the browser is killed once the progress bar has shown files as
// imported. After the restart the workspace opens, the import page says the import was cut short and which files
// loaded, every file it names as loaded is there whole, and nothing of a file it names as not loaded is half there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { killAndReopen } from './kill';
import { visible } from './ui';

const FILES = 12;
const ROWS = 2000;

/** Call log `f`: ROWS calls with ids F<f>-<n>, so every file's rows can be counted on the calls page. */
function callLog(f: number): Buffer {
	const lines = ['call_id,agent_name,start_time,talk_time_s'];
	for (let n = 0; n < ROWS; n++)
		lines.push(
			`F${String(f).padStart(2, '0')}-${String(n).padStart(5, '0')},坐席${n % 30},2026-08-0${1 + (n % 9)} 10:${String(n % 60).padStart(2, '0')}:00,${60 + (n % 200)}`
		);
	return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
const fileName = (f: number) => `话单-${String(f).padStart(2, '0')}.csv`;

describe('killing the browser during an import', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('reports the import as cut short and keeps each file it names as loaded whole', async () => {
		const { page, baseUrl } = session;
		await page.goto(baseUrl + '/import');
		await visible(page.getByRole('heading', { name: '导入文件' }), 90_000);
		await page
			.locator('input[type=file]:not([webkitdirectory])')
			.first()
			.setInputFiles(Array.from({ length: FILES }, (_, f) => ({ name: fileName(f + 1), mimeType: 'text/csv', buffer: callLog(f + 1) })));
		// Killed once the bar shows at least two files imported (the 12 take far longer than that).
		await page.waitForFunction(
			() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) >= 2,
			null,
			{
				timeout: 120_000,
				polling: 50
			}
		);
		const shown = Number(await page.locator('[role="progressbar"]').first().getAttribute('aria-valuenow'));
		session = await killAndReopen(session);

		const again = session.page;
		await again.goto(session.baseUrl + '/import');
		const notice = again.getByTestId('import-interrupted');
		await visible(notice, 90_000);
		const text = await notice.innerText();
		const done = Number(/其中 (\d+) 个文件已导入/.exec(text)?.[1]);
		expect(text).toContain(`${FILES} 个文件的导入被中断`);
		expect(done).toBeGreaterThanOrEqual(shown);
		expect(done).toBeLessThan(FILES);

		// Every call of the loaded files is there (the first and the last named), and no file after them is there
		// in part (the one being imported at the kill and the last one).
		for (const f of new Set([1, done, done + 1, FILES])) {
			await again.goto(`${session.baseUrl}/calls?q=${encodeURIComponent(`F${String(f).padStart(2, '0')}-`)}`);
			const count = again.getByTestId('calls-count');
			await visible(count, 60_000);
			const n = Number((await count.innerText()).replace(/[^\d]/g, ''));
			if (f <= done) expect(n, fileName(f)).toBe(ROWS);
			else expect([0, ROWS], fileName(f)).toContain(n);
		}
		expect(session.pageErrors).toEqual([]);
	}, 400_000);
});
