import { describe, expect, it } from 'vitest';
import { createNodeWasmDb } from './node-wasm';
import { bulkInsert } from './bulk';

describe('bulkInsert', () => {
	it('round-trips awkward text, empty strings, nulls, numbers and booleans exactly', async () => {
		const db = await createNodeWasmDb();
		await db.query('CREATE TABLE t (s VARCHAR, d DOUBLE, b BOOLEAN)');
		const rows = [
			['您好，"请问"\n有什么可以帮您？', 1.5, true],
			['', null, false],
			[null, -0.25, null],
			['=SUM(A1), tab\there', 0, true]
		];
		expect(
			await bulkInsert(
				db,
				't',
				[
					{ name: 's', type: 'VARCHAR' },
					{ name: 'd', type: 'DOUBLE' },
					{ name: 'b', type: 'BOOLEAN' }
				],
				rows
			)
		).toBe(4);
		const { rows: back } = await db.query<{ s: string | null; d: number | null; b: boolean | null }>('SELECT * FROM t');
		expect(back.map((r) => [r.s, r.d, r.b])).toEqual(rows);
		await db.close();
	});
});
