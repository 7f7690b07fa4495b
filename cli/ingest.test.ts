// The CLI treats transcripts and recordings without a call log as the app does: they are calls in calls.parquet
// (origin transcript/recording), scored with the rest, and a transcript for calls that already have one from
// another file is skipped or replaced as --on-existing says, never silently. The real launcher in a child process.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../src/lib/import/types';
import { sqlString } from '../src/lib/db/sql';
import { createNativeDb } from './native-db';
import { callqa, type Run } from './spawn-cli';
import { silentWav } from '../src/lib/voice/test-audio';

/** A silent 16-bit PCM mono WAV of one second. */
const wav = () => silentWav(1);

const DIALOGUES = JSON.stringify([
	{
		id: 'D1',
		turns: [
			{ speaker: 'agent', text: 'Thank you for calling, how can I help you today?' },
			{ speaker: 'customer', text: 'My card is lost.' }
		]
	},
	{
		id: 'D2',
		turns: [
			{ speaker: 'agent', text: 'Hello.' },
			{ speaker: 'customer', text: 'Hi, my bill is wrong.' }
		]
	}
]);
const VTT =
	'WEBVTT\n\n00:00.000 --> 00:03.000\n<v Agent>Thank you for calling, how can I help?\n\n00:03.500 --> 00:05.000\n<v Customer>My order is late.\n';
// One row for D1, which dialogues.json (read first: folders are walked in name order) already transcribed.
const FIX = 'call_id,speaker,text\nD1,agent,Sorry for the wait.\n';

let dir: string;
let scored: Run;
let replaced: Run;

async function table<T>(file: string, sql: string): Promise<T[]> {
	const db = await createNativeDb();
	try {
		return (await db.query<T>(sql.replace('$FILE', sqlString(file)))).rows;
	} finally {
		await db.close();
	}
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'callqa-ingest-test-'));
	const input = path.join(dir, 'in');
	await mkdir(input);
	await writeFile(path.join(input, 'dialogues.json'), DIALOGUES);
	await writeFile(path.join(input, 'C9.vtt'), VTT);
	await writeFile(path.join(input, 'fix.csv'), FIX);
	await writeFile(path.join(input, 'pair_agent_8k.wav'), wav());
	await writeFile(path.join(input, 'pair_caller_8k.wav'), wav());
	[scored, replaced] = await Promise.all([
		callqa('score', input, '--out', path.join(dir, 'scored')),
		callqa('import', input, '--out', path.join(dir, 'replaced'), '--on-existing', 'replace')
	]);
}, 120_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('callqa with transcripts and recordings but no call log', () => {
	it('writes every call to calls.parquet with where it came from, and scores each', async () => {
		expect(scored.stderr).toBe('');
		expect(scored.code).toBe(0);
		const calls = await table<{ call_id: string; channel: string; origin: string }>(
			path.join(dir, 'scored', 'calls.parquet'),
			'SELECT call_id, channel, origin FROM $FILE ORDER BY call_id'
		);
		expect(calls).toEqual([
			{ call_id: 'C9', channel: 'phone', origin: 'transcript' },
			{ call_id: 'D1', channel: 'chat', origin: 'transcript' },
			{ call_id: 'D2', channel: 'chat', origin: 'transcript' },
			{ call_id: 'pair', channel: 'phone', origin: 'recording' }
		]);
		const scores = await table<{ call_id: string }>(
			path.join(dir, 'scored', 'scores.parquet'),
			'SELECT call_id FROM $FILE ORDER BY call_id'
		);
		expect(scores.map((s) => s.call_id)).toEqual(['C9', 'D1', 'D2', 'pair']);
		expect(scored.stdout).toMatch(/Calls without a call-log row: 4 created from transcripts and recordings/);
		expect(scored.stdout).toMatch(/Files: 4 loaded, 0 partly loaded, 0 failed, 1 skipped/);
	});

	it('skips by default a transcript for calls another file already transcribed, and says which', async () => {
		const report = JSON.parse(await readFile(path.join(dir, 'scored', 'import-report.json'), 'utf8')) as { files: FileReport[] };
		const fix = report.files.find((f) => f.file.endsWith('fix.csv'));
		expect(fix).toMatchObject({ rows_loaded: 0, rows_rejected: 1, existing: { decision: 'skipped', calls: 1, call_ids: ['D1'] } });
		expect(scored.stdout).toMatch(/fix\.csv: skipped the transcripts of 1 call loaded from .*dialogues\.json \(1\): D1/);
		const d1 = await table<{ text: string }>(
			path.join(dir, 'scored', 'segments.parquet'),
			"SELECT text FROM $FILE WHERE call_id = 'D1' ORDER BY seq"
		);
		expect(d1).toHaveLength(2);
	});

	it('replaces them with --on-existing replace, and says so', async () => {
		expect(replaced.code).toBe(0);
		expect(replaced.stdout).toMatch(/fix\.csv: replaced the transcripts of 1 call/);
		const d1 = await table<{ text: string }>(path.join(dir, 'replaced', 'segments.parquet'), "SELECT text FROM $FILE WHERE call_id = 'D1'");
		expect(d1).toEqual([{ text: 'Sorry for the wait.' }]);
	});

	it('refuses an unknown --on-existing value as a usage error', async () => {
		const r = await callqa('import', path.join(dir, 'in'), '--out', path.join(dir, 'bad'), '--on-existing', 'merge');
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/--on-existing must be replace or skip/);
	});
});
