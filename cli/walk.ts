// The folder walk the CLI and `npm run corpus` share: lstat only, so a FIFO, socket or device (/dev/zero) is
// listed as skipped and never opened, and a symlink loop ends instead of recursing forever.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WalkResult {
	/** regular files (or links to one), sorted per folder */
	files: string[];
	/** paths left out, each with why: not a regular file, a symlink loop, a dangling link, an unreadable folder */
	skipped: { path: string; reason: string }[];
}

function kindOf(s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
	if (s.isFIFO()) return 'a pipe (FIFO)';
	if (s.isSocket()) return 'a socket';
	if (s.isCharacterDevice()) return 'a character device';
	if (s.isBlockDevice()) return 'a block device';
	return 'not a regular file';
}

/** Every regular file under `root` (a folder or a single path), skipping dotfiles and dot-folders. */
export async function walkFiles(root: string): Promise<WalkResult> {
	const result: WalkResult = { files: [], skipped: [] };
	// Folders on the current descent, by real path: a link back to one of them is a loop.
	const visiting = new Set<string>();

	async function visit(p: string): Promise<void> {
		const l = await lstat(p).catch((e: NodeJS.ErrnoException) => e);
		if (l instanceof Error) return void result.skipped.push({ path: p, reason: `cannot stat: ${l.code ?? l.message}` });
		// Follow a link once, with stat, only to learn what it points at.
		const s = l.isSymbolicLink() ? await stat(p).catch(() => null) : l;
		if (!s) return void result.skipped.push({ path: p, reason: 'dangling symbolic link' });
		if (s.isFile()) return void result.files.push(p);
		if (!s.isDirectory()) return void result.skipped.push({ path: p, reason: `skipped: ${kindOf(s)}` });
		const real = await realpath(p);
		if (visiting.has(real)) return void result.skipped.push({ path: p, reason: `skipped: symbolic link loop back to ${real}` });
		visiting.add(real);
		try {
			const names = await readdir(p).catch((e: NodeJS.ErrnoException) => e);
			if (names instanceof Error)
				return void result.skipped.push({ path: p, reason: `cannot read folder: ${names.code ?? names.message}` });
			for (const name of names.filter((n) => !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
				await visit(path.join(p, name));
		} finally {
			visiting.delete(real);
		}
	}

	await visit(root);
	return result;
}
