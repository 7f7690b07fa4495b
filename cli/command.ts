// What a CLI subcommand looks like, and the error that means "the user called it wrong" (exit code 2).

export interface Command {
	/** One line for `callqa --help`. */
	summary: string;
	/** Full text for `callqa <command> --help`, ending in a newline. */
	help: string;
	/** Runs the command; resolves to the process exit code. Throws UsageError for bad arguments. */
	run(args: string[]): Promise<number>;
}

export class UsageError extends Error {
	override name = 'UsageError';
}

/** A node:util parseArgs error as a usage error: Node's messages are long and mention parseArgs, keep the first sentence. */
export function optionError(command: string, e: unknown, hint = ''): UsageError {
	return new UsageError(`${command}: ${(e as Error).message.split('. ')[0].replace(/\.$/, '')}${hint}`);
}
