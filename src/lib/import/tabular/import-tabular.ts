// Imports one CSV/TSV file (call log, complaints or transcript segments) into its canonical table: decode,
// sniff, map, bulk-read with DuckDB's read_csv, normalise in SQL, and account for every row in the report.
// Segments go through transcripts/commit-segments.ts like every other transcript format.
import type { Db } from '../../db/types';
import { ensureSchema } from '../../db/schema';
import { bulkInsert } from '../../db/bulk';
import { appendIssues } from '../issues-store';
import { emptyReport, type FileReport, type ImportIssue, type InputFile, type MappingPreset, type OnExisting } from '../types';
import { applyCommit, commitSegments, SEGMENT_COLUMNS } from '../transcripts/commit-segments';
import { encodingLabel } from '../encoding';
import { issue, issueFromError, parseSqlIssue } from '../reasons';
import { guessKind, guessMapping, type TabularKind } from './fields';
import { findPreset } from './presets';
import { sniffTabular } from './preview';
import { recordIndexAt, scanRecordStarts } from './record-lines';
import { ensureParseMacros } from './sql-macros';
import { workbookCsv, workbookFormat, type WorkbookCsv } from '../workbook/workbook-csv';
import { buildInsertSql, buildIssuesSql, buildNormaliseSql, sqlString, type MappedColumn } from './build-normalise-sql';

export interface ImportTabularOptions {
	presets?: MappingPreset[];
	preset?: MappingPreset;
	kind?: TabularKind;
	/** Transcripts: what to do with calls whose transcript came from another file (default skip). */
	onExisting?: OnExisting;
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
	}
	const bytes = book?.csv ?? file.bytes;
	let sniff = sniffTabular(bytes);
	const preset = opts.preset ?? findPreset(sniff.headers, opts.presets ?? []);
	if (!book && (preset?.options?.delimiter || preset?.options?.encoding))
		sniff = sniffTabular(bytes, preset.options.delimiter, preset.options.encoding);
	const { headers, delimiter } = sniff;
	report.encoding = book ? null : encodingLabel(sniff.encoding);
	report.format = book?.format ?? (delimiter === '\t' ? 'tsv' : 'csv');

	// One line ending for DuckDB's reader: exports that mix CRLF and LF (a header written on Windows, rows
	// appended elsewhere) otherwise fail whole with "CSV Parser state machine reached an invalid state".
	const utf8 = new TextEncoder().encode(sniff.text.includes('\r') ? sniff.text.replace(/\r\n?/g, '\n') : sniff.text);
	const records = scanRecordStarts(utf8, delimiter);
	if (book) records.lines = records.lines.map((line) => line + book.lineShift);
	report.rows_total = records.lines.length;

	const kind = opts.kind ?? preset?.kind ?? guessKind(headers);
	report.kind = kind;
	if (kind === 'unknown') {
		report.rows_rejected = report.rows_total;
		report.columns_ignored = [...headers];
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

	const fileWarnings: ImportIssue[] = [];
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
			report.rows_total = staged + readerIssues.length;
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
		if (kind !== 'transcript') for (const sql of buildInsertSql(kind, t.out)) await db.query(sql);
		await db.query(buildIssuesSql(t.out), [file.name, file.name]);
		await appendIssues(db, file.name, readerIssues, fileWarnings);

		const counts = (
			await db.query<{ loaded: number; rejected: number }>(
				`SELECT count(*) FILTER (WHERE reject_reason IS NULL) AS loaded, count(*) FILTER (WHERE reject_reason IS NOT NULL) AS rejected FROM ${t.out}`
			)
		).rows[0];
		report.rows_loaded = Number(counts.loaded);
		report.rows_rejected = Number(counts.rejected) + readerIssues.length;
		const sqlErrors = (
			await db.query<{ line: number | null; tagged: string }>(
				`SELECT source_line AS line, reject_issue AS tagged FROM ${t.out} WHERE reject_issue IS NOT NULL ORDER BY source_line`
			)
		).rows.map((r) => parseSqlIssue(r.line, r.tagged));
		report.errors = [...readerIssues, ...sqlErrors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
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
