// The leaderboard a manager hands out must be right: per-agent KPIs equal a plain-JS calculation over the sample
// rows, team rows equal the dashboard's KPIs for that team, the composite follows its documented normalisation,
// ties share a rank, agents under the minimum are listed but not ranked, and rank change compares with last month.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openScoredSample } from '../scoring/scored-sample';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { queryKpis } from './build-kpi-sql';
import {
	DEFAULT_WEIGHTS,
	LEADER_DEFINITIONS,
	LEADER_KEYS,
	queryLeaderboard,
	type LeaderKey,
	type LeaderRow,
	type Weights
} from './build-leaderboard-sql';
import { parsePeriod, type Period } from '../scope/period';

const RUBRIC = { id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version };
const SEP = parsePeriod('2026-09') as Period;
const AUG = parsePeriod('2026-08') as Period;

interface Call {
	call_id: string;
	agent_id: string | null;
	customer_id: string | null;
	started_at: string | null;
	talk_s: number | null;
	hold_s: number | null;
	wrap_s: number | null;
	abandoned: boolean | null;
	resolved: boolean | null;
	csat: number | null;
}

let db: Db;
let calls: Call[];
let complaints: { agent_id: string | null; received_at: string | null }[];
let scores: Map<string, { score: number | null; passed: boolean | null }>;

beforeAll(async () => {
	db = await openScoredSample(inject('scoredSampleDir'));
	calls = (await db.query<Call>('SELECT * FROM calls')).rows;
	complaints = (
		await db.query<{ agent_id: string | null; received_at: string | null }>(
			'SELECT agent_id, CAST(received_at AS VARCHAR) AS received_at FROM complaints'
		)
	).rows;
	const s = (
		await db.query<{ call_id: string; score: number | null; passed: boolean | null }>(
			'SELECT call_id, score, passed FROM scores WHERE rubric_id = ? AND rubric_version = ?',
			[RUBRIC.id, RUBRIC.version]
		)
	).rows;
	scores = new Map(s.map((r) => [r.call_id, r]));
}, 180_000);
afterAll(() => db?.close());

// ---- independent plain-JS calculation, DESIGN §6 word by word ----
const ms = (ts: string) => Date.parse(ts.replace(' ', 'T') + 'Z');
const inPeriod = (ts: string | null, p: Period) => ts != null && ts.slice(0, 10) >= p.from && ts.slice(0, 10) <= p.to;
const share = (n: number, d: number) => (d === 0 ? null : n / d);
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

function agentValues(agentId: string, p: Period): Record<LeaderKey, number | null> {
	const mine = calls.filter((c) => c.agent_id === agentId && inPeriod(c.started_at, p));
	const handled = mine.filter((c) => c.abandoned !== true);
	const repeat = (c: Call) =>
		!!c.customer_id &&
		calls.some(
			(n) =>
				n.customer_id === c.customer_id &&
				n.call_id !== c.call_id &&
				ms(n.started_at!) > ms(c.started_at!) &&
				ms(n.started_at!) <= ms(c.started_at!) + 7 * 86_400_000
		);
	const surveyed = mine.filter((c) => c.csat != null);
	const scored = mine.map((c) => scores.get(c.call_id)).filter((s) => s != null);
	const comps = complaints.filter((k) => k.agent_id === agentId && inPeriod(k.received_at, p));
	return {
		volume: mine.length,
		aht: mean(handled.map((c) => (c.talk_s ?? 0) + (c.hold_s ?? 0) + (c.wrap_s ?? 0))),
		resolution: share(handled.filter((c) => c.resolved === true).length, handled.length),
		fcr: share(handled.filter((c) => c.resolved === true && !repeat(c)).length, handled.length),
		csatMean: mean(surveyed.map((c) => c.csat!)),
		csatPct: share(surveyed.filter((c) => c.csat! >= 4).length, surveyed.length),
		qaAvg: mean(scored.filter((s) => s.score != null).map((s) => s.score!)),
		qaPass: share(scored.filter((s) => s.passed === true).length, scored.filter((s) => s.passed != null).length),
		complaintRate: mine.length === 0 ? null : (100 * comps.length) / mine.length
	};
}

/** The documented composite: each weighted KPI scaled 0..100 between the worst and best ranked row, weighted mean. */
function expectedComposites(rows: LeaderRow[], weights: Weights): Map<string, number | null> {
	const ranked = rows.filter((r) => r.current.isRanked);
	const out = new Map<string, number | null>();
	for (const r of ranked) {
		let num = 0;
		let den = 0;
		for (const k of LEADER_KEYS) {
			if (!(weights[k] > 0)) continue;
			const v = r.current.values[k];
			if (v == null) continue;
			const vs = ranked.map((x) => x.current.values[k]).filter((x): x is number => x != null);
			const lo = Math.min(...vs);
			const hi = Math.max(...vs);
			const scaled = hi === lo ? 100 : (100 * (LEADER_DEFINITIONS[k].isUpGood ? v - lo : hi - v)) / (hi - lo);
			num += weights[k] * scaled;
			den += weights[k];
		}
		out.set(r.id, den === 0 ? null : num / den);
	}
	return out;
}

const expectValues = (actual: Record<string, number | null>, want: Record<string, number | null>, label: string) => {
	for (const k of Object.keys(want)) {
		if (want[k] == null) expect(actual[k], `${label} ${k}`).toBeNull();
		else expect(actual[k], `${label} ${k}`).toBeCloseTo(want[k] as number, 9);
	}
};

describe('per-agent KPIs', () => {
	it('equal a plain-JS calculation for two agents in September (and in August for the previous period)', async () => {
		const board = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC });
		expect(board.rows.length).toBe(24);
		for (const id of ['A1006', 'A1017']) {
			const row = board.rows.find((r) => r.id === id)!;
			expectValues(row.current.values, agentValues(id, SEP), `${id} Sep`);
			expectValues(row.previous!.values, agentValues(id, AUG), `${id} Aug`);
		}
		expect(board.rows.find((r) => r.id === 'A1017')?.name).toBe('周军');
		expect(board.rows.find((r) => r.id === 'A1017')?.team).toBe('投诉专席');
	});

	it('per team equal the dashboard KPIs filtered to that team', async () => {
		const board = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC, grouping: 'team' });
		expect(board.rows.map((r) => r.id).sort()).toEqual(['售后组', '在线组', '投诉专席', '账务组']);
		for (const row of board.rows) {
			const k = await queryKpis(db, { from: SEP.from, to: SEP.to, team: row.id }, { rubric: RUBRIC });
			for (const key of LEADER_KEYS) {
				const want = k.current.values[key];
				if (want == null) expect(row.current.values[key], `${row.id} ${key}`).toBeNull();
				else expect(row.current.values[key], `${row.id} ${key}`).toBeCloseTo(want, 9);
			}
			expect(row.current.complaints).toBe(k.current.counts.complaints);
		}
	});

	it('follow the queue/channel filter', async () => {
		const board = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC, dims: { team: '在线组' } });
		expect(board.rows.length).toBeGreaterThan(0);
		expect(board.rows.every((r) => r.team === '在线组')).toBe(true);
	});
});

describe('composite and rank', () => {
	it('is the weighted mean of the KPIs scaled between the worst and best ranked agent', async () => {
		for (const weights of [DEFAULT_WEIGHTS, { ...DEFAULT_WEIGHTS, aht: 30, qaPass: 10 }]) {
			const board = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC, weights });
			const want = expectedComposites(board.rows, weights);
			for (const r of board.rows) expect(r.current.composite, r.id).toBeCloseTo(want.get(r.id)!, 9);
			const ranks = board.rows.map((r) => r.current.rank);
			expect(ranks).toEqual([...ranks].sort((a, b) => a! - b!));
			expect(ranks[0]).toBe(1);
			// The best row of the period is 100 on a KPI when it is the only weighted one.
		}
	});

	it('follows a changed weight: AHT alone ranks the fastest agent first', async () => {
		const onlyAht = Object.fromEntries(LEADER_KEYS.map((k) => [k, k === 'aht' ? 1 : 0])) as Weights;
		const board = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC, weights: onlyAht });
		const fastest = [...board.rows].sort((a, b) => a.current.values.aht! - b.current.values.aht!)[0];
		expect(board.rows[0].id).toBe(fastest.id);
		expect(board.rows[0].current.composite).toBeCloseTo(100, 9);
		expect(board.rows.at(-1)!.current.composite).toBeCloseTo(0, 9);
	});

	it('lists agents under the minimum calls without a rank, and a quarter needs three months of calls', async () => {
		const board = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC, minCallsPerMonth: 50 });
		expect(board.minCalls).toBe(50);
		const under = board.rows.filter((r) => r.current.calls < 50);
		expect(under.map((r) => r.id).sort()).toEqual(['A1017', 'A1018', 'A1019', 'A1020', 'A1023', 'A1024']);
		for (const r of under) {
			expect(r.current.isRanked).toBe(false);
			expect(r.current.rank).toBeNull();
			expect(r.current.composite).toBeNull();
			expect(r.rankChange).toBeNull();
		}
		expect(board.rows.filter((r) => r.current.rank != null).map((r) => r.current.rank)).toEqual(
			Array.from({ length: 18 }, (_, i) => i + 1)
		);
		// Unranked agents do not stretch the scale of the ranked ones.
		const want = expectedComposites(board.rows, DEFAULT_WEIGHTS);
		for (const r of board.rows.filter((x) => x.current.isRanked)) expect(r.current.composite).toBeCloseTo(want.get(r.id)!, 9);

		const q3 = await queryLeaderboard(db, { period: parsePeriod('2026-Q3')!, rubric: RUBRIC, minCallsPerMonth: 50 });
		expect(q3.minCalls).toBe(150);
		const q3calls = (id: string) => calls.filter((c) => c.agent_id === id && inPeriod(c.started_at, parsePeriod('2026-Q3')!)).length;
		for (const r of q3.rows) expect(r.current.isRanked, r.id).toBe(q3calls(r.id) >= 150);
	});

	it('gives the rank change against the previous month', async () => {
		const sep = await queryLeaderboard(db, { period: SEP, rubric: RUBRIC });
		const aug = await queryLeaderboard(db, { period: AUG, rubric: RUBRIC });
		expect(sep.previous.key).toBe('2026-08');
		const augRank = new Map(aug.rows.map((r) => [r.id, r.current.rank]));
		let moved = 0;
		for (const r of sep.rows) {
			expect(r.previous?.rank ?? null, r.id).toBe(augRank.get(r.id) ?? null);
			if (r.current.rank != null && r.previous?.rank != null) {
				expect(r.rankChange).toBe(r.previous.rank - r.current.rank);
				if (r.rankChange !== 0) moved++;
			}
		}
		expect(moved).toBeGreaterThan(0);
	});
});

describe('ties', () => {
	it('share a rank and the next rank skips', async () => {
		const t = await createTestDb();
		await ensureSchema(t);
		// X and Y have identical calls; Z is worse on resolution; W is best.
		const rows: string[] = [];
		const add = (agent: string, n: number, resolvedEvery: number) => {
			for (let i = 0; i < n; i++)
				rows.push(
					`('${agent}-${i}', '${agent}', '${agent}', 'T', '2026-09-${String((i % 28) + 1).padStart(2, '0')} 10:00:00', 60, 0, 0, false, ${i % resolvedEvery !== 0}, 4)`
				);
		};
		add('W', 10, 1000);
		add('X', 10, 2);
		add('Y', 10, 2);
		add('Z', 10, 1);
		await t.query(
			`INSERT INTO calls (call_id, agent_id, agent_name, team, started_at, talk_s, hold_s, wrap_s, abandoned, resolved, csat) VALUES ${rows.join(', ')}`
		);
		const board = await queryLeaderboard(t, { period: SEP, minCallsPerMonth: 5 });
		const rank = Object.fromEntries(board.rows.map((r) => [r.id, r.current.rank]));
		expect(rank).toEqual({ W: 1, X: 2, Y: 2, Z: 4 });
		await t.close();
	});
});
