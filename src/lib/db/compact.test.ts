// Compaction on a file-backed workspace (the Node backend runs the same SQL as duckdb-wasm): re-importing the
// same exports leaves free blocks behind; compacting gives a smaller file with identical tables, and the size
// stays bounded over repeated re-imports.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNativeDb } from '../../../cli/native-db';
import { ensureSchema } from './schema';
import { COMPACT_POLICY, maybeCompact, needsCompaction, storageSize } from './compact';
import { importFiles } from '../import/pipeline';
import type { Db } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'callqa-compact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function callLog(n: number): Uint8Array {
	const lines = ['call_id,agent_id,start_time,talk_time_s,resolved'];
	for (let i = 0; i < n; i++)
		lines.push(
			`C${String(i).padStart(6, '0')},A${i % 40},2026-08-0${1 + (i % 9)} 09:${String(i % 60).padStart(2, '0')}:00,${60 + (i % 300)},${i % 3 ? 'yes' : 'no'}`
		);
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

async function snapshot(db: Db): Promise<string> {
	const { rows } = await db.query<{ h: string }>(
		`SELECT string_agg(call_id || '|' || coalesce(agent_id, '') || '|' || coalesce(talk_s::VARCHAR, '') || '|' || started_at::VARCHAR, ',' ORDER BY call_id) AS h FROM calls`
	);
	return rows[0].h;
}

describe('workspace compaction', () => {
	it('decides by the share and the bytes of free blocks', () => {
		const mb = 1024 * 1024;
		const size = (total: number, free: number) => ({
			bytes: total * 256 * 1024,
			totalBlocks: total,
			freeBlocks: free,
			blockSize: 256 * 1024
		});
		const plain = { replaced: false, baseline: null };
		expect(needsCompaction(null)).toBe(false);
		expect(needsCompaction(size(100, 50), plain)).toBe(true);
		expect(needsCompaction(size(100, 20), plain)).toBe(false);
		// Half free but only 1 MB: not worth rewriting the file.
		expect(needsCompaction(size(8, 4), plain)).toBe(false);
		expect(COMPACT_POLICY.minFreeBytes).toBe(4 * mb);
		// After a replacing import: growth since the last compaction counts, free blocks or not (68 blocks = 17 MB).
		expect(needsCompaction(size(68, 9), { replaced: true, baseline: 9 * mb })).toBe(true);
		expect(needsCompaction(size(68, 9), { replaced: true, baseline: 16 * mb })).toBe(false);
		expect(needsCompaction(size(68, 9), { replaced: false, baseline: 9 * mb })).toBe(false);
		// Never compacted: a replacing import compacts a workspace over 8 MB once, which sets the baseline.
		expect(needsCompaction(size(68, 9), { replaced: true, baseline: null })).toBe(true);
		expect(needsCompaction(size(24, 2), { replaced: true, baseline: null })).toBe(false);
	});

	it('keeps every row, shrinks the file and stays bounded over repeated re-imports', async () => {
		const file = path.join(dir, 'ws.duckdb');
		const db = await createNativeDb(file);
		try {
			await ensureSchema(db);
			const inputs = [{ name: 'calls.csv', bytes: callLog(20_000) }];
			const sizes: number[] = [];
			let compactions = 0;
			let first = '';
			for (let i = 0; i < 4; i++) {
				await importFiles(db, inputs, { onExisting: 'replace' });
				if (i === 0) first = await snapshot(db);
				// A low bar so every re-import's garbage is compacted in this test.
				const done = await maybeCompact(db, true, { minFreeShare: 0.2, minFreeBytes: 0, growthAfterReplace: 1.1 });
				if (done) {
					compactions++;
					expect(done.after.bytes).toBeLessThan(done.before.bytes);
					expect(done.after.freeBlocks).toBeLessThanOrEqual(1);
				}
				sizes.push(statSync(file).size);
				expect(await snapshot(db)).toBe(first);
			}
			expect(compactions).toBeGreaterThan(0);
			expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(sizes[0] * 1.25);
			expect(await storageSize(db)).not.toBeNull();
		} finally {
			await db.close();
		}
		// The compacted file is the workspace: it opens with the same rows.
		const again = await createNativeDb(file);
		try {
			const { rows } = await again.query<{ n: number }>('SELECT count(*)::INT AS n FROM calls');
			expect(rows[0].n).toBe(20_000);
			// The schema's views came along (the metrics layer reads them).
			const facts = await again.query<{ n: number }>('SELECT count(*)::INT AS n FROM call_facts');
			expect(facts.rows[0].n).toBe(20_000);
		} finally {
			await again.close();
		}
	}, 120_000);

	it('does nothing for a workspace in memory', async () => {
		const db = await createNativeDb();
		try {
			await ensureSchema(db);
			expect(await maybeCompact(db, true, { minFreeShare: 0, minFreeBytes: 0, growthAfterReplace: 1 })).toBeNull();
		} finally {
			await db.close();
		}
	});
});
