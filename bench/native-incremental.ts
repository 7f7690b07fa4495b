/**
 * npx tsx bench/native-incremental.ts <base-dir> <day-dir>
 *
 * The incremental half of the scale benchmark (issue 13) on native DuckDB, in a workspace file as the app keeps
 * one: imports and scores <base-dir> (calls.csv + transcripts.csv, e.g. 100k calls), then imports the new calls of
 * <day-dir> (bench/generate-large.ts --from-copy) and scores what that import left pending, then activates a new
 * version of the rubric that changes one item and re-scores every call (the other items' findings are copied,
 * scoring/reuse.ts). The same library calls the app makes (importFiles, scorePending, scoreAll). Prints one JSON
 * line: each step's seconds and calls.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNativeDb } from '../cli/native-db';
import { importFiles } from '../src/lib/import/pipeline';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';
import { scoreAll, scorePending } from '../src/lib/scoring/dirty';
import type { Rubric } from '../src/lib/scoring/rubric';

const [baseDir, dayDir] = process.argv.slice(2);
if (!baseDir || !dayDir) {
	process.stderr.write('usage: npx tsx bench/native-incremental.ts <base-dir> <day-dir>\n');
	process.exit(2);
}

const files = (dir: string) =>
	['calls.csv', 'transcripts.csv'].map((f) => ({ name: path.join(dir, f), bytes: new Uint8Array(readFileSync(path.join(dir, f))) }));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** What `work` gives and how long it took (ms). */
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const result = await work();
	return [result, performance.now() - t];
}

/** The default rubric's next version with one more phrase in its first banned-phrase item: one item's SQL changes. */
function oneItemChanged(r: Rubric): Rubric {
	const changed = r.items.find((it) => it.rule.kind === 'phrase_banned')!.id;
	return {
		...r,
		version: r.version + 1,
		items: r.items.map((it) =>
			it.id === changed && it.rule.kind === 'phrase_banned'
				? { ...it, rule: { ...it.rule, phrases: [...it.rule.phrases, '爱莫能助'] } }
				: it
		)
	};
}

const work = mkdtempSync(path.join(tmpdir(), 'callqa-bench-incremental-'));
const db = await createNativeDb(path.join(work, 'workspace.duckdb'));
try {
	const rubric = DEFAULT_RUBRIC_ZH;
	const [, baseImport] = await timed(() => importFiles(db, files(baseDir), {}));
	const [baseCalls, baseScore] = await timed(() => scorePending(db, rubric));
	const [, dayImport] = await timed(() => importFiles(db, files(dayDir), {}));
	const [dayCalls, dayScore] = await timed(() => scorePending(db, rubric));
	const [rescored, rescore] = await timed(() => scoreAll(db, oneItemChanged(rubric)));

	console.log(
		JSON.stringify({
			base_calls: baseCalls,
			base_import_s: seconds(baseImport),
			base_score_s: seconds(baseScore),
			day_calls: dayCalls,
			day_import_s: seconds(dayImport),
			day_score_s: seconds(dayScore),
			rescore_calls: rescored.calls,
			rescore_s: seconds(rescore)
		})
	);
} finally {
	await db.close();
	rmSync(work, { recursive: true, force: true });
}
