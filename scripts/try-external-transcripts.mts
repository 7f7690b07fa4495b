// Runs importTranscript on every transcript-like file of the external folder (default ../shared/external)
// against a fresh in-memory DuckDB and prints what the report says per file. A manual check, not a test:
//   npx tsx scripts/try-external-transcripts.mts [external folder]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNodeWasmDb } from '../src/lib/db/node-wasm';
import { importTranscript } from '../src/lib/import/transcripts/import-transcript';
import { ensureSchema } from '../src/lib/db/schema';

const ROOT = process.argv[2] ?? '../shared/external';
const DIRS = ['vtt', 'aws', 'transcripts_zh', 'transcripts_en', 'audio', 'complaints_zh'];

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((n) => {
		const p = path.join(dir, n);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

const files = DIRS.flatMap((d) => walk(path.join(ROOT, d)))
	.filter((f) => /\.(vtt|srt|json|rttm|stm)$/i.test(f))
	.sort();

const db = await createNodeWasmDb();
await ensureSchema(db);
for (const f of files) {
	const rel = path.relative(ROOT, f);
	const r = await importTranscript(db, { name: rel, bytes: new Uint8Array(readFileSync(f)) });
	const calls = (await db.query<{ n: number }>('SELECT count(DISTINCT call_id) AS n FROM segments WHERE source_file = ?', [rel])).rows[0].n;
	const status = r.rows_loaded > 0 ? 'IMPORTED' : 'REJECTED';
	console.log(
		`\n${status} ${rel}  [${r.format}, ${r.encoding}]  calls=${calls} total=${r.rows_total} loaded=${r.rows_loaded} rejected=${r.rows_rejected}`
	);
	for (const e of r.errors.slice(0, 4)) console.log(`  error ${e.line ?? '-'}: ${e.reason}`);
	if (r.errors.length > 4) console.log(`  … ${r.errors.length - 4} more errors`);
	for (const w of r.warnings.slice(0, 3)) console.log(`  warn  ${w.line ?? '-'}: ${w.reason}`);
	if (r.speaker_map) console.log(`  speakers (${r.speaker_rule}): ${r.speaker_map.map((m) => `${m.label}→${m.role}`).join(', ')}`);
}
const total = (await db.query<{ n: number; c: number }>('SELECT count(*) AS n, count(DISTINCT call_id) AS c FROM segments')).rows[0];
console.log(`\nsegments in DB: ${total.n} rows, ${total.c} calls`);
await db.close();
