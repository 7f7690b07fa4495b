// Importing a mixed batch of good and broken files through the real UI: every file gets a report naming
// the line and the reason, the good rows load, and imported text is shown as text, never as HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk } from '../sample-data/lib/csv';
import { openSession, type Session } from './browser';
import { chooseImportFiles, reportCard, visible } from './ui';
import { silentWav } from '../src/lib/voice/test-audio';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

const CALL_LOG = [
	'通话ID,坐席姓名,开始时间,振铃时长,通话时长,满意度',
	'C1,张三,2024/11/20 08:30,5,0:03:10,5',
	'C2,李四,2024/13/45 09:00,5,0:02:00,4',
	'C3,<img src=x onerror=alert(1)>,2024/11/20 10:00,-3,0:01:00,',
	',赵六,2024/11/20 11:00,5,0:01:00,3'
].join('\r\n');

const VTT = [
	'WEBVTT',
	'',
	'00:00.000 --> 00:02.000',
	'<v 客服>您好，这里是华信通信',
	'',
	'Caption without a time',
	'',
	'00:03.000 --> 00:05.000',
	'<v 客户>我想查一下话费',
	''
].join('\n');

/** A silent 16-bit PCM WAV. */
const wav = (seconds: number, channels: number, rate: number) => Buffer.from(silentWav(channels, seconds, rate));

const AZURE_BATCH = JSON.stringify({ source: 'x.wav', recognizedPhrases: [{ channel: 0, offset: 'PT1S', nBest: [{ display: 'hi' }] }] });

describe('importing good and broken files', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('reports each file with line numbers and reasons and loads the rest', async () => {
		const { page, baseUrl } = session;
		await chooseImportFiles(page, baseUrl, [
			{ name: '通话记录-gbk.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeGbk(CALL_LOG)) },
			{ name: 'C1.vtt', mimeType: 'text/vtt', buffer: utf8(VTT) },
			{ name: 'C1.wav', mimeType: 'audio/wav', buffer: Buffer.from([0x00, 0x00, 0xf6, 0xff, 1, 2, 3, 4, 5, 6, 7, 8]) },
			{ name: 'rec_C3_stereo.wav', mimeType: 'audio/wav', buffer: wav(65, 2, 8000) },
			{ name: 'batch.json', mimeType: 'application/json', buffer: utf8(AZURE_BATCH) },
			{ name: 'empty.srt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }
		]);
		await visible(page.getByText(/导入完成/), 60_000);
		// Half the files failed: the summary counts them and is not green.
		const summary = page.locator('[data-testid="import-summary"]');
		expect(await summary.innerText()).toContain('其中 1 个已导入，2 个部分导入，3 个失败。');
		expect(await summary.getAttribute('class')).toMatch(/\bbad\b/);

		const log = await reportCard(page, '通话记录-gbk.csv').innerText();
		expect(log).toContain('部分导入');
		expect(log).toContain('GBK/GB18030');
		expect(log).toContain('已导入 2 / 4 行');
		expect(log).toContain('拒绝 2');
		expect(log).toMatch(/3\s+开始时间：“2024\/13\/45/);
		expect(log).toMatch(/5\s+.*通话编号|5\s+.*通话ID/i);

		const vtt = await reportCard(page, 'C1.vtt').innerText();
		expect(vtt).toContain('已导入 2 / 3 行');
		expect(vtt).toMatch(/6\s+缺少时间轴/);

		expect(await reportCard(page, 'C1.wav').innerText()).toContain('没有 RIFF 文件头');
		const rec = await reportCard(page, 'rec_C3_stereo.wav').innerText();
		expect(rec).toContain('1:05');
		expect(rec).toContain('2 声道 · 8,000 Hz');
		expect(rec).toMatch(/对应通话\s*C3/);
		expect(rec).toContain('左声道：坐席，右声道：客户');
		expect(await reportCard(page, 'batch.json').innerText()).toContain('不支持 Azure 批量转写的输出');
		expect(await reportCard(page, 'empty.srt').innerText()).toContain('空文件（0 字节）');

		// The GBK text reads as Chinese, and markup in a cell stays text.
		await page.getByRole('link', { name: '通话', exact: true }).click();
		await visible(page.getByRole('cell', { name: '张三' }));
		await visible(page.getByRole('cell', { name: '<img src=x onerror=alert(1)>' }));
		expect(await page.locator('main img').count()).toBe(0);
		expect(session.pageErrors).toEqual([]);
		expect(session.foreignRequests).toEqual([]);
	});

	it('shows every report when headers repeat or are empty (Excel’s trailing ,,), and the next import’s too', async () => {
		const { page } = session;
		await page.getByRole('link', { name: '导入', exact: true }).click();
		await visible(page.getByRole('heading', { name: '导入文件' }));
		await page
			.locator('input[type=file]:not([webkitdirectory])')
			.first()
			.setInputFiles([
				{ name: 'repeated-headers.csv', mimeType: 'text/csv', buffer: utf8('通话ID,坐席姓名,备注,备注,,\r\nR1,张三,a,b,,\r\n') },
				{ name: 'unknown-headers.csv', mimeType: 'text/csv', buffer: utf8('foo,bar,,\r\n1,2,,\r\n') }
			]);
		await visible(reportCard(page, 'repeated-headers.csv'), 60_000);
		await visible(reportCard(page, 'unknown-headers.csv'));
		await page
			.locator('input[type=file]:not([webkitdirectory])')
			.first()
			.setInputFiles([{ name: 'later.csv', mimeType: 'text/csv', buffer: utf8('通话ID,坐席姓名\r\nR2,李四\r\n') }]);
		await visible(reportCard(page, 'later.csv'), 60_000);
		expect(await reportCard(page, 'repeated-headers.csv').count()).toBe(1);
		expect(session.pageErrors).toEqual([]);
	});
});
