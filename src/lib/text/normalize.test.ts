// cqa_norm(): the one normalisation transcripts and rubric phrases share, run in DuckDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { NORM_MACRO_SQL } from './normalize';
import { statements } from '../scoring/compile';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await db.query(NORM_MACRO_SQL);
});
afterAll(async () => {
	await db.close();
});

describe('cqa_norm', () => {
	const cases: [string, string][] = [
		['歡迎光臨', '欢迎光临'],
		['請問有什麼可以幫您？', '请问有什么可以帮您'],
		['您好，很高兴为您服务！', '您好很高兴为您服务'],
		['ＡＢＣ１２３，ｘ', 'abc123x'],
		['Thank you for calling, Harper Valley!', 'thankyouforcallingharpervalley'],
		['  尾号 1234 。', '尾号1234'],
		['什么 么', '什么么'],
		['係聯邦皇宮，你好', '系联邦皇宫你好'],
		['', '']
	];
	it.each(cases)('%s → %s', async (input, expected) => {
		const { rows } = await db.query<{ n: string }>('SELECT cqa_norm(?) AS n', [input]);
		expect(rows[0].n).toBe(expected);
	});

	it('counts words for English speech rate', async () => {
		const { rows } = await db.query<{ n: number }>("SELECT cqa_words('Hello, this is Harper Valley — how can I help you today?') AS n");
		expect(Number(rows[0].n)).toBe(11);
	});
});

describe('the macros as statements', () => {
	it('split on the semicolons between statements, not on quotes or semicolons in comments', () => {
		expect(statements("-- it's one; really\nSELECT 'a;b' AS x; SELECT 2 -- the end; done\n")).toEqual([
			"-- it's one; really\nSELECT 'a;b' AS x",
			'SELECT 2 -- the end; done'
		]);
		const macros = statements(NORM_MACRO_SQL);
		expect(macros.every((s) => /CREATE OR REPLACE TEMP MACRO cqa_\w+\(/.test(s))).toBe(true);
		expect(macros.length).toBe((NORM_MACRO_SQL.match(/CREATE OR REPLACE TEMP MACRO/g) ?? []).length);
	});
});
