// Review exchange as one Parquet file (the layout of records.ts, typed columns). duckdb-wasm has no parquet
// extension here and may load nothing from the network (db/settings.ts), so the pure-JS hyparquet reader and
// hyparquet-writer do the format; DuckDB never sees the file. Works the same in the browser and in Node.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { COLUMNS, checkHeader, validateRows, type ColumnKind, type ExchangeIssue, type ExchangeRecord, type ParsedFile } from './records';
import { errorMessage } from '../i18n/error-message';
import { MASKED, PRIVACY_META, privacyValue, type ExportPrivacy } from '../privacy/export-privacy';
import { maskRecord } from './mask-records';

const WRITE_TYPE: Record<ColumnKind, 'STRING' | 'INT32' | 'DOUBLE' | 'TIMESTAMP'> = {
	text: 'STRING',
	int: 'INT32',
	number: 'DOUBLE',
	time: 'TIMESTAMP'
};

/** The physical types a column of each kind may have when read back (files from other tools included). */
const READ_TYPES: Record<ColumnKind, string[]> = {
	text: ['BYTE_ARRAY'],
	int: ['INT32', 'INT64'],
	number: ['DOUBLE', 'FLOAT', 'INT32', 'INT64'],
	time: ['INT64', 'INT96', 'BYTE_ARRAY']
};

const asDate = (s: string | null) => (s == null ? null : new Date(s.replace(' ', 'T') + 'Z'));

export function recordsToParquet(input: readonly ExchangeRecord[], privacy: ExportPrivacy = MASKED): Uint8Array {
	const records = input.map((r) => maskRecord(r, privacy));
	const buffer = parquetWriteBuffer({
		columnData: COLUMNS.map((c) => ({
			name: c.name,
			type: WRITE_TYPE[c.kind],
			data: records.map((r) => (c.kind === 'time' ? asDate(r[c.name] as string | null) : r[c.name]))
		})),
		kvMetadata: [
			{ key: 'callqa.layout', value: 'review-exchange/1' },
			{ key: PRIVACY_META, value: privacyValue(privacy) }
		],
		createdBy: 'callqa'
	});
	return new Uint8Array(buffer);
}

/** Reads a review exchange Parquet file; a column of the wrong type is reported and ignored, bad rows left out. */
export async function parseReviewParquet(bytes: Uint8Array, file: string): Promise<ParsedFile> {
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	let names: string[];
	const wrong: ExchangeIssue[] = [];
	try {
		const meta = parquetMetadata(buffer);
		const leaves = meta.schema.slice(1);
		names = leaves.map((s) => s.name);
		for (const s of leaves) {
			const c = COLUMNS.find((x) => x.name === s.name);
			if (c && (!s.type || !READ_TYPES[c.kind].includes(s.type))) {
				wrong.push({
					file,
					row: null,
					severity: 'error',
					code: 'wrong_column_type',
					column: s.name,
					value: s.type ?? 'group',
					detail: WRITE_TYPE[c.kind]
				});
			}
		}
	} catch (e) {
		return {
			file,
			records: [],
			rowsTotal: 0,
			issues: [{ file, row: null, severity: 'error', code: 'unreadable', detail: errorMessage(e) }]
		};
	}
	const head = checkHeader(names, file);
	if (!head.isReadable) return { file, records: [], rowsTotal: 0, issues: [...head.issues, ...wrong] };
	let objects: Record<string, unknown>[];
	try {
		objects = await parquetReadObjects({ file: buffer });
	} catch (e) {
		return {
			file,
			records: [],
			rowsTotal: 0,
			issues: [{ file, row: null, severity: 'error', code: 'unreadable', detail: errorMessage(e) }]
		};
	}
	const ignored = new Set(wrong.map((w) => w.column));
	const rows = objects.map((o, i) => {
		const raw: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(o)) if (!ignored.has(k)) raw[k] = v;
		return { raw, row: i + 1 };
	});
	return validateRows(file, rows, [...head.issues, ...wrong]);
}
