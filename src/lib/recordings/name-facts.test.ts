import { describe, expect, it } from 'vitest';
import { agentFromFileName, startedAtFromFileName } from './name-facts';

describe('what a recording name says about its call', () => {
	const CASES: [name: string, started: string | null, agent: string | null][] = [
		['pca_Auto0_GUID_000_AGENT_ChrisL_DT_2025-02-19T06-01-22_Mono.wav', '2025-02-19 06:01:22', 'ChrisL'],
		['rec/2024-11-20_08-30-15_agent.wav', '2024-11-20 08:30:15', null],
		['call 2024-11-20 08:30:15.mp3', '2024-11-20 08:30:15', null],
		// A call id made of a day and a sequence number is not a time.
		['C20260803-000123.wav', null, null],
		['rec_C20260803-000123_agent.wav', null, null],
		// Not a real day or time.
		['x_2025-02-30T06-01-22.wav', null, null],
		['x_2025-02-19T25-01-22.wav', null, null],
		// AGENT as a field label without PCA's date is not read as an agent.
		['lca_AGENT_x_caller.wav', null, null]
	];
	it.each(CASES)('%s', (name, started, agent) => {
		expect(startedAtFromFileName(name)).toBe(started);
		expect(agentFromFileName(name)).toBe(agent);
	});
});
