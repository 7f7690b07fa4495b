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

export interface Db {
	/**
	 * Run one SQL statement (or several separated by `;` when `params` is empty) and return plain rows.
	 * BIGINT/HUGEINT/DECIMAL come back as numbers, TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.ffffff]',
	 * DATE as 'YYYY-MM-DD', LIST as arrays, NULL as null.
	 */
	query<T = Row>(sql: string, params?: Param[]): Promise<QueryResult<T>>;
	/** Make bytes readable by read_csv / read_json / read_parquet under `name`. */
	registerFile(name: string, data: Uint8Array): Promise<void>;
	/** Forget a registered file and free its memory. */
	dropFile(name: string): Promise<void>;
	/** Persist what has been written (CHECKPOINT on a file-backed database; no-op in memory). */
	checkpoint(): Promise<void>;
	close(): Promise<void>;
}
