// The columns derived from each segment are computed once, when its call's transcript is written, and a scoring run
// reads them: they must be exactly what a run computing them itself would use, and be recomputed when they are
// missing or were computed by another version of the normalisation.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { compileRubric } from '../scoring/compile';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { openScoredSample } from '../scoring/scored-sample';
import { writeBackup } from '../backup/backup';
import { ensureSegmentsDerived, insertSegments, SEGMENT_DERIVED_KEY, SEGMENT_DERIVED_VERSION } from './segment-derived';

const COLUMNS = ['call_id', 'seq', 'speaker', 'start_s', 'end_s', 'text'];

describe('segment columns derived at import', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await ensureSchema(db);
		// A timed call whose file order is not its time order, and an untimed chat, with full-width letters,
		// traditional characters, punctuation and a variant word form.
		await db.query(`CREATE TEMP TABLE staged AS SELECT * FROM (VALUES
			('T1', 1, 'agent', 5.0, 6.0, '請問還有其它問題嗎？'),
			('T1', 2, 'customer', 0.0, 1.0, 'ＡＢＣ 你好'),
			('T1', 3, 'agent', 2.0, 3.0, '您好，很高興為您服務'),
			('C1', 1, 'customer', NULL, NULL, '在吗'),
			('C1', 2, 'agent', NULL, NULL, '在的，请讲'),
			('C1', 3, 'customer', NULL, NULL, '账单')
		) t(${COLUMNS.join(', ')})`);
		// One call per statement: the steps must write exactly the rows below.
		await insertSegments(db, COLUMNS, 'staged', 1);
	});
	afterAll(() => db?.close());

	const derived = async () =>
		(
			await db.query<{
				call_id: string;
				seq: number;
				norm: string;
				nchars: number;
				ord: number;
				ord_rev: number;
				turn_no: number;
				turn_rev: number;
			}>('SELECT call_id, seq, norm, nchars, ord, ord_rev, turn_no, turn_rev FROM segments ORDER BY call_id, seq')
		).rows.map((r) => ({
			...r,
			seq: Number(r.seq),
			nchars: Number(r.nchars),
			ord: Number(r.ord),
			ord_rev: Number(r.ord_rev),
			turn_no: Number(r.turn_no),
			turn_rev: Number(r.turn_rev)
		}));

	it('normalises the text and numbers the turns in time order when every turn is timed, else in file order', async () => {
		expect(await derived()).toEqual([
			{ call_id: 'C1', seq: 1, norm: '在吗', nchars: 2, ord: 1, ord_rev: 3, turn_no: 1, turn_rev: 2 },
			{ call_id: 'C1', seq: 2, norm: '在的请讲', nchars: 4, ord: 2, ord_rev: 2, turn_no: 1, turn_rev: 1 },
			{ call_id: 'C1', seq: 3, norm: '账单', nchars: 2, ord: 3, ord_rev: 1, turn_no: 2, turn_rev: 1 },
			{ call_id: 'T1', seq: 1, norm: '请问还有其他问题吗', nchars: 9, ord: 3, ord_rev: 1, turn_no: 2, turn_rev: 1 },
			{ call_id: 'T1', seq: 2, norm: 'abc你好', nchars: 5, ord: 1, ord_rev: 3, turn_no: 1, turn_rev: 1 },
			{ call_id: 'T1', seq: 3, norm: '您好很高兴为您服务', nchars: 9, ord: 2, ord_rev: 2, turn_no: 1, turn_rev: 2 }
		]);
		const { rows } = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = ?', [SEGMENT_DERIVED_KEY]);
		expect(rows[0]?.value).toBe(SEGMENT_DERIVED_VERSION);
	});

	it('leaves current columns alone, fills the calls that lack them, and recomputes all after a change of version', async () => {
		const before = await derived();
		expect(await ensureSegmentsDerived(db)).toBe(0);
		// A row written without them (an older workspace, a restored backup): only its call is rewritten.
		await db.query(`UPDATE segments SET norm = NULL, ord = NULL WHERE call_id = 'C1' AND seq = 2`);
		expect(await ensureSegmentsDerived(db)).toBe(3);
		expect(await derived()).toEqual(before);
		// Columns computed by another version of the normalisation: every call is rewritten.
		await db.query(`UPDATE segments SET norm = 'stale'`);
		await db.query('UPDATE app_settings SET value = ? WHERE key = ?', ['older', SEGMENT_DERIVED_KEY]);
		expect(await ensureSegmentsDerived(db)).toBe(6);
		expect(await derived()).toEqual(before);
		expect(await ensureSegmentsDerived(db)).toBe(0);
		// Filled one call per transaction (a large workspace is filled in steps), the same rows; a cancel stops between
		// steps and the next run goes on.
		await db.query(`UPDATE segments SET ord = NULL`);
		const cancel = new AbortController();
		cancel.abort();
		expect(await ensureSegmentsDerived(db, { callsPerStep: 1, signal: cancel.signal })).toBe(0);
		// Its steps are told as they go (the scoring line shows them), and nothing is told when nothing is filled.
		const heard: string[] = [];
		const onStep = (done: number, total: number) => heard.push(`${done}/${total}`);
		expect(await ensureSegmentsDerived(db, { callsPerStep: 1, onStep })).toBe(6);
		expect(heard).toEqual(['0/2', '1/2', '1/2', '2/2']);
		expect(await derived()).toEqual(before);
		expect(await ensureSegmentsDerived(db, { onStep })).toBe(0);
		expect(heard).toHaveLength(4);
	});

	it('keeps them out of a backup', async () => {
		const doc = JSON.parse(await writeBackup(db, '2026-12-06 12:00'));
		expect(doc.tables.segments.columns.map((c: { name: string }) => c.name)).toEqual([
			'call_id',
			'seq',
			'speaker',
			'speaker_label',
			'start_s',
			'end_s',
			'text',
			'source_file'
		]);
	});
});

describe('scoring from the stored columns', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openScoredSample(inject('scoredSampleDir'));
		// One call in four (about 1,400, every kind the sample has) keeps the two runs short.
		await db.query(`CREATE TEMP TABLE some_calls AS SELECT call_id FROM calls WHERE hash(call_id) % 4 = 0`);
	}, 180_000);
	afterAll(() => db?.close());

	/** Every rule's results over those calls, with the turns read from the stored columns or computed in the run. */
	async function results(storedSegments: boolean) {
		const { sql } = compileRubric(DEFAULT_RUBRIC_ZH, { write: false, storedSegments, onlyCallsTable: 'some_calls' });
		for (const s of sql) await db.query(s);
		const { rows } = await db.query(
			'SELECT call_id, item_id, result, seq, start_s, end_s, evidence, evidence_code, evidence_params FROM cqa_res ORDER BY call_id, item_id'
		);
		await db.query(storedSegments ? 'DROP VIEW cqa_seg' : 'DROP TABLE cqa_seg');
		return rows;
	}

	it('gives every finding a run computing them itself gives', async () => {
		expect(await ensureSegmentsDerived(db)).toBe(0);
		const stored = await results(true);
		expect(stored.length).toBeGreaterThan(10_000);
		expect(stored).toEqual(await results(false));
	}, 180_000);
});
