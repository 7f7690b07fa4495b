// A full storage quota at the Db boundary, injected under real DuckDB (node-wasm): the write that hit it fails with
// one clear message, and the page hears of it even when the caller swallows the error (a background scoring run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeWasmDb } from './node-wasm';
import type { Db } from './types';
import { guardStorage, isStorageFull, StorageFullError } from './storage-full';
import { writeActiveRef } from '../scoring-ui/active-rubric';
import { ScoringState } from '../scoring-ui/scoring-state.svelte';
import { seedCalls } from '../scoring/test-calls';

let db: Db;
beforeAll(async () => {
	db = await createNodeWasmDb();
});
afterAll(async () => {
	await db.close();
});

/** `db` on a disk that is full: CHECKPOINT fails as OPFS does, and (when `writes`) so does every INSERT. */
function fullDisk(inner: Db, writes = false): Db {
	const ioError = () => new Error('IO Error: Could not write file "opfs://callqa.duckdb": No space left on device');
	return {
		...inner,
		query: (sql, params) => (writes && /^\s*INSERT/i.test(sql) ? Promise.reject(ioError()) : inner.query(sql, params)),
		batch: (statements) =>
			writes && statements.some((s) => /^\s*INSERT/i.test(typeof s === 'string' ? s : s.sql))
				? Promise.reject(ioError())
				: inner.batch(statements),
		checkpoint: () => Promise.reject(new DOMException('The operation failed because the quota was exceeded.', 'QuotaExceededError'))
	};
}

describe('isStorageFull', () => {
	it.each([
		[new DOMException('quota', 'QuotaExceededError'), true],
		[new Error('IO Error: Could not write file "x.db": No space left on device'), true],
		[new Error('IO Error: Could not truncate file "opfs://callqa.duckdb"'), true],
		[new Error('Failed to execute QuotaExceededError'), true],
		[new Error('Parser Error: syntax error at or near "SELEC"'), false],
		[new Error('Constraint Error: Duplicate key "call_id: c1"'), false],
		[new Error('IO Error: No files found that match the pattern "x.csv"'), false],
		['not an error', false]
	])('%s → %s', (e, want) => {
		expect(isStorageFull(e)).toBe(want);
	});
});

describe('guardStorage', () => {
	it('turns a refused CHECKPOINT into StorageFullError and reports it', async () => {
		const reported: StorageFullError[] = [];
		const guarded = guardStorage(fullDisk(db), (e) => reported.push(e));
		await expect(guarded.checkpoint()).rejects.toThrow(/storage for this workspace is full/);
		expect(reported).toHaveLength(1);
		expect(reported[0].cause).toBeInstanceOf(DOMException);
	});

	it('turns a refused write into StorageFullError, and leaves other errors as they are', async () => {
		const reported: StorageFullError[] = [];
		const guarded = guardStorage(fullDisk(db, true), (e) => reported.push(e));
		await expect(writeActiveRef(guarded, { id: 'x', version: 2 })).rejects.toBeInstanceOf(StorageFullError);
		await expect(guarded.query('SELEC 1')).rejects.toThrow(/Parser Error/);
		expect(reported).toHaveLength(1);
		expect((await guarded.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
	});

	it('reports a full disk hit by a background scoring run whose caller ignores the error', async () => {
		await seedCalls(db, [{ id: 'q1', turns: [['agent', 0, 2, '您好，请问有什么可以帮您']] }]);
		const reported: StorageFullError[] = [];
		const guarded = guardStorage(fullDisk(db), (e) => reported.push(e));
		const state = new ScoringState(async () => guarded);
		await state.scoreNew().catch(() => undefined);
		expect(reported).toHaveLength(1);
		expect(state.status).toBe('error');
		expect(state.error).toMatch(/storage for this workspace is full/);
	});
});
