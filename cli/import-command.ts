// `callqa import <files or folders…> --out <dir> [--mapping preset.json]`: runs the app's import pipeline on
// native DuckDB and writes the canonical tables as Parquet plus import-report.json. Detection, parsing and
// validation are src/lib/import's job; this module only reads paths, writes outputs and prints a summary.
import { readFile, readdir, stat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../src/lib/db/types';
import { CANONICAL_TABLES } from '../src/lib/db/schema';
import { importFiles } from '../src/lib/import/pipeline';
import { validatePreset } from '../src/lib/import/tabular/presets';
import { emptyReport, type FileReport, type InputFile, type MappingPreset } from '../src/lib/import/types';
import { UsageError, type Command } from './command';
import { createNativeDb } from './native-db';

export const REPORT_FILE = 'import-report.json';

const HELP = `Usage: callqa import <files or folders…> --out <dir> [--mapping preset.json]

Imports call logs, complaint lists, transcripts and recordings the way the dashboard's import screen does,
without a browser. Folders are walked recursively; names starting with "." are skipped.

Options:
  -o, --out <dir>         Directory for the results (created when missing). Required.
  -m, --mapping <file>    A saved column-mapping preset (JSON) applied to every tabular file.
  -h, --help              Show this help.

Writes <dir>/<table>.parquet for each table that received rows (calls, segments, recordings,
complaints, voice_activity, import_files, import_errors) and <dir>/${REPORT_FILE} with one entry per file.

Exit codes: 0 the import ran (even when rows or files were rejected: see the report),
            2 usage error (bad option, missing --out, no files, unreadable path or preset), 1 crash.
`;

interface ImportArgs {
	paths: string[];
	out: string;
	mapping?: string;
}

function parse(args: string[]): ImportArgs {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: { out: { type: 'string', short: 'o' }, mapping: { type: 'string', short: 'm' } }
		});
	} catch (e) {
		// Node's messages are long and mention parseArgs; keep the first sentence.
		throw new UsageError(`import: ${(e as Error).message.split('. ')[0].replace(/\.$/, '')}`);
	}
	const { values, positionals } = parsed;
	if (positionals.length === 0) throw new UsageError('import: no files or folders given');
	if (!values.out) throw new UsageError('import: missing --out <dir>');
	return { paths: positionals, out: values.out, mapping: values.mapping };
}

async function loadPreset(file: string): Promise<MappingPreset> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		throw new UsageError(`import: cannot read --mapping ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new UsageError(`import: --mapping ${file} is not valid JSON: ${(e as Error).message}`);
	}
	try {
		return validatePreset(json);
	} catch (e) {
		throw new UsageError(`import: --mapping ${file}: ${(e as Error).message}`);
	}
}

/** Every file under `dir`, sorted, skipping dotfiles and dot-folders. */
async function walk(dir: string): Promise<string[]> {
	const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const out: string[] = [];
	for (const e of entries) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...(await walk(p)));
		else if (e.isFile()) out.push(p);
		else if (e.isSymbolicLink()) {
			const s = await stat(p).catch(() => null);
			if (s?.isDirectory()) out.push(...(await walk(p)));
			else out.push(p); // a dangling link becomes an unreadable-file entry in the report
		}
	}
	return out;
}

/** The files the arguments name, in order, each once. A path that does not exist is a usage error. */
async function listFiles(paths: string[]): Promise<string[]> {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const p of paths) {
		const s = await stat(p).catch(() => null);
		if (!s) throw new UsageError(`import: no such file or folder: ${p}`);
		for (const f of s.isDirectory() ? await walk(p) : [p]) {
			const key = path.resolve(f);
			if (seen.has(key)) continue;
			seen.add(key);
			out.push(f);
		}
	}
	return out;
}

/** Writes each table with rows as Parquet; removes a stale <table>.parquet from an earlier run. */
async function exportTables(db: Db, out: string): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of CANONICAL_TABLES) {
		const n = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
		const file = path.resolve(out, `${table}.parquet`);
		if (n === 0) {
			await rm(file, { force: true });
			continue;
		}
		counts[table] = n;
		await db.query(`COPY ${table} TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
	}
	return counts;
}

/** Terminal columns a string takes: CJK and other wide characters count two. */
function displayWidth(s: string): number {
	let w = 0;
	for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
	return w;
}

function fit(s: string, width: number): string {
	if (displayWidth(s) <= width) return s + ' '.repeat(width - displayWidth(s));
	// Keep the end of a long path: the file name matters more than the folders.
	const chars = [...s];
	let tail = '';
	while (chars.length && displayWidth('…' + chars.at(-1) + tail) <= width) tail = chars.pop() + tail;
	return fit('…' + tail, width);
}

export function formatSummary(files: FileReport[], tables: Record<string, number>, ms: number): string {
	const fileW = Math.min(60, Math.max(4, ...files.map((f) => displayWidth(f.file))));
	const rows = files.map((f) => [
		fit(f.file, fileW),
		f.kind.padEnd(10),
		`${f.rows_loaded}/${f.rows_total}`.padStart(13),
		String(f.rows_rejected).padStart(8),
		(f.errors[0]?.reason ?? '').replace(/\s+/g, ' ').slice(0, 90)
	].join('  '));
	const header = [fit('file', fileW), 'kind'.padEnd(10), 'loaded/total'.padStart(13), 'rejected'.padStart(8), 'first reason'].join('  ');
	const byKind = new Map<string, { files: number; loaded: number; total: number; rejected: number }>();
	for (const f of files) {
		const k = byKind.get(f.kind) ?? { files: 0, loaded: 0, total: 0, rejected: 0 };
		k.files++;
		k.loaded += f.rows_loaded;
		k.total += f.rows_total;
		k.rejected += f.rows_rejected;
		byKind.set(f.kind, k);
	}
	const sum = (key: 'rows_loaded' | 'rows_total' | 'rows_rejected') => files.reduce((a, f) => a + f[key], 0);
	return [
		header,
		'-'.repeat(displayWidth(header) + 20),
		...rows,
		'',
		'By kind:',
		...[...byKind].map(([kind, k]) => `  ${kind.padEnd(10)} ${String(k.files).padStart(4)} file${k.files === 1 ? ' ' : 's'}  ${k.loaded}/${k.total} rows loaded, ${k.rejected} rejected`),
		`Total: ${files.length} files, ${sum('rows_loaded')}/${sum('rows_total')} rows loaded, ${sum('rows_rejected')} rejected, ` +
			`${files.filter((f) => f.rows_loaded === 0 && f.errors.length > 0).length} files with nothing loaded`,
		`Tables: ${Object.entries(tables).map(([t, n]) => `${t} ${n}`).join(', ') || '(none)'}`,
		`Time: ${(ms / 1000).toFixed(1)} s`,
		''
	].join('\n');
}

async function run(args: string[]): Promise<number> {
	const t0 = performance.now();
	const opts = parse(args);
	const preset = opts.mapping ? await loadPreset(opts.mapping) : undefined;
	const paths = await listFiles(opts.paths);
	if (paths.length === 0) throw new UsageError(`import: no files found in ${opts.paths.join(', ')}`);
	await mkdir(opts.out, { recursive: true }).catch((e) => {
		throw new UsageError(`import: cannot create --out ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
	});

	// A file that cannot be read still gets its line in the report, so every path is accounted for.
	const inputs: InputFile[] = [];
	const unreadable = new Map<string, FileReport>();
	for (const p of paths) {
		try {
			inputs.push({ name: p, bytes: new Uint8Array(await readFile(p)) });
		} catch (e) {
			const r = emptyReport(p);
			r.errors.push({ line: null, reason: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
			unreadable.set(p, r);
		}
	}

	const db = await createNativeDb();
	try {
		const progress = process.stderr.isTTY
			? (p: { done: number; total: number; file: string }) => process.stderr.write(`\r\x1b[2K[${p.done}/${p.total}] ${p.file}`)
			: undefined;
		const report = await importFiles(db, inputs, { preset, onProgress: progress });
		if (progress) process.stderr.write('\r\x1b[2K');
		// importFiles leaves out junk (.DS_Store, __MACOSX/…); say so instead of losing them.
		const byName = new Map(report.files.map((f) => [f.file, f]));
		const files = paths.map((p) => {
			const r = unreadable.get(p) ?? byName.get(p);
			if (r) return r;
			const skipped = emptyReport(p);
			skipped.errors.push({ line: null, reason: 'skipped: operating-system metadata file' });
			return skipped;
		});
		const tables = await exportTables(db, opts.out);
		await writeFile(path.join(opts.out, REPORT_FILE), JSON.stringify({ files }, null, '\t') + '\n');
		process.stdout.write(formatSummary(files, tables, performance.now() - t0));
		process.stdout.write(`Wrote ${Object.keys(tables).length} Parquet files and ${REPORT_FILE} to ${opts.out}\n`);
		return 0;
	} finally {
		await db.close();
	}
}

export const importCommand: Command = {
	summary: 'import files or folders into Parquet tables plus an import report',
	help: HELP,
	run
};
