// A full disk or storage quota at the Db boundary. OPFS refuses a write with a QuotaExceededError (DOMException)
// and DuckDB turns a failed write into an "IO Error"; either way the data written since the last CHECKPOINT is not
// saved. guardStorage() wraps a Db so every such failure is rethrown as a StorageFullError (one clear message) and
// reported through `onFull` even when the caller catches it (a background scoring run, a best-effort refresh).
// What the UI shows is workspace.svelte.ts's business; this module has no Svelte and no DOM.
import type { Db } from './types';

export class StorageFullError extends Error {
	constructor(cause: unknown) {
		super(
			'The browser storage for this workspace is full: the last changes were not saved. Free disk space or delete recordings, then reload.',
			{
				cause
			}
		);
		this.name = 'StorageFullError';
	}
}

// DuckDB's messages for a write the file system refused: "IO Error: Could not write file ...", "No space left on
// device", and duckdb-wasm's OPFS layer passing on the browser's QuotaExceededError text.
const FULL_TEXT =
	/QuotaExceeded|quota (has been )?exceeded|No space left|disk (is )?full|IO Error:.*(write|writ|space|quota|sync|truncate)/i;

/** True when `e` says the storage is full or refused a write. */
export function isStorageFull(e: unknown): boolean {
	if (e instanceof StorageFullError) return true;
	if (typeof DOMException !== 'undefined' && e instanceof DOMException && e.name === 'QuotaExceededError') return true;
	if (e instanceof Error) return e.name === 'QuotaExceededError' || FULL_TEXT.test(e.message);
	return typeof e === 'string' && FULL_TEXT.test(e);
}

/** `db` with storage failures rethrown as StorageFullError and passed to `onFull` (every other error unchanged). */
export function guardStorage<D extends Db>(db: D, onFull: (e: StorageFullError) => void): D {
	const guard = <T>(p: Promise<T>): Promise<T> =>
		p.catch((e: unknown) => {
			if (!isStorageFull(e)) throw e;
			const full = e instanceof StorageFullError ? e : new StorageFullError(e);
			onFull(full);
			throw full;
		});
	return {
		...db,
		query: (sql, params) => guard(db.query(sql, params)),
		batch: (statements) => guard(db.batch(statements)),
		transaction: (fn) => guard(db.transaction(fn)),
		registerFile: (name, data) => guard(db.registerFile(name, data)),
		checkpoint: () => guard(db.checkpoint())
	};
}
