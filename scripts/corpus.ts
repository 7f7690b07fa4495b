// Imports every file under a folder, one at a time, through the app's own pipeline (src/lib/import/pipeline.ts
// on the CLI's native DuckDB) and prints each file's outcome: imported, partly, rejected with its reason, or
// crashed with the stack. The walk is the CLI's (cli/walk.ts): pipes, devices and symlink loops are skipped
// unread. Ends with `files N, imported N, rejected N, crashed N`; exits 1 when anything crashed.
// Run: npm run corpus -- [folder, default ../shared/external]
import { readFile } from 'node:fs/promises';
import { createNativeDb } from '../cli/native-db';
import { walkFiles } from '../cli/walk';
import { importFiles } from '../src/lib/import/pipeline';
import { fileStatus, type FileReport } from '../src/lib/import/types';

export type Outcome = 'imported' | 'partly' | 'rejected' | 'crashed';

function outcomeOf(r: FileReport): Outcome {
	// import_failed is the pipeline's catch-all for an exception no importer expected: a crash, not a reason.
	if (r.errors.some((e) => e.code === 'import_failed')) return 'crashed';
	const st = fileStatus(r);
	return st === 'ok' ? 'imported' : st === 'partial' ? 'partly' : st === 'failed' ? 'rejected' : 'imported';
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').slice(0, 160);

async function main(root: string): Promise<number> {
	const { files, skipped } = await walkFiles(root);
	const counts: Record<Outcome, number> = { imported: 0, partly: 0, rejected: 0, crashed: 0 };
	const db = await createNativeDb();
	try {
		for (const file of files) {
			let line: string;
			try {
				const bytes = new Uint8Array(await readFile(file));
				const report = await importFiles(db, [{ name: file, bytes }], { onExisting: 'replace' });
				const r = report.files[0];
				if (!r) {
					counts.rejected++;
					line = `rejected  ${file}: skipped: operating-system metadata file`;
				} else {
					const o = outcomeOf(r);
					counts[o]++;
					const reason = r.errors[0]
						? `: ${oneLine(r.errors[0].line !== null ? `line ${r.errors[0].line}: ${r.errors[0].reason}` : r.errors[0].reason)}`
						: '';
					line = `${o.padEnd(8)}  ${file} (${r.kind}, ${r.rows_loaded}/${r.rows_total} rows)${o === 'imported' ? '' : reason}`;
				}
			} catch (e) {
				counts.crashed++;
				line = `crashed   ${file}\n${(e as Error).stack ?? String(e)}`;
			}
			process.stdout.write(line + '\n');
		}
	} finally {
		await db.close();
	}
	for (const s of skipped) {
		counts.rejected++;
		process.stdout.write(`rejected  ${s.path}: ${s.reason}\n`);
	}
	// "imported" counts partly imported files too: both loaded rows.
	const total = files.length + skipped.length;
	process.stdout.write(
		`files ${total}, imported ${counts.imported + counts.partly}, rejected ${counts.rejected}, crashed ${counts.crashed}\n`
	);
	return counts.crashed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv[2] ?? '../shared/external');
