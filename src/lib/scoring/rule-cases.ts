// Rule cases for the rule-kind tests (rules.test.ts, timing-rules.test.ts): tiny hand-made calls judged by one
// compiled item in node-wasm DuckDB, each with the result (and evidence) it must get.
import { expect } from 'vitest';
import type { Db } from '../db/types';
import { judge, oneItemRubric, type TestCall, type Turn } from './test-calls';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';

export interface Case {
	name: string;
	turns: Turn[];
	call?: Partial<TestCall>;
	expected: 'pass' | 'fail' | 'na';
	evidence?: string;
}

/** Runs each case as its own call through one compiled item and checks result (and evidence). */
export async function checkCases(db: Db, item: Record<string, unknown>, cases: Case[], extra: Record<string, unknown> = {}) {
	const calls = cases.map((c, i) => ({ id: `c${i}`, turns: c.turns, ...c.call }));
	const got = await judge(db, oneItemRubric(item, extra), calls);
	const table = cases.map((c, i) => ({ name: c.name, result: got[`c${i}`]?.result, evidence: got[`c${i}`]?.evidence }));
	for (const [i, c] of cases.entries()) {
		expect(table[i].result, `${c.name}: ${table[i].evidence}`).toBe(c.expected);
		if (c.evidence) expect(table[i].evidence, c.name).toContain(c.evidence);
	}
}

/** The default Chinese rubric's item `id`: its rule and when it applies. */
export const defaultItem = (id: string) => {
	const it = DEFAULT_RUBRIC_ZH.items.find((x) => x.id === id)!;
	return { rule: it.rule, applies_when: it.applies_when };
};
