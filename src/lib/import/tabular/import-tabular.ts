// Imports one CSV/TSV file (call log, complaints or transcript segments) into its canonical table: decode,
// sniff, map, bulk-read with DuckDB's read_csv, normalise in SQL, and account for every row in the report.
// Segments go through transcripts/commit-segments.ts like every other transcript format.
import type { Db } from '../../db/types';
import { ensureSchema } from '../../db/schema';
import { bulkInsert } from '../../db/bulk';
import { appendIssues } from '../issues-store';
import { emptyReport, type FileReport, type ImportIssue, type InputFile, type MappingPreset, type OnExisting } from '../types';
import { applyCommit, commitSegments, SEGMENT_COLUMNS } from '../transcripts/commit-segments';
import { isPlaceholderSql } from '../call-rows';
import { encodingLabel } from '../encoding';
import { ImportCancelled, issue, issueFromError, parseSqlIssue } from '../reasons';
import { guessKind, guessMapping, type TabularKind } from './fields';
import { findPreset } from './presets';
import { sniffTabular } from './preview';
import { blankRecords, recordIndexAt, scanRecordStarts, type RecordStarts } from './record-lines';
import { badQuoteIssue, headerCapIssue, longLineIssue, longLines, stripNul, undecodableWarnings } from './text-checks';
import { disguisedFileIssue } from '../disguised';
import { ensureParseMacros } from './sql-macros';
import { workbookCsv, workbookFormat, type WorkbookCsv } from '../workbook/workbook-csv';
import { buildInsertSql, buildIssuesSql, buildNormaliseSql, sqlString, type MappedColumn } from './build-normalise-sql';

export interface ImportTabularOptions {
	presets?: MappingPreset[];
	preset?: MappingPreset;
	kind?: TabularKind;
	/** Transcripts: what to do with calls whose transcript came from another file (default skip). */
	onExisting?: OnExisting;
	/** Aborted before the file's rows are written: throws ImportCancelled and writes nothing (pipeline.ts). */
	signal?: AbortSignal;
}

let importCounter = 0;

/** read_csv over the registered UTF-8 copy: every column VARCHAR, named c0…cN, reader rejects kept. */
export function buildStageSql(
	stage: string,
	fileName: string,
	columnCount: number,
	delimiter: string,
	rejects: { table: string; scan: string }
): string {
	const columns = Array.from({ length: columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
	// parallel=false: rows arrive in file order (rowid = record order) and null_padding copes with quoted newlines.
	return `CREATE TEMP TABLE ${stage} AS SELECT * FROM read_csv(${sqlString(fileName)},
	columns={${columns}}, header=true, auto_detect=false, delim=${sqlString(delimiter)}, quote='"', escape='"',
	null_padding=true, parallel=false, store_rejects=true, rejects_table=${sqlString(rejects.table)}, rejects_scan=${sqlString(rejects.scan)})`;
}

/** The records to take out before DuckDB reads the file: broken quoting, lines over the cap. */
function cutRecords(
	utf8: Uint8Array,
	records: RecordStarts
): { ranges: { start: number; end: number }[]; issues: ImportIssue[]; rows: number } {
	const found = new Map<number, { start: number; end: number; issue: ImportIssue; rows: number }>();
	for (const b of records.badQuotes) found.set(b.start, { start: b.start, end: b.end, issue: badQuoteIssue(b), rows: b.rows });
	for (const long of longLines(utf8)) {
		const idx = recordIndexAt(records.offsets, long.offset);
		if (idx < 0 || found.has(records.offsets[idx])) continue;
		const start = records.offsets[idx];
		found.set(start, { start, end: records.offsets[idx + 1] ?? utf8.length, issue: longLineIssue(long.line, long.bytes), rows: 1 });
	}
	const list = [...found.values()].sort((a, b) => a.start - b.start);
	return { ranges: list, issues: list.map((x) => x.issue), rows: list.reduce((s, x) => s + x.rows, 0) };
}

/** One warning per file whose rows with the same ids the accepted rows of `out` are about to replace. */
async function replacedRows(db: Db, kind: 'call_log' | 'complaints', out: string): Promise<ImportIssue[]> {
	const [table, id] = kind === 'call_log' ? ['calls', 'call_id'] : ['complaints', 'complaint_id'];
	// A call row a transcript or recording created is filled in by the call log, not replaced.
	const filled = kind === 'call_log' ? `AND NOT coalesce(${isPlaceholderSql('p')}, false)` : '';
	const rows = (
		await db.query<{ file: string | null; n: number; ids: string[] }>(
			`SELECT p.source_file AS file, count(*) AS n, list(p.${id} ORDER BY p.${id})[1:3] AS ids
			FROM ${out} o JOIN ${table} p ON p.${id} = o.${id}
			WHERE o.reject_reason IS NULL ${filled} GROUP BY 1 ORDER BY 2 DESC, 1`
		)
	).rows;
	return rows.map((r) => {
		const [n, file] = [Number(r.n), r.file ?? '?'];
		const ids = [...r.ids].join(', ') + (n > 3 ? ', …' : '');
		return issue(null, 'rows_replaced', `${n} row(s) replaced rows with the same id from file ${file} (${ids})`, { n, file, ids });
	});
}

function mappedColumns(headers: string[], mapping: Record<string, string>): MappedColumn[] {
	const seen = new Set<string>();
	const out: MappedColumn[] = [];
	headers.forEach((header, index) => {
		const field = mapping[header] ?? '';
		if (!field || seen.has(field)) return;
		seen.add(field);
		out.push({ header, index, field });
	});
	return out;
}

export async function importTabular(db: Db, file: InputFile, opts: ImportTabularOptions = {}): Promise<FileReport> {
	const report = emptyReport(file.name);
	// An Excel sheet is read as its CSV twin (workbook/workbook-csv.ts); line numbers are then the sheet's rows.
	let book: WorkbookCsv | null = null;
	if (workbookFormat(file.name, file.bytes)) {
		report.format = workbookFormat(file.name, file.bytes);
		try {
			book = await workbookCsv(file);
		} catch (e) {
			report.errors.push(issueFromError(e));
			return report;
		}
		report.sheet = { name: book.sheet, names: book.sheets };
	} else {
		// Binary files and hostile sizes are turned away before anything parses the bytes.
		const refused = disguisedFileIssue(file.name, file.bytes) ?? headerCapIssue(file.bytes);
		if (refused) {
			report.kind = 'unknown';
			report.errors.push(refused);
			return report;
		}
	}
	const bytes = book?.csv ?? file.bytes;
	let sniff = sniffTabular(bytes);
	const preset = opts.preset ?? findPreset(sniff.headers, opts.presets ?? []);
	if (!book && (preset?.options?.delimiter || preset?.options?.encoding))
		sniff = sniffTabular(bytes, preset.options.delimiter, preset.options.encoding);
	const { headers, delimiter } = sniff;
	report.encoding = book ? null : encodingLabel(sniff.encoding);
	report.format = book?.format ?? (delimiter === '\t' ? 'tsv' : 'csv');

	// Text-level findings, each reported on its line: NULs removed, bytes the decoder could not read.
	const nul = stripNul(sniff.text);
	const textWarnings = [...nul.warnings, ...(report.encoding ? undecodableWarnings(nul.text, report.encoding) : [])];
	// One line ending for DuckDB's reader: exports that mix CRLF and LF (a header written on Windows, rows
	// appended elsewhere) otherwise fail whole with "CSV Parser state machine reached an invalid state".
	let utf8: Uint8Array = new TextEncoder().encode(nul.text.includes('\r') ? nul.text.replace(/\r\n?/g, '\n') : nul.text);
	// A sheet's CSV twin starts below its title rows: its record lines are the sheet's row numbers.
	const scan = (text: Uint8Array) => {
		const r = scanRecordStarts(text, delimiter);
		if (book) r.lines = r.lines.map((line) => line + book.lineShift);
		return r;
	};
	let records = scan(utf8);
	// Records a stray quote broke and rows over the line cap are taken out before DuckDB reads the file (their
	// lines left empty, so every other row keeps its line number) and reported as rejected.
	const cut = cutRecords(utf8, records);
	if (cut.issues.length > 0) {
		utf8 = blankRecords(utf8, cut.ranges);
		records = scan(utf8);
	}
	report.rows_total = records.lines.length + cut.rows;

	const kind = opts.kind ?? preset?.kind ?? guessKind(headers);
	report.kind = kind;
	if (kind === 'unknown') {
		report.rows_rejected = report.rows_total;
		report.columns_ignored = [...headers];
		report.warnings.push(...textWarnings);
		report.errors.push(
			issue(
				null,
				'unknown_tabular_kind',
				`could not tell whether this is a call log, complaints or transcript from its headers (${headers.join(', ')}); choose the kind and map the columns`,
				{ headers: headers.join(', ') }
			)
		);
		return report;
	}
	const mapping = preset ? preset.mapping : guessMapping(headers, kind);
	const columns = mappedColumns(headers, mapping);
	report.columns_recognised = columns.map((c) => ({ column: c.header, field: c.field }));
	const used = new Set(columns.map((c) => c.index));
	report.columns_ignored = headers.filter((_, i) => !used.has(i));
	if (report.rows_total === 0) return report;
	if (records.lines.length === 0) {
		report.rows_rejected = cut.rows;
		report.errors = cut.issues;
		report.warnings = textWarnings;
		return report;
	}

	const fileWarnings: ImportIssue[] = [...textWarnings];
	if (kind === 'complaints' && !columns.some((c) => c.field === 'complaint_id')) {
		fileWarnings.push(
			issue(null, 'generated_complaint_ids', `no complaint id column: ids were generated as "${file.name}#<line>"`, { file: file.name })
		);
	}

	await ensureSchema(db);
	await ensureParseMacros(db);
	const n = `${Date.now().toString(36)}_${importCounter++}`;
	const t = { stage: `cqa_stage_${n}`, lines: `cqa_lines_${n}`, out: `cqa_out_${n}`, rejects: `cqa_rej_${n}`, scans: `cqa_scan_${n}` };
	const regName = `cqa_import_${n}.csv`;
	await db.registerFile(regName, utf8);
	try {
		await db.query(buildStageSql(t.stage, regName, Math.max(headers.length, 1), delimiter, { table: t.rejects, scan: t.scans }));

		// Rows DuckDB's reader rejected (too many columns, bad quoting…): one issue per record.
		const readerRejects = (
			await db.query<{ pos: number; message: string }>(
				`SELECT line_byte_position AS pos, arg_max(error_message, column_idx) AS message FROM ${t.rejects} GROUP BY 1 ORDER BY 1`
			)
		).rows;
		const rejected = new Set<number>();
		const readerIssues: ImportIssue[] = [];
		for (const r of readerRejects) {
			const idx = recordIndexAt(records.offsets, Number(r.pos));
			if (idx < 0 || rejected.has(idx)) continue;
			rejected.add(idx);
			readerIssues.push(issue(records.lines[idx], 'unreadable_row', `unreadable row: ${r.message}`, { detail: r.message }));
		}
		const acceptedLines: [number, number][] = [];
		for (let i = 0; i < records.lines.length; i++) if (!rejected.has(i)) acceptedLines.push([acceptedLines.length, records.lines[i]]);
		await db.query(`CREATE TEMP TABLE ${t.lines} (rn BIGINT, line INTEGER)`);
		// Most files hold one record per line: then line = rowid + offset and the table stays empty (loading
		// a row per record cost a second per million records).
		const lineOffset = acceptedLines.length > 0 ? acceptedLines[0][1] : 2;
		const isOnePerLine = acceptedLines.every(([rn, line]) => line === rn + lineOffset);
		if (!isOnePerLine) await bulkInsert(db, t.lines, ['rn', 'line'], acceptedLines);

		const staged = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t.stage}`)).rows[0].n);
		if (staged !== acceptedLines.length) {
			// The reader split records differently from the scan: trust DuckDB's count, say so.
			report.rows_total = staged + readerIssues.length + cut.rows;
			fileWarnings.push(
				issue(null, 'line_numbers_off', `line numbers may be off: DuckDB read ${staged} rows where ${acceptedLines.length} were expected`, {
					staged,
					expected: acceptedLines.length
				})
			);
		}

		await db.query(
			buildNormaliseSql(kind, {
				stage: t.stage,
				lines: t.lines,
				lineOffset,
				out: t.out,
				columns,
				file: file.name,
				dateFormat: preset?.options?.dateFormat
			})
		);
		// The last moment to drop the file untouched: everything above wrote only this import's temp tables.
		if (opts.signal?.aborted) throw new ImportCancelled();
		await db.query('DELETE FROM import_errors WHERE file = ?', [file.name]);
		const commit =
			kind === 'transcript'
				? await commitSegments(
						db,
						`(SELECT ${SEGMENT_COLUMNS.join(', ')} FROM ${t.out} WHERE reject_reason IS NULL)`,
						file.name,
						opts.onExisting ?? 'skip'
					)
				: null;
		if (kind !== 'transcript') {
			// Rows of an earlier file (or an earlier import of this one) that this file replaces: said, never silent.
			fileWarnings.push(...(await replacedRows(db, kind, t.out)));
			for (const sql of buildInsertSql(kind, t.out)) await db.query(sql);
		}
		await db.query(buildIssuesSql(t.out), [file.name, file.name]);
		await appendIssues(db, file.name, [...readerIssues, ...cut.issues], fileWarnings);

		const counts = (
			await db.query<{ loaded: number; rejected: number }>(
				`SELECT count(*) FILTER (WHERE reject_reason IS NULL) AS loaded, count(*) FILTER (WHERE reject_reason IS NOT NULL) AS rejected FROM ${t.out}`
			)
		).rows[0];
		report.rows_loaded = Number(counts.loaded);
		report.rows_rejected = Number(counts.rejected) + readerIssues.length + cut.rows;
		const sqlErrors = (
			await db.query<{ line: number | null; tagged: string }>(
				`SELECT source_line AS line, reject_issue AS tagged FROM ${t.out} WHERE reject_issue IS NOT NULL ORDER BY source_line`
			)
		).rows.map((r) => parseSqlIssue(r.line, r.tagged));
		report.errors = [...readerIssues, ...cut.issues, ...sqlErrors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
		const sqlWarnings = (
			await db.query<{ line: number | null; tagged: string }>(
				`SELECT source_line AS line, unnest(warning_issues) AS tagged FROM ${t.out} WHERE reject_issue IS NULL AND len(warning_issues) > 0 ORDER BY source_line`
			)
		).rows.map((r) => parseSqlIssue(r.line, r.tagged));
		report.warnings = [...fileWarnings, ...sqlWarnings];
		if (commit) {
			const [nErrors, nWarnings] = [report.errors.length, report.warnings.length];
			applyCommit(report, commit);
			await appendIssues(db, file.name, report.errors.slice(nErrors), report.warnings.slice(nWarnings));
		}
		return report;
	} finally {
		for (const table of [t.stage, t.lines, t.out, t.rejects, t.scans]) await db.query(`DROP TABLE IF EXISTS ${table}`);
		await db.dropFile(regName);
	}
}
