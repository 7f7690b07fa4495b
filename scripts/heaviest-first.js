// Test-file order within each project (unit, then e2e) on a machine without vitest's results cache (a clean clone,
// CI): the slowest files start first, so the two workers finish together instead of one running a 30–40 s file alone
// at the end. With a cache, vitest's own order (failed, then slowest first) stands.
import { BaseSequencer } from 'vitest/node';
import path from 'node:path';

/** Seconds per file here (unit: 2026-12-05, native test DuckDB; files under 4 s keep vitest's order). */
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
	'cli/score-by-month.test.ts': 20,
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
	'src/lib/import/tabular/hostile-text.test.ts': 4,
	// e2e specs (2026-12-06, one at a time); specs under 11 s keep vitest's order.
	'tests/hostile-content.spec.ts': 33,
	'tests/review-exchange.spec.ts': 32,
	'tests/calibration.spec.ts': 31,
	'tests/sample.spec.ts': 30,
	'tests/csp.spec.ts': 29,
	'tests/real-exports.spec.ts': 26,
	'tests/kill-import.spec.ts': 24,
	'tests/compaction.spec.ts': 23,
	'tests/queue.spec.ts': 21,
	'tests/excel.spec.ts': 17,
	'tests/coaching.spec.ts': 16,
	'tests/import-cancel.spec.ts': 14,
	'tests/mapping.spec.ts': 16,
	'tests/activation-reload.spec.ts': 15,
	'tests/import.spec.ts': 14,
	'tests/rubric.spec.ts': 14,
	'tests/review.spec.ts': 14,
	'tests/kill-review.spec.ts': 13,
	'tests/leaderboard.spec.ts': 13,
	'tests/appeals.spec.ts': 13,
	'tests/near-miss.spec.ts': 12,
	'tests/voice.spec.ts': 12,
	'tests/kill-coaching.spec.ts': 11
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
