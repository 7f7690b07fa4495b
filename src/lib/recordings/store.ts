// Keeps recordings' audio in the browser so they still play after a reload or the next day (browser only;
// DuckDB holds only their metadata). Owns the OPFS copy and the lookup order; remembered folders are in
// folder.ts.
//
// Behaviour
// - put() copies a file into the origin private file system (OPFS) under `recordings/`. Names are the
//   imported names (relative paths allowed), percent-encoded because OPFS entry names cannot hold '/'.
// - Writes go through createWritable(): the data lands in a swap file and replaces the entry only on
//   close(), so a failed or interrupted write never leaves half a recording behind (abort() on error).
// - get() looks in OPFS first, then in remembered folders (folder.ts) by relative path, then by name.
// - The first put() asks navigator.storage.persist() once. Without it the origin is "best-effort" and the
//   browser may evict all of OPFS under storage pressure (Chromium: least-recently-used origins first;
//   Safari: after 7 days without a visit unless the app is installed). Chromium grants it without a prompt
//   for engaged/bookmarked/installed sites; Firefox shows a prompt.
//   https://developer.mozilla.org/en-US/docs/Web/API/Storage_API/Storage_quotas_and_eviction_criteria
// - Quota: Chromium allows an origin up to ~60 % of the disk, Firefox ~10 % (best-effort) or 50 % (persisted);
//   Safari ~60 % for browser apps. A 1-hour 8 kHz 16-bit mono WAV is ~58 MB; usage() reports both numbers so
//   the UI can warn before a large import. A full disk surfaces as an Error naming usage and quota.
// - Two tabs writing the same name: the later close() wins whole (swap-file semantics); nothing corrupts.
import type { RememberedFolders } from './folder';
import { baseName } from './match';
import { ReasonError } from '../import/reasons';

export type StoredIn = 'opfs' | 'folder';

export interface StoredRecording {
	name: string;
	size_bytes: number;
	last_modified: number;
}

export interface StorageUsage {
	usage_bytes: number;
	quota_bytes: number;
	/** True when the browser promised not to evict this origin's storage. */
	isPersisted: boolean;
}

const DIR = 'recordings';

/** OPFS entry names cannot contain '/' or be '.'/'..'; percent-encoding keeps every name distinct. */
function entryName(fileName: string): string {
	return encodeURIComponent(fileName).replace(/^\./, '%2E');
}

function fileNameOf(entry: string): string {
	try {
		return decodeURIComponent(entry);
	} catch {
		return entry;
	}
}

function isNotFound(e: unknown): boolean {
	return e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');
}

const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

export class RecordingStore {
	#dir: Promise<FileSystemDirectoryHandle> | null = null;
	#persistAsked: Promise<boolean> | null = null;
	readonly #folders: RememberedFolders | null;

	constructor(folders: RememberedFolders | null = null) {
		this.#folders = folders;
	}

	/** OPFS is available (all current browsers; not in private windows of some). */
	static isSupported(): boolean {
		return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
	}

	#directory(): Promise<FileSystemDirectoryHandle> {
		if (!this.#dir) {
			const opening = navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(DIR, { create: true }));
			// A failed open (private mode, blocked storage) is retried on the next call instead of cached.
			opening.catch(() => {
				if (this.#dir === opening) this.#dir = null;
			});
			this.#dir = opening;
		}
		return this.#dir;
	}

	/** Ask once per session that the browser not evict stored recordings. Resolves to the outcome. */
	persist(): Promise<boolean> {
		this.#persistAsked ??= (async () => {
			if (!navigator.storage?.persist) return false;
			if (await navigator.storage.persisted()) return true;
			return navigator.storage.persist();
		})().catch(() => false);
		return this.#persistAsked;
	}

	/** Copy a recording into OPFS, replacing an earlier copy of the same name whole. */
	async put(fileName: string, data: Blob | Uint8Array): Promise<void> {
		void this.persist();
		const dir = await this.#directory();
		const handle = await dir.getFileHandle(entryName(fileName), { create: true });
		const writable = await handle.createWritable();
		try {
			await writable.write(data instanceof Blob ? data : (data as Uint8Array<ArrayBuffer>));
			await writable.close();
		} catch (e) {
			await writable.abort().catch(() => {});
			if (e instanceof DOMException && e.name === 'QuotaExceededError') {
				const u = await this.usage();
				throw new ReasonError(
					'storage_full',
					`browser storage is full (${mb(u.usage_bytes)} used of ${mb(u.quota_bytes)}): ${fileName} was not stored; remove old recordings or use a remembered folder`,
					{ used: mb(u.usage_bytes), quota: mb(u.quota_bytes), file: fileName }
				);
			}
			throw e;
		}
	}

	/** The recording as a File: from OPFS, else from a readable remembered folder; null when neither has it. */
	async get(fileName: string): Promise<File | null> {
		return (await this.locate(fileName))?.file ?? null;
	}

	/** Like {@link get}, and says where the audio came from (for recordings.stored_in). */
	async locate(fileName: string): Promise<{ file: File; stored_in: StoredIn } | null> {
		const own = await this.#opfsFile(fileName);
		if (own) return { file: own, stored_in: 'opfs' };
		const fromFolder = await this.#folders?.findFile(fileName);
		return fromFolder ? { file: fromFolder, stored_in: 'folder' } : null;
	}

	async #opfsFile(fileName: string): Promise<File | null> {
		const dir = await this.#directory();
		try {
			const file = await (await dir.getFileHandle(entryName(fileName))).getFile();
			// Re-badge with the imported base name so players and downloads show it, not the encoded entry.
			return new File([file], baseName(fileName), { type: file.type, lastModified: file.lastModified });
		} catch (e) {
			if (isNotFound(e)) return null;
			throw e;
		}
	}

	/** True when OPFS holds a copy (remembered folders are not searched: that may walk a large tree). */
	async has(fileName: string): Promise<boolean> {
		const dir = await this.#directory();
		try {
			await dir.getFileHandle(entryName(fileName));
			return true;
		} catch (e) {
			if (isNotFound(e)) return false;
			throw e;
		}
	}

	/** Every recording stored in OPFS, by imported name. */
	async list(): Promise<StoredRecording[]> {
		const dir = await this.#directory();
		const out: StoredRecording[] = [];
		for await (const entry of dir.values()) {
			if (entry.kind !== 'file') continue;
			const file = await (entry as FileSystemFileHandle).getFile();
			out.push({ name: fileNameOf(entry.name), size_bytes: file.size, last_modified: file.lastModified });
		}
		return out.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** Delete the OPFS copy. Returns false when there was none. Remembered folders are never written to. */
	async remove(fileName: string): Promise<boolean> {
		const dir = await this.#directory();
		try {
			await dir.removeEntry(entryName(fileName));
			return true;
		} catch (e) {
			if (isNotFound(e)) return false;
			throw e;
		}
	}

	/** Delete every OPFS copy (the metadata in DuckDB stays; stored_in should then be reset to 'none'). */
	async clear(): Promise<void> {
		const root = await navigator.storage.getDirectory();
		await root.removeEntry(DIR, { recursive: true }).catch((e) => {
			if (!isNotFound(e)) throw e;
		});
		this.#dir = null;
	}

	/** Bytes used by this origin (all of it: DuckDB's OPFS file too) and the quota the browser grants. */
	async usage(): Promise<StorageUsage> {
		const [estimate, isPersisted] = await Promise.all([
			navigator.storage.estimate(),
			navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false)
		]);
		return { usage_bytes: estimate.usage ?? 0, quota_bytes: estimate.quota ?? 0, isPersisted };
	}
}
