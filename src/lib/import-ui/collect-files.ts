// Turns what the user dropped or picked (files, folders, directory handles) into InputFiles named by their
// relative path. Browser only. Folders are walked recursively; the pipeline drops OS junk (.DS_Store…).
import type { InputFile } from '../import/types';

const MAX_DEPTH = 12;

async function toInput(file: File, name: string): Promise<InputFile> {
	return { name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Files from an <input type=file> (with webkitdirectory the relative path is kept). */
export async function filesFromList(list: FileList | File[]): Promise<InputFile[]> {
	const files = [...list];
	return Promise.all(files.map((f) => toInput(f, f.webkitRelativePath || f.name)));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
	return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
	return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walkEntry(entry: FileSystemEntry, prefix: string, depth: number, out: InputFile[]): Promise<void> {
	const path = prefix + entry.name;
	if (entry.isFile) {
		out.push(await toInput(await entryFile(entry as FileSystemFileEntry), path));
	} else if (entry.isDirectory && depth < MAX_DEPTH) {
		const reader = (entry as FileSystemDirectoryEntry).createReader();
		// readEntries returns at most ~100 entries per call; keep reading until it returns none.
		for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
			for (const child of batch) await walkEntry(child, path + '/', depth + 1, out);
		}
	}
}

/**
 * Files from a drop. The DataTransfer is only readable during the drop event, so every entry is taken
 * synchronously before the first await.
 */
export async function filesFromDrop(dt: DataTransfer): Promise<InputFile[]> {
	const entries: FileSystemEntry[] = [];
	const loose: File[] = [];
	for (const item of [...dt.items]) {
		if (item.kind !== 'file') continue;
		const entry = item.webkitGetAsEntry?.();
		if (entry) entries.push(entry);
		else {
			const f = item.getAsFile();
			if (f) loose.push(f);
		}
	}
	if (entries.length === 0 && loose.length === 0) loose.push(...dt.files);
	const out: InputFile[] = [];
	for (const entry of entries) await walkEntry(entry, '', 0, out);
	out.push(...(await filesFromList(loose)));
	return out;
}

/** Every file under a directory handle from showDirectoryPicker, named `<folder>/<path>`. */
export async function filesFromDirectory(handle: FileSystemDirectoryHandle): Promise<InputFile[]> {
	const out: InputFile[] = [];
	async function walk(dir: FileSystemDirectoryHandle, prefix: string, depth: number): Promise<void> {
		for await (const child of dir.values()) {
			if (child.kind === 'file') out.push(await toInput(await (child as FileSystemFileHandle).getFile(), prefix + child.name));
			else if (depth < MAX_DEPTH) await walk(child as FileSystemDirectoryHandle, `${prefix}${child.name}/`, depth + 1);
		}
	}
	await walk(handle, `${handle.name}/`, 0);
	return out;
}
