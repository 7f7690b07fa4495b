// Converts duckdb-wasm's Arrow results into plain rows and DuckDB type names, once, at the boundary.
// Shared by the browser worker and the Node test backend so both hand out identical values.
import type { Column, QueryResult, Row } from './types';

interface ArrowField {
	name: string;
	type: { typeId: number; toString(): string; unit?: number; scale?: number };
}
export interface ArrowTable {
	schema: { fields: ArrowField[] };
	numRows: number;
	getChildAt(i: number): { get(i: number): unknown } | null;
}

// Arrow type ids (apache-arrow's enum Type) we need to tell apart.
const INT = 2;
const FLOAT = 3;
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;
const LIST = 12;
const STRUCT = 13;

function typeName(field: ArrowField): string {
	const t = field.type;
	const s = t.toString();
	switch (t.typeId) {
		case INT:
			return /64/.test(s) ? 'BIGINT' : /8/.test(s) ? 'TINYINT' : /16/.test(s) ? 'SMALLINT' : 'INTEGER';
		case FLOAT:
			return /16|32/.test(s) && !/64/.test(s) ? 'FLOAT' : 'DOUBLE';
		case DECIMAL:
			return 'DECIMAL';
		case DATE:
			return 'DATE';
		case TIMESTAMP:
			return /,/.test(s) ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
		case LIST:
			return 'LIST';
		case STRUCT:
			return 'STRUCT';
		default:
			if (/Utf8/i.test(s)) return 'VARCHAR';
			if (/Bool/i.test(s)) return 'BOOLEAN';
			if (/Binary/i.test(s)) return 'BLOB';
			if (/Null/i.test(s)) return 'NULL';
			if (/Interval/i.test(s)) return 'INTERVAL';
			if (/Time/i.test(s)) return 'TIME';
			return s.toUpperCase();
	}
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats epoch milliseconds (plus optional extra microseconds) as a naive timestamp string. */
export function formatTimestamp(ms: number, extraMicros = 0): string {
	const d = new Date(Math.floor(ms));
	const micros = Math.round((ms - Math.floor(ms)) * 1000) + d.getUTCMilliseconds() * 1000 + extraMicros;
	const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	return micros ? `${base}.${pad(micros, 6)}` : base;
}

export function formatDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function convert(value: unknown, type: string, field: ArrowField): unknown {
	if (value === null || value === undefined) return null;
	switch (type) {
		case 'BIGINT':
		case 'INTEGER':
		case 'SMALLINT':
		case 'TINYINT':
			return typeof value === 'bigint' ? Number(value) : value;
		case 'DECIMAL': {
			// apache-arrow hands decimals as Uint32Array words; scale from the type.
			const scale = field.type.scale ?? 0;
			const raw = typeof value === 'object' ? BigInt(String(value)) : BigInt(value as number);
			return Number(raw) / 10 ** scale;
		}
		case 'TIMESTAMP':
		case 'TIMESTAMP WITH TIME ZONE':
			return formatTimestamp(Number(value));
		case 'DATE':
			return formatDate(Number(value));
		case 'LIST': {
			const v = value as { toArray?: () => unknown[] };
			return v.toArray ? Array.from(v.toArray(), (x) => (typeof x === 'bigint' ? Number(x) : x)) : value;
		}
		case 'STRUCT': {
			const v = value as { toJSON?: () => unknown };
			return v.toJSON ? v.toJSON() : value;
		}
		default:
			return typeof value === 'bigint' ? Number(value) : value;
	}
}

export function arrowToResult<T = Row>(table: ArrowTable): QueryResult<T> {
	const fields = table.schema.fields;
	const columns: Column[] = fields.map((f) => ({ name: f.name, type: typeName(f) }));
	const vectors = fields.map((_, i) => table.getChildAt(i));
	const rows: Row[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		for (let c = 0; c < fields.length; c++) {
			row[fields[c].name] = convert(vectors[c]?.get(r), columns[c].type, fields[c]);
		}
		rows[r] = row;
	}
	return { rows: rows as T[], columns };
}
