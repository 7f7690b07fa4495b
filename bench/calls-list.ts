// Calls list at scale in node-wasm (the DuckDB build the browser runs): loads the Parquet tables `callqa score`
// wrote, then times a page query, sorted pages, the filters, and the transcript-words search (first run builds
// call_text; later runs use it), against a plain normalise-every-segment query for comparison.
//   npx tsx bench/generate-large.ts /tmp/cq-100k && npx callqa score /tmp/cq-100k --out /tmp/cq-100k-out
//   npx tsx bench/calls-list.ts /tmp/cq-100k-out
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNativeDb } from '../cli/native-db';
import { createNodeWasmDb } from '../src/lib/db/node-wasm';
import { ensureSchema } from '../src/lib/db/schema';
import { listCalls, type CallsQuery } from '../src/lib/calls/calls-sql';
import { NORM_MACRO_SQL } from '../src/lib/text/normalize';

const dir = process.argv[2];
if (!dir)
	throw new Error('usage: npx tsx bench/calls-list.ts <dir with calls.parquet, segments.parquet[, scores.parquet, findings.parquet]>');

// duckdb-wasm in Node has no parquet extension (and no network to fetch one): native DuckDB turns the tables
// into CSV files for it first.
const tmp = mkdtempSync(path.join(tmpdir(), 'cq-calls-list-'));
const native = await createNativeDb();
const tables = ['calls', 'segments', 'scores', 'findings', 'complaints'].filter((t) => existsSync(path.join(dir, `${t}.parquet`)));
for (const t of tables)
	await native.query(`COPY (SELECT * FROM read_parquet('${path.join(dir, t + '.parquet')}')) TO '${path.join(tmp, t + '.csv')}' (HEADER)`);
await native.close();

const db = await createNodeWasmDb();
await ensureSchema(db);
for (const t of tables) {
	await db.registerFile(`${t}.csv`, readFileSync(path.join(tmp, `${t}.csv`)));
	// `callqa score` writes scores and findings of one rubric without its id (findings without its version).
	const rid = t === 'scores' ? `'default-zh' AS rubric_id, ` : t === 'findings' ? `'default-zh' AS rubric_id, 1 AS rubric_version, ` : '';
	await db.query(`INSERT INTO ${t} BY NAME SELECT ${rid}* FROM read_csv('${t}.csv', header = true)`);
	await db.dropFile(`${t}.csv`);
}
rmSync(tmp, { recursive: true, force: true });
const counts = (
	await db.query<{ c: number; s: number; sc: number }>(
		'SELECT (SELECT count(*) FROM calls) c, (SELECT count(*) FROM segments) s, (SELECT count(*) FROM scores) sc'
	)
).rows[0];
console.log(`calls ${counts.c}, segments ${counts.s}, scores ${counts.sc}`);
const rubric = (await db.query<{ id: string; v: number }>('SELECT rubric_id AS id, rubric_version AS v FROM scores LIMIT 1')).rows[0];
const R = rubric ? { id: rubric.id, version: Number(rubric.v) } : null;

// CPU time as well as wall time: the blocking wasm build runs on this thread, so CPU time is the work done even
// when other processes share the machine's cores (wall time then mostly measures the wait).
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

async function time(label: string, q: Partial<CallsQuery>, runs = 5): Promise<void> {
	const ms: number[] = [];
	const cpu: number[] = [];
	let total = 0;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const c0 = cpuMs();
		total = (await listCalls(db, { page: 1, q: '', rubric: R, ...q })).total;
		ms.push(performance.now() - t0);
		cpu.push(cpuMs() - c0);
	}
	ms.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	const mid = Math.floor(runs / 2);
	console.log(
		`${label.padEnd(44)} median wall ${ms[mid].toFixed(0).padStart(5)} ms, cpu ${cpu[mid].toFixed(0).padStart(5)} ms  (wall min ${ms[0].toFixed(0)})  ${total} calls`
	);
}
async function once(label: string, work: () => Promise<unknown>): Promise<void> {
	const t0 = performance.now();
	const c0 = cpuMs();
	await work();
	console.log(
		`${label.padEnd(44)} wall ${(performance.now() - t0).toFixed(0).padStart(5)} ms, cpu ${(cpuMs() - c0).toFixed(0).padStart(5)} ms`
	);
}

await time('page 1, newest first', {});
await time('page 1000, newest first', { page: 1000 });
await time('sort by score', { sort: 'score', dir: 'asc' });
await time('sort by talk time desc', { sort: 'talk', dir: 'desc' });
await time('agent + date range + channel', { agent: 'A1005', from: '2026-08-01', to: '2026-08-31', channel: 'phone' });
await time('failed item (greeting)', { item: 'greeting' });
await time('score band 60–80, CSAT 1', { scoreMin: 60, scoreMax: 80, csat: 1 });

await db.query(NORM_MACRO_SQL);
await once('words, normalising every segment per query', () =>
	db.query(
		`SELECT count(*) AS n FROM calls c WHERE EXISTS (SELECT 1 FROM segments s WHERE s.call_id = c.call_id AND contains(cqa_norm(s.text), cqa_norm('退款')))`
	)
);
await once('words, first run (builds call_text lazily)', () => listCalls(db, { page: 1, q: '', words: '退款', rubric: R }));
await time('words "退款"', { words: '退款' });
await time('words "您好 稍等" + sort by score', { words: '您好 稍等', sort: 'score' });
await db.close();
