// Remembered recording folders (browser only): a folder the user picked with showDirectoryPicker() is kept as
// a FileSystemDirectoryHandle in IndexedDB (handles are structured-cloneable), so on a later visit its files
// play again after one permission click instead of a new upload. Does not copy audio anywhere (store.ts does).
//
// Permissions: on a new visit queryPermission() is usually 'prompt'; requestPermission() must run inside a
// user gesture (a click) and each prompt consumes that gesture, so with several folders the UI may need one
// click per folder (https://developer.chrome.com/docs/capabilities/web-apis/file-system-access#stored_file_or_directory_handles_and_permissions).
// Chromium 122+ offers "Allow on every visit", after which queryPermission() returns 'granted' directly
// (https://developer.chrome.com/blog/persistent-permissions-for-the-file-system-access-api).
// Firefox and Safari have no showDirectoryPicker: there, recordings live in OPFS only (store.ts).

/** The permission methods of the File System Access API (WICG), missing from TypeScript's lib.dom. */
interface PermissionedHandle extends FileSystemDirectoryHandle {
	queryPermission(descriptor: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
	requestPermission(descriptor: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}

type DirectoryPicker = (options?: { id?: string; mode?: 'read' | 'readwrite'; startIn?: string }) => Promise<FileSystemDirectoryHandle>;

export interface RememberedFolder {
	id: string;
	name: string;
	handle: FileSystemDirectoryHandle;
	added_at: string;
	/** 'granted': files readable now; 'prompt': needs one click (requestPermission); 'denied': the user refused. */
	permission: PermissionState;
}

type StoredFolder = Omit<RememberedFolder, 'permission'>;

interface FolderEntry {
	/** Relative path inside the folder, '/'-separated. */
	path: string;
	handle: FileSystemFileHandle;
}

/** Lower-case base name → files (several when sub-folders repeat a name). */
interface FolderIndex {
	builtAt: number;
	byName: Map<string, FolderEntry[]>;
}

const DB_NAME = 'callqa-recordings';
const STORE = 'folders';
/** Folders are walked this deep when looking a file up by name. */
const MAX_DEPTH = 8;
/** A folder is walked again on a miss only when its index is older than this. */
const REBUILD_AFTER_MS = 30_000;
const AUDIO_NAME = /\.(wav|wave|mp3|aac|ogg|oga|opus|m4a|mp4|flac|webm|weba|mka)$/i;

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

function openDb(): Promise<IDBDatabase> {
	const req = indexedDB.open(DB_NAME, 1);
	req.onupgradeneeded = () => {
		if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
	};
	return request(req);
}

function permissionOf(handle: FileSystemDirectoryHandle): Promise<PermissionState> {
	const h = handle as PermissionedHandle;
	// Without the method (older engines) a handle we just got from the picker is readable.
	return typeof h.queryPermission === 'function' ? h.queryPermission({ mode: 'read' }) : Promise.resolve('granted');
}

export class RememberedFolders {
	#db: Promise<IDBDatabase> | null = null;
	#folders: RememberedFolder[] = [];
	#index = new Map<string, FolderIndex>();

	/** True where folders can be picked and remembered (Chromium-based browsers). */
	static isSupported(): boolean {
		return typeof globalThis.window !== 'undefined' && 'showDirectoryPicker' in window && typeof indexedDB !== 'undefined';
	}

	get folders(): readonly RememberedFolder[] {
		return this.#folders;
	}

	/** At least one remembered folder waits for a permission click. */
	get needsPermission(): boolean {
		return this.#folders.some((f) => f.permission === 'prompt');
	}

	#database(): Promise<IDBDatabase> {
		this.#db ??= openDb();
		return this.#db;
	}

	async #tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
		const db = await this.#database();
		return request(run(db.transaction(STORE, mode).objectStore(STORE)));
	}

	/**
	 * Load the remembered folders and ask the browser, without prompting, whether each is readable. Call
	 * on start-up; then show one button when {@link needsPermission} is true.
	 */
	async reattach(): Promise<readonly RememberedFolder[]> {
		const stored = await this.#tx<StoredFolder[]>('readonly', (s) => s.getAll());
		this.#folders = await Promise.all(stored.map(async (f) => ({ ...f, permission: await permissionOf(f.handle) })));
		this.#index.clear();
		return this.#folders;
	}

	/**
	 * Ask for read access to the folders that need it. Must be called from a click handler. Returns true when
	 * every remembered folder is readable afterwards.
	 */
	async requestPermission(): Promise<boolean> {
		for (const f of this.#folders) {
			if (f.permission !== 'prompt') continue;
			try {
				f.permission = await (f.handle as PermissionedHandle).requestPermission({ mode: 'read' });
			} catch {
				// No user activation left (an earlier prompt in this click consumed it): the next click asks again.
				break;
			}
		}
		this.#folders = [...this.#folders];
		return this.#folders.every((f) => f.permission === 'granted');
	}

	/** Let the user pick a folder (from a click handler) and remember it. Null when the picker is cancelled. */
	async pick(): Promise<RememberedFolder | null> {
		const picker = (window as unknown as { showDirectoryPicker: DirectoryPicker }).showDirectoryPicker;
		let handle: FileSystemDirectoryHandle;
		try {
			handle = await picker({ id: 'callqa-recordings', mode: 'read' });
		} catch (e) {
			if (e instanceof DOMException && e.name === 'AbortError') return null;
			throw e;
		}
		return this.remember(handle);
	}

	/** Remember a directory handle (from the picker or a dropped folder's getAsFileSystemHandle()). */
	async remember(handle: FileSystemDirectoryHandle): Promise<RememberedFolder> {
		for (const f of this.#folders) {
			if (await f.handle.isSameEntry(handle)) return f;
		}
		const stored: StoredFolder = { id: crypto.randomUUID(), name: handle.name, handle, added_at: new Date().toISOString() };
		await this.#tx('readwrite', (s) => s.put(stored));
		const folder: RememberedFolder = { ...stored, permission: await permissionOf(handle) };
		this.#folders = [...this.#folders, folder];
		return folder;
	}

	async forget(id: string): Promise<void> {
		await this.#tx('readwrite', (s) => s.delete(id));
		this.#folders = this.#folders.filter((f) => f.id !== id);
		this.#index.delete(id);
	}

	/**
	 * A recording by the name it was imported under: first as a relative path inside each readable folder,
	 * then by base name anywhere below it (the user may have picked the parent folder this time).
	 */
	async findFile(fileName: string): Promise<File | null> {
		const parts = fileName.split(/[/\\]/).filter(Boolean);
		if (parts.length === 0) return null;
		const readable = this.#folders.filter((f) => f.permission === 'granted');
		for (const folder of readable) {
			const direct = await fileAtPath(folder.handle, parts);
			if (direct) return direct;
		}
		for (const folder of readable) {
			const hit = await lookUp(await this.#indexOf(folder, false), parts);
			if (hit) return hit;
		}
		// A cached index may be stale (files added or moved since): rebuild old ones once before giving up.
		for (const folder of readable) {
			const cached = this.#index.get(folder.id);
			if (cached && Date.now() - cached.builtAt < REBUILD_AFTER_MS) continue;
			const hit = await lookUp(await this.#indexOf(folder, true), parts);
			if (hit) return hit;
		}
		return null;
	}

	async #indexOf(folder: RememberedFolder, rebuild: boolean): Promise<FolderIndex> {
		const cached = this.#index.get(folder.id);
		if (cached && !rebuild) return cached;
		const index: FolderIndex = { builtAt: Date.now(), byName: new Map() };
		for await (const entry of walk(folder.handle, '', 0)) {
			const key = entry.handle.name.toLowerCase();
			const list = index.byName.get(key) ?? [];
			list.push(entry);
			index.byName.set(key, list);
		}
		this.#index.set(folder.id, index);
		return index;
	}

	/** Audio files below a folder with their relative paths, for importing a picked folder. */
	async *audioFiles(folder: RememberedFolder): AsyncGenerator<{ path: string; file: File }> {
		for await (const entry of walk(folder.handle, '', 0)) {
			if (AUDIO_NAME.test(entry.handle.name)) yield { path: entry.path, file: await entry.handle.getFile() };
		}
	}
}

async function lookUp(index: FolderIndex, parts: string[]): Promise<File | null> {
	const hits = [...(index.byName.get(parts[parts.length - 1].toLowerCase()) ?? [])];
	// Prefer the hit whose path ends like the imported name (a/b/x.wav over c/x.wav).
	hits.sort((a, b) => suffixMatch(b.path, parts) - suffixMatch(a.path, parts));
	for (const hit of hits) {
		try {
			return await hit.handle.getFile();
		} catch {
			// moved or deleted since the index was built
		}
	}
	return null;
}

async function fileAtPath(root: FileSystemDirectoryHandle, parts: string[]): Promise<File | null> {
	try {
		let dir = root;
		for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p);
		return await (await dir.getFileHandle(parts[parts.length - 1])).getFile();
	} catch {
		return null;
	}
}

function suffixMatch(path: string, parts: string[]): number {
	const have = path.toLowerCase().split('/');
	let n = 0;
	while (n < have.length && n < parts.length && have[have.length - 1 - n] === parts[parts.length - 1 - n].toLowerCase()) n++;
	return n;
}

async function* walk(dir: FileSystemDirectoryHandle, prefix: string, depth: number): AsyncGenerator<FolderEntry> {
	for await (const entry of dir.values()) {
		if (entry.name.startsWith('.')) continue;
		const path = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.kind === 'file') yield { path, handle: entry as FileSystemFileHandle };
		else if (depth < MAX_DEPTH) yield* walk(entry as FileSystemDirectoryHandle, path, depth + 1);
	}
}
