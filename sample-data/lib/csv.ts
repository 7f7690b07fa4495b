/** CSV writing and a dependency-free GBK encoder (table built from the platform's GBK decoder). */

export function csvField(v: string | number | null | undefined): string {
	const s = v === null || v === undefined ? '' : String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: (string | number | null)[][], eol: '\r\n' | '\n'): string {
	const lines = [header.map(csvField).join(',')];
	for (const r of rows) lines.push(r.map(csvField).join(','));
	return lines.join(eol) + eol;
}

let gbkTable: Map<number, number> | null = null;
/** Map code point → 2-byte GBK code, from decoding every double-byte sequence of the GBK code space. */
function table(): Map<number, number> {
	if (gbkTable) return gbkTable;
	const dec = new TextDecoder('gbk');
	const m = new Map<number, number>();
	const buf = new Uint8Array(2);
	for (let lead = 0x81; lead <= 0xfe; lead++)
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			buf[0] = lead;
			buf[1] = trail;
			const s = dec.decode(buf);
			if (s.length === 1 && s !== '\ufffd') {
				const cp = s.codePointAt(0)!;
				if (!m.has(cp)) m.set(cp, (lead << 8) | trail);
			}
		}
	gbkTable = m;
	return m;
}

export function encodeGbk(text: string): Uint8Array {
	const t = table();
	const out: number[] = [];
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		if (cp < 0x80) out.push(cp);
		else {
			const code = t.get(cp);
			if (code === undefined) throw new Error(`character ${ch} (U+${cp.toString(16)}) has no GBK encoding`);
			out.push(code >> 8, code & 0xff);
		}
	}
	return Uint8Array.from(out);
}
