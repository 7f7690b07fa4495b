import { describe, expect, it } from 'vitest';
import type { MappingPreset } from '../types';
import { looksTabular, previewTabular } from './preview';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('previewTabular and looksTabular', () => {
	const csv = 'Ref,Rep,When,Secs\nR1,Ann,2024/11/20 08:30,35\n';
	const preset: MappingPreset = {
		name: 'odd export',
		kind: 'call_log',
		headers: ['Ref', 'Rep', 'When', 'Secs'],
		mapping: { Ref: 'call_id', Rep: 'agent_name', When: 'started_at', Secs: 'talk_s' }
	};

	it('without a preset an unrecognised header row is kind unknown with nothing mapped', () => {
		const p = previewTabular({ name: 'odd.csv', bytes: utf8(csv) });
		expect([p.kind, p.presetName, Object.values(p.mapping)]).toEqual(['unknown', null, ['', '', '', '']]);
	});

	it('previewTabular shows the preset, the mapping and the first rows', () => {
		const p = previewTabular({ name: 'odd.csv', bytes: utf8(csv) }, [preset]);
		expect(p).toEqual({
			encoding: 'UTF-8',
			delimiter: ',',
			headers: ['Ref', 'Rep', 'When', 'Secs'],
			rows: [['R1', 'Ann', '2024/11/20 08:30', '35']],
			kind: 'call_log',
			mapping: preset.mapping,
			presetName: 'odd export'
		});
	});

	it('a semicolon-separated file is sniffed', () => {
		const p = previewTabular({ name: 'x.csv', bytes: utf8('通话ID;开始时间;通话时长\nC1;2024/11/20 08:30;35\nC2;2024/11/20 08:31;36\n') });
		expect([p.delimiter, p.kind, p.mapping['通话时长']]).toEqual([';', 'call_log', 'talk_s']);
	});

	it.each([
		['calls.csv', 'x', true],
		['notes.txt', 'x', true],
		['export.dat', 'a|b|c\n1|2|3\n4|5|6\n', true],
		['export.dat', 'hello world\nthis is prose\n', false],
		['talk.vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\nhi,there\n', false]
	])('looksTabular(%s)', (name, text, expected) => {
		expect(looksTabular(name, utf8(text))).toBe(expected);
	});
});
