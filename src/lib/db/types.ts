// The one query interface every part of the app talks to. The browser worker, the Node test
// backend (duckdb-wasm blocking) and the CLI (@duckdb/node-api) implement it; nothing else sees Arrow.

export type Row = Record<string, unknown>;

export interface Column {
	name: string;
	/** DuckDB type name, upper case: VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP, DATE, … */
	type: string;
}

export interface QueryResult<T = Row> {
	rows: T[];
	columns: Column[];
}

/** A value that can be bound to a `?` placeholder. */
export type Param = string | number | boolean | null;

/** One statement of a {@link Db.batch}: SQL with `?` placeholders and their values. */
export interface Statement {
	sql: string;
	params?: Param[];
}

/** What a {@link Db.transaction} callback gets: queries that run inside the open transaction. */
export interface Queryable {
	query<T = Row>(sql: string, params?: Param[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
	/**
	 * Run one SQL statement (or several separated by `;` when `params` is empty) and return plain rows.
	 * BIGINT/HUGEINT/DECIMAL come back as numbers, TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.ffffff]',
	 * DATE as 'YYYY-MM-DD', LIST as arrays, NULL as null.
	 */
	query<T = Row>(sql: string, params?: Param[]): Promise<QueryResult<T>>;
	/**
	 * Run the statements in order in one transaction: all of them take effect or, when one fails, none
	 * (ROLLBACK, then the error is rethrown). No other caller's statement runs in between. A plain string is a
	 * statement without parameters.
	 */
	batch(statements: readonly (Statement | string)[]): Promise<void>;
	/**
	 * Run `fn` in one transaction (COMMIT when it resolves, ROLLBACK when it throws), for writes that read
	 * as they go. Use `tx.query`, never `db.query`, inside `fn`: the connection is held until it settles.
	 */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Make bytes readable by read_csv / read_json / read_parquet under `name`. */
	registerFile(name: string, data: Uint8Array): Promise<void>;
	/** Forget a registered file and free its memory. */
	dropFile(name: string): Promise<void>;
	/** Persist what has been written (CHECKPOINT on a file-backed database; no-op in memory). */
	checkpoint(): Promise<void>;
	/**
	 * Rewrite the workspace into a fresh file without its free blocks and switch to it (db/compact.ts). Only
	 * file-backed databases have it; the caller decides when (maybeCompact).
	 */
	compact?(): Promise<void>;
	close(): Promise<void>;
}
