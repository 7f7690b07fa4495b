/**
 * npx tsx bench/generate-large.ts <out-dir> [--calls 100000] [--from-copy 0] [--month YYYY-MM]
 *
 * Writes <out-dir>/calls.csv and <out-dir>/transcripts.csv for the DESIGN §7 scale benchmark: the sample
 * centre (generateSample) run with successive seeds, each copy moved on by 92 days (the sample's span) so
 * call ids and start times never collide, until --calls calls. Rows are the sample's own CSV lines with only
 * the id and start time rewritten, so the files have the sample's formats (BOM + CRLF call log, LF
 * transcripts). --from-copy N starts at the N-th copy: with N past the copies of a first run, the files hold new
 * calls (bench/native-incremental.ts imports such a "day" into the first run's workspace). --month puts every call in
 * that month instead (the sample's day d becomes day d mod the month's length, time of day kept; the copy number
 * joins the call id), a month of a large centre for bench/browser-pages.js. Nothing is written to the repository.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DAYS, START_DATE } from '../sample-data/lib/calls';
import { DEFAULT_SEED, generateSample } from '../sample-data/lib/sample';

const DAY_MS = 86_400_000;
// 通话ID (C + yyyymmdd + running number) … 开始时间 (column 9, yyyy/mm/dd): the fields before it hold no commas.
const CALL_LINE = /^C(\d{4})(\d\d)(\d\d)-(\d+),((?:[^,]*,){7})(\d{4})\/(\d\d)\/(\d\d) /;
const SEGMENT_LINE = /^(C\d{8}-\d+),/;

const ymd = (ms: number, sep: string) => {
	const d = new Date(ms);
	return [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')].join(sep);
};

function write(stream: WriteStream, text: string): Promise<void> {
	return stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));
}

export async function generateLarge(
	out: string,
	calls: number,
	fromCopy = 0,
	month: string | null = null
): Promise<{ calls: number; segments: number; copies: number }> {
	const monthStart = month ? Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) : NaN;
	const monthDays = month ? new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate() : 0;
	const inMonth = (day: number) => monthStart + (Math.round((day - START_DATE) / DAY_MS) % monthDays) * DAY_MS;
	mkdirSync(out, { recursive: true });
	const callsOut = createWriteStream(path.join(out, 'calls.csv'));
	const segmentsOut = createWriteStream(path.join(out, 'transcripts.csv'));
	let written = 0;
	let segments = 0;
	let copy = fromCopy;
	for (; written < calls; copy++) {
		const sample = generateSample(DEFAULT_SEED + copy);
		const shift = copy * DAYS * DAY_MS;
		const newId = new Map<string, string>();
		const callLines = new TextDecoder()
			.decode(sample.files['calls.csv'])
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		if (copy === fromCopy) await write(callsOut, '\uFEFF' + callLines[0] + '\r\n');
		const keep: string[] = [];
		for (const line of callLines.slice(1)) {
			if (!line || written >= calls) continue;
			const m = CALL_LINE.exec(line);
			if (!m) throw new Error(`unexpected call-log line: ${line.slice(0, 80)}`);
			const callDay = Date.UTC(+m[1], +m[2] - 1, +m[3]);
			const startDay = Date.UTC(+m[6], +m[7] - 1, +m[8]);
			const id = month ? `C${ymd(inMonth(callDay), '')}-${String(copy).padStart(3, '0')}${m[4]}` : `C${ymd(callDay + shift, '')}-${m[4]}`;
			newId.set(line.slice(0, line.indexOf(',')), id);
			const started = ymd(month ? inMonth(startDay) : startDay + shift, '/');
			keep.push(`${id},${m[5]}${started} ${line.slice(m[0].length)}`);
			written++;
		}
		await write(callsOut, keep.join('\r\n') + '\r\n');
		const segLines = new TextDecoder().decode(sample.files['transcripts.csv']).split('\n');
		if (copy === fromCopy) await write(segmentsOut, segLines[0] + '\n');
		const segKeep: string[] = [];
		for (const line of segLines.slice(1)) {
			const m = SEGMENT_LINE.exec(line);
			const id = m && newId.get(m[1]);
			if (!id) continue; // an empty line, or a call past the --calls limit
			segKeep.push(id + line.slice(m[1].length));
		}
		segments += segKeep.length;
		await write(segmentsOut, segKeep.join('\n') + '\n');
	}
	await Promise.all([callsOut, segmentsOut].map((s) => new Promise((resolve) => s.end(resolve))));
	return { calls: written, segments, copies: copy - fromCopy };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate-large.ts')) {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: { calls: { type: 'string', default: '100000' }, 'from-copy': { type: 'string', default: '0' }, month: { type: 'string' } }
	});
	if (positionals.length !== 1 || (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))) {
		process.stderr.write('usage: npx tsx bench/generate-large.ts <out-dir> [--calls 100000] [--from-copy 0] [--month YYYY-MM]\n');
		process.exit(2);
	}
	const t0 = performance.now();
	const r = await generateLarge(positionals[0], Number(values.calls), Number(values['from-copy']), values.month ?? null);
	process.stdout.write(
		`${r.calls} calls, ${r.segments} segments from ${r.copies} sample copies in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${positionals[0]}\n`
	);
}
