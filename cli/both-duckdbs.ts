// Tests that hold the two DuckDBs to the same answers (the browser's duckdb-wasm, the CLI's native DuckDB) open
// both here: one of each for the file, closed after it. Test-only; vitest's hooks.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../src/lib/db/types';
import { createNodeWasmDb } from '../src/lib/db/node-wasm';
import { createNativeDb } from './native-db';

export interface BothDuckDbs {
	wasm: Db;
	native: Db;
}

/** Opens both before the file's tests and closes them after; read the fields inside tests (they are set then). */
export function bothDuckDbs(): BothDuckDbs {
	const dbs = {} as BothDuckDbs;
	beforeAll(async () => {
		[dbs.wasm, dbs.native] = await Promise.all([createNodeWasmDb(), createNativeDb()]);
	});
	afterAll(async () => {
		await dbs.wasm?.close();
		await dbs.native?.close();
	});
	return dbs;
}
