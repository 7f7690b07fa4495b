import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkFiles } from './walk';

describe('walkFiles', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'callqa-walk-'));
		await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
		await writeFile(path.join(dir, 'a', 'calls.csv'), 'call_id\n1\n');
		await writeFile(path.join(dir, 'a', 'b', 't.vtt'), 'WEBVTT\n');
		await writeFile(path.join(dir, '.hidden.csv'), 'x');
		await symlink(path.join(dir, 'a'), path.join(dir, 'a', 'b', 'loop')); // a/b/loop -> a
		await symlink(path.join(dir, 'gone.csv'), path.join(dir, 'dangling.csv'));
		await symlink('/dev/zero', path.join(dir, 'zero.csv'));
		execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('lists regular files and skips pipes, devices, dangling links and symlink loops with a reason', async () => {
		const { files, skipped } = await walkFiles(dir);
		expect(files.map((f) => path.relative(dir, f))).toEqual([path.join('a', 'b', 't.vtt'), path.join('a', 'calls.csv')]);
		const why = Object.fromEntries(skipped.map((s) => [path.relative(dir, s.path), s.reason]));
		expect(why).toEqual({
			[path.join('a', 'b', 'loop')]: expect.stringContaining('symbolic link loop'),
			'dangling.csv': 'dangling symbolic link',
			'pipe.csv': 'skipped: a pipe (FIFO)',
			'zero.csv': 'skipped: a character device'
		});
	});

	it('a single file path is listed as itself', async () => {
		expect((await walkFiles(path.join(dir, 'a', 'calls.csv'))).files).toEqual([path.join(dir, 'a', 'calls.csv')]);
	});
});
