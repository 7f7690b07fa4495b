// docs/scale.md tells a centre how to port the printed scoring SQL to Spark SQL or Trino, function by function.
// This keeps that table complete: every function the compiled default rubrics call must be listed in it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC_EN } from '../src/lib/scoring/default-rubric-en';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';
import { scoringSqlScript } from './scoring-sql-script';

/** Lower-case names called as functions in SQL text: string literals, comments, table definitions and aliases removed. */
function calledFunctions(sql: string): string[] {
	const code = sql
		// One pass, so a quote inside a comment or `--` inside a string does not confuse the other.
		.replace(/'(?:[^']|'')*'|--[^\n]*/g, (m) => (m.startsWith("'") ? "''" : ''))
		.replace(/CREATE (?:OR REPLACE )?(?:TEMP )?(?:TABLE|VIEW|MACRO) \w+\s*\(/g, '')
		.replace(/\)\s+\w+\s*\(/g, ') ');
	const names = new Set<string>();
	for (const m of code.matchAll(/\b([a-z_][a-z0-9_]*)\s*\(/g)) if (!m[1].startsWith('cqa_')) names.add(m[1]);
	return [...names].sort();
}

describe('docs/scale.md', () => {
	const doc = readFileSync('docs/scale.md', 'utf8');
	for (const rubric of [DEFAULT_RUBRIC_ZH, DEFAULT_RUBRIC_EN]) {
		it(`lists every function the ${rubric.id} scoring SQL calls`, () => {
			const used = calledFunctions(scoringSqlScript(rubric, { data: 'd', out: 'o', missing: ['voice_activity'] }));
			expect(used.length).toBeGreaterThan(30);
			expect(used.filter((f) => !new RegExp('`' + f + '[(`]').test(doc))).toEqual([]);
		});
	}
});
