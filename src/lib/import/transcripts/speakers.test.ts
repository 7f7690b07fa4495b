import { describe, expect, it } from 'vitest';
import { mapSpeakers, roleFromLabel } from './speakers';
import type { ParsedTranscript } from './types';

function transcript(calls: [string, string | null][][]): ParsedTranscript {
	return {
		format: 'x',
		errors: [],
		warnings: [],
		rows_total: 0,
		calls: calls.map((segs, ci) => ({
			call_id: `c${ci}`,
			segments: segs.map(([label, channel], seq) => ({
				call_id: `c${ci}`,
				seq,
				speaker_label: label,
				channel,
				start_s: null,
				end_s: null,
				text: 't',
				line: null
			}))
		}))
	};
}

describe('mapSpeakers', () => {
	it.each([
		['agent', 'agent'],
		['AGENT', 'agent'],
		['客服', 'agent'],
		['坐席', 'agent'],
		['helpdesk', 'agent'],
		['sys', 'agent'],
		['[SPEAKER 1]', 'agent'],
		['customer', 'customer'],
		['客户', 'customer'],
		['用户', 'customer'],
		['user', 'customer'],
		['caller', 'customer'],
		['[SPEAKER 2]', 'customer'],
		['SYSTEM', 'system'],
		['action', 'system'],
		['Roger', null],
		['spk_0', null]
	])('dictionary: %s → %s', (label, role) => {
		expect(roleFromLabel(label)).toBe(role);
	});

	it.each([
		[
			'label when every label is known',
			[
				[
					['helpdesk', null],
					['customer', null],
					['SYSTEM', null]
				]
			],
			undefined,
			'label',
			{ helpdesk: 'agent', customer: 'customer', SYSTEM: 'system' }
		],
		[
			'channel when labels are unknown and two channels exist (ch_0 = agent)',
			[
				[
					['ch_1', 'ch_1'],
					['ch_0', 'ch_0']
				]
			],
			undefined,
			'channel',
			{ ch_1: 'customer', ch_0: 'agent' }
		],
		[
			'first_speaker otherwise',
			[
				[
					['Diane', '1'],
					['Sheila', '1']
				]
			],
			undefined,
			'first_speaker',
			{ Diane: 'agent', Sheila: 'customer' }
		],
		[
			'first_speaker skips a system opener',
			[
				[
					['SYSTEM', null],
					['Bob', null],
					['Ann', null]
				]
			],
			'first_speaker',
			'first_speaker',
			{ SYSTEM: 'system', Bob: 'agent', Ann: 'customer' }
		],
		[
			'unknown speaker stays customer under any rule',
			[
				[
					['unknown', null],
					['Bob', null]
				]
			],
			'first_speaker',
			'first_speaker',
			{ unknown: 'customer', Bob: 'customer' }
		]
	] as const)('%s', (_what, calls, rule, expectedRule, expected) => {
		const m = mapSpeakers(transcript(calls as unknown as [string, string | null][][]), rule);
		expect(m.rule).toBe(expectedRule);
		expect(Object.fromEntries(m.map.map((e) => [e.label, e.role]))).toEqual(expected);
	});

	it('user overrides win over the rule', () => {
		const m = mapSpeakers(
			transcript([
				[
					['Diane', null],
					['Sheila', null]
				]
			]),
			undefined,
			{ Sheila: 'agent', Diane: 'customer' }
		);
		expect(m.map).toEqual([
			{ label: 'Diane', role: 'customer' },
			{ label: 'Sheila', role: 'agent' }
		]);
	});

	it('the agent channel can be changed', () => {
		const m = mapSpeakers(
			transcript([
				[
					['ch_0', 'ch_0'],
					['ch_1', 'ch_1']
				]
			]),
			'channel',
			{},
			'ch_1'
		);
		expect(m.map).toEqual([
			{ label: 'ch_0', role: 'customer' },
			{ label: 'ch_1', role: 'agent' }
		]);
	});
});
