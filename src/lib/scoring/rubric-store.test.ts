import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { DEFAULT_RUBRIC_ZH } from './default-rubric-zh';
import { listVersions, loadRubric, saveRubricIfMissing } from '../scoring-ui/active-rubric';
import { saveNewVersion } from './rubric-store';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
});
afterAll(async () => {
	await db.close();
});

describe('saving a rubric as a new version', () => {
	it('never overwrites a saved version: each save is one past the newest', async () => {
		await saveRubricIfMissing(db, DEFAULT_RUBRIC_ZH); // the default, active on first load
		const edited = structuredClone(DEFAULT_RUBRIC_ZH);
		edited.name = '华信标准（修订）';
		edited.items[0].weight = 20;

		const v2 = await saveNewVersion(db, edited);
		expect(v2.version).toBe(2);
		const v3 = await saveNewVersion(db, { ...edited, name: '第三版' });
		expect(v3.version).toBe(3);
		// saving from an older draft still goes past the newest
		const v4 = await saveNewVersion(db, { ...DEFAULT_RUBRIC_ZH, name: '从第 1 版改' });
		expect(v4.version).toBe(4);

		const versions = await listVersions(db, 'default-zh');
		expect(versions.map((v) => [v.version, v.name])).toEqual([
			[4, '从第 1 版改'],
			[3, '第三版'],
			[2, '华信标准（修订）'],
			[1, DEFAULT_RUBRIC_ZH.name]
		]);
		expect(await loadRubric(db, { id: 'default-zh', version: 1 })).toEqual(DEFAULT_RUBRIC_ZH);
		expect((await loadRubric(db, { id: 'default-zh', version: 2 }))?.items[0].weight).toBe(20);
	});

	it('a new rubric id starts at its own version number', async () => {
		const saved = await saveNewVersion(db, { ...DEFAULT_RUBRIC_ZH, id: 'centre-b', version: 1 });
		expect(saved.version).toBe(1);
		expect((await saveNewVersion(db, saved)).version).toBe(2);
	});

	it('refuses an invalid rubric without writing anything', async () => {
		const before = (await listVersions(db)).length;
		await expect(saveNewVersion(db, { ...DEFAULT_RUBRIC_ZH, items: [] })).rejects.toThrow(/\$\.items/);
		expect((await listVersions(db)).length).toBe(before);
	});
});
