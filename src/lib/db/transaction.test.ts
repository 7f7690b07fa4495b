// Db.batch and Db.transaction on the Node backends (duckdb-wasm blocking and the CLI's native DuckDB): a write of
// several statements lands whole or not at all, and no other caller's statement runs inside it. The browser
// backend runs the same serialConnection (serial.ts) over its worker connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './types';
import { createNodeWasmDb } from './node-wasm';
import { createNativeDb } from '../../../cli/native-db';

const backends: { name: string; db?: Db; open: () => Promise<Db> }[] = [
	{ name: 'duckdb-wasm (Node)', open: createNodeWasmDb },
	{ name: 'native DuckDB (CLI)', open: () => createNativeDb() }
];

beforeAll(async () => {
	for (const b of backends) b.db = await b.open();
});
afterAll(async () => {
	for (const b of backends) await b.db?.close();
});

const names = async (db: Db) => (await db.query<{ name: string }>('SELECT name FROM tx_t ORDER BY id')).rows.map((r) => r.name);

describe.each(backends)('$name', (b) => {
	const db = () => b.db!;

	it('batch runs every statement with its parameters, in order', async () => {
		await db().query('CREATE OR REPLACE TABLE tx_t (id INTEGER, name VARCHAR)');
		await db().batch([
			{ sql: 'INSERT INTO tx_t VALUES (?, ?)', params: [1, "O'Brien; DROP TABLE tx_t; --"] },
			{ sql: 'INSERT INTO tx_t VALUES (?, ?)', params: [2, '张三'] },
			"UPDATE tx_t SET name = name || '!' WHERE id = 2"
		]);
		expect(await names(db())).toEqual(["O'Brien; DROP TABLE tx_t; --", '张三!']);
	});

	it('a failing third statement leaves the first two undone and rethrows its error', async () => {
		await db().query('CREATE OR REPLACE TABLE tx_t (id INTEGER, name VARCHAR)');
		await db().query("INSERT INTO tx_t VALUES (0, 'kept')");
		await expect(
			db().batch([
				{ sql: 'INSERT INTO tx_t VALUES (?, ?)', params: [1, 'a'] },
				{ sql: 'DELETE FROM tx_t WHERE id = ?', params: [0] },
				{ sql: 'INSERT INTO tx_no_such_table VALUES (?)', params: [2] }
			])
		).rejects.toThrow(/tx_no_such_table/);
		expect(await names(db())).toEqual(['kept']);
		// The connection is usable afterwards (no transaction left open).
		await db().batch(["INSERT INTO tx_t VALUES (3, 'after')"]);
		expect(await names(db())).toEqual(['kept', 'after']);
	});

	it('transaction commits what its callback wrote and returns its result', async () => {
		await db().query('CREATE OR REPLACE TABLE tx_t (id INTEGER, name VARCHAR)');
		const n = await db().transaction(async (tx) => {
			await tx.query('INSERT INTO tx_t VALUES (?, ?)', [1, 'x']);
			const { rows } = await tx.query<{ n: number }>('SELECT count(*) AS n FROM tx_t');
			return rows[0].n;
		});
		expect(n).toBe(1);
		expect(await names(db())).toEqual(['x']);
	});

	it('transaction rolls back when its callback throws', async () => {
		await db().query('CREATE OR REPLACE TABLE tx_t (id INTEGER, name VARCHAR)');
		await expect(
			db().transaction(async (tx) => {
				await tx.query('INSERT INTO tx_t VALUES (?, ?)', [1, 'x']);
				await tx.query('INSERT INTO tx_t VALUES (?, ?)', [2, 'y']);
				throw new Error('the user cancelled');
			})
		).rejects.toThrow('the user cancelled');
		expect(await names(db())).toEqual([]);
	});

	it("another caller's write waits for the transaction and is not rolled back with it", async () => {
		await db().query('CREATE OR REPLACE TABLE tx_t (id INTEGER, name VARCHAR)');
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let entered!: () => void;
		const isInside = new Promise<void>((r) => (entered = r));
		const tx = db().transaction(async (t) => {
			await t.query("INSERT INTO tx_t VALUES (1, 'tx')");
			entered();
			await held;
			throw new Error('rolled back');
		});
		await isInside;
		const other = db().query("INSERT INTO tx_t VALUES (2, 'other')");
		release();
		await expect(tx).rejects.toThrow('rolled back');
		await other;
		expect(await names(db())).toEqual(['other']);
	});
});
