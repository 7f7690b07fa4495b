import { describe, expect, it } from 'vitest';
import { decodeBytes } from './encoding';

// 投诉,状态 in GBK, written as bytes: TextEncoder only produces UTF-8.
const GBK_HEADER = [0xcd, 0xb6, 0xcb, 0xdf, 0x2c, 0xd7, 0xb4, 0xcc, 0xac];

describe('decodeBytes', () => {
	it.each([
		['plain UTF-8', [...new TextEncoder().encode('通话ID,坐席')], '通话ID,坐席', 'utf-8'],
		['UTF-8 with BOM (Excel "CSV UTF-8")', [0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b')], 'a,b', 'utf-8-bom'],
		['GBK from a Chinese Excel export', GBK_HEADER, '投诉,状态', 'gb18030'],
		['UTF-16LE with BOM', [0xff, 0xfe, 0x41, 0x00, 0x2c, 0x00, 0x42, 0x00], 'A,B', 'utf-16le'],
		['UTF-16BE with BOM', [0xfe, 0xff, 0x00, 0x41, 0x00, 0x2c, 0x00, 0x42], 'A,B', 'utf-16be'],
		['UTF-16LE without BOM (a hand-saved Windows export)', [0x41, 0x00, 0x2c, 0x00, 0x42, 0x00, 0x0a, 0x00], 'A,B\n', 'utf-16le'],
		['UTF-16BE without BOM', [0x00, 0x41, 0x00, 0x2c, 0x00, 0x42, 0x00, 0x0a], 'A,B\n', 'utf-16be'],
		['empty file', [], '', 'utf-8']
	])('%s', (_name, bytes, text, encoding) => {
		expect(decodeBytes(new Uint8Array(bytes))).toEqual({ text, encoding });
	});
});

describe('decodeBytes on the first part of a file', () => {
	it('keeps UTF-8 when the cut falls inside a Chinese character', () => {
		const bytes = new TextEncoder().encode('通话ID,坐席\n');
		const cut = bytes.subarray(0, 4); // '通' is 3 bytes; the 4th byte starts '话'
		expect(decodeBytes(cut, true)).toEqual({ text: '通', encoding: 'utf-8' });
		expect(decodeBytes(cut, false).encoding).toBe('gb18030');
	});
});
