// DESIGN §5/§2: one scoring implementation, so the browser's duckdb-wasm and the CLI's native DuckDB must
// produce identical findings (result, evidence and its code + params, place) and scores for the same files and
// rubric.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeWasmDb } from '../db/node-wasm';
import { createNativeDb } from '../../../cli/native-db';
import type { Db } from '../db/types';
import { importFiles } from '../import/pipeline';
import { scoreCalls } from './score';
import { sampleFiles } from './scored-sample';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { validateRubric, type Rubric } from './rubric';

/** Scores the imported sample with `rubric` and digests that version's findings and scores. */
async function digest(db: Db, rubric: Rubric): Promise<{ findings: string; scores: string; n: number; uncoded: number }> {
	await scoreCalls(db, rubric);
	const { rows } = await db.query<{ findings: string; scores: string; n: number; uncoded: number }>(
		`WITH f AS (SELECT * FROM findings WHERE rubric_id = ? AND rubric_version = ?),
			s AS (SELECT * FROM scores WHERE rubric_id = ? AND rubric_version = ?)
		SELECT
		(SELECT md5(string_agg(concat_ws('|', call_id, item_id, result, points, seq, start_s, end_s, evidence, evidence_code, evidence_params), chr(10) ORDER BY call_id, item_id)) FROM f) AS findings,
		(SELECT md5(string_agg(concat_ws('|', call_id, round(score, 9), passed, critical_failed), chr(10) ORDER BY call_id)) FROM s) AS scores,
		(SELECT count(*) FROM f) AS n,
		(SELECT count(*) FROM f WHERE (evidence IS NULL) <> (evidence_code IS NULL) OR (evidence_code IS NULL) <> (evidence_params IS NULL)) AS uncoded`,
		[rubric.id, rubric.version, rubric.id, rubric.version]
	);
	return { ...rows[0], n: Number(rows[0].n), uncoded: Number(rows[0].uncoded) };
}

describe('scoring parity', () => {
	// The sample imported once into each engine; each test scores it with its rubric version.
	const dbs = {} as { wasm: Db; native: Db };
	beforeAll(async () => {
		[dbs.wasm, dbs.native] = [await createNodeWasmDb(), await createNativeDb()];
		for (const db of [dbs.wasm, dbs.native]) await importFiles(db, sampleFiles());
	}, 120_000);
	afterAll(async () => {
		await dbs.wasm?.close();
		await dbs.native?.close();
	});

	it('native DuckDB and duckdb-wasm give the same findings and scores on the sample', async () => {
		const wasm = await digest(dbs.wasm, DEFAULT_RUBRIC_ZH);
		const native = await digest(dbs.native, DEFAULT_RUBRIC_ZH);
		expect(wasm.n).toBe(5467 * DEFAULT_RUBRIC_ZH.items.length);
		expect(wasm.uncoded, 'findings with evidence but no evidence_code/params').toBe(0);
		expect(native).toEqual(wasm);
	}, 120_000);

	it('agrees on accepted phrasings, rubric equivalence classes and banned-phrase exceptions too', async () => {
		// The sample's near-miss closings accepted as phrasings, one more class, an exception for every phrase.
		const json = structuredClone(DEFAULT_RUBRIC_ZH) as unknown as Record<string, unknown> & Rubric;
		json.version = 2;
		json.matching = { ...json.matching, equivalents: [...json.matching.equivalents, ['号码', '问题']] };
		for (const it of json.items) {
			if (it.rule.kind === 'phrase_required' && it.id === 'closing')
				it.rule.accepted = ['您这个套餐还有其他的扣费吗？', '行，您先等短信吧。'];
			if (it.rule.kind === 'phrase_banned' && it.id === 'banned_phrase')
				it.rule.exceptions = [...it.rule.exceptions, { phrase: '*', preceded_by: ['客户说'], followed_by: [], in_question: false }];
		}
		const rubric = validateRubric(json);
		const wasm = await digest(dbs.wasm, rubric);
		const native = await digest(dbs.native, rubric);
		expect(wasm.uncoded).toBe(0);
		expect(native).toEqual(wasm);
	}, 180_000);
});
