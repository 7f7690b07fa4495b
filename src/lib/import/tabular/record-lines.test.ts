import { describe, expect, it } from 'vitest';
import { recordIndexAt, scanRecordStarts } from './record-lines';

const scan = (text: string, delim = ',') => scanRecordStarts(new TextEncoder().encode(text), delim);

describe('scanRecordStarts gives each data record the line it starts on', () => {
	it.each([
		['simple LF', 'h1,h2\na,b\nc,d\n', [2, 3]],
		['no newline after the last row', 'h1,h2\na,b\nc,d', [2, 3]],
		['CRLF', 'h1,h2\r\na,b\r\nc,d\r\n', [2, 3]],
		['quoted field holding a newline', 'h1,h2\n"multi\nline",b\nc,d\n', [2, 4]],
		['quoted CRLF newline and escaped quotes', 'h1,h2\n"say ""hi""\r\nthere",b\nc,d\n', [2, 4]],
		['blank lines are skipped but counted', 'h1,h2\n\na,b\n\n\nc,d\n', [3, 6]],
		['a quote inside an unquoted field is literal', 'h1,h2\nsize 5",b\nc,d\n', [2, 3]],
		['tab delimiter with quotes', 'h1\th2\n"x\ny"\tb\nc\td\n', [2, 4]]
	])('%s', (_name, text, lines) => {
		const delim = text.includes('\t') ? '\t' : ',';
		expect(scan(text, delim).lines).toEqual(lines);
	});

	it('maps a byte position inside a record back to that record', () => {
		const { offsets } = scan('h\naaa\nbbb\nccc\n');
		expect([recordIndexAt(offsets, 2), recordIndexAt(offsets, 7), recordIndexAt(offsets, 13), recordIndexAt(offsets, 0)]).toEqual([
			0, 1, 2, -1
		]);
	});
});
