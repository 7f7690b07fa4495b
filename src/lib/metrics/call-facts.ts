// call_facts: one row per call with every input a KPI needs (DESIGN §6), derived once from `calls` so no page
// re-derives "handled", "handle time" or "a repeat contact" on its own. A view (schema.ts creates it on every
// start), so it never holds a stale value. QA scores are per call × rubric version and live in the QA score
// views (metrics/qa-score.ts); kpis.ts joins them as `q`. No Svelte, no DOM.

/** A resolved call counts as first-contact resolution when the customer has no other contact within this many days. */
export const FCR_WINDOW_DAYS = 7;

/**
 * Who an agent is in SQL over calls aliased `alias`: the agent id, or the name for call logs that name agents
 * without an id (as the calls list's agent filter, calls-sql.ts). call_facts.agent_key holds it.
 */
export const agentKeySql = (alias = 'c') => `coalesce(${alias}.agent_id, ${alias}.agent_name)`;

/**
 * Columns: call_id, agent_key, agent_id, agent_name, team, queue, channel, customer_id, started_at, day (DATE),
 * ring_s, csat, resolved, abandoned (as imported, NULL when unknown), is_abandoned (abandoned IS TRUE; the others
 * are "handled"), handle_s (talk + hold + wrap, each missing part as 0; NULL when all three are missing, so a call
 * log without durations gives no AHT rather than 0 s), has_repeat (the same customer called again within
 * FCR_WINDOW_DAYS after this call; a call without a customer ID cannot be matched and has none).
 * The repeat test is a window over each customer's calls: it costs the same for any filter (about 0.35 s for 1M
 * calls natively, single thread), where a correlated EXISTS took 2.6 s for the whole table (rollup builds).
 */
export const CALL_FACTS_VIEW_SQL = `
CREATE OR REPLACE VIEW call_facts AS
SELECT c.call_id, ${agentKeySql('c')} AS agent_key, c.agent_id, c.agent_name, c.team, c.queue, c.channel, c.customer_id,
	c.started_at, c.started_at::DATE AS day, c.ring_s, c.csat, c.resolved, c.abandoned,
	c.abandoned IS TRUE AS is_abandoned,
	CASE WHEN c.talk_s IS NULL AND c.hold_s IS NULL AND c.wrap_s IS NULL THEN NULL
		ELSE coalesce(c.talk_s, 0) + coalesce(c.hold_s, 0) + coalesce(c.wrap_s, 0) END AS handle_s,
	c.customer_id IS NOT NULL AND count(*) OVER (PARTITION BY c.customer_id ORDER BY c.started_at
		RANGE BETWEEN INTERVAL 1 MICROSECOND FOLLOWING AND INTERVAL ${FCR_WINDOW_DAYS} DAY FOLLOWING) > 0 AS has_repeat
FROM calls c;
`;
