// `callqa import <files or folders…> --out <dir> [--mapping preset.json]`: runs the app's import pipeline on
// native DuckDB and writes the canonical tables as Parquet plus import-report.json. The work is
// import-run.ts (shared with `callqa score`); this module owns the help text and the printed summary.
import type { Command } from './command';
import { createNativeDb } from './native-db';
import { ON_EXISTING_HELP, REPORT_FILE, formatSummary, importToDir, parseImportArgs } from './import-run';

const HELP = `Usage: callqa import <files or folders…> --out <dir> [--mapping preset.json] [--on-existing replace|skip]

Imports call logs, complaint lists, transcripts and recordings the way the dashboard's import screen does,
without a browser. Folders are walked recursively; names starting with "." are skipped. A transcript or
recording whose call is in no call log becomes a call of its own (calls.origin = transcript | recording);
a call log in the same run fills in those calls' fields.

Options:
  -o, --out <dir>         Directory for the results (created when missing). Required.
  -m, --mapping <file>    A saved column-mapping preset (JSON) applied to every tabular file.
${ON_EXISTING_HELP}
  -h, --help              Show this help.

Writes <dir>/<table>.parquet for each table that received rows (calls, segments, recordings,
complaints, voice_activity, import_files, import_errors) and <dir>/${REPORT_FILE} with one entry per file.

Exit codes: 0 the import ran (even when rows or files were rejected: see the report),
            2 usage error (bad option, missing --out, no files, unreadable path or preset), 1 crash.
`;

async function run(args: string[]): Promise<number> {
	const t0 = performance.now();
	const opts = parseImportArgs('import', args);
	const db = await createNativeDb();
	try {
		const { files, tables } = await importToDir('import', db, opts);
		process.stdout.write(formatSummary(files, tables, performance.now() - t0));
		process.stdout.write(`Wrote ${Object.keys(tables).length} Parquet files and ${REPORT_FILE} to ${opts.out}\n`);
		return 0;
	} finally {
		await db.close();
	}
}

export const importCommand: Command = {
	summary: 'import files or folders into Parquet tables plus an import report',
	help: HELP,
	run
};
