// Bench-only data: grows a workspace that holds the sample contact centre (imported and scored) to N calls in
// SQL, for the DESIGN §7 dashboard budget (1M call-log rows). Not used by the product; see bench/README.md.
// Each copy k of the sample keeps its rows' own mix (teams, queues, channels, ring/talk, CSAT, abandoned, the
// scores and checklist findings, the complaints) and moves on a whole number of days, so a year of data ends
// at `lastDay`; copies get their own call, complaint and customer ids and one of eight agent cohorts.
import type { Db } from '../db/types';

/** Days the copies fill, ending on lastDay. */
const SPAN_DAYS = 365;
/** Copies of one sample agent become this many agents (25 sample agents → 200). */
const AGENT_COHORTS = 8;

export interface BenchDataReport {
	calls: number;
	scores: number;
	findings: number;
	complaints: number;
}

const int = (n: number, what: string) => {
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number ≥ 0`);
	return n;
};

/**
 * The statements that take a workspace holding only the sample (any size n0 > 0) to `target` calls.
 * Copy k (k ≥ 1) of call number rn (1..n0) exists when k * n0 + rn ≤ target; there are K = ⌈target / n0⌉ copies
 * with the sample. The sample itself moves so its last day is `lastDay`; a call d days before that moves, in
 * copy k, to (d + ⌊k · SPAN_DAYS / K⌋) mod SPAN_DAYS days before it, so the year is evenly filled and weekdays
 * vary between copies. A complaint moves with its call.
 */
export function buildGrowSql(target: number, lastDay: string): string[] {
	int(target, 'target');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(lastDay)) throw new Error('lastDay must be YYYY-MM-DD');
	const back = (d0: string) => `to_days(((${d0} + (bk.k * ${SPAN_DAYS}) // b.copies) % ${SPAN_DAYS}) - ${d0})`;
	const copies = `CROSS JOIN bench_k bk CROSS JOIN bench_base b WHERE bk.k * b.n0 + r.rn <= ${target}`;
	return [
		`CREATE OR REPLACE TEMP TABLE bench_base AS
			SELECT date_diff('day', max(started_at)::DATE, DATE '${lastDay}')::INTEGER AS days, count(*)::INTEGER AS n0,
				((${target} + count(*) - 1) // count(*))::INTEGER AS copies FROM calls`,
		`CREATE OR REPLACE TEMP TABLE bench_k AS
			SELECT k::INTEGER AS k FROM range(1, (SELECT copies FROM bench_base)) t(k)`,
		// The sample itself moves first, so its complaints and scores keep pointing at the same calls.
		`UPDATE calls SET started_at = started_at + to_days((SELECT days FROM bench_base))`,
		`UPDATE complaints SET received_at = received_at + to_days((SELECT days FROM bench_base)),
			due_at = due_at + to_days((SELECT days FROM bench_base)),
			resolved_at = resolved_at + to_days((SELECT days FROM bench_base)),
			followed_up_at = followed_up_at + to_days((SELECT days FROM bench_base))`,
		`CREATE OR REPLACE TEMP TABLE bench_rn AS
			SELECT call_id, row_number() OVER (ORDER BY call_id)::INTEGER AS rn, date_diff('day', started_at::DATE, DATE '${lastDay}') AS d0 FROM calls`,
		`INSERT INTO calls (call_id, agent_id, agent_name, team, queue, channel, direction, customer_id, started_at, ring_s, talk_s,
				hold_s, wrap_s, abandoned, transferred, resolved, csat, category, recording, source_file, source_line)
			SELECT c.call_id || '~' || bk.k, c.agent_id || '-' || (bk.k % ${AGENT_COHORTS}), c.agent_name || (bk.k % ${AGENT_COHORTS}),
				c.team, c.queue, c.channel, c.direction, c.customer_id || '~' || bk.k,
				c.started_at - ${back('r.d0')}, c.ring_s, c.talk_s, c.hold_s, c.wrap_s, c.abandoned, c.transferred,
				c.resolved, c.csat, c.category, NULL, 'bench', NULL
			FROM calls c JOIN bench_rn r USING (call_id) ${copies}`,
		`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed, critical_failed, scored_at)
			SELECT s.call_id || '~' || bk.k, s.rubric_id, s.rubric_version, s.score, s.passed, s.critical_failed, s.scored_at
			FROM scores s JOIN bench_rn r USING (call_id) ${copies}`,
		// Findings without their evidence text: the dashboard reads only item and result.
		`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, points, max_points)
			SELECT f.call_id || '~' || bk.k, f.rubric_id, f.rubric_version, f.item_id, f.result, f.points, f.max_points
			FROM findings f JOIN bench_rn r USING (call_id) ${copies}`,
		// Complaints follow their call's copy; one without a (known) call moves by its own date, in every copy.
		`INSERT INTO complaints (complaint_id, call_id, customer_id, agent_id, received_at, category, severity, due_at, resolved_at,
				followed_up_at, follow_up_satisfied, status, title, description, channel, source_file)
			SELECT q.complaint_id || '~' || bk.k, q.call_id || '~' || bk.k, q.customer_id || '~' || bk.k,
				q.agent_id || '-' || (bk.k % ${AGENT_COHORTS}),
				q.received_at - ${back('q.d0')}, q.category, q.severity, q.due_at - ${back('q.d0')}, q.resolved_at - ${back('q.d0')},
				q.followed_up_at - ${back('q.d0')}, q.follow_up_satisfied, q.status, q.title, q.description, q.channel, 'bench'
			FROM (
				SELECT k.*, coalesce(r.rn, 1) AS rn, coalesce(r.d0, date_diff('day', k.received_at::DATE, DATE '${lastDay}')) AS d0
				FROM complaints k LEFT JOIN bench_rn r ON r.call_id = k.call_id
			) q CROSS JOIN bench_k bk CROSS JOIN bench_base b WHERE bk.k * b.n0 + q.rn <= ${target}`,
		`DROP TABLE bench_rn; DROP TABLE bench_k; DROP TABLE bench_base`
	];
}

/** Grows the workspace to `target` calls (see buildGrowSql) and reports the table sizes. */
export async function growSample(db: Db, target: number, lastDay: string): Promise<BenchDataReport> {
	const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM calls');
	const n0 = Number(rows[0].n);
	if (n0 === 0) throw new Error('load the sample first: there are no calls to grow');
	if (n0 > 10_000) throw new Error(`the workspace already holds ${n0} calls; grow a fresh sample only`);
	for (const sql of buildGrowSql(target, lastDay)) await db.query(sql);
	return tableCounts(db);
}

export async function tableCounts(db: Db): Promise<BenchDataReport> {
	const { rows } = await db.query<BenchDataReport>(`SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM scores) AS scores,
		(SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM complaints) AS complaints`);
	const r = rows[0];
	return { calls: Number(r.calls), scores: Number(r.scores), findings: Number(r.findings), complaints: Number(r.complaints) };
}
