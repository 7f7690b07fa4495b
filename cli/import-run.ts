// The import step every data command shares (`callqa import`, `callqa score`): argument parsing, the file
// walk, reading bytes, running src/lib/import's pipeline, the Parquet export, import-report.json and the
// printed summary. Detection, parsing and validation stay src/lib/import's job.
import { readFile, stat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Db } from '../src/lib/db/types';
import { CANONICAL_TABLES } from '../src/lib/db/schema';
import { sqlString } from '../src/lib/db/sql';
import { DERIVED_SEGMENT_COLUMNS } from '../src/lib/text/segment-derived';
import { importFiles } from '../src/lib/import/pipeline';
import { validatePreset } from '../src/lib/import/tabular/presets';
import { emptyReport, statusCounts, type FileReport, type InputFile, type MappingPreset } from '../src/lib/import/types';
import { optionError, UsageError } from './command';
import { walkFiles, type WalkResult } from './walk';

export const REPORT_FILE = 'import-report.json';

export interface ImportArgs {
	paths: string[];
	out: string;
	mapping?: string;
	/** Transcripts for calls that already have one from another file of the run: replace or skip (default). */
	onExisting?: 'replace' | 'skip';
}

/** The --on-existing help lines both commands print. */
export const ON_EXISTING_HELP = `  --on-existing <replace|skip>
                          A transcript file holding calls that already have a transcript from another
                          file of this run: replace those calls' transcripts, or skip them and keep the
                          first (default: skip). Either way the report lists the calls.`;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `<paths…> --out <dir> [--mapping file]` plus the command's own `extra` options. Errors name the
 * command (`score: missing --out <dir>`) and become exit code 2.
 */
export function parseImportArgs(command: string, args: string[], extra: Options = {}): ImportArgs & { values: Record<string, unknown> } {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: { out: { type: 'string', short: 'o' }, mapping: { type: 'string', short: 'm' }, 'on-existing': { type: 'string' }, ...extra }
		});
	} catch (e) {
		// Node's messages are long and mention parseArgs; keep the first sentence.
		throw optionError(command, e);
	}
	const { values, positionals } = parsed;
	if (positionals.length === 0) throw new UsageError(`${command}: no files or folders given`);
	if (typeof values.out !== 'string' || !values.out) throw new UsageError(`${command}: missing --out <dir>`);
	const onExisting = values['on-existing'] ?? 'skip';
	if (onExisting !== 'replace' && onExisting !== 'skip')
		throw new UsageError(`${command}: --on-existing must be replace or skip, not "${String(onExisting)}"`);
	return { paths: positionals, out: values.out, mapping: values.mapping as string | undefined, onExisting, values };
}

/** Reads a JSON file given to an option; unreadable or malformed JSON is a usage error. */
export async function readJsonOption(command: string, option: string, file: string): Promise<unknown> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		throw new UsageError(`${command}: cannot read ${option} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
	}
	try {
		return JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new UsageError(`${command}: ${option} ${file} is not valid JSON: ${(e as Error).message}`);
	}
}

export async function loadPreset(command: string, file: string): Promise<MappingPreset> {
	const json = await readJsonOption(command, '--mapping', file);
	try {
		return validatePreset(json);
	} catch (e) {
		throw new UsageError(`${command}: --mapping ${file}: ${(e as Error).message}`);
	}
}

/**
 * The files the arguments name, in order, each once, plus the paths the walk left out (pipes, devices,
 * symlink loops: cli/walk.ts) with why. A path that does not exist is a usage error.
 */
export async function listInputs(command: string, paths: string[]): Promise<WalkResult> {
	const seen = new Set<string>();
	const out: WalkResult = { files: [], skipped: [] };
	for (const p of paths) {
		const s = await stat(p).catch(() => null);
		if (!s) throw new UsageError(`${command}: no such file or folder: ${p}`);
		const found = await walkFiles(p);
		out.skipped.push(...found.skipped);
		for (const f of found.files) {
			const key = path.resolve(f);
			if (seen.has(key)) continue;
			seen.add(key);
			out.files.push(f);
		}
	}
	return out;
}

/** The regular files the arguments name (listInputs without the skipped paths). */
export async function listFiles(command: string, paths: string[]): Promise<string[]> {
	return (await listInputs(command, paths)).files;
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
		// The columns scoring derives from a segment's text stay in the workspace (text/segment-derived.ts).
		const from = table === 'segments' ? `(SELECT * EXCLUDE (${DERIVED_SEGMENT_COLUMNS.join(', ')}) FROM segments)` : table;
		await db.query(`COPY ${from} TO ${sqlPath(file)} (FORMAT parquet)`);
	}
	return counts;
}

/** A file path as a SQL string literal. */
export function sqlPath(file: string): string {
	return sqlString(path.resolve(file));
}

/** Terminal columns a string takes: CJK and other wide characters count two. */
export function displayWidth(s: string): number {
	let w = 0;
	for (const ch of s)
		w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch)
			? 2
			: 1;
	return w;
}

/** Pads or shortens `s` to `width` terminal columns, keeping its end (a file name matters more than its folders). */
export function fit(s: string, width: number): string {
	if (displayWidth(s) <= width) return s + ' '.repeat(width - displayWidth(s));
	const chars = [...s];
	let tail = '';
	while (chars.length && displayWidth('…' + chars.at(-1) + tail) <= width) tail = chars.pop() + tail;
	return fit('…' + tail, width);
}

export function formatSummary(files: FileReport[], tables: Record<string, number>, ms: number): string {
	const fileW = Math.min(60, Math.max(4, ...files.map((f) => displayWidth(f.file))));
	const rows = files.map((f) =>
		[
			fit(f.file, fileW),
			f.kind.padEnd(10),
			`${f.rows_loaded}/${f.rows_total}`.padStart(13),
			String(f.rows_rejected).padStart(8),
			(f.errors[0]?.reason ?? '').replace(/\s+/g, ' ').slice(0, 90)
		].join('  ')
	);
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
	const st = statusCounts(files);
	const created = files.reduce((a, f) => a + (f.calls_created ?? 0), 0);
	const existing = files
		.filter((f) => f.existing)
		.map((f) => {
			const ex = f.existing!;
			const from = ex.from.map((x) => `${x.file ?? 'an unknown file'} (${x.calls})`).join(', ');
			const ids = ex.call_ids.join(', ') + (ex.calls > ex.call_ids.length ? ', …' : '');
			return `  ${f.file}: ${ex.decision} the transcripts of ${ex.calls} call${ex.calls === 1 ? '' : 's'} loaded from ${from}: ${ids}`;
		});
	return [
		header,
		'-'.repeat(displayWidth(header) + 20),
		...rows,
		'',
		'By kind:',
		...[...byKind].map(
			([kind, k]) =>
				`  ${kind.padEnd(10)} ${String(k.files).padStart(4)} file${k.files === 1 ? ' ' : 's'}  ${k.loaded}/${k.total} rows loaded, ${k.rejected} rejected`
		),
		`Total: ${files.length} files, ${sum('rows_loaded')}/${sum('rows_total')} rows loaded, ${sum('rows_rejected')} rejected, ` +
			`${files.filter((f) => f.rows_loaded === 0 && f.errors.length > 0).length} files with nothing loaded`,
		`Files: ${st.ok} loaded, ${st.partial} partly loaded, ${st.failed} failed${st.skipped ? `, ${st.skipped} skipped (their calls kept earlier transcripts)` : ''}`,
		...(existing.length ? ['Calls that already had a transcript from another file (--on-existing):', ...existing] : []),
		...(created
			? [
					`Calls without a call-log row: ${created} created from transcripts and recordings (calls.origin), listed and scored like the others`
				]
			: []),
		`Tables: ${
			Object.entries(tables)
				.map(([t, n]) => `${t} ${n}`)
				.join(', ') || '(none)'
		}`,
		`Time: ${(ms / 1000).toFixed(1)} s`,
		''
	].join('\n');
}

export interface ImportOutcome {
	files: FileReport[];
	/** rows per table written as Parquet */
	tables: Record<string, number>;
}

/**
 * Everything `callqa import` does once its arguments are parsed: checks the paths and --out, reads every
 * file, imports them into `db`, writes the tables as Parquet and import-report.json into `args.out`.
 * Usage problems throw UsageError before anything is written.
 */
export async function importToDir(command: string, db: Db, args: ImportArgs): Promise<ImportOutcome> {
	const preset = args.mapping ? await loadPreset(command, args.mapping) : undefined;
	const { files: paths, skipped } = await listInputs(command, args.paths);
	if (paths.length === 0 && skipped.length === 0) throw new UsageError(`${command}: no files found in ${args.paths.join(', ')}`);
	await mkdir(args.out, { recursive: true }).catch((e) => {
		throw new UsageError(`${command}: cannot create --out ${args.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
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

	const progress = process.stderr.isTTY
		? (p: { done: number; total: number; file: string }) => process.stderr.write(`\r\x1b[2K[${p.done}/${p.total}] ${p.file}`)
		: undefined;
	const report = await importFiles(db, inputs, { preset, onProgress: progress, onExisting: args.onExisting ?? 'skip' });
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
	for (const s of skipped) {
		const r = emptyReport(s.path);
		r.errors.push({ line: null, reason: s.reason });
		files.push(r);
	}
	const tables = await exportTables(db, args.out);
	await writeFile(path.join(args.out, REPORT_FILE), JSON.stringify({ files }, null, '\t') + '\n');
	return { files, tables };
}
