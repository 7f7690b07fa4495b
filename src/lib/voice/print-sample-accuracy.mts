// Prints the voice-activity accuracy on the sample recordings (the numbers sample-accuracy.test.ts checks):
//   npx tsx src/lib/voice/print-sample-accuracy.mts
import { createNodeWasmDb } from '../db/node-wasm';
import { ensureSchema } from '../db/schema';
import { sampleAccuracy } from './sample-accuracy';

for (const degrade of [undefined, { noiseDb: -45, bleedDb: -20 }]) {
	const db = await createNodeWasmDb();
	await ensureSchema(db);
	const acc = await sampleAccuracy(db, { degrade });
	console.log(degrade ? `\nnoisy line ${degrade.noiseDb} dBFS, bleed ${degrade.bleedDb} dB` : 'as generated');
	for (const c of acc.calls)
		console.log(
			`${c.call_id}  agent ${c.agent_talk.found}/${c.agent_talk.truth} s (${(c.agent_talk.error * 100).toFixed(1)} %)  customer ${c.customer_talk.found}/${c.customer_talk.truth} s (${(c.customer_talk.error * 100).toFixed(1)} %)  overlaps ${c.overlaps_matched} matched of ${c.overlaps_truth} true, ${c.overlaps_found} found`
		);
	console.log(
		`overlaps: precision ${acc.precision.toFixed(2)} recall ${acc.recall.toFixed(2)} F1 ${acc.f1.toFixed(2)}; worst talk-time error ${(acc.max_talk_error * 100).toFixed(1)} %`
	);
	await db.close();
}
