// A trainer's sessions keep their clips in the order set, survive edits and removals without gaps, and refuse
// what would make a broken clip. Real DuckDB (the unit tests' DuckDB, db/test-db.ts); every write checkpoints.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import {
	addClip,
	createSession,
	deleteSession,
	droppedOn,
	listClips,
	listSessions,
	moved,
	removeClip,
	reorderClips,
	updateClip,
	updateSession,
	type NewClip
} from './coaching-sql';
import { excerptOf, linesInRange, spanOfLines, type Line } from './clip-span';

const clip = (over: Partial<NewClip> = {}): NewClip => ({
	call_id: 'C1',
	agent: '张三',
	team: '一组',
	start_s: 10,
	end_s: 20,
	label: 'good',
	item_id: 'greeting',
	item_label: { zh: '标准开场白', en: 'Standard greeting' },
	note: '开场白完整',
	excerpt: [{ seq: 1, speaker: 'agent', start_s: 10, end_s: 14, text: '您好' }],
	audio_path: null,
	...over
});

describe('coaching sessions', () => {
	let db: Db;
	let checkpoints: number;
	beforeEach(async () => {
		const inner = await createTestDb();
		await ensureSchema(inner);
		checkpoints = 0;
		db = { ...inner, checkpoint: async () => void checkpoints++ };
	});

	it('creates a session with its audience and notes, and refuses one without a title', async () => {
		await expect(createSession(db, { title: '  ' })).rejects.toMatchObject({ code: 'title_required' });
		const id = await createSession(db, { title: ' 投诉处理 ', audience: '二组新人', notes: '先听好的，再听要改的' });
		expect(checkpoints).toBe(1);
		const [s] = await listSessions(db);
		expect(s).toMatchObject({
			session_id: id,
			title: '投诉处理',
			audience: '二组新人',
			notes: '先听好的，再听要改的',
			clips: 0,
			seconds: 0
		});
		await updateSession(db, id, { notes: '新备注' });
		expect((await listSessions(db))[0]).toMatchObject({ title: '投诉处理', audience: '二组新人', notes: '新备注' });
	});

	it('appends clips in order, keeps every field, and counts their length', async () => {
		const sid = await createSession(db, { title: 's' });
		const a = await addClip(db, sid, clip());
		const b = await addClip(
			db,
			sid,
			clip({ label: 'improve', start_s: 30, end_s: 35.5, note: '抢话', item_id: 'interruption', item_label: null })
		);
		const clips = await listClips(db, sid);
		expect(clips.map((c) => [c.clip_id, c.position, c.label])).toEqual([
			[a, 1, 'good'],
			[b, 2, 'improve']
		]);
		expect(clips[0]).toMatchObject({
			call_id: 'C1',
			agent: '张三',
			team: '一组',
			item_label: { zh: '标准开场白', en: 'Standard greeting' },
			note: '开场白完整'
		});
		expect(clips[0].excerpt).toEqual([{ seq: 1, speaker: 'agent', start_s: 10, end_s: 14, text: '您好' }]);
		expect((await listSessions(db))[0]).toMatchObject({ clips: 2, seconds: 15.5 });
	});

	it('refuses a clip that ends before it starts, an unknown label, or a missing session', async () => {
		const sid = await createSession(db, { title: 's' });
		await expect(addClip(db, sid, clip({ start_s: 20, end_s: 20 }))).rejects.toMatchObject({ code: 'bad_span' });
		await expect(addClip(db, sid, clip({ label: 'meh' as 'good' }))).rejects.toMatchObject({ code: 'bad_label' });
		await expect(addClip(db, 'nope', clip())).rejects.toMatchObject({ code: 'no_session' });
		// A chat clip has no times and is fine.
		await addClip(db, sid, clip({ start_s: null, end_s: null }));
		expect(await listClips(db, sid)).toHaveLength(1);
	});

	it('reorders, and a stale order never loses a clip', async () => {
		const sid = await createSession(db, { title: 's' });
		const ids = [];
		for (let i = 0; i < 4; i++) ids.push(await addClip(db, sid, clip({ note: `n${i}` })));
		const [a, b, c, d] = ids;
		await reorderClips(db, sid, [c, a, d, b]);
		expect((await listClips(db, sid)).map((x) => x.clip_id)).toEqual([c, a, d, b]);
		await reorderClips(db, sid, [b, 'gone', b]);
		expect((await listClips(db, sid)).map((x) => [x.clip_id, x.position])).toEqual([
			[b, 1],
			[c, 2],
			[a, 3],
			[d, 4]
		]);
	});

	it('quick reorders and a removal made without waiting land whole, in the order they were made', async () => {
		const sid = await createSession(db, { title: 's' });
		const ids = [];
		for (let i = 0; i < 4; i++) ids.push(await addClip(db, sid, clip({ note: `n${i}` })));
		const [a, b, c, d] = ids;
		await Promise.all([reorderClips(db, sid, [d, c, b, a]), removeClip(db, c), reorderClips(db, sid, [b, d, a])]);
		expect((await listClips(db, sid)).map((x) => [x.clip_id, x.position])).toEqual([
			[b, 1],
			[d, 2],
			[a, 3]
		]);
	});

	it('moves by one place and drops onto another clip', () => {
		expect(moved(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
		expect(moved(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
		expect(moved(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
		expect(droppedOn(['a', 'b', 'c', 'd'], 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
		expect(droppedOn(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
		expect(droppedOn(['a', 'b'], 'a', 'x')).toEqual(['a', 'b']);
	});

	it('edits a clip, removes one without leaving a gap, and deletes a session with its clips', async () => {
		const sid = await createSession(db, { title: 's' });
		const a = await addClip(db, sid, clip({ audio_path: 'coaching/a.wav' }));
		const b = await addClip(db, sid, clip());
		const c = await addClip(db, sid, clip({ audio_path: 'coaching/c.wav' }));
		await updateClip(db, b, { label: 'improve', note: '  语速太快 ' });
		expect((await listClips(db, sid))[1]).toMatchObject({ label: 'improve', note: '语速太快' });
		expect(await removeClip(db, a)).toBe('coaching/a.wav');
		expect((await listClips(db, sid)).map((x) => [x.clip_id, x.position])).toEqual([
			[b, 1],
			[c, 2]
		]);
		expect(await deleteSession(db, sid)).toEqual(['coaching/c.wav']);
		expect(await listSessions(db)).toEqual([]);
		expect(await listClips(db, sid)).toEqual([]);
	});
});

describe('clip span', () => {
	const lines: Line[] = [
		{ seq: 1, speaker: 'agent', start_s: 0, end_s: 4, text: '您好' },
		{ seq: 2, speaker: 'customer', start_s: 5, end_s: 9, text: '我要投诉' },
		{ seq: 3, speaker: 'agent', start_s: 8, end_s: 12, text: '您别急' },
		{ seq: 4, speaker: 'customer', start_s: 13, end_s: null, text: '好' }
	];

	it('makes a span from selected transcript lines: earliest start to latest end', () => {
		expect(spanOfLines(lines, [3, 2])).toEqual({ start_s: 5, end_s: 12, seqs: [2, 3] });
		expect(spanOfLines(lines, [4])).toEqual({ start_s: 13, end_s: 13, seqs: [4] });
		expect(spanOfLines(lines, [9])).toBeNull();
		const chat: Line[] = [{ seq: 1, speaker: 'agent', start_s: null, end_s: null, text: '在吗' }];
		expect(spanOfLines(chat, [1])).toEqual({ start_s: null, end_s: null, seqs: [1] });
	});

	it('keeps the lines a dragged range overlaps, or exactly the selected lines', () => {
		expect(linesInRange(lines, 4.5, 8.5).map((l) => l.seq)).toEqual([2, 3]);
		expect(linesInRange(lines, 12, 13.5).map((l) => l.seq)).toEqual([3, 4]);
		expect(excerptOf(lines, { start_s: 0, end_s: 6, seqs: [] }).map((l) => l.seq)).toEqual([1, 2]);
		expect(excerptOf(lines, { start_s: 5, end_s: 12, seqs: [3] }).map((l) => l.seq)).toEqual([3]);
	});
});
