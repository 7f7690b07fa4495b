// Recordings as evidence (issue 12): an inspector imports a call-log row and its dual-channel recording, with no
// transcript. The recording is analysed in the background; opening the call shows who spoke when as two lanes under
// the waveform with the overlap marked, and the interruption finding "from audio" with its region on the waveform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, telephoneLine, wavBytes } from '../src/lib/voice/test-audio';
import { openSession, type Session } from './browser';
import { chooseImportFiles, reportCard, visible } from './ui';

const CALL_LOG =
	'通话ID,坐席工号,坐席姓名,渠道,呼叫方向,开始时间,振铃时长,通话时长,业务类型\nV1,A1,王芳,电话,呼入,2026/08/03 09:00:00,5,0:00:30,投诉\n';
// The customer complains 4.5–11 s; the agent cuts in at 9 s and goes on to 14 s (2 s of overlap); 8 kHz, line noise, -20 dB bleed.
const RECORDING = wavBytes(
	telephoneLine(
		conversation(
			[
				{ side: 0, start_s: 1, end_s: 4 },
				{ side: 1, start_s: 4.5, end_s: 11 },
				{ side: 0, start_s: 9, end_s: 14 },
				{ side: 1, start_s: 15, end_s: 18 },
				{ side: 0, start_s: 18.5, end_s: 22 }
			],
			8000,
			24
		),
		8000,
		-48,
		-20
	),
	8000
);

describe('a recorded call without a transcript', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('is analysed after import and shows the interruption from audio on the waveform lanes', async () => {
		const { page, baseUrl } = session;
		await chooseImportFiles(page, baseUrl, [
			{ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(CALL_LOG) },
			{ name: 'V1.wav', mimeType: 'audio/wav', buffer: Buffer.from(RECORDING) }
		]);
		await visible(page.getByText(/导入完成/), 60_000);
		expect(await reportCard(page, 'V1.wav').innerText()).toMatch(/对应通话\s*V1/);
		// The batch panel counts the call as analysed once the background analysis is done.
		await visible(page.getByTestId('batch-counts').getByText(/已分析 1，/), 60_000);

		await page.getByRole('link', { name: '通话', exact: true }).click();
		await page.getByRole('link', { name: 'V1', exact: true }).click();
		await visible(page.getByTestId('voice-lanes'), 60_000);
		expect(await page.getByTestId('overlap-mark').count()).toBe(1);
		expect(await page.getByTestId('channel-map').innerText()).toBe('立体声：左声道 坐席，右声道 客户');
		const figures = await page.getByTestId('audio-figures').innerText();
		expect(figures).toMatch(/同时说话\s*1 次（坐席抢话 1，客户抢话 0）/);

		const item = page.locator('.checklist li[data-item="interruption"]');
		await visible(item.getByText(/客户停下后客服仍在说（无对应转写）；来自录音/), 60_000);
		expect(await item.innerText()).toMatch(/未通过/);
		// Text items cannot be judged without words.
		expect(await page.locator('.checklist li[data-item="greeting"]').innerText()).toMatch(/不适用/);
		// Its region sits on the waveform where the agent cut in.
		const region = await visible(page.locator('[part~="region"][part~="interruption"]'));
		await region.click();
		await visible(page.locator('.checklist li.focused[data-item="interruption"]'));
		expect(await page.getByTestId('player-time').innerText()).toMatch(/^00:0[89] /);
		expect(session.foreignRequests).toEqual([]);
		expect(session.pageErrors).toEqual([]);
	});
});
