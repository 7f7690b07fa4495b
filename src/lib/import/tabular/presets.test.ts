import { describe, expect, it } from 'vitest';
import type { MappingPreset } from '../types';
import { findPreset, validatePreset } from './presets';

const preset: MappingPreset = {
	name: 'Avaya CMS export',
	kind: 'call_log',
	headers: ['Call', 'Who', 'When'],
	mapping: { Call: 'call_id', Who: 'agent_name', When: 'started_at' }
};

describe('findPreset', () => {
	it.each([
		['exact header row', ['Call', 'Who', 'When'], 'Avaya CMS export'],
		['BOM and spaces around headers', ['\uFEFFCall ', ' Who', 'When'], 'Avaya CMS export'],
		['different order', ['Who', 'Call', 'When'], null],
		['extra column', ['Call', 'Who', 'When', 'x'], null]
	])('%s', (_n, headers, name) => {
		expect(findPreset(headers, [preset])?.name ?? null).toBe(name);
	});
});

describe('validatePreset', () => {
	it('accepts a well-formed preset and trims header names', () => {
		const p = validatePreset({ ...preset, headers: ['Call ', 'Who', 'When'], options: { delimiter: ';' } });
		expect(p.headers).toEqual(['Call', 'Who', 'When']);
		expect(p.options).toEqual({ delimiter: ';' });
	});
	it.each([
		['not an object', [], /expected a JSON object/],
		['no name', { ...preset, name: '' }, /"name"/],
		['unknown kind', { ...preset, kind: 'calls' }, /"kind" must be one of call_log, complaints, transcript/],
		['headers not strings', { ...preset, headers: [1, 2] }, /"headers"/],
		['mapping names a column not in headers', { ...preset, mapping: { Nope: 'call_id' } }, /column "Nope", which is not in "headers"/],
		['unknown field', { ...preset, mapping: { Call: 'callid' } }, /unknown field "callid" for kind call_log/],
		['field mapped twice', { ...preset, mapping: { Call: 'call_id', Who: 'call_id' } }, /mapped twice/],
		['unknown option', { ...preset, options: { quote: "'" } }, /unknown option "quote"/]
	])('rejects %s', (_n, json, message) => {
		expect(() => validatePreset(json)).toThrow(message);
	});
});
