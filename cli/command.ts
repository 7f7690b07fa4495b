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
