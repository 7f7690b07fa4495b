// `callqa import` as a user runs it: the real launcher in a child process, on files written here, checked
// through its exit code, import-report.json and the Parquet files read back with DuckDB.
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/lib/db/types';
import type { FileReport } from '../src/lib/import/types';
import { sqlString } from '../src/lib/db/sql';
import { createNativeDb } from './native-db';
import { callqa } from './spawn-cli';

const CALLS_CSV =
	[
		'call_id,agent_id,start_time,talk_time,csat',
		'C1,A1,2024-05-01 09:00:00,120,5',
		'C2,A2,not a date,60,4',
		'C3,A1,2024-05-02 11:15:00,60,'
	].join('\n') + '\n';

const VTT = `WEBVTT

00:00:00.000 --> 00:00:02.500
<v Agent>您好，请问有什么可以帮您？

00:00:02.600 --> 00:00:05.000
<v Customer>我的退款还没到账。
`;

let dir: string;
let db: Db;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'callqa-cli-test-'));
	const input = path.join(dir, 'in');
	await mkdir(path.join(input, 'transcripts'), { recursive: true });
	await mkdir(path.join(input, '.cache'), { recursive: true });
	await writeFile(path.join(input, 'calls.csv'), CALLS_CSV);
	await writeFile(path.join(input, 'transcripts', 'C1.vtt'), VTT);
	// A WAV whose RIFF header promises audio the file does not hold.
	await writeFile(path.join(input, 'C3.wav'), Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(6, 0xff)]));
	await writeFile(path.join(input, '.notes.csv'), 'call_id\nHIDDEN\n');
	await writeFile(path.join(input, '.cache', 'calls.csv'), CALLS_CSV);
	// A call log whose headers no alias recognises, for --mapping.
	await writeFile(path.join(dir, 'odd.csv'), '编号,员工,开始\nX1,A9,2024-06-01 08:00:00\nX2,A9,2024-06-01 09:00:00\n');
	await writeFile(
		path.join(dir, 'preset.json'),
		JSON.stringify({
			name: 'odd export',
			kind: 'call_log',
			headers: ['编号', '员工', '开始'],
			mapping: { 编号: 'call_id', 员工: 'agent_id', 开始: 'started_at' }
		})
	);
	await writeFile(
		path.join(dir, 'bad-preset.json'),
		JSON.stringify({ name: 'x', kind: 'call_log', headers: ['a'], mapping: { a: 'no_such_field' } })
	);
	db = await createNativeDb();
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

async function parquetCount(file: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlString(file)})`);
	return rows[0].n;
}

describe('callqa import', () => {
	it('imports a folder, accounts for every file and writes Parquet tables plus the report', async () => {
		const out = path.join(dir, 'out');
		const run = await callqa('import', path.join(dir, 'in'), '--out', out);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);

		const report = JSON.parse(await readFile(path.join(out, 'import-report.json'), 'utf8')) as { files: FileReport[] };
		const byName = Object.fromEntries(report.files.map((f) => [path.relative(path.join(dir, 'in'), f.file), f]));
		// Dotfiles and dot-folders are skipped; everything else has exactly one entry.
		expect(Object.keys(byName).sort()).toEqual(['C3.wav', 'calls.csv', 'transcripts/C1.vtt']);
		for (const f of report.files) {
			for (const key of ['file', 'kind', 'encoding', 'rows_total', 'rows_loaded', 'rows_rejected', 'errors']) expect(f).toHaveProperty(key);
		}

		const calls = byName['calls.csv'];
		expect(calls).toMatchObject({ kind: 'call_log', rows_total: 3, rows_loaded: 2, rows_rejected: 1 });
		expect(calls.errors).toHaveLength(1);
		expect(calls.errors[0]).toMatchObject({ line: 3, reason: expect.stringContaining('not a date') });
		expect(byName['transcripts/C1.vtt']).toMatchObject({
			kind: 'transcript',
			format: 'webvtt',
			rows_loaded: 2,
			rows_rejected: 0,
			errors: []
		});
		const wav = byName['C3.wav'];
		expect(wav).toMatchObject({ kind: 'recording', rows_loaded: 0 });
		expect(wav.errors).toHaveLength(1);
		expect(wav.errors[0].line).toBeNull();

		expect(await parquetCount(path.join(out, 'calls.parquet'))).toBe(2);
		expect(await parquetCount(path.join(out, 'segments.parquet'))).toBe(2);
		expect(await parquetCount(path.join(out, 'import_errors.parquet'))).toBeGreaterThanOrEqual(2);
		expect(await parquetCount(path.join(out, 'import_files.parquet'))).toBe(3);
		// No recording loaded, so no recordings table; no complaints file, so no complaints table.
		expect(existsSync(path.join(out, 'recordings.parquet'))).toBe(false);
		expect(existsSync(path.join(out, 'complaints.parquet'))).toBe(false);
		const { rows } = await db.query(
			`SELECT call_id, agent_id, started_at, talk_s FROM read_parquet('${path.join(out, 'calls.parquet')}') ORDER BY call_id`
		);
		expect(rows).toEqual([
			{ call_id: 'C1', agent_id: 'A1', started_at: '2024-05-01 09:00:00', talk_s: 120 },
			{ call_id: 'C3', agent_id: 'A1', started_at: '2024-05-02 11:15:00', talk_s: 60 }
		]);

		// The printed summary names each file with its kind and counts, and the totals.
		expect(run.stdout).toMatch(/calls\.csv\s+call_log\s+2\/3\s+1\s+.*not a date/);
		expect(run.stdout).toMatch(/Total: 3 files, 4\/6 rows loaded, 2 rejected/);
	});

	it('applies --mapping to a tabular file whose headers it would not recognise', async () => {
		const out = path.join(dir, 'out-mapped');
		const run = await callqa('import', path.join(dir, 'odd.csv'), '--out', out, '--mapping', path.join(dir, 'preset.json'));
		expect(run.code).toBe(0);
		const report = JSON.parse(await readFile(path.join(out, 'import-report.json'), 'utf8')) as { files: FileReport[] };
		expect(report.files).toHaveLength(1);
		expect(report.files[0]).toMatchObject({ kind: 'call_log', rows_total: 2, rows_loaded: 2, rows_rejected: 0 });
		expect(await parquetCount(path.join(out, 'calls.parquet'))).toBe(2);
	});

	const USAGE_ERRORS: { name: string; args: () => string[]; message: RegExp }[] = [
		{ name: 'no files', args: () => ['import', '--out', path.join(dir, 'u1')], message: /no files or folders/ },
		{ name: 'missing --out', args: () => ['import', path.join(dir, 'in')], message: /missing --out/ },
		{
			name: 'unknown option',
			args: () => ['import', path.join(dir, 'in'), '--out', path.join(dir, 'u2'), '--frobnicate'],
			message: /unknown option.*--frobnicate/i
		},
		{
			name: 'path that does not exist',
			args: () => ['import', path.join(dir, 'nope'), '--out', path.join(dir, 'u3')],
			message: /no such file or folder/
		},
		{
			name: 'unreadable --mapping',
			args: () => ['import', path.join(dir, 'in'), '--out', path.join(dir, 'u4'), '--mapping', path.join(dir, 'missing.json')],
			message: /cannot read --mapping/
		},
		{
			name: 'preset that fails validation',
			args: () => ['import', path.join(dir, 'in'), '--out', path.join(dir, 'u5'), '--mapping', path.join(dir, 'bad-preset.json')],
			message: /unknown field "no_such_field"/
		},
		{ name: 'unknown command', args: () => ['frobnicate'], message: /unknown command/ }
	];

	it('exits 2 with one line on stderr on every usage error, writing nothing', async () => {
		const runs = await Promise.all(USAGE_ERRORS.map((u) => callqa(...u.args())));
		USAGE_ERRORS.forEach((u, i) => {
			expect(runs[i].code, u.name).toBe(2);
			expect(runs[i].stderr.trimEnd().split('\n'), u.name).toHaveLength(1);
			expect(runs[i].stderr, u.name).toMatch(u.message);
			expect(runs[i].stdout, u.name).toBe('');
		});
		for (const n of ['u1', 'u2', 'u3', 'u4', 'u5']) expect(existsSync(path.join(dir, n)), n).toBe(false);
	});

	it('prints help with exit code 0', async () => {
		const run = await callqa('--help');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/callqa <command>/);
		expect(run.stdout).toMatch(/import/);
		const sub = await callqa('import', '--help');
		expect(sub.code).toBe(0);
		expect(sub.stdout).toMatch(/--out <dir>/);
	});
});
