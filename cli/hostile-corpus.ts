// A bad-input corpus written on demand (never committed): every file is something a user could drop on the
// import page by mistake or malice. cli/hostile-corpus.test.ts imports it and expects no crash and a reason for
// every rejected file; `npx tsx scripts/hostile-corpus.ts <dir>` writes it for `npm run corpus -- <dir>`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Extensions the importer reads; random bytes go under each. */
const EXTENSIONS = ['csv', 'tsv', 'txt', 'json', 'jsonl', 'vtt', 'srt', 'wav', 'mp3', 'flac', 'ogg', 'opus', 'm4a', 'xlsx'];

/** Deterministic bytes (xorshift), so a failure reproduces. */
function randomBytes(n: number, seed: number): Uint8Array {
	const out = new Uint8Array(n);
	let x = seed || 1;
	for (let i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = x & 0xff;
	}
	return out;
}

function wav(dataBytes: number, declaredData: number, channels: number): Uint8Array {
	const buf = new Uint8Array(44 + dataBytes);
	const v = new DataView(buf.buffer);
	const ascii = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
	ascii(0, 'RIFF');
	v.setUint32(4, 36 + declaredData, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, 1, true);
	v.setUint16(22, channels, true);
	v.setUint32(24, 8000, true);
	v.setUint32(28, 8000 * 2 * Math.max(channels, 1), true);
	v.setUint16(32, 2 * Math.max(channels, 1), true);
	v.setUint16(34, 16, true);
	ascii(36, 'data');
	v.setUint32(40, declaredData, true);
	return buf;
}

const CALLS_HEADER = 'call_id,agent_id,start_time,duration_sec,direction,caller_number';

/** The files, by name. `big` adds the slow ones (a 50 MB line, 100k columns). */
export function hostileFiles(big = true): Record<string, Uint8Array | string> {
	const files: Record<string, Uint8Array | string> = {
		'empty.csv': '',
		'only-newlines.csv': '\n\n\n',
		'only-bom.json': '\uFEFF',
		'unbalanced-quote.csv': `${CALLS_HEADER}\nC1,A1,2024-01-02 10:00:00,60,inbound,"13800000000\nC2,A1,2024-01-02 11:00:00,60,inbound,13800000001\n`,
		'nul-bytes.csv': `${CALLS_HEADER}\nC\u00001,A1,2024-01-02 10:00:00,60,inbound,1\nC2,A\u00001,2024-01-02 11:00:00,60,inbound,2\n`,
		'impossible-dates.csv': `${CALLS_HEADER}\nD1,A1,2024-02-30 10:00:00,60,inbound,1\nD2,A1,0001-01-01 00:00:00,60,inbound,2\nD3,A1,9999-12-31 23:59:59,60,inbound,3\nD4,A1,99999,60,inbound,4\n`,
		'negative-durations.csv': `${CALLS_HEADER}\nN1,A1,2024-01-02 10:00:00,-60,inbound,1\nN2,A1,2024-01-02 10:00:00,1e23,inbound,2\nN3,A1,2024-01-02 10:00:00,0:99:99,inbound,3\n`,
		'repeated-empty-headers.csv': 'a,a,,b,,\n1,2,3,4,5,6\n',
		'deep.json': '['.repeat(100_000) + ']'.repeat(100_000),
		'backwards.vtt': 'WEBVTT\n\n00:00:10.000 --> 00:00:05.000\nhello\n\n00:00:03.000 --> 00:00:04.000\nagain\n',
		'backwards.srt': '1\n00:00:10,000 --> 00:00:05,000\nhello\n\n2\n00:00:03,000 --> 00:00:04,000\nagain\n',
		'unknown-call.jsonl': '{"call_id":"NO-SUCH-CALL","speaker":"agent","start":0,"end":1,"text":"hi"}\n',
		'huge-turn.vtt': 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n' + 'x'.repeat(1_000_000) + '\n',
		'wav-lies-size.wav': wav(1000, 1_000_000_000, 1),
		'wav-zero-channels.wav': wav(1000, 1000, 0),
		'wav-99-channels.wav': wav(1000, 1000, 99),
		'gzip-renamed.csv': new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, ...randomBytes(200, 7)]),
		'zip-renamed.csv': new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(200, 8)]),
		'swallowing-quote.csv': `${CALLS_HEADER}\nS1,A1,2024-01-02 10:00:00,60,inbound,1\nS2,"A1,2024-01-02 11:00:00,60,inbound,2\nS3,A1,2024-01-02 12:00:00,60,inbound,3\nS4,A1,2024-01-02 13:00:00,60,inbound,"4"\nS5,A1,2024-01-02 14:00:00,60,inbound,5\n`,
		'xlsx-renamed.csv': new Uint8Array([
			0x50,
			0x4b,
			0x03,
			0x04,
			20,
			0,
			0,
			0,
			...Buffer.from('[Content_Types].xml\u0000xl/workbook.xml'),
			...randomBytes(100, 9)
		]),
		'xls-renamed.csv': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(200, 10)]),
		'pdf-renamed.txt': `%PDF-1.4\n${'x'.repeat(100)}`,
		'srt-bad-first-cue.srt': '1\n00:00:0x,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n',
		'same-ids-a.csv': `${CALLS_HEADER}\nR1,A1,2024-01-02 10:00:00,60,inbound,1\nR2,A1,2024-01-02 10:00:00,60,inbound,1\n`,
		'same-ids-b.csv': `${CALLS_HEADER}\nR2,A2,2024-01-02 10:00:00,60,inbound,1\n`,
		'名前 with spaces & "quotes" <tag>.csv': `${CALLS_HEADER}\nH1,A1,2024-01-02 10:00:00,60,inbound,1\n`
	};
	// UTF-16 LE without a BOM, and GBK with a truncated two-byte sequence.
	const u16 = Buffer.from(`${CALLS_HEADER}\nU1,A1,2024-01-02 10:00:00,60,inbound,1\n`, 'utf16le');
	files['utf16-no-bom.csv'] = new Uint8Array(u16);
	files['broken-gbk.csv'] = new Uint8Array([...Buffer.from(`${CALLS_HEADER}\nG1,`), 0xc4, 0xe3, 0xba, 0x0a]);
	EXTENSIONS.forEach((ext, i) => {
		files[`random.${ext}`] = randomBytes(4096, i + 11);
		files[`zero-bytes.${ext}`] = new Uint8Array(0);
	});
	if (big) {
		files['one-50mb-line.csv'] = 'a'.repeat(50 * 1024 * 1024);
		files['long-data-line.csv'] =
			`${CALLS_HEADER}\nL1,A1,2024-01-02 10:00:00,60,inbound,${'9'.repeat(3 * 1024 * 1024)}\nL2,A1,2024-01-02 10:00:00,60,inbound,1\n`;
		files['100k-columns.csv'] = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(99_999) + '1\n';
	}
	return files;
}

/** Writes the corpus under `dir`; returns the paths written. */
export async function writeHostileCorpus(dir: string, big = true): Promise<string[]> {
	const out: string[] = [];
	for (const [name, content] of Object.entries(hostileFiles(big))) {
		// A "../" in a name stays inside the corpus: it is a file name, not a way out.
		const p = path.join(dir, name.replaceAll('/', '_'));
		await mkdir(path.dirname(p), { recursive: true });
		await writeFile(p, content);
		out.push(p);
	}
	return out;
}
