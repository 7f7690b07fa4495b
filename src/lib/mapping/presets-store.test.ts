import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createTestDb } from '../db/test-db';
import type { MappingPreset } from '../import/types';
import { importPresets, listPresets, presetToJson, presetsFromJson, removePreset, savePreset } from './presets-store';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(() => db.close());

const PRESET: MappingPreset = {
	name: '某系统通话导出',
	kind: 'call_log',
	headers: ['流水号', '坐席', '开始时间', '备注'],
	mapping: { 流水号: 'call_id', 坐席: 'agent_name', 开始时间: 'started_at', 备注: '' },
	options: { delimiter: '\t' }
};

describe('mapping presets store', () => {
	it('saves, lists and replaces a preset by name', async () => {
		await savePreset(db, PRESET);
		await savePreset(db, { ...PRESET, mapping: { ...PRESET.mapping, 备注: '', 坐席: 'agent_id' } });
		const list = await listPresets(db);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ name: PRESET.name, kind: 'call_log', headers: PRESET.headers, options: { delimiter: '\t' } });
		expect(list[0].mapping['坐席']).toBe('agent_id');
		expect(list[0].saved_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
	});

	it('refuses a preset that maps to an unknown field', async () => {
		await expect(savePreset(db, { ...PRESET, name: 'bad', mapping: { 流水号: 'nope' } })).rejects.toThrow(/unknown field/);
	});

	it('exports the JSON the CLI --mapping reads, and imports it back', async () => {
		const json = presetToJson(PRESET);
		expect(presetsFromJson(json)).toEqual([PRESET]);
		await removePreset(db, PRESET.name);
		expect(await listPresets(db)).toEqual([]);
		expect(await importPresets(db, `[${json}]`)).toBe(1);
		expect((await listPresets(db)).map((p) => p.name)).toEqual([PRESET.name]);
	});
});
