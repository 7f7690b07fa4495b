// DESIGN §5/§2: one scoring implementation, so the browser's duckdb-wasm and the CLI's native DuckDB must
// produce identical findings (result, evidence and its code + params, place) and scores for the same files and
// rubric.
import { describe, expect, it } from 'vitest';
import { createNodeWasmDb } from '../db/node-wasm';
import { createNativeDb } from '../../../cli/native-db';
import type { Db } from '../db/types';
import { importFiles } from '../import/pipeline';
import { scoreCalls } from './score';
import { sampleFiles } from './scored-sample';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { validateRubric, type Rubric } from './rubric';

async function digest(
	db: Db,
	rubric: Rubric = DEFAULT_RUBRIC_ZH
): Promise<{ findings: string; scores: string; n: number; uncoded: number }> {
	await importFiles(db, sampleFiles());
	await scoreCalls(db, rubric);
	const { rows } = await db.query<{ findings: string; scores: string; n: number; uncoded: number }>(`SELECT
		(SELECT md5(string_agg(concat_ws('|', call_id, item_id, result, points, seq, start_s, end_s, evidence, evidence_code, evidence_params), chr(10) ORDER BY call_id, item_id)) FROM findings) AS findings,
		(SELECT md5(string_agg(concat_ws('|', call_id, round(score, 9), passed, critical_failed), chr(10) ORDER BY call_id)) FROM scores) AS scores,
		(SELECT count(*) FROM findings) AS n,
		(SELECT count(*) FROM findings WHERE (evidence IS NULL) <> (evidence_code IS NULL) OR (evidence_code IS NULL) <> (evidence_params IS NULL)) AS uncoded`);
	await db.close();
	return { ...rows[0], n: Number(rows[0].n), uncoded: Number(rows[0].uncoded) };
}

describe('scoring parity', () => {
	it('native DuckDB and duckdb-wasm give the same findings and scores on the sample', async () => {
		const wasm = await digest(await createNodeWasmDb());
		const native = await digest(await createNativeDb());
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
		const wasm = await digest(await createNodeWasmDb(), rubric);
		const native = await digest(await createNativeDb(), rubric);
		expect(wasm.uncoded).toBe(0);
		expect(native).toEqual(wasm);
	}, 180_000);
});
