// Manual check, not a test: imports every file of the real recordings folder (audio/ of the external folder,
// default ../shared/external) as the app does (recordings, RTTM), analyses every recorded call and prints what
// it finds per call.
//   npx tsx scripts/try-external-voice.mts [external folder]
import { openAsBlob, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeWasmDb } from '../src/lib/db/node-wasm';
import { importFiles } from '../src/lib/import/pipeline';
import { analyseCall } from '../src/lib/voice/analyse-call';
import { analyseFiles } from '../src/lib/voice/analyse-files';
import { getActivity, getCallAudio } from '../src/lib/voice/activity-sql';

const dir = path.join(process.argv[2] ?? '../shared/external', 'audio');
const db = await createNodeWasmDb();
const names = readdirSync(dir)
	.filter((n) => n !== 'README.md' && !n.endsWith('.stm'))
	.sort();
const { files } = await importFiles(
	db,
	names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }))
);
for (const f of files) {
	const what = f.audio
		? `${f.audio.channels} ch ${f.audio.sample_rate} Hz ${f.audio.codec} ${f.audio.duration_s.toFixed(2)} s → call ${f.audio.call_id} (${f.audio.channel_map})`
		: '';
	console.log(
		`${f.file}: ${f.kind} ${f.format ?? ''} loaded ${f.rows_loaded}/${f.rows_total} ${what} ${f.errors.map((e) => 'ERROR ' + e.reason).join('; ')} ${f.warnings.map((w) => 'warn ' + w.reason).join('; ')}`
	);
}
const { rows } = await db.query<{ call_id: string }>('SELECT DISTINCT call_id FROM recordings ORDER BY call_id');
for (const { call_id } of rows) {
	const t0 = performance.now();
	const out = await analyseCall(
		db,
		call_id,
		(name) => openAsBlob(path.join(dir, name)),
		(fs) => analyseFiles(fs, { withActivity: true })
	);
	const a = await getCallAudio(db, call_id);
	const act = await getActivity(db, call_id);
	console.log(`\n${call_id}: ${out?.status} (${a?.source}, ${a?.files}) ${out?.detail ?? ''} in ${Math.round(performance.now() - t0)} ms`);
	if (a?.status === 'done') {
		const share = (a.agent_talk_s ?? 0) / ((a.agent_talk_s ?? 0) + (a.customer_talk_s ?? 0) || 1);
		console.log(
			`  agent ${a.agent_talk_s?.toFixed(1)} s (${(share * 100).toFixed(0)} %), customer ${a.customer_talk_s?.toFixed(1)} s; overlaps ${a.overlap_n} (${a.overlap_s?.toFixed(1)} s; agent over customer ${a.agent_over_n}, customer over agent ${a.customer_over_n}); longest silence ${a.longest_silence_s?.toFixed(1)} s; replies ${a.reply_n}, mean ${a.reply_avg_s?.toFixed(2)} s, max ${a.reply_max_s?.toFixed(1)} s`
		);
		const first = act.spans
			.slice(0, 4)
			.map((s) => `${s.speaker} ${s.start_s}–${s.end_s}`)
			.join(', ');
		console.log(`  first spans: ${first}`);
		console.log(
			`  overlaps ≥ 1 s: ${
				act.overlaps
					.filter((o) => o.end_s - o.start_s >= 1)
					.map((o) => `${o.by} at ${o.start_s.toFixed(1)} s for ${(o.end_s - o.start_s).toFixed(1)} s`)
					.join('; ') || 'none'
			}`
		);
	}
}
await db.close();
