// `callqa rubric --default zh|en` prints a default rubric as JSON; `callqa rubric --validate file.json` checks
// one. Also owns reading a rubric file for `callqa score --rubric`. What a valid rubric is: rubric.ts.
import { parseArgs } from 'node:util';
import { DEFAULT_RUBRIC_EN_JSON } from '../src/lib/scoring/default-rubric-en';
import { DEFAULT_RUBRIC_ZH_JSON } from '../src/lib/scoring/default-rubric-zh';
import { validateRubric, type Language, type Rubric } from '../src/lib/scoring/rubric';
import { optionError, UsageError, type Command } from './command';
import { readJsonOption } from './import-run';

/** The defaults as authored (defaults not filled in): what a user copies and edits. */
export const DEFAULT_RUBRIC_JSON: Record<Language, unknown> = { zh: DEFAULT_RUBRIC_ZH_JSON, en: DEFAULT_RUBRIC_EN_JSON };

const HELP = `Usage: callqa rubric --default zh|en
       callqa rubric --validate <rubric.json>

Options:
  -d, --default <zh|en>     Print that default rubric as JSON (a starting point for your own).
  -v, --validate <file>     Check a rubric file; prints its id, version and items when it is valid.
  -h, --help                Show this help.

The format is described in docs/rubric.md.

Exit codes: 0 printed / valid, 2 usage error or invalid rubric (the message names the JSON path), 1 crash.
`;

/** Reads and validates a rubric file; any problem is a UsageError naming `option` and the JSON path. */
export async function loadRubric(command: string, option: string, file: string): Promise<Rubric> {
	const json = await readJsonOption(command, option, file);
	try {
		return validateRubric(json);
	} catch (e) {
		throw new UsageError(`${command}: ${option} ${file}: ${(e as Error).message}`);
	}
}

async function run(args: string[]): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args,
			strict: true,
			allowPositionals: false,
			options: { default: { type: 'string', short: 'd' }, validate: { type: 'string', short: 'v' } }
		}));
	} catch (e) {
		throw optionError('rubric', e);
	}
	if ((values.default === undefined) === (values.validate === undefined))
		throw new UsageError('rubric: give exactly one of --default zh|en or --validate <file>');
	if (values.default !== undefined) {
		if (values.default !== 'zh' && values.default !== 'en')
			throw new UsageError(`rubric: --default must be zh or en, not "${values.default}"`);
		process.stdout.write(JSON.stringify(DEFAULT_RUBRIC_JSON[values.default], null, 2) + '\n');
		return 0;
	}
	const rubric = await loadRubric('rubric', '--validate', values.validate as string);
	process.stdout.write(
		`valid: ${rubric.id} version ${rubric.version} (${rubric.language}), ${rubric.items.length} items, pass mark ${rubric.pass_mark}\n` +
			rubric.items.map((it) => `  ${it.id}  ${it.rule.kind}  weight ${it.weight}${it.critical ? '  critical' : ''}\n`).join('')
	);
	return 0;
}

export const rubricCommand: Command = {
	summary: 'print a default rubric (--default zh|en) or validate one (--validate file.json)',
	help: HELP,
	run
};
