// Manual check, not a test: imports the real third-party exports of the external folder (default
// ../shared/external, never copied into the repo) into fresh in-memory databases and prints each FileReport
// summary.
//   npx tsx scripts/try-external-tabular.mts [external folder]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeWasmDb } from '../src/lib/db/node-wasm';
import { importTabular } from '../src/lib/import/tabular/import-tabular';

const ROOT = process.argv[2] ?? '../shared/external';
const FILES: [string, string][] = [
	['call_logs/technion_anonymous_bank_1999_february.tsv', 'calls'],
	['call_logs/pwc_call_center_dataset.csv', 'calls'],
	['complaints_en/comcast_telecom_complaints_data.csv', 'complaints'],
	['complaints_zh/chezhiwang_12365auto_car_complain.csv', 'complaints'],
	['complaints_zh/heimao_sina_tousu_example_data_structured.csv', 'complaints']
];

function topReasons(issues: { reason: string }[]): string[] {
	const counts = new Map<string, number>();
	// Group by the reason with values stripped, so "x: \"a\" is not a date" and "…\"b\"…" count together.
	for (const i of issues) {
		const key = i.reason.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 4)
		.map(([k, c]) => `${c} × ${k}`);
}

for (const [rel, table] of FILES) {
	const db = await createNodeWasmDb();
	const bytes = new Uint8Array(readFileSync(path.join(ROOT, rel)));
	const t0 = performance.now();
	const r = await importTabular(db, { name: path.basename(rel), bytes });
	const ms = Math.round(performance.now() - t0);
	console.log(`\n=== ${rel}  (${ms} ms)`);
	console.log(`kind=${r.kind} format=${r.format} encoding=${r.encoding}`);
	console.log(
		`total=${r.rows_total} loaded=${r.rows_loaded} rejected=${r.rows_rejected} warnings=${r.warnings.length} balanced=${r.rows_loaded + r.rows_rejected === r.rows_total}`
	);
	console.log('recognised:', r.columns_recognised.map((c) => `${c.column}→${c.field}`).join(', '));
	console.log('ignored:', r.columns_ignored.join(', '));
	console.log('first errors:', JSON.stringify(r.errors.slice(0, 3)));
	console.log('top error reasons:', topReasons(r.errors));
	console.log('first warnings:', JSON.stringify(r.warnings.slice(0, 3)));
	console.log('top warning reasons:', topReasons(r.warnings));
	const rows = (await db.query(`SELECT * EXCLUDE (source_file) FROM ${table} ORDER BY source_line LIMIT 3`)).rows;
	for (const row of rows) console.log('  ', JSON.stringify(row));
	const inDb = (await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0];
	const errs = (await db.query(`SELECT severity, count(*) AS n FROM import_errors GROUP BY 1 ORDER BY 1`)).rows;
	console.log(`rows in ${table}: ${JSON.stringify(inDb)}; import_errors: ${JSON.stringify(errs)}`);
	await db.close();
}
