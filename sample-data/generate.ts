/**
 * npm run sample-data [-- --seed N] [--no-audio]
 *
 * Writes sample-data/out/: calls.csv, complaints.csv (GBK), transcripts.csv, ground-truth.json, manifest.json and
 * recordings/<通话ID>.wav. The text outputs come from the pure generateSample(seed). Recordings need espeak-ng and
 * sox; without them the committed recordings and speech-durations.json are kept and the text outputs are identical.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSample, summary, DEFAULT_SEED, type Durations } from './lib/sample';
import { audioToolsAvailable, buildRecording, synthesiseAll } from './lib/audio';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const argVal = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const seed = Number(argVal('--seed') ?? DEFAULT_SEED);
const outDir = argVal('--out') ?? join(here, 'out');
const noAudio = args.includes('--no-audio');
const durationsFile = join(here, 'lib', 'speech-durations.json');

function sortedJson(d: Durations): string {
	const keys = Object.keys(d).sort();
	return '{\n' + keys.map((k) => `${JSON.stringify(k)}: ${d[k]}`).join(',\n') + '\n}\n';
}

const committed: Durations = JSON.parse(readFileSync(durationsFile, 'utf8'));
let sample = generateSample(seed, committed);
const recDir = join(outDir, 'recordings');
mkdirSync(recDir, { recursive: true });

if (!noAudio && audioToolsAvailable()) {
	const work = join(tmpdir(), 'callqa-sample-speech');
	const measured = synthesiseAll(work, sample.recordings);
	const merged = { ...measured };
	const changed = Object.keys(measured).some((k) => committed[k] !== measured[k]);
	if (changed || Object.keys(committed).length !== Object.keys(measured).length) {
		writeFileSync(durationsFile, sortedJson(merged));
		console.log(`updated ${relative(process.cwd(), durationsFile)} (${Object.keys(merged).length} turns)`);
		sample = generateSample(seed, merged);
	}
	const keep = new Set(sample.recordings.map((r) => r.file));
	for (const f of readdirSync(recDir)) if (f.endsWith('.wav') && !keep.has(f)) rmSync(join(recDir, f));
	for (const r of sample.recordings) buildRecording(work, r, join(recDir, r.file));
	console.log(`synthesised ${sample.recordings.length} recordings with espeak-ng + sox`);
} else {
	console.warn(noAudio ? 'audio skipped (--no-audio)' : 'espeak-ng or sox not found: keeping the committed recordings');
	for (const r of sample.recordings)
		if (!existsSync(join(recDir, r.file))) console.warn(`missing recording ${r.file} (install espeak-ng and sox and rerun)`);
}

for (const [name, bytes] of Object.entries(sample.files)) writeFileSync(join(outDir, name), bytes);

// manifest
const files: { file: string; bytes: number; sha256: string }[] = [];
const walk = (dir: string) => {
	for (const f of readdirSync(dir).sort()) {
		const p = join(dir, f);
		if (statSync(p).isDirectory()) walk(p);
		else if (f !== 'manifest.json') {
			const buf = readFileSync(p);
			files.push({
				file: relative(outDir, p).split('\\').join('/'),
				bytes: buf.length,
				sha256: createHash('sha256').update(buf).digest('hex')
			});
		}
	}
};
walk(outDir);
const manifest = {
	generator: 'sample-data/generate.ts',
	...summary(sample),
	encodings: {
		'calls.csv': 'UTF-8 with BOM, CRLF',
		'complaints.csv': 'GBK, CRLF',
		'transcripts.csv': 'UTF-8, LF',
		'ground-truth.json': 'UTF-8'
	},
	recordings_format: { sample_rate: 8000, bits: 16, channels: 2, channel_map: { left: 'agent', right: 'customer' } },
	files,
	total_bytes: files.reduce((n, f) => n + f.bytes, 0)
};
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
console.log(JSON.stringify({ ...manifest, files: files.map((f) => `${f.file} ${f.bytes}`) }, null, 1));
