// The exported reviews as an .xlsx for people (the review exchange CSV/Parquet stay the machine format): the same
// records and columns, headers in the UI's language, scores with one decimal, times as Excel dates. No DOM.
import type { SheetTable, TableColumn } from '../xlsx/write-table';
import { COLUMNS, type ExchangeRecord } from './records';

const FORMAT: Record<(typeof COLUMNS)[number]['kind'], TableColumn['format']> = {
	text: 'text',
	int: 'int',
	number: 'num',
	time: 'datetime'
};

/** One row per record; `header` names a column (the `xchg.col.<name>` message). */
export function reviewsTable(
	records: readonly ExchangeRecord[],
	header: (column: keyof ExchangeRecord) => string,
	name: string
): SheetTable {
	return {
		name,
		columns: COLUMNS.map((c) => ({ header: header(c.name), format: c.name === 'score' ? 'score' : FORMAT[c.kind] })),
		rows: records.map((r) => COLUMNS.map((c) => (r[c.name] as string | number | null | undefined) ?? null))
	};
}
