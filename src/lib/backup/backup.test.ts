// Backup and restore on real DuckDB (db/test-db.ts): a workspace with calls, transcripts, scores, a review, a coaching
// session, a queue and settings goes into one file and comes back into an empty workspace with every table identical;
// a wrong, truncated or newer file is refused with its name and why, and a non-empty workspace is not overwritten.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { seedCalls } from '../scoring/test-calls';
import { ScoringState } from '../scoring-ui/scoring-state.svelte';
import { addComment, setOverride } from '../review/review-sql';
import { addClip, createSession } from '../coaching/coaching-sql';
import { saveCentreTimeZone } from '../centre-time/settings';
import { BackupError, parseBackup, restoreBackup, workspaceTables, writeBackup } from './backup';

async function fullWorkspace(): Promise<Db> {
	const db = await createTestDb();
	await ensureSchema(db);
	await seedCalls(db, [
		{
			id: 'b1',
			turns: [
				['agent', 0, 3, '您好，这里是华信通信，请问有什么可以帮您'],
				['customer', 3.5, 6, '我的号码是 13812345678, \'quoted\' "double"']
			]
		},
		{
			id: 'b2',
			turns: [
				['agent', 0, 2, '喂'],
				['customer', 2.5, 5, '查话费\n第二行']
			]
		}
	]);
	await new ScoringState(async () => db).scoreNew();
	const key = { call_id: 'b1', rubric_id: 'default-zh', rubric_version: 1 };
	await setOverride(db, key, 'greeting', 'fail', '复听：没有报工号');
	await addComment(db, 'b1', 1.25, '语速偏快', 'cm-1');
	const sid = await createSession(db, { title: '备份课程', notes: null });
	await addClip(db, sid, {
		call_id: 'b1',
		agent: null,
		team: null,
		start_s: 0,
		end_s: 3,
		label: 'good',
		item_id: null,
		item_label: { zh: '问候', en: 'Greeting' },
		note: '标准开场',
		excerpt: [{ seq: 1, speaker: 'agent', start_s: 0, end_s: 3, text: '您好' }],
		audio_path: null
	});
	await db.query(
		`INSERT INTO review_queue (plan_id, call_id, position, reasons, drawn_at) VALUES ('p1', 'b1', 1, ['sample', 'it''s', 'a "b", c', 'back\\slash'], TIMESTAMP '2026-09-01 00:30:00.123456')`
	);
	await saveCentreTimeZone(db, 'Asia/Shanghai');
	return db;
}

async function tableRows(db: Db, table: string): Promise<unknown[]> {
	return (await db.query(`SELECT * FROM "${table}" ORDER BY ALL`)).rows;
}

describe('backup and restore', () => {
	it('restores every table identically into an empty workspace', async () => {
		const a = await fullWorkspace();
		const text = await writeBackup(a, '2026-09-01 00:30:00');
		const b = await createTestDb();
		const result = await restoreBackup(b, 'ws.callqa-backup', parseBackup('ws.callqa-backup', text));
		expect(result.skipped).toEqual([]);

		const tables = await workspaceTables(a);
		expect(await workspaceTables(b)).toEqual(tables);
		let nonEmpty = 0;
		for (const t of tables) {
			const rows = await tableRows(a, t);
			if (rows.length > 0) nonEmpty++;
			expect({ table: t, rows: await tableRows(b, t) }).toEqual({ table: t, rows });
		}
		// The comparison covered real data: calls, segments, findings, scores, reviews, coaching, queue, settings…
		expect(nonEmpty).toBeGreaterThanOrEqual(12);
		await a.close();
		await b.close();
	}, 180_000);

	it.each([
		['wrong.csv', 'call_id,agent\nC1,张三\n', 'not_json'],
		['other.json', JSON.stringify({ format: 'callqa-session', version: 1 }), 'not_backup'],
		['newer.callqa-backup', JSON.stringify({ format: 'callqa-backup', version: 2, tables: {} }), 'newer_version'],
		[
			'damaged.callqa-backup',
			JSON.stringify({
				format: 'callqa-backup',
				version: 1,
				tables: { calls: { columns: [{ name: 'call_id', type: 'VARCHAR' }], rows: [['a', 'b']] } }
			}),
			'bad_table'
		]
	])('refuses %s (%s)', (file, text, code) => {
		expect(() => parseBackup(file, text)).toThrow(BackupError);
		try {
			parseBackup(file, text);
		} catch (e) {
			expect((e as BackupError).code).toBe(code);
			expect((e as BackupError).message.startsWith(file + ': ')).toBe(true);
		}
	});

	it('refuses a truncated file, and a non-empty workspace unless asked to replace it', async () => {
		const a = await fullWorkspace();
		const text = await writeBackup(a, '2026-09-01 00:30:00');
		expect(() => parseBackup('cut.callqa-backup', text.slice(0, text.length / 2))).toThrow(/cut short/);
		const doc = parseBackup('ws.callqa-backup', text);
		await expect(restoreBackup(a, 'ws.callqa-backup', doc)).rejects.toMatchObject({ code: 'not_empty' });
		await a.query(`UPDATE calls SET agent_name = 'changed'`);
		await restoreBackup(a, 'ws.callqa-backup', doc, { replace: true });
		expect((await a.query<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE agent_name = 'changed'`)).rows[0].n).toBe(0);
		await a.close();
	}, 180_000);
});
