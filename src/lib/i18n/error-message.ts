// The text of anything a `catch` receives, for a message on screen or in the CLI: an Error's message,
// anything else as a string. The one copy of `e instanceof Error ? e.message : String(e)`.

export function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
