import { describe, expect, it } from 'vitest';
import { callIdFromFileName, defaultChannelMap, roleHintFromFileName } from './match';

const known = new Set(['C20260803-000123', 'C20260803-00012', '12', 'lca_Auto_Repairs_40_UTC']);

describe('callIdFromFileName', () => {
	it.each([
		{ file: 'C20260803-000123.wav', id: 'C20260803-000123', why: 'exact stem' },
		{ file: 'uploads/2026-08/C20260803-000123.mp3', id: 'C20260803-000123', why: 'folder path is ignored' },
		{ file: 'rec_C20260803-000123_agent.wav', id: 'C20260803-000123', why: 'longest known id wins over its prefix' },
		{ file: 'rec_c20260803-000123.wav', id: 'C20260803-000123', why: 'case-insensitive containment' },
		{ file: 'rec_2012_0412.wav', id: 'rec_2012_0412', why: 'short id 12 inside a longer number is not a match' },
		{ file: 'call_12_agent.wav', id: '12', why: 'short id as a whole token matches' },
		{ file: 'lca_Auto_Repairs_40_UTC_caller_8k_mono.wav', id: 'lca_Auto_Repairs_40_UTC', why: 'split caller track' },
		{ file: 'unknown_call_agent_8k_mono.wav', id: 'unknown_call', why: 'no known id: the name without role and technical suffixes' },
		{ file: 'Z99.wav', id: 'Z99', why: 'no known id: the stem' }
	])('$file → $id ($why)', ({ file, id }) => {
		expect(callIdFromFileName(file, known)).toBe(id);
	});

	it('gives both tracks of a split call the same id before any call log is loaded', () => {
		expect(callIdFromFileName('lca_Auto_Repairs_49_UTC_agent_8k_mono.wav')).toBe('lca_Auto_Repairs_49_UTC');
		expect(callIdFromFileName('lca_Auto_Repairs_49_UTC_caller_8k_mono.wav')).toBe('lca_Auto_Repairs_49_UTC');
		expect(callIdFromFileName('DERIVED_lca_Auto_Repairs_40_UTC_stereo_ch1agent_ch2caller_8k.wav')).toBe('DERIVED_lca_Auto_Repairs_40_UTC');
	});

	it('keeps the digits of a call id that no log has confirmed', () => {
		expect(callIdFromFileName('C20260803-000123.wav')).toBe('C20260803-000123');
	});
});

describe('role hints and channel maps', () => {
	it.each([
		{ file: 'x_agent.wav', channels: 1, hint: { kind: 'file', role: 'agent' }, map: 'agent' },
		{ file: 'x_caller_8k_mono.wav', channels: 1, hint: { kind: 'file', role: 'customer' }, map: 'customer' },
		{ file: 'x-Customer.wav', channels: 1, hint: { kind: 'file', role: 'customer' }, map: 'customer' },
		{ file: 'x.wav', channels: 1, hint: null, map: 'mixed' },
		{ file: 'x.wav', channels: 2, hint: null, map: 'agent,customer' },
		{
			file: 'x_stereo_ch1agent_ch2caller_8k.wav',
			channels: 2,
			hint: { kind: 'channels', roles: ['agent', 'customer'] },
			map: 'agent,customer'
		},
		{ file: 'x_ch1caller_ch2agent.wav', channels: 2, hint: { kind: 'channels', roles: ['customer', 'agent'] }, map: 'customer,agent' },
		{ file: 'x.wav', channels: 3, hint: null, map: 'agent,customer,other' },
		// Amazon PCA names carry AGENT as a field label before the agent's name: the file is a mixed mono call.
		{ file: 'pca_Auto0_GUID_000_AGENT_ChrisL_DT_2025-02-19T06-01-22_Mono.wav', channels: 1, hint: null, map: 'mixed' }
	])('$file ($channels ch) → $map', ({ file, channels, hint, map }) => {
		expect(roleHintFromFileName(file)).toEqual(hint);
		expect(defaultChannelMap(channels, file)).toBe(map);
	});
});
