// The sample contact centre (sample-data/out: calls, complaints, transcripts) imported and scored with the default
// Chinese rubric, for the unit tests that query it, on the unit tests' DuckDB (db/test-db.ts). Importing and scoring
// 5,467 calls takes seconds natively and about 20 s in duckdb-wasm, so the first test file of a run that asks for it
// does it through the very pipeline the app runs and saves the database; every test file then opens its own copy in
// about a second. The unit project's global setup (scored-sample.setup.ts) empties the folder at the start of each
// run, so a run never reads an older build's copy.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDb, TEST_DB_ENGINE } from '../db/test-db';
import type { Db } from '../db/types';
import { sqlString } from '../db/sql';
import { importFiles } from '../import/pipeline';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { scoreCalls } from './score';

export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../../sample-data/out');
const FILE = 'scored-sample.duckdb';

/** The sample's call log, transcripts and complaints, as the import pipeline takes them. */
export function sampleFiles(): { name: string; bytes: Uint8Array }[] {
	return ['calls.csv', 'transcripts.csv', 'complaints.csv'].map((name) => ({
		name,
		bytes: new Uint8Array(readFileSync(path.join(SAMPLE_DIR, name)))
	}));
}

/** Imports and scores the sample and saves the workspace into `dir` (a DuckDB file and its write-ahead log). */
async function saveScoredSample(dir: string): Promise<void> {
	const db = await createTestDb();
	try {
		await importFiles(db, sampleFiles());
		await scoreCalls(db, DEFAULT_RUBRIC_ZH);
		const file = path.join(dir, FILE);
		// The blocking build cannot checkpoint into a file on disk (the data would be lost): keep it all in the log.
		await db.query(
			`SET wal_autocheckpoint = '64GB'; ATTACH '${file}' AS snapshot; COPY FROM DATABASE ${await currentDatabase(db)} TO snapshot; DETACH snapshot`
		);
	} finally {
		await db.close();
	}
}

/** Saves the scored sample into `dir` unless it is there; when another test process is saving it, waits for that. */
async function ensureScoredSample(dir: string): Promise<void> {
	const ready = path.join(dir, 'ready');
	if (existsSync(ready)) return;
	let mine = false;
	try {
		mkdirSync(path.join(dir, 'saving'), { recursive: false });
		mine = true;
	} catch {
		// another process is saving it
	}
	const failed = path.join(dir, 'failed');
	if (mine) {
		try {
			await saveScoredSample(dir);
		} catch (e) {
			writeFileSync(failed, String(e));
			throw e;
		}
		writeFileSync(ready, new Date().toISOString());
		return;
	}
	const deadline = Date.now() + 300_000;
	while (!existsSync(ready)) {
		if (existsSync(failed)) throw new Error(`saving the scored sample failed in another test file: ${readFileSync(failed, 'utf8')}`);
		if (Date.now() > deadline) throw new Error(`the scored sample in ${dir} was not ready after 5 minutes`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * A new in-memory workspace holding a copy of the scored sample, made once per run in `dir`. The saved file is
 * registered as a buffer and attached read-only, so any number of test files read it at once.
 */
export async function openScoredSample(dir: string): Promise<Db> {
	mkdirSync(dir, { recursive: true });
	await ensureScoredSample(dir);
	const db = await createTestDb();
	const file = path.join(dir, FILE);
	if (TEST_DB_ENGINE === 'native') {
		// Native DuckDB attaches the file itself, read-only, which any number of processes may do at once.
		await db.query(
			`ATTACH ${sqlString(file)} AS snapshot (READ_ONLY); COPY FROM DATABASE snapshot TO ${await currentDatabase(db)}; DETACH snapshot`
		);
		return db;
	}
	await db.registerFile('snapshot.duckdb', new Uint8Array(readFileSync(file)));
	// The blocking build's checkpoint leaves the data in the log; attaching replays it.
	if (existsSync(file + '.wal')) await db.registerFile('snapshot.duckdb.wal', new Uint8Array(readFileSync(file + '.wal')));
	await db.query(
		`ATTACH 'snapshot.duckdb' AS snapshot (READ_ONLY); COPY FROM DATABASE snapshot TO ${await currentDatabase(db)}; DETACH snapshot`
	);
	await db.dropFile('snapshot.duckdb');
	if (existsSync(file + '.wal')) await db.dropFile('snapshot.duckdb.wal');
	return db;
}

async function currentDatabase(db: Db): Promise<string> {
	const { rows } = await db.query<{ name: string }>('SELECT current_database() AS name');
	return rows[0].name;
}
