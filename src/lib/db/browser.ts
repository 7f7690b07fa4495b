// The browser's one DuckDB: duckdb-wasm in a Web Worker from files Vite bundles (nothing from a CDN),
// persisted in OPFS, opened once behind a shared promise so nobody gets a half-open database.
// A Web Lock makes the workspace single-tab: OPFS sync handles are exclusive, and a second writer
// would corrupt it, so a second tab is told the workspace is open elsewhere instead.
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { Db, Param, Row } from './types';
import { arrowToResult } from './arrow-rows';
import { serialConnection } from './serial';
import { NO_NETWORK_SQL } from './settings';
import { ensureSchema } from './schema';
import { guardStorage, type StorageFullError } from './storage-full';
import { copyDatabaseTo } from './compact';

/** The workspace file before any compaction; compaction writes `callqa-<time>.duckdb` and points to it. */
export const DB_FILE = 'callqa.duckdb';
/** OPFS file naming the current workspace file (absent: DB_FILE). Written once a compacted copy is complete. */
const POINTER_FILE = 'callqa-workspace.txt';
const WORKSPACE_FILE = /^callqa(-[0-9a-z]+)?\.duckdb(\.wal)?$/;
export const WORKSPACE_LOCK = 'callqa-workspace';

export class WorkspaceLockedError extends Error {
	constructor() {
		super('This workspace is open in another tab or window.');
		this.name = 'WorkspaceLockedError';
	}
}

export interface BrowserDb extends Db {
	/** false when OPFS was unavailable and the data lives in memory only (lost on reload). */
	readonly isPersistent: boolean;
	readonly version: string;
}

/** How long a page waits for the lock before saying the workspace is open elsewhere: a reload's
 *  previous document can still hold it for a moment while it unloads. */
const LOCK_GRACE_MS = 3000;

/** Holds the workspace lock for the life of the page; resolves false when another tab holds it. */
function acquireWorkspaceLock(): Promise<boolean> {
	if (!('locks' in navigator)) return Promise.resolve(true);
	return new Promise((resolve) => {
		navigator.locks
			.request(WORKSPACE_LOCK, { signal: AbortSignal.timeout(LOCK_GRACE_MS) }, () => {
				resolve(true);
				// Never settles: the lock is released when the page goes away.
				return new Promise<void>(() => {});
			})
			.catch((e: unknown) => resolve(!(e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError'))));
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function opfsRoot(): Promise<FileSystemDirectoryHandle | null> {
	try {
		return await navigator.storage.getDirectory();
	} catch {
		return null;
	}
}

/** The current workspace file's name (the pointer written by the last compaction, else DB_FILE). */
async function currentFile(): Promise<string> {
	const root = await opfsRoot();
	if (!root) return DB_FILE;
	try {
		const name = (await (await (await root.getFileHandle(POINTER_FILE)).getFile()).text()).trim();
		return WORKSPACE_FILE.test(name) && !name.endsWith('.wal') ? name : DB_FILE;
	} catch {
		return DB_FILE;
	}
}

/** Removes workspace files other than `keep` (and its WAL): a compaction's old file, or a copy a kill cut short. */
async function removeOtherFiles(keep: string): Promise<void> {
	const root = await opfsRoot();
	if (!root) return;
	const names: string[] = [];
	for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
	for (const name of names)
		if (WORKSPACE_FILE.test(name) && name !== keep && name !== `${keep}.wal`) await root.removeEntry(name).catch(() => undefined);
}

async function newDuckDb(): Promise<duckdb.AsyncDuckDB> {
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(ehWorker));
	await db.instantiate(ehWasm);
	return db;
}

/** Opens the OPFS file, retrying while a reloaded page's old worker still holds its access handle;
 *  only when it never opens does the workspace fall back to memory (and the badge says so). */
async function openDatabase(file: string): Promise<{ db: duckdb.AsyncDuckDB; isPersistent: boolean }> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 8; attempt++) {
		const db = await newDuckDb();
		try {
			await db.open({ path: `opfs://${file}`, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
			return { db, isPersistent: true };
		} catch (e) {
			lastError = e;
			await db.terminate();
			await sleep(250 * (attempt + 1));
		}
	}
	console.warn('OPFS unavailable, the workspace will not survive a reload', lastError);
	const db = await newDuckDb();
	await db.open({ path: ':memory:' });
	return { db, isPersistent: false };
}

async function open(onStorageFull: (e: StorageFullError) => void): Promise<BrowserDb> {
	if (!(await acquireWorkspaceLock())) throw new WorkspaceLockedError();
	let file = await currentFile();
	let { db, isPersistent } = await openDatabase(file);
	if (isPersistent) await removeOtherFiles(file);
	let conn = await db.connect();
	await conn.query(NO_NETWORK_SQL);
	const version = String(arrowToResult<{ v: string }>(await conn.query('SELECT version() AS v')).rows[0].v);

	// One statement at a time: importers use temp tables across several statements, and a UI query
	// slipping between them on the same connection is harmless, but a CHECKPOINT in the middle is not.
	const exec = async <T = Row>(sql: string, params: Param[]) => {
		if (params.length === 0) return arrowToResult<T>(await conn.query(sql));
		const stmt = await conn.prepare(sql);
		try {
			return arrowToResult<T>(await stmt.query(...params));
		} finally {
			await stmt.close();
		}
	};
	const serial = serialConnection(exec);

	// The compact copy is a new OPFS file; the pointer file names it only once it is complete and checked, so a
	// kill before that leaves the old workspace (the copy is removed on the next opening) and after it the new one.
	const compact = async () => {
		const next = `callqa-${Date.now().toString(36)}.duckdb`;
		await conn.query('CHECKPOINT');
		// duckdb-wasm opens an attached OPFS file only through handles registered beforehand, the WAL's too.
		await db.registerOPFSFileName(`opfs://${next}`);
		await db.registerOPFSFileName(`opfs://${next}.wal`);
		await copyDatabaseTo({ query: (sql, params = []) => exec(sql, params) }, `opfs://${next}`);
		await conn.close();
		await db.terminate();
		let switched = false;
		try {
			const root = await opfsRoot();
			if (!root) throw new Error('compaction: OPFS unavailable');
			const writable = await (await root.getFileHandle(POINTER_FILE, { create: true })).createWritable();
			await writable.write(next);
			await writable.close();
			switched = true;
		} finally {
			// Whatever happened, the page gets its workspace back: the new file once named, else the old one.
			if (switched) file = next;
			({ db, isPersistent } = await openDatabase(file));
			conn = await db.connect();
			await conn.query(NO_NETWORK_SQL);
		}
		await removeOtherFiles(file);
	};

	// A full quota fails the write that hit it and is reported to the page (storage-full.ts), never swallowed.
	const api: BrowserDb = guardStorage<BrowserDb>(
		{
			isPersistent,
			version,
			query: serial.query,
			batch: serial.batch,
			transaction: serial.transaction,
			// duckdb-wasm transfers the buffer to the worker (detaching it), so hand over a copy.
			registerFile: (name, data) => serial.exclusive(() => db.registerFileBuffer(name, data.slice())),
			dropFile: (name) =>
				serial.exclusive(async () => {
					await db.dropFile(name);
				}),
			checkpoint: () =>
				serial.exclusive(async () => {
					if (isPersistent) await conn.query('CHECKPOINT');
				}),
			compact: isPersistent ? () => serial.exclusive(compact) : undefined,
			close: async () => {
				await conn.close();
				await db.terminate();
			}
		},
		onStorageFull
	);
	await ensureSchema(api);
	await api.checkpoint();
	return api;
}

let shared: Promise<BrowserDb> | null = null;

/**
 * The workspace database, opened on first call. Rejects with WorkspaceLockedError in a second tab. `onStorageFull`
 * (the first caller's) hears of every write the full storage refused.
 */
export function getDb(onStorageFull: (e: StorageFullError) => void = () => {}): Promise<BrowserDb> {
	shared ??= open(onStorageFull);
	return shared;
}
