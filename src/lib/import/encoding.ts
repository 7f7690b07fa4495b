// Turns the bytes of an imported text file (tabular or transcript) into text: BOMs first, then strict UTF-8, then GB18030 (a superset of
// GBK, which Chinese call-centre exports use). Knows nothing about delimiters or columns.

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Human name for reports: GB18030 is what decodes GBK files, but users know them as GBK. */
export function encodingLabel(encoding: TextEncodingName): string {
	return encoding === 'gb18030' ? 'GBK/GB18030' : encoding.toUpperCase();
}

/**
 * `isPrefix`: the bytes are the first part of a longer file, so a multi-byte character cut at the end
 * is not evidence against UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, isPrefix = false): { text: string; encoding: TextEncodingName } {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: isPrefix }), encoding: 'utf-8' };
	} catch {
		// Not valid UTF-8: GB18030 decodes every GBK byte sequence (and never throws; stray bytes become U+FFFD).
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}
