// Entry point of the headless CLI (`npx callqa <command> …`): picks the command, turns usage errors into
// exit code 2 with one line on stderr. Each command lives in its own module; this file owns no logic.
import { evaluateCommand } from './evaluate-command';
import { importCommand } from './import-command';
import { rubricCommand } from './rubric-command';
import { scoreCommand } from './score-command';
import { sqlCommand } from './sql-command';
import { UsageError, type Command } from './command';
import { isTimeZone, setCentreTimeZone, systemTimeZone } from '../src/lib/centre-time/zone';

/** Every subcommand, by name. */
const commands: Record<string, Command> = {
	import: importCommand,
	score: scoreCommand,
	rubric: rubricCommand,
	evaluate: evaluateCommand,
	sql: sqlCommand
};

function help(): string {
	const width = Math.max(...Object.keys(commands).map((n) => n.length));
	return [
		'callqa: call QA tools that run without the browser',
		'',
		'Usage: callqa <command> [options]',
		'',
		'Commands:',
		...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
		'',
		'Every command takes --tz <zone>: the centre\'s time zone (IANA name, e.g. Asia/Shanghai) for "today", the times',
		`it records and UTC times in transcripts; default the machine's zone (now ${systemTimeZone()}, or TZ=...).`,
		'',
		"Run `callqa <command> --help` for a command's options.",
		''
	].join('\n');
}

/** Takes the global `--tz <zone>` / `--tz=<zone>` out of `argv` and makes it the centre's zone. */
function takeTimeZone(argv: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const tz = a === '--tz' ? argv[++i] : a.startsWith('--tz=') ? a.slice(5) : undefined;
		if (tz === undefined && a !== '--tz') {
			out.push(a);
			continue;
		}
		if (!tz || !isTimeZone(tz)) throw new UsageError(`--tz needs an IANA time zone such as Asia/Shanghai, got "${tz ?? ''}"`);
		setCentreTimeZone(tz);
	}
	return out;
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = takeTimeZone(argv);
	if (name === undefined) throw new UsageError(`no command given; commands: ${Object.keys(commands).join(', ')}`);
	if (name === '--help' || name === '-h' || name === 'help') {
		const target = name === 'help' && rest[0] ? commands[rest[0]] : undefined;
		process.stdout.write(target ? target.help : help());
		return 0;
	}
	const command = commands[name];
	if (!command) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(commands).join(', ')}`);
	if (rest.includes('--help') || rest.includes('-h')) {
		process.stdout.write(command.help);
		return 0;
	}
	return command.run(rest);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (e) {
	if (e instanceof UsageError) {
		process.stderr.write(`callqa: ${e.message} (see callqa --help)\n`);
		process.exitCode = 2;
	} else {
		process.stderr.write(`callqa: failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
		process.exitCode = 1;
	}
}
