// Turns one DuckDB connection into a Db's query/batch/transaction: statements run one at a time in call
// order, and a transaction holds the connection from BEGIN to COMMIT so no other caller's statement lands
// inside it (and is rolled back with it). The three backends share this; they only supply `exec`.
import type { Param, QueryResult, Queryable, Row, Statement } from './types';

export type Exec = <T = Row>(sql: string, params: Param[]) => Promise<QueryResult<T>>;

export interface SerialConnection {
	query<T = Row>(sql: string, params?: Param[]): Promise<QueryResult<T>>;
	batch(statements: readonly (Statement | string)[]): Promise<void>;
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Runs `fn` with the connection to itself (registering files, CHECKPOINT). */
	exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export function serialConnection(exec: Exec): SerialConnection {
	let queue: Promise<unknown> = Promise.resolve();
	const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
		const next = queue.then(fn, fn);
		queue = next.catch(() => undefined);
		return next;
	};
	const inTransaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
		let open = true;
		const tx: Queryable = {
			query: <R = Row>(sql: string, params: Param[] = []) => {
				if (!open) return Promise.reject(new Error('transaction: query after the transaction ended'));
				return exec<R>(sql, params);
			}
		};
		await exec('BEGIN TRANSACTION', []);
		try {
			const out = await fn(tx);
			open = false;
			await exec('COMMIT', []);
			return out;
		} catch (e) {
			open = false;
			// A failed COMMIT has already rolled back; ROLLBACK then fails too and must not hide the cause.
			await exec('ROLLBACK', []).catch(() => undefined);
			throw e;
		}
	};
	return {
		query: <T = Row>(sql: string, params: Param[] = []) => exclusive(() => exec<T>(sql, params)),
		batch: (statements) =>
			exclusive(() =>
				inTransaction(async (tx) => {
					for (const s of statements) await (typeof s === 'string' ? tx.query(s) : tx.query(s.sql, s.params ?? []));
				})
			),
		transaction: (fn) => exclusive(() => inTransaction(fn)),
		exclusive
	};
}
