// The agent page's audio figures: over the agent's analysed recordings in a period, the agent's share of the talk
// time, how often the agent talked over the customer per call, the mean longest silence and the mean reply latency,
// beside the same for the agent's team. One aggregate row per group. Pure SQL builder; no DOM.
import type { Db, Param } from '../db/types';
import { dimensionWhere, periodBounds, type DashboardFilter } from '../scope/filter';

export interface AudioFigures {
	who: 'agent' | 'team';
	calls: number;
	agent_share: number | null;
	over_per_call: number | null;
	silence_avg_s: number | null;
	reply_avg_s: number | null;
}

export function buildAgentAudioSql(s: {
	agentId: string;
	team: string | null;
	from: string;
	to: string;
	dims?: Pick<DashboardFilter, 'team' | 'queue' | 'channel'>;
}): { sql: string; params: Param[] } {
	const dims = dimensionWhere(s.dims ?? {}, 'c');
	const measures = `count(*) AS calls, sum(v.agent_talk_s) / nullif(sum(v.agent_talk_s + v.customer_talk_s), 0) AS agent_share,
		avg(v.agent_over_n) AS over_per_call, avg(v.longest_silence_s) AS silence_avg_s, avg(v.reply_avg_s) AS reply_avg_s`;
	const from = `FROM calls c JOIN voice_analysis v ON v.call_id = c.call_id AND v.status = 'done'
		WHERE c.started_at >= CAST(? AS TIMESTAMP) AND c.started_at < CAST(? AS TIMESTAMP) AND ${dims.sql}`;
	return {
		sql: `SELECT 'agent' AS who, ${measures} ${from} AND c.agent_id = ?
		UNION ALL SELECT 'team' AS who, ${measures} ${from} AND c.team = ?`,
		params: [...periodBounds(s.from, s.to), ...dims.params, s.agentId, ...periodBounds(s.from, s.to), ...dims.params, s.team]
	};
}

export async function queryAgentAudio(
	db: Db,
	s: Parameters<typeof buildAgentAudioSql>[0]
): Promise<{ agent: AudioFigures; team: AudioFigures | null }> {
	const q = buildAgentAudioSql(s);
	const { rows } = await db.query<AudioFigures>(q.sql, q.params);
	const num = (v: unknown) => (v == null ? null : Number(v));
	const clean = rows.map((r) => ({
		...r,
		calls: Number(r.calls),
		agent_share: num(r.agent_share),
		over_per_call: num(r.over_per_call),
		silence_avg_s: num(r.silence_avg_s),
		reply_avg_s: num(r.reply_avg_s)
	}));
	const agent = clean.find((r) => r.who === 'agent')!;
	const team = clean.find((r) => r.who === 'team') ?? null;
	return { agent, team: s.team && team && team.calls > 0 ? team : null };
}
