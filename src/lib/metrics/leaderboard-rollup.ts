// The leaderboard's pre-aggregated tables (schema.ts, "leaderboard rollup" block): the KPI parts of metrics/kpis.ts
// per month × agent (with the name and team on the calls) × queue × channel, and the QA parts per score source and
// rubric version. Leaderboard periods are whole months or quarters, so a period re-sums a few thousand rows instead
// of reading every call of two periods with the repeat-contact window and the QA score join (0.35–0.4 s in the
// browser for a month of 200k calls). build-leaderboard-sql.ts reads them; metrics/leaderboard-rollup.test.ts checks
// that the board from the rollups equals the one from raw calls. No Svelte, no DOM.
import type { Db } from '../db/types';
import { agentKeySql } from './call-facts';
import { ensureRollupSet, type RollupBuildOptions } from './rollup-build';
import { CALL_PARTS, QA_PARTS, QA_PARTS_SQL, callPartsSql, partsSelect } from './kpis';
import { QA_SOURCES, qaScoresRelation } from './qa-score';

/** Bump when the rollup definitions change, so existing workspaces rebuild them. */
export const LEADERBOARD_ROLLUP_VERSION = 1;

const MONTH = `date_trunc('month', c.started_at)::DATE AS month`;

/**
 * The statements that rebuild the QA rows (alone when only reviews changed). They read calls, not call_facts: the
 * QA parts need none of its facts, and its repeat-contact window doubled the cost.
 */
function qaRollupSql(): string[] {
	return [
		'DELETE FROM lb_qa_rollup',
		...QA_SOURCES.map(
			(
				source
			) => `INSERT INTO lb_qa_rollup (source, rubric_id, rubric_version, month, agent_key, team, queue, channel, ${QA_PARTS.join(', ')})
	SELECT '${source}', q.rubric_id, q.rubric_version, ${MONTH}, ${agentKeySql('c')} AS agent_key, c.team, c.queue, c.channel,
		${partsSelect(QA_PARTS, (p) => QA_PARTS_SQL[p])}
	FROM calls c JOIN ${qaScoresRelation(source)} q ON q.call_id = c.call_id WHERE c.started_at IS NOT NULL GROUP BY ALL`
		)
	];
}

/** The statements that rebuild both rollups from call_facts and the QA score views (run in one transaction). */
export function buildLeaderboardRollupSql(): string[] {
	const calls = callPartsSql();
	return [
		'DELETE FROM lb_calls_rollup',
		`INSERT INTO lb_calls_rollup (month, agent_key, agent_name, team, queue, channel, ${CALL_PARTS.join(', ')})
	SELECT ${MONTH}, c.agent_key, c.agent_name, c.team, c.queue, c.channel,
		${partsSelect(CALL_PARTS, (p) => calls[p])}
	FROM call_facts c WHERE c.started_at IS NOT NULL GROUP BY ALL`,
		...qaRollupSql()
	];
}

/**
 * Rebuilds the leaderboard rollups when the workspace's data changed since they were built (the first leaderboard
 * after an import, a scoring run or a review); resolves true when it rebuilt (rollup-build.ts).
 */
export function ensureLeaderboardRollup(db: Db, opts: RollupBuildOptions = {}): Promise<boolean> {
	return ensureRollupSet(
		db,
		{
			stateTable: 'lb_rollup_state',
			definition: `v${LEADERBOARD_ROLLUP_VERSION}`,
			statements: (isReviewsOnly) => (isReviewsOnly ? qaRollupSql() : buildLeaderboardRollupSql())
		},
		opts
	);
}
