// Test-file order for the unit project on a machine without vitest's results cache (a clean clone, CI): the slowest
// files start first, so the two workers finish together instead of one running a 40 s file alone at the end. With a
// cache, vitest's own order (failed, then slowest first) stands.
import { BaseSequencer } from 'vitest/node';
import path from 'node:path';

/** Seconds per file in a unit run here (2026-12-05, native test DuckDB); files under 4 s keep vitest's order. */
/** @type {Record<string, number>} */
const SECONDS = {
	'src/lib/scoring/native-parity.test.ts': 28,
	'src/lib/scoring/reuse.test.ts': 28,
	'cli/score-command.test.ts': 19,
	'src/lib/scoring-ui/scoring-state.test.ts': 16,
	'cli/hostile-corpus.test.ts': 15,
	'src/lib/dashboard/rollup-sql.test.ts': 15,
	'cli/main.test.ts': 10,
	'cli/sql-command.test.ts': 10,
	'src/lib/scoring/evaluate-sample.test.ts': 10,
	'src/lib/scoring/score.test.ts': 9,
	'src/lib/voice/score-from-audio.test.ts': 9,
	'src/lib/db/compact.test.ts': 8,
	'src/lib/import/call-rows.test.ts': 8,
	'src/lib/import/tabular/import-tabular.test.ts': 7,
	'src/lib/backup/backup.test.ts': 5,
	'src/lib/review-exchange/exchange.test.ts': 5,
	'src/lib/scoring/phrase-matching.test.ts': 5,
	'src/lib/metrics/build-kpi-sql.test.ts': 4,
	'src/lib/import/tabular/hostile-text.test.ts': 4
};

export class HeaviestFirst extends BaseSequencer {
	/** @param {import('vitest/node').TestSpecification[]} files */
	async sort(files) {
		const sorted = await super.sort(files);
		const root = this.ctx.config.root;
		/** @param {import('vitest/node').TestSpecification} f */
		const key = (f) => `${f.project.name}:${path.relative(root, f.moduleId)}`;
		if (sorted.every((f) => this.ctx.cache.getFileTestResults(key(f)))) return sorted;
		/** @param {import('vitest/node').TestSpecification} f */
		const seconds = (f) => SECONDS[path.relative(root, f.moduleId)] ?? 0;
		const index = new Map(sorted.map((f, i) => [f, i]));
		return [...sorted].sort((a, b) =>
			a.project.name !== b.project.name
				? (index.get(a) ?? 0) - (index.get(b) ?? 0)
				: seconds(b) - seconds(a) || (index.get(a) ?? 0) - (index.get(b) ?? 0)
		);
	}
}
