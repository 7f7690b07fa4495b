// AutoQA accuracy: submitted reviews (or a labels file) against the findings, per item and rubric version, in
// real DuckDB (db/test-db.ts); and the labels file parser with its per-line errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { bulkInsert } from '../db/bulk';
import { accuracySql, loadAccuracy, loadDisagreements, tableLabelsSql, withRates } from './accuracy-sql';
import { parseLabels } from './labels';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
	// 5 calls, item "closing" under default-zh v1: automatic results vs the inspector's
	const auto = ['fail', 'fail', 'pass', 'pass', 'na'];
	await bulkInsert(
		db,
		'findings',
		['call_id', 'rubric_id', 'rubric_version', 'item_id', 'result', 'evidence'],
		auto.map((r, i) => [`c${i}`, 'default-zh', 1, 'closing', r, `auto ${r}`])
	);
	const now = '2026-11-01 10:00:00';
	// c4 is reviewed but not submitted: it does not count
	await bulkInsert(
		db,
		'reviews',
		['call_id', 'rubric_id', 'rubric_version', 'inspector', 'status', 'updated_at'],
		[0, 1, 2, 3, 4].map((i) => [`c${i}`, 'default-zh', 1, '甲', i === 4 ? 'draft' : 'submitted', now])
	);
	// c1: the automatic fail was wrong; c3: the automatic pass was wrong (a miss)
	await bulkInsert(
		db,
		'review_items',
		['call_id', 'rubric_id', 'rubric_version', 'item_id', 'override_result', 'reason', 'updated_at'],
		[
			['c1', 'default-zh', 1, 'closing', 'pass', '说了', now],
			['c3', 'default-zh', 1, 'closing', 'fail', '没说', now]
		]
	);
});
afterAll(async () => {
	await db.close();
});

describe('AutoQA accuracy from submitted reviews', () => {
	it('counts agreement and the confusion of the automatic fail per item and version', async () => {
		const [a] = await loadAccuracy(db);
		expect(a).toMatchObject({
			rubric_id: 'default-zh',
			rubric_version: 1,
			item_id: 'closing',
			n: 4,
			agree: 2,
			tp: 1,
			fp: 1,
			fn: 1,
			tn: 1,
			precision: 0.5,
			recall: 0.5
		});
	});
	it("lists the disagreeing calls with the inspector's and the automatic result", async () => {
		const { rows, hasMore } = await loadDisagreements(db, 'default-zh', 1, 'closing');
		expect(rows.map((r) => [r.call_id, r.label, r.result])).toEqual([
			['c1', 'pass', 'fail'],
			['c3', 'fail', 'pass']
		]);
		expect(hasMore).toBe(false);
	});
	it('a labels table against one version; an unknown call is a disagreement with result "missing"', async () => {
		await db.query(`CREATE OR REPLACE TEMP TABLE l (call_id VARCHAR, item_id VARCHAR, label VARCHAR)`);
		await bulkInsert(
			db,
			'l',
			['call_id', 'item_id', 'label'],
			[
				['c0', 'closing', 'fail'],
				['c2', 'closing', 'fail'],
				['zz', 'closing', 'pass']
			]
		);
		const [a] = withRates((await db.query(accuracySql(tableLabelsSql('l')), ['default-zh', 1, 'default-zh', 1])).rows);
		expect(a).toMatchObject({ n: 3, agree: 1, tp: 1, fp: 0, fn: 1, tn: 1, precision: 1, recall: 0.5 });
	});
});

describe('labels files', () => {
	it('reads call_id,item_id,result rows and reports bad ones by line', () => {
		const { labels, errors } = parseLabels(
			'\uFEFFcall_id,item_id,result\nC1,greeting,pass\nC1,closing,FAIL\nC2,closing,maybe\nC1,greeting,fail\n,closing,pass\nC3,ring,n/a\n'
		);
		expect(labels).toEqual([
			{ call_id: 'C1', item_id: 'greeting', label: 'pass' },
			{ call_id: 'C1', item_id: 'closing', label: 'fail' },
			{ call_id: 'C3', item_id: 'ring', label: 'na' }
		]);
		expect(errors.map((e) => e.line)).toEqual([4, 5, 6]);
		expect(errors[0].reason).toContain('"maybe"');
		expect(errors[1].reason).toContain('first on line 2');
	});
	it('names the header it wanted', () => {
		expect(parseLabels('id,result\nC1,pass\n').errors[0]).toMatchObject({ line: 1 });
	});
});
