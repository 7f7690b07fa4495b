// Manual check, not a test: runs sniffAudio / readAudioInfo / importRecording on every file of the real
// recordings folder (audio/ of the external folder, default ../shared/external) and prints what each gives or
// why it is rejected.
//   npx tsx scripts/try-external-recordings.mts [external folder]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeWasmDb } from '../src/lib/db/node-wasm';
import { ensureSchema } from '../src/lib/db/schema';
import { readAudioInfo, sniffAudio } from '../src/lib/recordings/audio-info';
import { importRecording, recordingSummary } from '../src/lib/recordings/import-recording';

const dir = path.join(process.argv[2] ?? '../shared/external', 'audio');
const db = await createNodeWasmDb();
await ensureSchema(db);

const lines: string[][] = [
	['file', 'sniff', 'format', 'codec', 'duration_s', 'ch', 'rate', 'bits', 'import', 'call_id', 'channel_map', 'reason / warnings']
];
for (const name of readdirSync(dir).sort()) {
	if (name === 'README.md') continue;
	const bytes = new Uint8Array(readFileSync(path.join(dir, name)));
	const sniff = sniffAudio(name, bytes) ?? 'null';
	const report = await importRecording(db, { name, bytes });
	const row = (
		await db.query<{ call_id: string; channel_map: string }>('SELECT call_id, channel_map FROM recordings WHERE file = ?', [name])
	).rows[0];
	try {
		const info = await readAudioInfo(name, bytes);
		lines.push([
			name,
			sniff,
			info.format,
			info.codec,
			info.duration_s.toFixed(3),
			String(info.channels),
			String(info.sample_rate),
			String(info.bits_per_sample ?? ''),
			report.rows_loaded ? 'loaded' : 'rejected',
			row?.call_id ?? '',
			row?.channel_map ?? '',
			report.warnings.map((w) => w.reason).join('; ')
		]);
	} catch (e) {
		lines.push([name, sniff, '', '', '', '', '', '', report.rows_rejected ? 'rejected' : 'loaded?!', '', '', (e as Error).message]);
	}
}
const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
for (const l of lines) console.log(l.map((c, i) => (i === l.length - 1 ? c : c.padEnd(widths[i]))).join(' | '));
console.log('\nsummary:', JSON.stringify(await recordingSummary(db)));
await db.close();
