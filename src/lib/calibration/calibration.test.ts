// A calibration as the QA team runs it, across three workspaces: the lead makes a session of calls and sends the
// pack; two inspectors open it, answer blind and send answers back; the lead sees who said what, the score each
// answer set gives, the agreement, the lone outliers, and records the agreed answer. Files from elsewhere, edited
// or cut short are refused by name, and an answer that differs from one already imported is shown, not applied.
// Real DuckDB (the unit tests' DuckDB, db/test-db.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { rubricOf } from '../review/test-review';
import type { Answer } from './agreement';
import {
	answersFile,
	compare,
	createSession,
	importAnswers,
	listSessions,
	loadSession,
	openPack,
	packOf,
	recordAgreed,
	saveAnswer
} from './calibration-sql';
import { readAnswers, readPack, writeAnswers, writePack } from './pack';
import { addAudio, keepAudio, PACK_AUDIO_LIMIT } from './pack-audio';

const RUBRIC = rubricOf(3); // greeting 10, banned 20 (critical), courtesy 10, manual 10
const CALLS = ['C1', 'C2', 'C3'];

async function workspace(withCalls: boolean): Promise<Db> {
	const db = await createTestDb();
	await ensureSchema(db);
	if (withCalls) {
		await db.query(`INSERT INTO calls (call_id, agent_name, team, channel, started_at, talk_s) VALUES
			('C1', '王芳', '一组', 'phone', '2026-11-02 09:00:00', 120), ('C2', '李明', '二组', 'phone', '2026-11-02 10:00:00', 90),
			('C3', '王芳', '一组', 'phone', '2026-11-03 11:00:00', 60)`);
		await db.query(`INSERT INTO segments (call_id, seq, speaker, start_s, end_s, text) VALUES
			('C1', 1, 'agent', 0, 2, '您好，请问有什么可以帮您'), ('C1', 2, 'customer', 2, 5, '我的手机号是13812345678')`);
	}
	return db;
}

async function answerAll(db: Db, id: string, who: string, results: Record<string, Answer>): Promise<string> {
	for (const call_id of CALLS)
		for (const [item_id, result] of Object.entries(results)) await saveAnswer(db, id, who, { call_id, item_id, result, note: null });
	return writeAnswers(await answersFile(db, id, who));
}

describe('calibration sessions', () => {
	let lead: Db;
	let id: string;
	beforeEach(async () => {
		lead = await workspace(true);
		id = await createSession(lead, { name: '十一月校准', callIds: CALLS, rubric: RUBRIC, createdBy: '组长' });
	}, 60_000);

	it('refuses a session without a name, without calls, or with calls the workspace does not have', async () => {
		await expect(createSession(lead, { name: ' ', callIds: CALLS, rubric: RUBRIC, createdBy: null })).rejects.toMatchObject({
			code: 'name_required'
		});
		await expect(createSession(lead, { name: 'x', callIds: [], rubric: RUBRIC, createdBy: null })).rejects.toMatchObject({
			code: 'calls_required'
		});
		await expect(createSession(lead, { name: 'x', callIds: ['C1', 'C9'], rubric: RUBRIC, createdBy: null })).rejects.toMatchObject({
			code: 'unknown_calls',
			detail: 'C9'
		});
	});

	it('sends a pack an inspector without the calls can answer from, customer numbers masked', async () => {
		const text = await writePack(await packOf(lead, id));
		expect(text).not.toContain('13812345678');
		const member = await workspace(false);
		expect(await openPack(member, await readPack(text, 'pack.json'), 'pack.json')).toBe('opened');
		expect(await openPack(member, await readPack(text, 'pack.json'), 'pack.json')).toBe('already');
		const d = await loadSession(member, id);
		expect(d?.session).toMatchObject({ name: '十一月校准', role: 'member', rubric_version: 3, created_by: '组长' });
		expect(d?.items.map((i) => i.id)).toEqual(['greeting', 'banned', 'courtesy', 'manual']);
		expect(d?.calls.map((c) => c.call_id)).toEqual(CALLS);
		expect(d?.calls[0].segments[0].text).toBe('您好，请问有什么可以帮您');
		expect(d?.calls[0].facts).toMatchObject({ agent_name: '王芳', team: '一组', talk_s: 120 });
		// The lead's own pack cannot be opened as a member in the lead's workspace.
		await expect(openPack(lead, await readPack(text, 'pack.json'), 'pack.json')).rejects.toMatchObject({ code: 'own_session' });
	});

	it('compares three inspectors per call and item, scores each by the scoring rule, and keeps the agreed answer', async () => {
		const pack = await readPack(await writePack(await packOf(lead, id)), 'pack.json');
		const a = await workspace(false);
		const b = await workspace(false);
		const c = await workspace(false);
		for (const m of [a, b, c]) await openPack(m, pack, 'pack.json');
		const fileA = await answerAll(a, id, '质检员甲', { greeting: 'pass', banned: 'pass', courtesy: 'pass', manual: 'na' });
		const fileB = await answerAll(b, id, '质检员乙', { greeting: 'fail', banned: 'pass', courtesy: 'pass', manual: 'na' });
		const fileC = await answerAll(c, id, '质检员丙', { greeting: 'pass', banned: 'pass', courtesy: 'fail', manual: 'na' });
		for (const [f, name] of [
			[fileA, 'a.json'],
			[fileB, 'b.json'],
			[fileC, 'c.json']
		])
			expect(await importAnswers(lead, await readAnswers(f, name), name)).toMatchObject({ added: 12, same: 0, conflicts: [], unknown: [] });

		const cmp = await compare(lead, id);
		expect(cmp.inspectors).toEqual(['质检员丙', '质检员乙', '质检员甲'].sort());
		const greeting = cmp.calls[0].items.find((i) => i.item_id === 'greeting')!;
		expect(greeting.answers).toEqual({ 质检员甲: 'pass', 质检员乙: 'fail', 质检员丙: 'pass' });
		expect(greeting.outliers).toEqual(['质检员乙']);
		expect(cmp.outlierCounts).toEqual({ 质检员甲: 0, 质检员乙: 3, 质检员丙: 3 });
		// 甲: 40 of 40 points = 100; 乙: greeting (10) fails, 30 of 40 = 75; 丙: courtesy (10) fails, 75.
		expect(cmp.calls[0].scores).toEqual({ 质检员甲: 100, 质检员乙: 75, 质检员丙: 75 });
		expect(cmp.calls[0].spread).toBe(25);
		expect(cmp.byItem.find((i) => i.item_id === 'banned')).toMatchObject({ subjects: 3, percent: 1, kappa: null });
		expect(cmp.byItem.find((i) => i.item_id === 'greeting')?.percent).toBeCloseTo(1 / 3, 9);
		expect(cmp.calls[0].agreedScore).toBeNull();

		for (const item_id of ['greeting', 'banned', 'courtesy', 'manual'])
			await recordAgreed(lead, id, {
				call_id: 'C1',
				item_id,
				result: item_id === 'manual' ? 'na' : 'pass',
				note: item_id === 'greeting' ? '“您好”算开场白' : null,
				decidedBy: '组长'
			});
		const after = await compare(lead, id);
		expect(after.calls[0].agreedScore).toBe(100);
		expect(after.calls[0].items[0].agreed).toEqual({ result: 'pass', note: '“您好”算开场白', decided_by: '组长' });
		expect((await listSessions(lead))[0]).toMatchObject({ role: 'lead', calls: 3, inspectors: 3, done: 4, items: 12 });
	});

	it('keeps an answer already imported and lists the file’s different one; the same file again changes nothing', async () => {
		const pack = await readPack(await writePack(await packOf(lead, id)), 'pack.json');
		const a = await workspace(false);
		await openPack(a, pack, 'pack.json');
		const first = await answerAll(a, id, '质检员甲', { greeting: 'pass', banned: 'pass', courtesy: 'pass', manual: 'na' });
		await importAnswers(lead, await readAnswers(first, 'a.json'), 'a.json');
		expect(await importAnswers(lead, await readAnswers(first, 'a.json'), 'a.json')).toMatchObject({ added: 0, same: 12, conflicts: [] });
		await saveAnswer(a, id, '质检员甲', { call_id: 'C2', item_id: 'greeting', result: 'fail', note: '没有问候' });
		const second = await writeAnswers(await answersFile(a, id, '质检员甲'));
		const r = await importAnswers(lead, await readAnswers(second, 'a2.json'), 'a2.json');
		expect(r).toMatchObject({ added: 0, same: 11, conflicts: [{ call_id: 'C2', item_id: 'greeting', here: 'pass', file: 'fail' }] });
		expect((await compare(lead, id)).calls[1].items[0].answers).toEqual({ 质检员甲: 'pass' });
	});

	it('refuses answers to another workspace’s session, and files that are edited, cut short or of another kind', async () => {
		const other = await workspace(true);
		const otherId = await createSession(other, { name: '别的中心', callIds: ['C1'], rubric: RUBRIC, createdBy: null });
		const m = await workspace(false);
		await openPack(m, await readPack(await writePack(await packOf(other, otherId)), 'p.json'), 'p.json');
		const foreign = await answerAll(m, otherId, '质检员甲', { greeting: 'pass' });
		await expect(importAnswers(lead, await readAnswers(foreign, 'x.json'), 'x.json')).rejects.toMatchObject({ code: 'foreign_answers' });

		const good = await writeAnswers(await answersFile(m, otherId, '质检员甲'));
		await expect(readAnswers(good.replace('"pass"', '"fail"'), 'edited.json')).rejects.toMatchObject({
			code: 'tampered',
			file: 'edited.json'
		});
		await expect(readAnswers(good.slice(0, good.length / 2), 'cut.json')).rejects.toMatchObject({ code: 'not_json' });
		await expect(readAnswers(good.replace('"version": 1', '"version": 2'), 'v2.json')).rejects.toMatchObject({ code: 'wrong_version' });
		await expect(readPack(good, 'answers.json')).rejects.toMatchObject({ code: 'is_answers' });
		await expect(readAnswers('{"format":"callqa-coaching-session"}', 's.json')).rejects.toMatchObject({ code: 'wrong_format' });
		await expect(readAnswers('{"a":1}', 'plain.json')).rejects.toMatchObject({ code: 'wrong_format' });
	});

	it('carries the lead’s recordings in the pack up to the size limit, and the inspector’s workspace keeps them', async () => {
		await lead.query(`INSERT INTO recordings (call_id, file) VALUES ('C1', 'rec/C1.wav'), ('C2', 'C2.wav'), ('C3', 'gone.wav')`);
		const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 256);
		const files: Record<string, Uint8Array> = { 'rec/C1.wav': bytes(70_000, 1), 'C2.wav': bytes(50_000, 2) };
		const store = { get: async (name: string) => (files[name] ? new File([files[name].slice()], name) : null) };
		const pack = await packOf(lead, id);
		expect(await addAudio(lead, store, pack, 100_000)).toEqual({ added: 1, missing: 1, tooLarge: 1 });
		expect(pack.calls[0].audio).toMatchObject([{ name: 'C1.wav', mime: 'audio/wav' }]);
		const read = await readPack(await writePack(pack), 'pack.json');

		const member = await workspace(false);
		await openPack(member, read, 'pack.json');
		const kept = new Map<string, Uint8Array>();
		const put = async (name: string, data: Blob | Uint8Array) => void kept.set(name, data as Uint8Array);
		expect(await keepAudio(member, { put }, read)).toBe(1);
		const name = `calibration/${id}/C1/C1.wav`;
		expect([...kept.get(name)!]).toEqual([...files['rec/C1.wav']]);
		expect((await loadSession(member, id))?.calls.map((c) => c.kept)).toEqual([[{ name, mime: 'audio/wav' }], [], []]);
		expect(PACK_AUDIO_LIMIT).toBe(64 * 1024 * 1024);
	});
});
