// The bench's grown workspace must look like a real centre's year: exactly N calls with unique ids ending on the
// asked day, every day of the year filled, the sample's mix of teams/channels/abandoned kept, and each copy's
// scores, findings and complaints pointing at that copy's calls.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openScoredSample } from '../scoring/scored-sample';
import type { Db } from '../db/types';
import { buildGrowSql, growSample } from './bench-data-sql';

const TARGET = 40_000;

let db: Db;
let sample: { calls: number; abandoned: number; phone: number; findingsPerCall: number; complaints: number };
beforeAll(async () => {
	db = await openScoredSample(inject('scoredSampleDir'));
	const { rows } = await db.query<Record<string, number>>(`SELECT count(*) AS calls, count(*) FILTER (WHERE abandoned) AS abandoned,
		count(*) FILTER (WHERE channel = 'phone') AS phone, (SELECT count(*) FROM findings) / count(*) AS fpc, (SELECT count(*) FROM complaints) AS complaints FROM calls`);
	const r = rows[0];
	sample = {
		calls: Number(r.calls),
		abandoned: Number(r.abandoned),
		phone: Number(r.phone),
		findingsPerCall: Number(r.fpc),
		complaints: Number(r.complaints)
	};
}, 120_000);
afterAll(() => db?.close());

describe('bench data: the sample grown to N calls', () => {
	it('refuses what is not a whole number or a date', () => {
		expect(() => buildGrowSql(1.5, '2026-11-28')).toThrow();
		expect(() => buildGrowSql(1000, "2026-11-28'; DROP TABLE calls; --")).toThrow();
	});

	it('makes exactly N calls with unique ids over the year that ends on the given day, keeping the sample’s mix', async () => {
		const report = await growSample(db, TARGET, '2026-11-28');
		expect(report.calls).toBe(TARGET);
		const { rows } = await db.query<
			Record<string, unknown>
		>(`SELECT count(DISTINCT call_id) AS ids, strftime(max(started_at), '%Y-%m-%d') AS last,
			strftime(min(started_at), '%Y-%m-%d') AS first, count(DISTINCT started_at::DATE) AS days, count(DISTINCT agent_id) AS agents,
			count(*) FILTER (WHERE abandoned) AS abandoned, count(*) FILTER (WHERE channel = 'phone') AS phone,
			(SELECT count(*) FROM calls c LEFT JOIN scores s USING (call_id) WHERE s.call_id IS NULL) AS unscored,
			(SELECT count(*) FROM findings f ANTI JOIN calls c USING (call_id)) AS orphan_findings
			FROM calls`);
		const r = rows[0];
		expect(Number(r.ids)).toBe(TARGET);
		expect(r.last).toBe('2026-11-28');
		expect(r.first).toBe('2025-11-29');
		expect(Number(r.days)).toBe(365);
		expect(Number(r.agents)).toBeGreaterThan(100);
		// Shares within a percentage point of the sample's (the last copy is partial).
		expect(Number(r.abandoned) / TARGET).toBeCloseTo(sample.abandoned / sample.calls, 2);
		expect(Number(r.phone) / TARGET).toBeCloseTo(sample.phone / sample.calls, 2);
		expect(Number(r.unscored)).toBe(0);
		expect(Number(r.orphan_findings)).toBe(0);
		expect(report.findings / TARGET).toBeCloseTo(sample.findingsPerCall, 0);
		expect(report.complaints).toBeGreaterThan(sample.complaints * 6);
	});

	it('moves a complaint with its call', async () => {
		const { rows } = await db.query<{ n: number; same: number }>(`SELECT count(*) AS n,
			count(*) FILTER (WHERE k.received_at - c.started_at = k0.received_at - c0.started_at) AS same
			FROM complaints k JOIN calls c ON c.call_id = k.call_id
			JOIN complaints k0 ON k0.complaint_id = split_part(k.complaint_id, '~', 1) JOIN calls c0 ON c0.call_id = k0.call_id
			WHERE k.complaint_id LIKE '%~%'`);
		expect(Number(rows[0].n)).toBeGreaterThan(sample.complaints);
		expect(Number(rows[0].same)).toBe(Number(rows[0].n));
	});
});
