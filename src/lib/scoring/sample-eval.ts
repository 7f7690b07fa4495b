// Scores the committed sample centre (sample-data/out) with the default Chinese rubric on the test DuckDB (db/test-db.ts) and
// compares every item with ground-truth.json: precision and recall of "fail" per item and confusion counts.
// Used by evaluate-sample.mts (prints the table) and evaluate-sample.test.ts (asserts ≥ 0.95 per item).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDb } from '../db/test-db';
import { importFiles } from '../import/pipeline';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { scoreCalls } from './score';
import { SAMPLE_DIR, sampleFiles } from './scored-sample';

export interface ItemEval {
	item: string;
	/** expected fail & found fail, expected pass/na & found fail, expected fail & found pass/na */
	tp: number;
	fp: number;
	fn: number;
	tn: number;
	/** rows where expected and found disagree on na */
	naMismatch: number;
	precision: number;
	recall: number;
	/** a few call ids of false positives and false negatives, for digging */
	examples: { fp: string[]; fn: string[] };
}

export interface SampleEval {
	items: ItemEval[];
	calls: number;
	importMs: number;
	scoreMs: number;
}

type Truth = { calls: Record<string, { item: string; expected: 'pass' | 'fail' | 'na' }[]> };

export async function evaluateSample(): Promise<SampleEval> {
	const db = await createTestDb();
	try {
		const t0 = performance.now();
		await importFiles(db, sampleFiles());
		const importMs = Math.round(performance.now() - t0);
		const { calls, ms } = await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		const { rows } = await db.query<{ call_id: string; item_id: string; result: string }>(
			`SELECT call_id, item_id, result FROM findings WHERE rubric_id = ? AND rubric_version = ?`,
			[DEFAULT_RUBRIC_ZH.id, DEFAULT_RUBRIC_ZH.version]
		);
		const found = new Map(rows.map((r) => [`${r.call_id}|${r.item_id}`, r.result]));
		const truth = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'ground-truth.json'), 'utf8')) as Truth;
		const byItem = new Map<string, ItemEval>();
		for (const [callId, items] of Object.entries(truth.calls))
			for (const t of items) {
				let e = byItem.get(t.item);
				if (!e)
					byItem.set(
						t.item,
						(e = { item: t.item, tp: 0, fp: 0, fn: 0, tn: 0, naMismatch: 0, precision: 0, recall: 0, examples: { fp: [], fn: [] } })
					);
				const got = found.get(`${callId}|${t.item}`) ?? 'missing';
				if ((got === 'na') !== (t.expected === 'na')) e.naMismatch++;
				if (t.expected === 'fail' && got === 'fail') e.tp++;
				else if (got === 'fail') {
					e.fp++;
					if (e.examples.fp.length < 5) e.examples.fp.push(callId);
				} else if (t.expected === 'fail') {
					e.fn++;
					if (e.examples.fn.length < 5) e.examples.fn.push(callId);
				} else e.tn++;
			}
		const items = [...byItem.values()].map((e) => ({
			...e,
			precision: e.tp + e.fp === 0 ? 1 : e.tp / (e.tp + e.fp),
			recall: e.tp + e.fn === 0 ? 1 : e.tp / (e.tp + e.fn)
		}));
		return { items, calls, importMs, scoreMs: ms };
	} finally {
		await db.close();
	}
}

export function formatReport(r: SampleEval): string {
	const lines = [
		`| item | precision | recall | TP | FP | FN | TN | n/a mismatches |`,
		`|---|---|---|---|---|---|---|---|`,
		...r.items.map(
			(e) => `| ${e.item} | ${e.precision.toFixed(3)} | ${e.recall.toFixed(3)} | ${e.tp} | ${e.fp} | ${e.fn} | ${e.tn} | ${e.naMismatch} |`
		),
		'',
		`scored ${r.calls} calls in ${r.scoreMs} ms (import ${r.importMs} ms), node-wasm DuckDB`
	];
	for (const e of r.items)
		if (e.examples.fp.length || e.examples.fn.length)
			lines.push(`${e.item}: FP ${e.examples.fp.join(' ')} | FN ${e.examples.fn.join(' ')}`);
	return lines.join('\n');
}
