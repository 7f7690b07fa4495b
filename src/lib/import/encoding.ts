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
	const utf16 = utf16WithoutBom(bytes);
	if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: isPrefix }), encoding: 'utf-8' };
	} catch {
		// Not valid UTF-8: GB18030 decodes every GBK byte sequence (and never throws; stray bytes become U+FFFD).
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}

/**
 * UTF-16 saved without a BOM: ASCII-heavy text then has a zero byte in every other position (odd ones for
 * little-endian, even ones for big-endian). Text in UTF-8 or GBK has almost no zero bytes, so read as UTF-8
 * such a file would become NUL-riddled mojibake.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(bytes.length, 4096) & ~1;
	if (n < 4) return null;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZero++;
		if (bytes[i + 1] === 0) oddZero++;
	}
	const pairs = n / 2;
	if (oddZero >= pairs * 0.4 && evenZero <= pairs * 0.05) return 'utf-16le';
	if (evenZero >= pairs * 0.4 && oddZero <= pairs * 0.05) return 'utf-16be';
	return null;
}
