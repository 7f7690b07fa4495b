// Each KPI is defined once, in src/lib/metrics: no other source file (app, CLI, benchmarks) writes a KPI's formula
// or one of its inputs again, so two pages cannot show two figures for the same month. A new page that needs a KPI
// takes it from kpis.ts (kpiSql / kpiValue) instead of copying the SQL. Reads the source tree; no database.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, KPI_KEYS } from './definitions';
import { KPIS } from './kpis';

const ROOT = join(__dirname, '..', '..', '..');
const DIRS = ['src', 'cli', 'bench', 'scripts'];

function sources(dir: string): string[] {
	let out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out = out.concat(sources(path));
		else if (/\.(ts|mts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
	}
	return out;
}

// The modules of metrics/ that define KPIs (and their tests). The query builders beside them (build-*-sql.ts, …)
// pick calls and periods only, so they are checked like every other file.
const DEFINING = ['call-facts.ts', 'definitions.ts', 'kpi-row.ts', 'kpis.ts', 'agreement.test.ts', 'one-definition.test.ts'];

const FILES = DIRS.flatMap((d) => {
	try {
		return sources(join(ROOT, d));
	} catch {
		return [];
	}
})
	.map((path) => ({ path: relative(ROOT, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }))
	.filter((f) => !DEFINING.some((d) => f.path.startsWith(`src/lib/metrics/${d}`)));

// The tell-tale SQL or TS of each KPI's formula or of an input only a KPI uses, and a copy as it was written
// before metrics/ existed (each sign must recognise its copy, or the check below would pass vacuously).
const SIGNS: [string, RegExp, string][] = [
	['handled (not abandoned)', /abandoned IS (NOT )?TRUE/i, 'c.abandoned IS TRUE AS is_abandoned'],
	['service level', /FILTER \(WHERE[^\n]*ring_s <=|within_sl\)?\s*(::DOUBLE)?\s*\//i, 'kc.within_sl::DOUBLE / nullif(kc.ring_n, 0)'],
	['ASA', /avg\(\s*(\w+\.)?ring_s\s*\)|ring_sum\)?\s*(::DOUBLE)?\s*\//i, 'avg(ring_s) FILTER (WHERE NOT is_abandoned) AS asa'],
	['abandonment', /abandoned\)?\s*(::DOUBLE)?\s*\/\s*nullif/i, 'kc.abandoned::DOUBLE / nullif(kc.abandon_n, 0) AS abandonment'],
	[
		'AHT / handle time',
		/coalesce\(\s*(\w+\.)?talk_s, 0\)\s*\+|avg\(\s*(\w+\.)?handle_s\s*\)|handle_sum\)?\s*(::DOUBLE)?\s*\//i,
		'ELSE coalesce(c.talk_s, 0) + coalesce(c.hold_s, 0) + coalesce(c.wrap_s, 0) END'
	],
	[
		'resolution',
		/resolved IS TRUE|resolved\)?\s*(::DOUBLE)?\s*\/\s*nullif/i,
		'count(*) FILTER (WHERE NOT is_abandoned AND resolved IS TRUE) AS resolved'
	],
	[
		'FCR',
		/DAY FOLLOWING|started_at \+ INTERVAL|has_repeat|fcr\)?\s*(::DOUBLE)?\s*\//i,
		'AND n.started_at > c.started_at AND n.started_at <= c.started_at + INTERVAL 7 DAY'
	],
	['CSAT mean', /avg\(\s*(\w+\.)?csat\s*\)|csat_sum\)?\s*(::DOUBLE)?\s*\//i, 'avg(csat) AS csat_mean'],
	['CSAT %', /csat >= 4|satisfied\)?\s*(::DOUBLE)?\s*\//i, 'count(*) FILTER (WHERE csat >= 4) AS satisfied'],
	['QA score', /avg\(\s*(\w+\.)?score\s*\)|score_sum\)?\s*(::DOUBLE)?\s*\//i, 'SELECT f.period, avg(s.score) AS qa_avg'],
	['QA pass rate', /FILTER \(WHERE (\w+\.)?passed\)/i, 'count(*) FILTER (WHERE s.passed) AS passed'],
	[
		'complaint rate',
		/100(\.0)? \* [^\n]*complaints[^\n]*\//i,
		'100.0 * coalesce(km.complaints, 0) / nullif(kc.offered, 0) END AS complaint_rate'
	],
	[
		'complaint SLA',
		/resolved_at <= [^\n]*due_at|on_time\)?\s*(::DOUBLE)?\s*\//i,
		'count(*) FILTER (WHERE k.resolved_at <= k.due_at) AS on_time'
	],
	[
		'follow-up rate',
		/resolved_at IS NOT NULL AND [^\n]*followed_up_at|followed_up\)?\s*(::DOUBLE)?\s*\//i,
		'count(*) FILTER (WHERE k.resolved_at IS NOT NULL AND k.followed_up_at IS NOT NULL)'
	]
];

describe('every KPI has one definition', () => {
	it('each KPI of the written definitions has exactly one formula, and each formula a written definition', () => {
		expect(Object.keys(KPIS).sort()).toEqual([...KPI_KEYS].sort());
		expect(new Set(KPI_DEFINITIONS.map((d) => d.key)).size).toBe(KPI_DEFINITIONS.length);
	});

	it('finds the source files it checks', () => {
		expect(FILES.map((f) => f.path)).toEqual(
			expect.arrayContaining(['src/lib/metrics/build-kpi-sql.ts', 'src/lib/metrics/build-leaderboard-sql.ts', 'cli/score-command.ts'])
		);
	});

	it.each(SIGNS)('%s is written nowhere outside src/lib/metrics', (_kpi, sign) => {
		const found = FILES.flatMap((f) =>
			f.text.split('\n').flatMap((line, i) => (sign.test(line) ? [`${f.path}:${i + 1}: ${line.trim()}`] : []))
		);
		expect(found).toEqual([]);
	});

	it.each(SIGNS)('the sign of %s recognises a copy of its formula', (_kpi, sign, copy) => {
		expect(sign.test(copy)).toBe(true);
	});
});
