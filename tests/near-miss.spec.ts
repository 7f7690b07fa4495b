// Teaching the rubric a centre's own phrasing from its near misses: calls whose agents close with a sentence the
// default closing does not know fail it; the near-misses view lists that sentence with the number of calls it
// would flip; accepting it and saving a new version re-scores the calls, and they pass. Then the accuracy page
// is empty (no review submitted yet) and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { follow, visible } from './ui';

const CLOSE = '那您这边还有别的要咨询的吗？';
const call = (id: string, last: string) =>
	[
		[id, 1, '客服', '0.5', '4.0', '您好，这里是华信通信，请问有什么可以帮您？'],
		[id, 2, '客户', '4.5', '7.0', '我想查一下这个月的话费。'],
		[id, 3, '客服', '7.5', '9.0', '好的，我帮您查一下。'],
		[id, 4, '客服', '9.5', '11.0', '这个月的话费是五十八元。'],
		[id, 5, '客服', '11.5', '13.0', '明细已经发到您手机上了。'],
		[id, 6, '客服', '13.5', '16.0', last],
		[id, 7, '客户', '16.5', '17.5', '没有了。']
	].map((r) => r.join(','));
const CALLS =
	[
		'通话ID,坐席工号,坐席姓名,班组,队列,渠道,呼叫方向,客户ID,开始时间,振铃时长,通话时长,保持时长,话后处理时长,是否放弃,是否转接,是否解决,满意度,业务类型,录音文件'
	]
		.concat(
			['NM1', 'NM2', 'NM3', 'NM4'].map(
				(id, i) => `${id},A1001,张三,账务组,账务热线,电话,呼入,K000000${i},2026/08/03 09:1${i}:00,5,0:00:20,0,10,否,否,是,,业务咨询,`
			)
		)
		.join('\r\n') + '\r\n';
const TRANSCRIPTS =
	[
		'通话ID,序号,角色,开始,结束,文本',
		...call('NM1', CLOSE),
		...call('NM2', CLOSE),
		...call('NM3', CLOSE),
		...call('NM4', '还有什么可以帮您？')
	].join('\n') + '\n';

describe('near misses', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('accepts a near miss as a phrasing and the calls flip to pass after re-scoring', async () => {
		const { page, baseUrl } = session;
		await page.goto(baseUrl + '/import');
		await visible(page.getByRole('heading', { name: '导入文件' }), 60_000);
		await page
			.locator('input[type=file]:not([webkitdirectory])')
			.first()
			.setInputFiles([
				{ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(CALLS) },
				{ name: 'transcripts.csv', mimeType: 'text/csv', buffer: Buffer.from(TRANSCRIPTS) }
			]);
		await visible(page.getByText(/导入完成/), 60_000);

		await follow(page, baseUrl, '/calls/NM1');
		await visible(page.locator('.checklist li[data-item="closing"][data-result="fail"]'), 60_000);

		await follow(page, baseUrl, '/near-misses?item=closing');
		const row = await visible(page.locator('[data-testid="near-misses"] tr', { hasText: CLOSE.replace('？', '') }), 60_000);
		expect(await row.locator('td.num').innerText()).toBe('3');
		await row.getByRole('button', { name: '认可' }).click();
		await visible(page.getByText('待加入的说法：1 条'));
		await page.getByTestId('near-miss-save').click();
		await visible(page.getByText(/已保存为 v2 并生效/), 120_000);
		// The accepted sentence no longer fails any call: the view is empty for the closing.
		await visible(page.getByText(/没有近似说法/), 30_000);

		for (const id of ['NM1', 'NM2', 'NM3']) {
			await follow(page, baseUrl, `/calls/${id}`);
			await visible(page.locator('.checklist li[data-item="closing"][data-result="pass"]'), 60_000);
			expect(await page.locator('.checklist li[data-item="closing"]').innerText()).toContain('认可的说法');
		}

		await follow(page, baseUrl, '/accuracy');
		await visible(page.getByText(/还没有提交的质检记录/), 30_000);
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	}, 300_000);
});
