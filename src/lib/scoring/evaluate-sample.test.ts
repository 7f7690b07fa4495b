// The default Chinese rubric against the sample centre's ground truth: precision and recall of "fail" ≥ 0.95
// for every item (sample-data/README.md lists the items and thresholds).
import { describe, expect, it } from 'vitest';
import { evaluateSample } from './sample-eval';

describe('default zh rubric on sample-data/out', () => {
	it("finds every item's failures with precision and recall ≥ 0.95", async () => {
		const r = await evaluateSample();
		expect(r.items.map((e) => e.item).sort()).toEqual(
			[
				'banned_phrase',
				'closing',
				'courtesy',
				'dead_air',
				'greeting',
				'identity_check',
				'interruption',
				'pii_disclosure',
				'promise',
				'reply_latency',
				'speech_rate'
			].sort()
		);
		for (const e of r.items) {
			expect(e.precision, `${e.item} precision (FP ${e.examples.fp.join(' ')})`).toBeGreaterThanOrEqual(0.95);
			expect(e.recall, `${e.item} recall (FN ${e.examples.fn.join(' ')})`).toBeGreaterThanOrEqual(0.95);
			expect(e.naMismatch, `${e.item} n/a mismatches`).toBe(0);
		}
		expect(r.calls).toBe(5467);
	}, 120_000);
});
