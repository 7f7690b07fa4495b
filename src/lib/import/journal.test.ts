// An import cut short (a kill, a closed tab) is found on the next opening: which files loaded, which did not.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { importFiles } from './pipeline';
import { dismissInterrupted, interruptedImports } from './journal';

const csv = (id: string) => ({
	name: `${id}.csv`,
	bytes: new TextEncoder().encode(`call_id,agent_id,start_time\n${id},A1,2024-01-02 10:00:00\n`)
});

describe('the import journal', () => {
	it('reports an import killed after 2 of 4 files on the next look, naming the files, until dismissed', async () => {
		const db = await createTestDb();
		const files = ['J1', 'J2', 'J3', 'J4'].map(csv);
		// The process dies when the third file starts: nothing after that line runs.
		await expect(
			importFiles(db, files, {
				onProgress: (p) => {
					if (p.done === 2 && p.total === 4) throw new Error('killed');
				}
			})
		).rejects.toThrow('killed');
		const cut = await interruptedImports(db);
		expect(cut).toMatchObject([{ total: 4, loaded: ['J1.csv', 'J2.csv'], notLoaded: ['J3.csv', 'J4.csv'] }]);
		expect(cut[0].startedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

		// A later import that finishes leaves no rows of its own and keeps the notice.
		await importFiles(db, [csv('J5')]);
		expect((await interruptedImports(db)).map((i) => i.batchId)).toEqual([cut[0].batchId]);
		await dismissInterrupted(db, [cut[0].batchId]);
		expect(await interruptedImports(db)).toEqual([]);
		await db.close();
	});
});
