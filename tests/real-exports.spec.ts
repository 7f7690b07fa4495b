// Real exports without a call log, through the real import page in Chromium: a JSON-turns file, a Contact Lens
// file, a WebVTT file, a stereo WAV and a mono agent/caller pair each become calls that are listed, scored (or n/a
// with the reason) and open with a review panel; a call log arriving later fills them in without new calls; a
// transcript added to a call that had none changes its checklist without a reload; a partial transcript for calls
// that have one asks before replacing anything. Every fixture is written here by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './browser';
import { reportCard, visible } from './ui';
import { silentWav } from '../src/lib/voice/test-audio';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** A silent 16-bit PCM WAV. */
const wav = (seconds: number, channels: number, rate = 8000) => Buffer.from(silentWav(channels, seconds, rate));

const GREETING = '您好，这里是华信通信，请问有什么可以帮您？';
const TURNS = JSON.stringify([
	{
		id: 'T-CHAT-1',
		turns: [
			{ speaker: '客服', text: GREETING },
			{ speaker: '客户', text: '我想查一下话费。' },
			{ speaker: '客服', text: '好的，请您稍等，谢谢。' }
		]
	}
]);
const CONTACT_LENS = JSON.stringify({
	Version: 'VOICE-2022-11-30',
	Channel: 'VOICE',
	CustomerMetadata: { ContactId: 'CL-1' },
	Transcript: [
		{ ParticipantId: 'AGENT', Content: GREETING, BeginOffsetMillis: 300, EndOffsetMillis: 3200 },
		{ ParticipantId: 'CUSTOMER', Content: '我的宽带一直断线。', BeginOffsetMillis: 3600, EndOffsetMillis: 5600 },
		{ ParticipantId: 'AGENT', Content: '请您重启一下光猫，谢谢您的耐心。', BeginOffsetMillis: 6000, EndOffsetMillis: 9000 }
	]
});
const VTT = [
	'WEBVTT',
	'',
	'00:00.000 --> 00:03.000',
	`<v 客服>${GREETING}`,
	'',
	'00:03.500 --> 00:05.000',
	'<v 客户>我要办理停机保号。',
	''
].join('\n');
const LATE_VTT = [
	'WEBVTT',
	'',
	'00:00.500 --> 00:03.500',
	`<v 客服>${GREETING}`,
	'',
	'00:04.000 --> 00:06.000',
	'<v 客户>我想改一下套餐。',
	''
].join('\n');
// Names CL-1 and PAIR-7 (and one new call); no channel column, so the calls keep the channel their files gave.
const CALL_LOG = [
	'通话ID,坐席姓名,坐席工号,开始时间,振铃时长,通话时长',
	'CL-1,王芳,A11,2026/08/03 09:15,6,0:02:10',
	'PAIR-7,李强,A12,2026/08/03 10:20,4,0:03:30',
	'NEW-1,李强,A12,2026/08/03 11:00,5,0:01:00'
].join('\n');

const IDS = ['T-CHAT-1', 'CL-1', 'call-vtt', 'REC-42', 'PAIR-7'];

async function chooseFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
	await page
		.locator('input[type=file]:not([webkitdirectory])')
		.first()
		.setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
}

/** Waits until the header says every call is scored. */
async function scored(page: Page, n: number): Promise<void> {
	await visible(page.locator('[data-scoring="idle"]', { hasText: `已评分 ${n} 通` }), 60_000);
}

/** The calls list row of one call. */
const row = (page: Page, id: string) => page.locator('tbody tr', { has: page.getByRole('link', { name: id, exact: true }) });

/** Opens a page inside the app (client-side navigation: no reload). */
async function follow(page: Page, linkName: string | RegExp): Promise<void> {
	await page
		.getByRole('link', { name: linkName, exact: typeof linkName === 'string' })
		.first()
		.click();
}

describe('real exports without a call log', () => {
	let session: Session;
	beforeAll(async () => {
		session = await openSession();
	});
	afterAll(async () => {
		await session?.dispose();
	});

	it('lists every transcript and recording as a call and scores it', async () => {
		const { page, baseUrl } = session;
		await page.goto(baseUrl + '/import');
		await visible(page.getByRole('heading', { name: '导入文件' }));
		await chooseFiles(page, [
			{ name: 'turns.json', buffer: utf8(TURNS) },
			{ name: 'contact-lens.json', buffer: utf8(CONTACT_LENS) },
			{ name: 'call-vtt.vtt', buffer: utf8(VTT) },
			{ name: 'REC-42.wav', buffer: wav(2, 2) },
			{ name: 'PAIR-7_agent_8k.wav', buffer: wav(2, 1) },
			{ name: 'PAIR-7_caller_8k.wav', buffer: wav(2, 1) }
		]);
		const summary = await visible(page.locator('[data-testid="import-summary"]'), 60_000);
		expect(await summary.innerText()).toContain('其中 6 个已导入，0 个部分导入，0 个失败');
		expect(await summary.innerText()).toContain('没有通话记录行的通话：5');
		expect(await reportCard(page, 'PAIR-7_caller_8k.wav').innerText()).toMatch(/对应通话\s*PAIR-7/);
		expect(await page.locator('header .badge').innerText()).toMatch(/5\s*通话/);
		await scored(page, 5);

		await follow(page, '通话');
		await visible(page.getByText('共 5 通'));
		for (const id of IDS) {
			const cells = row(page, id).locator('td');
			expect(await cells.first().innerText(), id).toContain('无通话记录');
			// A score, or "—" for a call no checklist item applies to (its reason on hover): never "not scored".
			const score = cells.nth(5);
			expect(await score.innerText(), id).toMatch(/^\d+|—$/);
		}
		expect(await row(page, 'T-CHAT-1').locator('td').nth(1).innerText()).toBe('时间未知');
		expect(await row(page, 'T-CHAT-1').locator('td').nth(4).innerText()).toBe('在线');
		expect(await row(page, 'CL-1').locator('td').nth(4).innerText()).toBe('电话');
		expect(await row(page, 'REC-42').locator('td').nth(5).locator('span').getAttribute('title')).toBe('无适用检查项');
	});

	it('opens each such call with its checklist and the review panel, saying it has no call-log row', async () => {
		const { page } = session;
		for (const [id, from] of [
			['CL-1', 'contact-lens.json'],
			['PAIR-7', 'PAIR-7_agent_8k.wav'],
			['REC-42', 'REC-42.wav'],
			['T-CHAT-1', 'turns.json']
		]) {
			await follow(page, '通话');
			await follow(page, id);
			await visible(page.locator('[data-testid="review-panel"]'), 60_000);
			expect(await page.locator('[data-testid="no-call-log"]').innerText(), id).toContain(from);
			expect(await page.locator('.checklist li[data-item="greeting"]').count(), id).toBe(1);
		}
		expect(await page.locator('.checklist li[data-item="greeting"]').getAttribute('data-result')).toBe('pass');
	});

	it('fills those calls in when a call log names them, without adding calls for them', async () => {
		const { page } = session;
		// The call log arrives: CL-1 and PAIR-7 get their agents and times, no second row; only NEW-1 is new.
		await follow(page, '导入');
		await chooseFiles(page, [{ name: '通话记录.csv', buffer: utf8(CALL_LOG) }]);
		await visible(page.locator('[data-testid="import-summary"]', { hasText: '其中 1 个已导入' }), 60_000);
		await scored(page, 6);
		expect(await page.locator('header .badge').innerText()).toMatch(/6\s*通话/);
		await follow(page, '通话');
		await visible(page.getByText('共 6 通'));
		const cl = await row(page, 'CL-1').innerText();
		expect(cl).toContain('2026-08-03 09:15:00');
		expect(cl).toContain('王芳');
		expect(cl).toContain('电话');
		expect(cl).not.toContain('无通话记录');
		expect(await row(page, 'PAIR-7').innerText()).toContain('李强');
		expect(await row(page, 'T-CHAT-1').innerText()).toContain('无通话记录');
		await follow(page, 'PAIR-7');
		await visible(page.locator('[data-testid="review-panel"]'), 60_000);
		expect(await page.locator('[data-testid="no-call-log"]').count()).toBe(0);
		expect(session.pageErrors).toEqual([]);
	});

	it('changes the checklist of a call that had no transcript when one arrives, without a reload', async () => {
		const { page } = session;
		await follow(page, '通话');
		await follow(page, 'REC-42');
		await visible(page.locator('[data-testid="review-panel"]'), 60_000);
		const greeting = page.locator('.checklist li[data-item="greeting"]');
		expect(await greeting.getAttribute('data-result')).toBe('na');
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

		await follow(page, '导入');
		await chooseFiles(page, [{ name: 'REC-42.vtt', buffer: utf8(LATE_VTT) }]);
		await visible(page.locator('[data-testid="import-summary"]'), 60_000);
		await follow(page, '通话');
		await follow(page, 'REC-42');
		await visible(page.locator('.checklist li[data-item="greeting"][data-result="pass"]'), 60_000);
		await visible(page.getByText('我想改一下套餐。'));
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	});

	it('asks before a partial transcript replaces the transcripts calls already have, and does what the answer says', async () => {
		const { page } = session;
		const openCall = async (id: string) => {
			await follow(page, '通话');
			await follow(page, id);
		};
		// One row for T-CHAT-1 (three turns from turns.json) and one for a call nobody has.
		const partial = { name: 'partial.csv', buffer: utf8('call_id,speaker,text\nT-CHAT-1,客服,请稍等。\nFRESH-1,客服,您好。\n') };
		await follow(page, '导入');
		await chooseFiles(page, [partial]);
		const dialog = await visible(page.getByRole('dialog', { name: '这些通话已经有转写' }), 60_000);
		expect(await dialog.innerText()).toContain('本次导入中已有其他文件转写的通话：1 通');
		expect(await dialog.innerText()).toMatch(/turns\.json\s*1/);
		await dialog.getByRole('button', { name: '跳过，保留原有转写' }).click();
		const card = reportCard(page, 'partial.csv');
		await visible(card.getByText('已跳过 1 通已有转写（来自 turns.json）的通话'));
		expect(await card.innerText()).toContain('部分导入');
		await openCall('T-CHAT-1');
		await visible(page.getByText('好的，请您稍等，谢谢。'));

		await follow(page, '导入');
		await chooseFiles(page, [partial]);
		await (await visible(page.getByRole('dialog'), 60_000)).getByRole('button', { name: '替换这些通话的转写' }).click();
		const replaced = reportCard(page, 'partial.csv').first(); // the newest card is on top
		await visible(replaced.locator('summary', { hasText: '警告' }), 60_000);
		await replaced.locator('summary', { hasText: '警告' }).first().click();
		await visible(replaced.getByText('已替换先前从 turns.json 导入的 1 通电话的片段'));
		await openCall('T-CHAT-1');
		await visible(page.getByText('请稍等。', { exact: true }));
		expect(await page.getByText('好的，请您稍等，谢谢。').count()).toBe(0);
		expect(session.pageErrors).toEqual([]);
	});
});
