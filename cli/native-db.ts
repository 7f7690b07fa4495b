// The Db interface over native DuckDB (@duckdb/node-api) for the CLI: same SQL, same plain-row values as
// the duckdb-wasm backends (src/lib/db/arrow-rows.ts is the contract). Not used in the browser.
import { mkdtemp, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	DuckDBBlobValue,
	DuckDBDateValue,
	DuckDBDecimalValue,
	DuckDBInstance,
	DuckDBListValue,
	DuckDBArrayValue,
	DuckDBStructValue,
	DuckDBTimestampMillisecondsValue,
	DuckDBTimestampNanosecondsValue,
	DuckDBTimestampSecondsValue,
	DuckDBTimestampTZValue,
	DuckDBTimestampValue,
	DuckDBTimeValue,
	DuckDBTypeId,
	BOOLEAN,
	DOUBLE,
	SQLNULL,
	VARCHAR,
	type DuckDBType,
	type DuckDBValue
} from '@duckdb/node-api';
import type { Column, Db, Param, QueryResult, Row } from '../src/lib/db/types';
import { formatDate, formatTimestamp } from '../src/lib/db/arrow-rows';
import { NO_NETWORK_SQL } from '../src/lib/db/settings';
import { copyDatabaseTo } from '../src/lib/db/compact';
import { serialConnection } from '../src/lib/db/serial';
import { sqlString } from '../src/lib/db/sql';

const MS_PER_DAY = 86_400_000;

/** Type names as arrow-rows.ts derives them from Arrow, so `columns` match across backends. */
function typeName(type: DuckDBType): string {
	switch (type.typeId) {
		case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.UBIGINT:
			return 'BIGINT';
		case DuckDBTypeId.INTEGER:
		case DuckDBTypeId.UINTEGER:
			return 'INTEGER';
		case DuckDBTypeId.SMALLINT:
		case DuckDBTypeId.USMALLINT:
			return 'SMALLINT';
		case DuckDBTypeId.TINYINT:
		case DuckDBTypeId.UTINYINT:
			return 'TINYINT';
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
		case DuckDBTypeId.DECIMAL:
			return 'DECIMAL';
		case DuckDBTypeId.TIMESTAMP:
		case DuckDBTypeId.TIMESTAMP_S:
		case DuckDBTypeId.TIMESTAMP_MS:
		case DuckDBTypeId.TIMESTAMP_NS:
			return 'TIMESTAMP';
		case DuckDBTypeId.TIMESTAMP_TZ:
			return 'TIMESTAMP WITH TIME ZONE';
		case DuckDBTypeId.LIST:
		case DuckDBTypeId.ARRAY:
			return 'LIST';
		case DuckDBTypeId.STRUCT:
			return 'STRUCT';
		case DuckDBTypeId.ENUM:
		case DuckDBTypeId.UUID:
			return 'VARCHAR';
		case DuckDBTypeId.SQLNULL:
			return 'NULL';
		default:
			return type.toString().toUpperCase();
	}
}

/** Epoch milliseconds of a timestamp value, as Arrow hands them to arrow-rows.ts. */
function timestampMs(v: DuckDBValue): number | null {
	if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return Number(v.micros) / 1000;
	if (v instanceof DuckDBTimestampMillisecondsValue) return Number(v.millis);
	if (v instanceof DuckDBTimestampSecondsValue) return Number(v.seconds) * 1000;
	if (v instanceof DuckDBTimestampNanosecondsValue) return Number(v.nanos) / 1e6;
	return null;
}

/**
 * A value nested in a LIST or STRUCT, as arrow-rows.ts passes it on from Arrow's raw vectors: numbers plain,
 * timestamps as their integer count in the column's unit, dates as days since the epoch.
 */
function nested(v: DuckDBValue): unknown {
	if (v === null || v === undefined) return null;
	if (typeof v === 'bigint') return Number(v);
	if (typeof v !== 'object') return v;
	if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return Number(v.micros);
	if (v instanceof DuckDBTimestampMillisecondsValue) return Number(v.millis);
	if (v instanceof DuckDBTimestampSecondsValue) return Number(v.seconds);
	if (v instanceof DuckDBTimestampNanosecondsValue) return Number(v.nanos);
	if (v instanceof DuckDBDateValue) return v.days;
	if (v instanceof DuckDBDecimalValue) return Number(v.value) / 10 ** v.scale;
	if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return v.items.map(nested);
	if (v instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, nested(x)]));
	if (v instanceof DuckDBBlobValue) return new Uint8Array(v.bytes);
	if (v instanceof DuckDBTimeValue) return Number(v.micros);
	return String(v);
}

function convert(v: DuckDBValue): unknown {
	if (v === null || v === undefined) return null;
	if (typeof v === 'bigint') return Number(v);
	if (typeof v !== 'object') return v;
	const ms = timestampMs(v);
	if (ms !== null) return formatTimestamp(ms);
	if (v instanceof DuckDBDateValue) return formatDate(v.days * MS_PER_DAY);
	if (v instanceof DuckDBDecimalValue) return Number(v.value) / 10 ** v.scale;
	return nested(v);
}

/** duckdb-wasm binds every JS number as DOUBLE (`?::VARCHAR` of 3 is '3.0'); bind them the same way here. */
function paramTypes(params: Param[]): DuckDBType[] {
	return params.map((p) => (typeof p === 'number' ? DOUBLE : typeof p === 'boolean' ? BOOLEAN : p === null ? SQLNULL : VARCHAR));
}

export async function createNativeDb(dbPath?: string): Promise<Db> {
	const onDisk = dbPath !== undefined && dbPath !== ':memory:';
	const files = await mkdtemp(path.join(tmpdir(), 'callqa-files-'));
	const connect = async () => {
		const instance = await DuckDBInstance.create(dbPath ?? ':memory:', { autoinstall_known_extensions: 'false' });
		const conn = await instance.connect();
		await conn.run(NO_NETWORK_SQL);
		// Importers read registered files by bare name (read_csv('cqa_import_1.csv')); DuckDB looks
		// relative paths up in file_search_path. https://duckdb.org/docs/stable/configuration/overview
		await conn.run(`SET file_search_path = ${sqlString(files)}`);
		// Naive timestamps cast from current_timestamp should read as UTC, as in duckdb-wasm (no ICU zone).
		await conn.run(`SET TimeZone = 'UTC'`).catch(() => {});
		return { instance, conn };
	};
	// A database that cannot be opened (a locked or corrupt file) leaves no file area behind.
	let { instance, conn } = await connect().catch(async (e: unknown) => {
		await rm(files, { recursive: true, force: true });
		throw e;
	});
	let closed = false;

	const fileFor = (name: string) => {
		const p = path.resolve(files, name);
		if (!p.startsWith(files + path.sep)) throw new Error(`registerFile: name escapes the file area: ${name}`);
		return p;
	};

	// Statements run one at a time in call order and a transaction holds the connection (serial.ts), as in the browser.
	const exec = async <T = Row>(sql: string, params: Param[]): Promise<QueryResult<T>> => {
		const reader = params.length === 0 ? await conn.runAndReadAll(sql) : await conn.runAndReadAll(sql, params, paramTypes(params));
		const names = reader.columnNames();
		const columns: Column[] = reader.columnTypes().map((t, i) => ({ name: names[i], type: typeName(t) }));
		const raw = reader.getRows();
		const rows: Row[] = new Array(raw.length);
		for (let r = 0; r < raw.length; r++) {
			const row: Row = {};
			for (let c = 0; c < names.length; c++) row[names[c]] = convert(raw[r][c]);
			rows[r] = row;
		}
		return { rows: rows as T[], columns };
	};
	// CALLQA_TRACE_SQL=<ms>: every statement slower than that goes to stderr with its time (how bench/ finds hot spots).
	const traceMs = Number(process.env.CALLQA_TRACE_SQL ?? NaN);
	const traced: typeof exec = Number.isFinite(traceMs)
		? async (sql, params) => {
				const t = performance.now();
				try {
					return await exec(sql, params);
				} finally {
					const ms = performance.now() - t;
					if (ms >= traceMs) process.stderr.write(`[sql ${ms.toFixed(0)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`);
				}
			}
		: exec;
	const serial = serialConnection(traced);
	return {
		query: serial.query,
		batch: serial.batch,
		transaction: serial.transaction,
		async registerFile(name: string, data: Uint8Array) {
			const p = fileFor(name);
			await mkdir(path.dirname(p), { recursive: true });
			await writeFile(p, data);
		},
		async dropFile(name: string) {
			await unlink(fileFor(name)).catch(() => {});
		},
		async checkpoint() {
			if (onDisk) await conn.run('CHECKPOINT');
		},
		// The copy is written beside the file and renamed over it (atomic on one file system) once complete and
		// checked: a kill before the rename leaves the old workspace, after it the compact one.
		compact: onDisk
			? () =>
					serial.exclusive(async () => {
						const target = `${dbPath}.compact`;
						await rm(target, { force: true });
						await rm(`${target}.wal`, { force: true });
						await conn.run('CHECKPOINT');
						await copyDatabaseTo({ query: (sql, params = []) => exec(sql, params) }, target);
						conn.closeSync();
						instance.closeSync();
						await rename(target, dbPath);
						await rm(`${dbPath}.wal`, { force: true });
						({ instance, conn } = await connect());
					})
			: undefined,
		async close() {
			if (closed) return;
			closed = true;
			conn.closeSync();
			instance.closeSync();
			await rm(files, { recursive: true, force: true });
		}
	};
}
