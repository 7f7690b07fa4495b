// Cancelling an import: the files it had not started, and a sheet it was still reading, are reported as not imported
// and leave no trace in the workspace (no rows, no report line, no issue); the files written before stay whole.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { importFiles } from './pipeline';
import { fileStatus } from './types';

const callLog = (name: string, ids: string[]) => ({
	name,
	bytes: new TextEncoder().encode(
		`通话ID,坐席工号,渠道,呼叫方向,开始时间,振铃时长,通话时长\n${ids.map((id) => `${id},A1,电话,呼入,2026/08/03 09:00:00,5,0:01:00`).join('\n')}\n`
	)
});
const transcript = (name: string, id: string) => ({
	name,
	bytes: new TextEncoder().encode(`call_id,seq,speaker,start,end,text\n${id},1,agent,0,2,您好\n${id},2,customer,2,4,你好\n`)
});

/** What an import leaves in the workspace: rows of every table it writes. */
async function traces(db: Db): Promise<Record<string, number>> {
	const { rows } = await db.query<Record<string, number>>(
		`SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM segments) AS segments,
		(SELECT count(*) FROM import_files) AS files, (SELECT count(*) FROM import_errors) AS issues`
	);
	return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

describe('cancelling an import', () => {
	it('imports the files before the cancel whole and nothing of the files after it', async () => {
		const db = await createTestDb();
		const abort = new AbortController();
		const report = await importFiles(db, [callLog('calls.csv', ['C1', 'C2']), transcript('t.csv', 'C1')], {
			signal: abort.signal,
			// The user cancels once the call log is in, as the transcript starts.
			onProgress: (p) => {
				if (p.done === 1 && p.total === 2) abort.abort();
			}
		});
		expect(report.files.map((r) => [r.file, fileStatus(r), r.rows_loaded])).toEqual([
			['calls.csv', 'ok', 2],
			['t.csv', 'skipped', 0]
		]);
		expect(report.files[1].errors.map((e) => e.code)).toEqual(['import_cancelled']);
		expect(await traces(db)).toEqual({ calls: 2, segments: 0, files: 1, issues: 0 });
		await db.close();
	});

	it('drops a sheet it was still reading without writing anything of it', async () => {
		const db = await createTestDb();
		await importFiles(db, [callLog('old.csv', ['C0'])]);
		const before = await traces(db);
		const abort = new AbortController();
		// The cancel comes while the file's rows are being read into its own temp tables (read_csv), before any write.
		const reading = new Proxy(db, {
			get(target, key) {
				if (key === 'query')
					return (sql: string, params?: Parameters<Db['query']>[1]) => {
						if (/read_csv\('cqa_import_/.test(sql)) abort.abort();
						return target.query(sql, params);
					};
				const value = Reflect.get(target, key);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		const report = await importFiles(reading, [callLog('calls.csv', ['C1', 'C2'])], { signal: abort.signal });
		expect(fileStatus(report.files[0])).toBe('skipped');
		expect(report.files[0].errors.map((e) => e.code)).toEqual(['import_cancelled']);
		expect(await traces(db)).toEqual(before);
		// The temp tables it staged into are gone too.
		const { rows } = await db.query<{ n: number }>(
			"SELECT count(*) AS n FROM duckdb_tables() WHERE temporary AND table_name NOT LIKE 'cqa_pending%'"
		);
		expect(Number(rows[0].n)).toBe(0);
		await db.close();
	});
});
