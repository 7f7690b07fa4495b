// duckdb-wasm's blocking Node build behind the Db interface: tests run the app's real SQL in Node
// with the very DuckDB version the browser runs. Not for production use (single connection, in memory).
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db, Param, QueryResult, Row } from './types';
import { arrowToResult, type ArrowTable } from './arrow-rows';
import { serialConnection } from './serial';
import { NO_NETWORK_SQL } from './settings';

const require = createRequire(import.meta.url);

/** The part of the blocking build's DuckDB instance this module uses. */
interface Instance {
	instantiate(): Promise<unknown>;
	open(config: { path: string }): void;
	connect(): Connection;
	registerFileBuffer(name: string, data: Uint8Array): void;
	dropFile(name: string): void;
	dropFiles(): void;
}
interface Connection {
	query(sql: string): ArrowTable;
	prepare(sql: string): { query(...params: Param[]): ArrowTable; close(): void };
	close(): void;
}

// Instantiating the wasm costs over a second (emscripten links its symbols in JS each time) while opening a new
// in-memory database in an instance costs tens of milliseconds, and test files open hundreds of databases: a
// closed database's instance waits here and the next createNodeWasmDb opens a fresh, empty database in it.
const idle: Instance[] = [];

async function freshInstance(): Promise<Instance> {
	const reused = idle.pop();
	if (reused) {
		reused.open({ path: ':memory:' });
		return reused;
	}

	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const bundles = {
		mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
		eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
	};
	const logger = new duckdb.VoidLogger();
	const db: Instance = await duckdb.createDuckDB(bundles, logger, duckdb.NODE_RUNTIME);
	await db.instantiate();
	return db;
}

export async function createNodeWasmDb(): Promise<Db> {
	const db = await freshInstance();
	const conn = db.connect();
	conn.query(NO_NETWORK_SQL);
	const serial = serialConnection(async <T = Row>(sql: string, params: Param[]): Promise<QueryResult<T>> => {
		if (params.length === 0) return arrowToResult<T>(conn.query(sql));
		const stmt = conn.prepare(sql);
		try {
			return arrowToResult<T>(stmt.query(...params));
		} finally {
			stmt.close();
		}
	});
	return {
		query: serial.query,
		batch: serial.batch,
		transaction: serial.transaction,
		async registerFile(name: string, data: Uint8Array) {
			db.registerFileBuffer(name, data);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async checkpoint() {},
		async close() {
			conn.close();
			db.dropFiles();
			idle.push(db);
		}
	};
}
