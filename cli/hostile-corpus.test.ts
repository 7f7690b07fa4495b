// The generated bad-input corpus through the app's import pipeline on the CLI's DuckDB: nothing crashes,
// every rejected file says why, good files of the same batch still load, and a rejected file leaves the
// workspace as it was.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/lib/db/types';
import { CANONICAL_TABLES } from '../src/lib/db/schema';
import { importFiles } from '../src/lib/import/pipeline';
import { fileStatus, type InputFile } from '../src/lib/import/types';
import { writeHostileCorpus } from './hostile-corpus';
import { createNativeDb } from './native-db';
import { walkFiles } from './walk';

const GOOD: InputFile = {
	name: 'good-calls.csv',
	bytes: new TextEncoder().encode(
		'call_id,agent_id,start_time,duration_sec\nOK1,A1,2024-03-01 09:00:00,60\nOK2,A2,2024-03-01 10:00:00,90\n'
	)
};

/** Rows per data table; the import log (import_files, import_errors) records every attempt by design. */
async function tableCounts(db: Db): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const t of CANONICAL_TABLES.filter((t) => !t.startsWith('import_')))
		out[t] = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
	return out;
}

describe('the generated hostile corpus', () => {
	let dir: string;
	let inputs: InputFile[];
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'callqa-hostile-'));
		await writeHostileCorpus(dir);
		const { files, skipped } = await walkFiles(dir);
		expect(skipped).toEqual([]);
		inputs = await Promise.all(files.map(async (f) => ({ name: f, bytes: new Uint8Array(await readFile(f)) })));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('imports every file without a crash, and every rejected file names itself and a reason', async () => {
		const db = await createNativeDb();
		try {
			for (const input of inputs) {
				const [r] = (await importFiles(db, [input], { onExisting: 'replace' })).files;
				expect(r.file).toBe(input.name);
				expect(
					r.errors.filter((e) => e.code === 'import_failed').map((e) => e.reason),
					input.name
				).toEqual([]);
				if (fileStatus(r) === 'failed') expect(r.errors[0]?.reason, input.name).toMatch(/\S/);
			}
		} finally {
			await db.close();
		}
	}, 300_000);

	it('names what is wrong: each hostile case gets its own reason code, on its line where it has one', async () => {
		const db = await createNativeDb();
		try {
			const byName = new Map(inputs.map((f) => [path.basename(f.name), f]));
			const expected: [string, string, number | null][] = [
				['unbalanced-quote.csv', 'quote_never_closed', 2],
				['swallowing-quote.csv', 'quote_swallows_rows', 3],
				['nul-bytes.csv', 'nul_removed', 2],
				['broken-gbk.csv', 'invalid_bytes', 2],
				['gzip-renamed.csv', 'disguised_gzip', null],
				['zip-renamed.csv', 'disguised_zip', null],
				['xlsx-renamed.csv', 'disguised_xlsx', null],
				// An OLE file is read as an old Excel workbook whatever its name (sniff-workbook.ts); this one is not one.
				['xls-renamed.csv', 'workbook_unreadable', null],
				['pdf-renamed.txt', 'disguised_pdf', null],
				['random.csv', 'disguised_binary', null],
				['impossible-dates.csv', 'implausible_date', 3],
				['negative-durations.csv', 'implausible_duration', 4],
				['backwards.srt', 'srt_ends_before_start', 2],
				['srt-bad-first-cue.srt', 'srt_invalid_timeframe', 2],
				['one-50mb-line.csv', 'header_line_too_long', 1],
				['100k-columns.csv', 'too_many_columns', 1],
				['long-data-line.csv', 'line_too_long', 2]
			];
			const got: [string, string, number | null][] = [];
			for (const [name, code] of expected) {
				const [r] = (await importFiles(db, [byName.get(name)!], { onExisting: 'replace' })).files;
				const hit = [...r.errors, ...r.warnings].find((i) => i.code === code);
				got.push([name, hit?.code ?? `none of ${[...r.errors, ...r.warnings].map((i) => i.code).join(',')}`, hit ? hit.line : null]);
			}
			expect(got).toEqual(expected);
			const [a, b] = (await importFiles(db, [byName.get('same-ids-a.csv')!, byName.get('same-ids-b.csv')!])).files;
			expect(a.warnings.some((w) => w.code === 'rows_replaced')).toBe(false);
			expect(b.warnings).toMatchObject([{ code: 'rows_replaced', params: { n: 1, file: byName.get('same-ids-a.csv')!.name } }]);
		} finally {
			await db.close();
		}
	}, 300_000);

	it('still loads a good file given in the same batch as the hostile ones', async () => {
		const db = await createNativeDb();
		try {
			const small = inputs.filter((f) => f.bytes.length < 2_000_000);
			const report = await importFiles(db, [...small, GOOD], { onExisting: 'replace' });
			expect(report.files.map((f) => f.file).sort()).toEqual([...small, GOOD].map((f) => f.name).sort());
			const good = report.files.find((f) => f.file === GOOD.name)!;
			expect([fileStatus(good), good.rows_loaded]).toEqual(['ok', 2]);
			const ids = (await db.query<{ id: string }>(`SELECT call_id AS id FROM calls WHERE call_id LIKE 'OK%' ORDER BY 1`)).rows;
			expect(ids.map((r) => r.id)).toEqual(['OK1', 'OK2']);
		} finally {
			await db.close();
		}
	}, 300_000);

	it('leaves the workspace unchanged when a batch holds only rejected files', async () => {
		const db = await createNativeDb();
		try {
			await importFiles(db, [GOOD]);
			const before = await tableCounts(db);
			const rejected = inputs.filter((f) => /zero-bytes|random\.|deep\.json|wav-zero-channels|only-/.test(path.basename(f.name)));
			const report = await importFiles(db, rejected);
			expect(report.files.map((f) => [path.basename(f.file), fileStatus(f)]).filter(([, s]) => s !== 'failed')).toEqual([]);
			expect(await tableCounts(db)).toEqual(before);
		} finally {
			await db.close();
		}
	}, 300_000);
});
