// Voice activity against the sample generator's ground truth (sample-data/out/ground-truth.json →
// recording_audio): each dual-channel recording is imported, analysed and saved exactly as the app does, then
// overlaps are matched to the true ones (start and end each within the tolerance) and talk time is compared per
// side. `degrade` puts the audio on a noisy telephone line with cross-talk bleed first. Node only (reads files).
import { openAsBlob, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/types';
import { importRecording } from '../recordings/import-recording';
import { analyseFiles } from './analyse-files';
import { analyseCall } from './analyse-call';
import { getActivity, getCallAudio, type Overlap } from './activity-sql';
import { readWav16, telephoneLine, wavBytes } from './test-audio';

export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../../sample-data/out');

interface TruthAudio {
	agent_talk_s: number;
	customer_talk_s: number;
	overlaps: Overlap[];
}

export interface CallAccuracy {
	call_id: string;
	agent_talk: { truth: number; found: number; error: number };
	customer_talk: { truth: number; found: number; error: number };
	overlaps_truth: number;
	overlaps_found: number;
	overlaps_matched: number;
}

export interface Accuracy {
	calls: CallAccuracy[];
	precision: number;
	recall: number;
	f1: number;
	/** largest relative talk-time error of any side of any call */
	max_talk_error: number;
}

/** Greedy one-to-one matching of found to true overlaps, start and end each within `tol` seconds. */
export function matchOverlaps(truth: Overlap[], found: Overlap[], tol: number): number {
	const used = new Set<number>();
	let n = 0;
	for (const t of truth) {
		const i = found.findIndex(
			(f, k) => !used.has(k) && Math.abs(f.start_s - t.start_s) <= tol && Math.abs(f.end_s - t.end_s) <= tol && f.by === t.by
		);
		if (i >= 0) {
			used.add(i);
			n++;
		}
	}
	return n;
}

export async function sampleAccuracy(
	db: Db,
	opts: { degrade?: { noiseDb: number; bleedDb: number }; tolerance_s?: number } = {}
): Promise<Accuracy> {
	const truth = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'ground-truth.json'), 'utf8')).recording_audio as Record<string, TruthAudio>;
	const dir = path.join(SAMPLE_DIR, 'recordings');
	const blobs = new Map<string, Blob>();
	for (const name of readdirSync(dir).sort()) {
		let blob: Blob = await openAsBlob(path.join(dir, name));
		if (opts.degrade) {
			const { channels, rate } = readWav16(new Uint8Array(await blob.arrayBuffer()));
			blob = new Blob([
				wavBytes(telephoneLine(channels, rate, opts.degrade.noiseDb, opts.degrade.bleedDb), rate) as Uint8Array<ArrayBuffer>
			]);
		}
		blobs.set(name, blob);
		await importRecording(db, { name, bytes: new Uint8Array(await blob.slice(0, 1 << 16).arrayBuffer()) });
	}
	const calls: CallAccuracy[] = [];
	for (const [callId, want] of Object.entries(truth)) {
		await analyseCall(
			db,
			callId,
			async (name) => blobs.get(name) ?? null,
			(files) => analyseFiles(files, { withActivity: true })
		);
		const audio = await getCallAudio(db, callId);
		const { overlaps } = await getActivity(db, callId);
		const side = (t: number, f: number) => ({ truth: t, found: Math.round(f * 100) / 100, error: t > 0 ? Math.abs(f - t) / t : 0 });
		calls.push({
			call_id: callId,
			agent_talk: side(want.agent_talk_s, audio?.agent_talk_s ?? 0),
			customer_talk: side(want.customer_talk_s, audio?.customer_talk_s ?? 0),
			overlaps_truth: want.overlaps.length,
			overlaps_found: overlaps.length,
			overlaps_matched: matchOverlaps(want.overlaps, overlaps, opts.tolerance_s ?? 0.5)
		});
	}
	const sum = (k: 'overlaps_truth' | 'overlaps_found' | 'overlaps_matched') => calls.reduce((n, c) => n + c[k], 0);
	const precision = sum('overlaps_found') ? sum('overlaps_matched') / sum('overlaps_found') : 1;
	const recall = sum('overlaps_truth') ? sum('overlaps_matched') / sum('overlaps_truth') : 1;
	return {
		calls,
		precision,
		recall,
		f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
		max_talk_error: Math.max(...calls.flatMap((c) => [c.agent_talk.error, c.customer_talk.error]))
	};
}
