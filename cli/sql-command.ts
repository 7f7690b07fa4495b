// `callqa sql --rubric r.json [--data <dir>] [--out <dir>]`: prints the compiled scoring SQL of a rubric over
// views of the Parquet files `callqa import` writes (cli/scoring-sql-script.ts). Nothing is run or read except
// the rubric and, with --data, which of the four input files exist.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { optionError, UsageError, type Command } from './command';
import { loadRubric } from './rubric-command';
import { scoringSqlScript, SOURCE_TABLES } from './scoring-sql-script';

const HELP = `Usage: callqa sql --rubric <rubric.json> [--data <dir>] [--out <dir>]

Prints, on stdout, one SQL script that scores calls with a rubric: the same statements the dashboard and
\`callqa score\` run, over views of calls.parquet, segments.parquet, voice_activity.parquet and
complaints.parquet (what \`callqa import\` writes), ending in COPY statements that write findings.parquet and
scores.parquet. Run it with the DuckDB CLI (\`duckdb < score.sql\`), or port it to another engine (docs/scale.md).

Options:
  -r, --rubric <file>   Rubric JSON (required; \`callqa rubric --default zh > r.json\` gives a starting point).
  -d, --data <dir>      Folder of the input Parquet files, as the script names it (default: the folder the
                        script runs in). When that folder exists here, an input file missing from it becomes
                        an empty table in the script (e.g. voice_activity without recordings).
  -o, --out <dir>       Folder the script writes findings.parquet and scores.parquet to (default: --data).
  -h, --help            Show this help.

Exit codes: 0 printed, 2 usage error (missing or invalid rubric, unknown option), 1 crash.
`;

async function run(args: string[]): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args,
			strict: true,
			allowPositionals: false,
			options: { rubric: { type: 'string', short: 'r' }, data: { type: 'string', short: 'd' }, out: { type: 'string', short: 'o' } }
		}));
	} catch (e) {
		throw optionError('sql', e);
	}
	if (values.rubric === undefined) throw new UsageError('sql: --rubric <rubric.json> is required');
	const rubric = await loadRubric('sql', '--rubric', values.rubric);
	const data = values.data ?? '.';
	// Only a folder named on the command line is looked at: without --data the script may be meant for another machine.
	const here = values.data !== undefined && existsSync(data);
	if (here && !statSync(data).isDirectory()) throw new UsageError(`sql: --data ${data} is not a folder`);
	const missing = here ? SOURCE_TABLES.filter((t) => !existsSync(path.join(data, `${t}.parquet`))) : [];
	process.stdout.write(scoringSqlScript(rubric, { data, out: values.out ?? data, missing }));
	return 0;
}

export const sqlCommand: Command = {
	summary: "print a rubric's scoring SQL over Parquet files (run it in DuckDB or port it)",
	help: HELP,
	run
};
