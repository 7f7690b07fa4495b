// The "done when": every dashboard KPI on the sample contact centre equals an independent plain-JS
// calculation over the same rows, for several periods and filters, and the previous period is the one just before.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openScoredSample } from '../scoring/scored-sample';
import type { Db } from '../db/types';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { buildKpiSql, KPI_DEFINITIONS, KPI_KEYS, queryKpis, type KpiValues } from './build-kpi-sql';
import { addDays, previousPeriod, type DashboardFilter } from '../scope/filter';

const RUBRIC = { id: DEFAULT_RUBRIC_ZH.id, version: DEFAULT_RUBRIC_ZH.version };

interface Call {
	call_id: string;
	team: string | null;
	queue: string | null;
	channel: string | null;
	customer_id: string | null;
	agent_id: string | null;
	started_at: string | null;
	ring_s: number | null;
	talk_s: number | null;
	hold_s: number | null;
	wrap_s: number | null;
	abandoned: boolean | null;
	resolved: boolean | null;
	csat: number | null;
}
interface Complaint {
	call_id: string | null;
	agent_id: string | null;
	received_at: string | null;
	due_at: string | null;
	resolved_at: string | null;
	followed_up_at: string | null;
}
interface Score {
	call_id: string;
	score: number | null;
	passed: boolean | null;
}

let db: Db;
let calls: Call[];
let complaints: Complaint[];
let scores: Map<string, Score>;

beforeAll(async () => {
	db = await openScoredSample(inject('scoredSampleDir'));
	calls = (await db.query<Call>('SELECT * FROM calls')).rows;
	complaints = (await db.query<Complaint>('SELECT * FROM complaints')).rows;
	const s = (await db.query<Score & { rubric_id: string; rubric_version: number }>('SELECT * FROM scores')).rows;
	scores = new Map(s.filter((r) => r.rubric_id === RUBRIC.id && Number(r.rubric_version) === RUBRIC.version).map((r) => [r.call_id, r]));
}, 120_000);
afterAll(() => db?.close());

// ---- the independent calculation: plain JS over the rows, following DESIGN §6 word by word ----
const ms = (ts: string) => Date.parse(ts.replace(' ', 'T') + 'Z');
const inDays = (ts: string | null, from: string, to: string) => ts != null && ts.slice(0, 10) >= from && ts.slice(0, 10) <= to;
const share = (n: number, d: number) => (d === 0 ? null : n / d);
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

function expected(f: DashboardFilter, from: string, to: string): KpiValues {
	const matches = (c: Call | undefined) =>
		!!c && (!f.team || c.team === f.team) && (!f.queue || c.queue === f.queue) && (!f.channel || c.channel === f.channel);
	const inPeriod = calls.filter((c) => inDays(c.started_at, from, to) && matches(c));
	const handled = inPeriod.filter((c) => c.abandoned !== true);
	const byCustomer = new Map<string, number[]>();
	for (const c of calls)
		if (c.customer_id && c.started_at) byCustomer.set(c.customer_id, [...(byCustomer.get(c.customer_id) ?? []), ms(c.started_at)]);
	const hasRepeat = (c: Call) => {
		if (!c.customer_id || !c.started_at) return false;
		const t = ms(c.started_at);
		return calls.some(
			(n) =>
				n.customer_id === c.customer_id &&
				n.call_id !== c.call_id &&
				n.started_at != null &&
				ms(n.started_at) > t &&
				ms(n.started_at) <= t + 7 * 86_400_000
		);
	};
	const surveyed = inPeriod.filter((c) => c.csat != null);
	const scored = inPeriod.map((c) => scores.get(c.call_id)).filter((s): s is Score => !!s);
	const callById = new Map(calls.map((c) => [c.call_id, c]));
	const teamAgents = new Set(calls.filter((c) => c.team === f.team).map((c) => c.agent_id));
	const comps = complaints.filter((k) => {
		if (!inDays(k.received_at, from, to)) return false;
		const lc = k.call_id ? callById.get(k.call_id) : undefined;
		if (f.team && !(lc ? lc.team === f.team : teamAgents.has(k.agent_id))) return false;
		if (f.queue && lc?.queue !== f.queue) return false;
		if (f.channel && lc?.channel !== f.channel) return false;
		return true;
	});
	const closed = comps.filter((k) => k.resolved_at != null);
	// Rates over the calls whose input is known: a KPI without any is null (no data), never 0.
	const timed = handled.filter((c) => c.ring_s != null);
	const flagged = handled.filter((c) => c.resolved != null);
	const withHandle = handled.filter((c) => c.talk_s != null || c.hold_s != null || c.wrap_s != null);
	return {
		volume: inPeriod.length === 0 ? null : inPeriod.length,
		serviceLevel: share(timed.filter((c) => (c.ring_s as number) <= 15).length, timed.length),
		asa: mean(timed.map((c) => c.ring_s as number)),
		abandonment: share(inPeriod.filter((c) => c.abandoned === true).length, inPeriod.filter((c) => c.abandoned != null).length),
		aht: mean(withHandle.map((c) => (c.talk_s ?? 0) + (c.hold_s ?? 0) + (c.wrap_s ?? 0))),
		resolution: share(flagged.filter((c) => c.resolved === true).length, flagged.length),
		fcr: share(flagged.filter((c) => c.resolved === true && !hasRepeat(c)).length, flagged.length),
		csatMean: mean(surveyed.map((c) => c.csat as number)),
		csatPct: share(surveyed.filter((c) => (c.csat as number) >= 4).length, surveyed.length),
		qaAvg: mean(scored.filter((s) => s.score != null).map((s) => s.score as number)),
		qaPass: share(scored.filter((s) => s.passed === true).length, scored.filter((s) => s.passed != null).length),
		complaintRate: inPeriod.length === 0 || complaints.length === 0 ? null : (100 * comps.length) / inPeriod.length,
		complaintSla: share(
			comps.filter((k) => k.resolved_at != null && k.due_at != null && ms(k.resolved_at) <= ms(k.due_at)).length,
			comps.filter((k) => k.due_at != null).length
		),
		followUp: share(closed.filter((k) => k.followed_up_at != null).length, closed.length)
	};
}

function expectClose(actual: KpiValues, want: KpiValues, label: string) {
	for (const key of KPI_KEYS) {
		const a = actual[key];
		const w = want[key];
		if (w == null) expect(a, `${label} ${key}`).toBeNull();
		else expect(a, `${label} ${key}`).toBeCloseTo(w, 9);
	}
}

const PERIODS = [
	{ from: '2026-08-01', to: '2026-08-31' },
	{ from: '2026-09-01', to: '2026-09-30' },
	{ from: '2026-10-01', to: '2026-10-31' }
];
const FILTERS: { name: string; dims: Partial<DashboardFilter> }[] = [
	{ name: 'all', dims: {} },
	{ name: 'team 账务组', dims: { team: '账务组' } },
	{ name: 'channel phone', dims: { channel: 'phone' } },
	{ name: 'queue 投诉专线 + team 投诉专席', dims: { queue: '投诉专线', team: '投诉专席' } }
];

describe('dashboard KPIs on the sample contact centre', () => {
	for (const period of PERIODS) {
		for (const { name, dims } of FILTERS) {
			it(`${period.from}..${period.to}, ${name}: every KPI and its previous period match a plain-JS count`, async () => {
				const filter: DashboardFilter = { ...period, ...dims };
				const r = await queryKpis(db, filter, { rubric: RUBRIC });
				expect(r.current.values.volume).toBeGreaterThan(0);
				if (!dims.team && !dims.queue) for (const key of KPI_KEYS) expect(r.current.values[key], key).not.toBeNull();
				expectClose(r.current.values, expected(filter, period.from, period.to), 'current');
				const prev = previousPeriod(period.from, period.to);
				expect(r.previous).toMatchObject(prev);
				expectClose(r.previous.values, expected(filter, prev.from, prev.to), 'previous');
			});
		}
	}

	it('has a definition in both languages for every KPI', () => {
		expect(new Set(KPI_KEYS).size).toBe(14);
		for (const d of KPI_DEFINITIONS) {
			expect(d.definition.zh.length).toBeGreaterThan(5);
			expect(d.definition.en.length).toBeGreaterThan(5);
		}
	});

	it('honours another service-level threshold', async () => {
		const filter = { from: '2026-09-01', to: '2026-09-30' };
		const r = await queryKpis(db, filter, { rubric: RUBRIC, slThresholdS: 30 });
		const handled = calls.filter((c) => inDays(c.started_at, filter.from, filter.to) && c.abandoned !== true);
		expect(r.current.values.serviceLevel).toBeCloseTo(handled.filter((c) => (c.ring_s ?? Infinity) <= 30).length / handled.length, 9);
	});

	it('gives empty periods no volume and no rates (no data, not zero), and no QA without a rubric', async () => {
		const r = await queryKpis(db, { from: '2030-01-01', to: '2030-01-31' });
		expect(r.current.values.volume).toBeNull();
		expect(r.current.counts.offered).toBe(0);
		expect(r.current.values.serviceLevel).toBeNull();
		expect(r.current.values.complaintRate).toBeNull();
		const noRubric = await queryKpis(db, { from: '2026-09-01', to: '2026-09-30' });
		expect(noRubric.current.values.qaAvg).toBeNull();
	});

	it('binds user input as parameters, never in the SQL text', () => {
		const evil = "x' OR 1=1 --";
		const { sql, params } = buildKpiSql({ from: '2026-09-01', to: addDays('2026-09-01', 29), team: evil, queue: evil, channel: evil });
		expect(sql).not.toContain(evil);
		expect(params).toContain(evil);
	});
});
