// The near-miss closeness (closeness-sql.ts) gives the edit distance of a phrase to its best stretch of a turn:
// the bit-parallel SQL, the row-by-row SQL kept for long phrases and a plain dynamic programme in TS agree on
// hand-picked pairs and on a few hundred random ones, including phrases at the bit vectors' length limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { BIT_PARALLEL_MAX, closenessSql, rowDistanceSql } from './closeness-sql';
import { bulkInsert } from '../db/bulk';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db.close();
});

/** Sellers (1980): fewest edits turning `p` into some substring of `t`. */
function substringDistance(t: string, p: string): number {
	const pc = [...p];
	let col = pc.map((_, j) => j + 1);
	let best = pc.length;
	for (const c of t) {
		const next: number[] = [];
		for (let j = 0; j < pc.length; j++) {
			const diag = j === 0 ? 0 : col[j - 1];
			const up = j === 0 ? 1 : next[j - 1] + 1;
			next.push(Math.min(diag + (pc[j] === c ? 0 : 1), col[j] + 1, up));
		}
		col = next;
		best = Math.min(best, col[pc.length - 1]);
	}
	return best;
}

/** Closeness of each (turn, phrase) pair by both SQL forms, with the distance the TS programme gives. */
async function closeness(pairs: [string, string][]): Promise<{ bits: number; rows: number; expected: number }[]> {
	await db.query('CREATE OR REPLACE TEMP TABLE cqa_pairs (i INTEGER, turn VARCHAR, phrase VARCHAR)');
	await bulkInsert(
		db,
		'cqa_pairs',
		['i', 'turn', 'phrase'],
		pairs.map(([t, p], i) => [i, t, p])
	);
	const { rows } = await db.query<{ i: number; bits: number; rows: number }>(
		`SELECT i, ${closenessSql('turn', 'pc')} AS bits,
			CASE WHEN len(pc) = 0 OR length(turn) = 0 THEN 0.0 ELSE greatest(0.0, 1.0 - (${rowDistanceSql('turn', 'pc')}) / len(pc)) END AS rows
		FROM (SELECT *, list_transform(string_split(phrase, ''), ch -> unicode(ch)) AS pc FROM cqa_pairs) ORDER BY i`
	);
	return rows.map((r) => {
		const [t, p] = pairs[Number(r.i)];
		const n = [...p].length;
		const expected = n === 0 || t.length === 0 ? 0 : Math.max(0, 1 - substringDistance(t, p) / n);
		return { bits: Number(r.bits), rows: Number(r.rows), expected };
	});
}

/** A deterministic pseudo-random generator (mulberry32), so a failure names the same pairs every run. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('closeness of a phrase to a turn', () => {
	it('is 1 for the phrase inside the turn and drops by 1/n per edit, in order', async () => {
		const got = await closeness([
			['好的请问还有什么可以帮您', '还有什么可以帮您'],
			['请问有什么可以帮您', '还有什么可以帮您'],
			['帮您还有什么可以', '还有什么可以帮您'],
			['好的那就先这样', '还有什么可以帮您'],
			['', '还有什么'],
			['还有什么', '']
		]);
		for (const g of got) {
			expect(g.bits).toBeCloseTo(g.expected, 12);
			expect(g.rows).toBeCloseTo(g.expected, 12);
		}
		expect(got.map((g) => g.bits)).toEqual([1, 0.875, got[2].bits, got[3].bits, 0, 0]);
		expect(got[2].bits).toBeLessThan(0.875);
	});

	it('agrees with the plain dynamic programme on random turns and phrases up to the bit-vector limit', async () => {
		const next = random(20261206);
		const alphabet = [...'还有什么可以帮您请问好的'];
		const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
		const pairs: [string, string][] = [];
		for (let i = 0; i < 300; i++) pairs.push([word(Math.floor(next() * 40)), word(1 + Math.floor(next() * 12))]);
		for (const n of [BIT_PARALLEL_MAX - 1, BIT_PARALLEL_MAX, BIT_PARALLEL_MAX + 1]) pairs.push([word(90), word(n)], [word(n), word(n)]);
		const got = await closeness(pairs);
		const wrong = got.flatMap((g, i) =>
			Math.abs(g.bits - g.expected) > 1e-12 || Math.abs(g.rows - g.expected) > 1e-12 ? [{ pair: pairs[i], ...g }] : []
		);
		expect(wrong).toEqual([]);
	});
});
