// The DuckDB the unit tests run the app's SQL on. By default native DuckDB (@duckdb/node-api, the CLI's engine, the
// same DuckDB version as the browser's duckdb-wasm) on one thread: the tests' SQL runs about 7× faster than in
// duckdb-wasm's blocking build (review-exchange/exchange.test.ts: 45 s → 6 s), which is what keeps the test command
// within its time. Native DuckDB carries extensions the browser's build lacks (json, parquet, icu), so every
// statement is checked for what they add and SQL the browser could not run fails the test, naming the reason.
// CALLQA_TEST_DB=wasm runs the same tests on duckdb-wasm instead (worth doing before a DuckDB upgrade);
// scoring/native-parity.test.ts holds both engines to the same findings and scores on the sample, and the e2e
// specs run everything in Chromium. Test-only.
import { createNativeDb } from '../../../cli/native-db';
import { createNodeWasmDb } from './node-wasm';
import type { Db } from './types';

export type TestDbEngine = 'native' | 'wasm';

export const TEST_DB_ENGINE: TestDbEngine = process.env.CALLQA_TEST_DB === 'wasm' ? 'wasm' : 'native';

/**
 * Functions native DuckDB has and duckdb-wasm 1.32.0 (DuckDB v1.4.3) has not: json, parquet and icu's (its
 * collations are checked apart). browser-sql-guard.test.ts compares the list with both engines' catalogs.
 */
export const BROWSER_MISSING_FUNCTIONS = [
	'->>',
	'add_parquet_key',
	'array_to_json',
	'check_peg_parser',
	'current_date',
	'current_localtime',
	'current_localtimestamp',
	'from_json',
	'from_json_strict',
	'get_current_time',
	'icu_calendar_names',
	'icu_sort_key',
	'json',
	'json_array',
	'json_array_length',
	'json_contains',
	'json_deserialize_sql',
	'json_each',
	'json_execute_serialized_sql',
	'json_exists',
	'json_extract',
	'json_extract_path',
	'json_extract_path_text',
	'json_extract_string',
	'json_group_array',
	'json_group_object',
	'json_group_structure',
	'json_keys',
	'json_merge_patch',
	'json_object',
	'json_pretty',
	'json_quote',
	'json_serialize_plan',
	'json_serialize_sql',
	'json_structure',
	'json_transform',
	'json_transform_strict',
	'json_tree',
	'json_type',
	'json_valid',
	'json_value',
	'make_timestamptz',
	'parquet_bloom_probe',
	'parquet_file_metadata',
	'parquet_kv_metadata',
	'parquet_metadata',
	'parquet_scan',
	'parquet_schema',
	'pg_timezone_names',
	'read_json',
	'read_json_auto',
	'read_json_objects',
	'read_json_objects_auto',
	'read_ndjson',
	'read_ndjson_auto',
	'read_ndjson_objects',
	'read_parquet',
	'row_to_json',
	'sql_auto_complete',
	'to_json',
	'today'
];

/** Collations duckdb-wasm has (icu adds a hundred more natively). */
export const BROWSER_COLLATIONS = ['nfc', 'noaccent', 'nocase'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = BROWSER_MISSING_FUNCTIONS.filter((f) => /^\w+$/.test(f));
const CHECKS: [RegExp, string][] = [
	[new RegExp(`\\b(${WORDS.map(escape).join('|')})\\s*\\(`, 'i'), 'a function of a DuckDB extension the browser does not have'],
	[/\bcurrent_date\b|\bcurrent_localtime(stamp)?\b/i, 'an icu function the browser does not have'],
	[/->>/, 'the json extension’s ->> operator'],
	[/::\s*json\b|\bAS\s+JSON\b/i, 'the JSON type of the json extension'],
	[/\bFORMAT\s*'?\s*(parquet|json)\b|\(\s*(parquet|json)\s*[,)]/i, 'COPY in a format of an extension the browser does not have'],
	[/\bAT\s+TIME\s+ZONE\b|\bTIMESTAMPTZ\b|\bTIMESTAMP\s+WITH\s+TIME\s+ZONE\b/i, 'time-zone arithmetic, which needs icu'],
	[/\bSET\s+(GLOBAL\s+|SESSION\s+)?(TimeZone|Calendar)\b/i, 'an icu setting'],
	[new RegExp(`\\bCOLLATE\\s+(?!(${BROWSER_COLLATIONS.join('|')})\\b)\\w+`, 'i'), 'a collation of icu']
];

/** SQL without its string literals, quoted identifiers and comments: what the checks look at. */
function code(sql: string): string {
	return sql
		.replace(/'(?:[^']|'')*'/g, "''")
		.replace(/"(?:[^"]|"")*"/g, '""')
		.replace(/--[^\n]*/g, '')
		.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Why the browser's DuckDB could not run `sql`, or null. */
export function browserCannotRun(sql: string): string | null {
	const text = code(sql);
	for (const [re, why] of CHECKS) {
		const m = re.exec(text);
		if (m) return `${why} (“${m[0].trim()}”)`;
	}
	return null;
}

function guarded(db: Db): Db {
	const check = (sql: string) => {
		const why = browserCannotRun(sql);
		if (why) throw new Error(`the browser's duckdb-wasm cannot run this statement: ${why}\n${sql}`);
	};
	const wrap = (inner: Db): Db => ({
		...inner,
		query: async (sql, params) => {
			check(sql);
			return inner.query(sql, params);
		},
		batch: async (statements) => {
			for (const s of statements) check(typeof s === 'string' ? s : s.sql);
			return inner.batch(statements);
		},
		transaction: (work) =>
			inner.transaction((tx) =>
				work({
					query: async (sql, params) => {
						check(sql);
						return tx.query(sql, params);
					}
				})
			)
	});
	return wrap(db);
}

/** A new, empty in-memory workspace database on the test engine. */
export async function createTestDb(): Promise<Db> {
	if (TEST_DB_ENGINE === 'wasm') return createNodeWasmDb();
	const db = await createNativeDb();
	await db.query('SET threads = 1');
	return guarded(db);
}
