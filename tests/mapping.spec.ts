// A vendor export nobody's dictionary knows: the user maps its columns by hand, imports it, saves the
// mapping as a preset, and the next export with the same headers is mapped automatically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { follow, reportCard, visible } from './ui';

const HEADER = 'Ref,Operator,Kickoff,Waited,Spoke';
const first = [
	HEADER,
	'V-001,Alice,2024-11-20 08:30:00,12,185',
	'V-002,Bob,2024-11-20 09:10:00,4,320',
	'V-003,Alice,2024-11-21 14:05:00,30,95'
].join('\n');
const second = [HEADER, 'V-101,Carol,2024-12-02 10:00:00,8,240', 'V-102,Bob,2024-12-02 10:20:00,3,60'].join('\n');

describe('column mapping presets', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('maps an unknown export by hand, saves it, and applies it to the next export', async () => {
		const { page, baseUrl } = session;
		const input = () => page.locator('input[type=file]:not([webkitdirectory])').first();
		await page.goto(baseUrl + '/import');
		await input().setInputFiles([{ name: 'vendor-oct.csv', mimeType: 'text/csv', buffer: Buffer.from(first) }]);
		await visible(page.getByText(/导入完成/), 60_000);
		const card = reportCard(page, 'vendor-oct.csv');
		expect(await card.innerText()).toContain('已导入 0 / 3 行');

		await card.getByRole('link', { name: '调整列映射' }).click();
		await visible(page.getByRole('heading', { name: '调整列映射' }));
		await visible(page.getByRole('cell', { name: 'V-001' }));
		await page.getByLabel('Ref', { exact: true }).selectOption('call_id');
		await page.getByLabel('Operator', { exact: true }).selectOption('agent_name');
		await page.getByLabel('Kickoff', { exact: true }).selectOption('started_at');
		await page.getByLabel('Waited', { exact: true }).selectOption('ring_s');
		await page.getByLabel('Spoke', { exact: true }).selectOption('talk_s');
		await visible(page.getByText('所有必填字段都已映射。'));

		await page.getByRole('button', { name: '应用并导入' }).click();
		await visible(page.getByText('已导入 3 / 3 行'), 60_000);
		await page.getByPlaceholder('例如：某某系统通话导出').fill('Vendor X');
		await page.getByRole('button', { name: '保存为预设' }).click();
		await visible(page.getByText('预设“Vendor X”已保存，以后表头相同的文件会自动使用它。'));

		// The preset survives a reload and is applied to the next export with the same header row.
		await page.goto(baseUrl + '/import');
		await visible(page.getByRole('cell', { name: 'Vendor X' }));
		await input().setInputFiles([{ name: 'vendor-nov.csv', mimeType: 'text/csv', buffer: Buffer.from(second) }]);
		await visible(page.getByText(/导入完成/), 60_000);
		const next = await reportCard(page, 'vendor-nov.csv').innerText();
		expect(next).toContain('已应用预设“Vendor X”');
		expect(next).toContain('已导入 2 / 2 行');

		await follow(page, baseUrl, '/calls');
		await visible(page.getByRole('cell', { name: 'V-101' }));
		await visible(page.getByRole('cell', { name: 'V-003' }));
		expect(session.pageErrors).toEqual([]);
	});
});
