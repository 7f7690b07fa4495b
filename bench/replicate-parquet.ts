/**
 * npx tsx bench/replicate-parquet.ts <base-dir> <out-dir> [--calls 10000000] [--per-month 200000]
 *
 * Makes a years-long input for `callqa score --parquet` from the Parquet tables `callqa import` wrote for the scale
 * benchmark's files (<base-dir>/calls.parquet and segments.parquet): the base's calls copied until --calls, copy k of
 * a call with the id `<id>-<k>`, and the i-th call of all (copy by copy, by id) put in month i div --per-month from
 * January 2026 (a 200-seat centre takes about 200,000 calls a month), on its own day of the month (its day of the year
 * mod 28) and time of day. The turns are copied with their call. Writes <out-dir>/calls.parquet and
 * <out-dir>/segments.parquet; nothing is written to the repository.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { calls: { type: 'string' }, 'per-month': { type: 'string' } }
});
const [base, out] = positionals;
if (!base || !out) throw new Error('usage: replicate-parquet.ts <base-dir> <out-dir> [--calls N]');
const want = Number(values.calls ?? 10_000_000);
const perMonth = Number(values['per-month'] ?? 200_000);
const lit = (p: string) => `'${path.resolve(p).replaceAll("'", "''")}'`;
mkdirSync(out, { recursive: true });

const instance = await DuckDBInstance.create(':memory:');
const c = await instance.connect();
await c.run(`SET preserve_insertion_order = false; SET temp_directory = ${lit(path.join(out, '.spill'))}`);
const baseCalls = Number(
	(await c.runAndReadAll(`SELECT count(*) FROM read_parquet(${lit(path.join(base, 'calls.parquet'))})`)).getRows()[0][0]
);
const copies = Math.ceil(want / baseCalls);
// The first `want` of the copies' calls: whole copies, and the first calls (by id) of the last one.
const last = want - (copies - 1) * baseCalls;
const t0 = performance.now();
await c.run(
	`CREATE TABLE pick AS SELECT call_id, k, (k * ${baseCalls} + rn - 1) // ${perMonth} AS m
	FROM (SELECT call_id, k, row_number() OVER (PARTITION BY k ORDER BY call_id) AS rn
		FROM read_parquet(${lit(path.join(base, 'calls.parquet'))}), range(${copies}) r(k))
	WHERE k < ${copies - 1} OR rn <= ${last}`
);
const suffix = `'-' || lpad(CAST(p.k AS VARCHAR), 3, '0')`;
await c.run(
	`COPY (SELECT b.* REPLACE (b.call_id || ${suffix} AS call_id,
		make_date(2026 + CAST(p.m // 12 AS INTEGER), CAST(p.m % 12 AS INTEGER) + 1, dayofyear(b.started_at) % 28 + 1)
			+ CAST(b.started_at AS TIME) AS started_at)
	FROM read_parquet(${lit(path.join(base, 'calls.parquet'))}) b JOIN pick p ON p.call_id = b.call_id)
	TO ${lit(path.join(out, 'calls.parquet'))} (FORMAT parquet)`
);
await c.run(
	`COPY (SELECT s.* REPLACE (s.call_id || ${suffix} AS call_id)
	FROM read_parquet(${lit(path.join(base, 'segments.parquet'))}) s JOIN pick p ON p.call_id = s.call_id)
	TO ${lit(path.join(out, 'segments.parquet'))} (FORMAT parquet)`
);
const count = async (t: string) =>
	Number((await c.runAndReadAll(`SELECT count(*) FROM read_parquet(${lit(path.join(out, `${t}.parquet`))})`)).getRows()[0][0]);
console.log(
	JSON.stringify({
		calls: await count('calls'),
		segments: await count('segments'),
		copies,
		s: ((performance.now() - t0) / 1000).toFixed(1)
	})
);
c.closeSync();
