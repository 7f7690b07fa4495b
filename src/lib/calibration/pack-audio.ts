// Recordings in a calibration pack, so an inspector can listen while answering blind: the lead's export adds each
// call's recordings (base64, up to a total of PACK_AUDIO_LIMIT bytes; a recording that would go over is left out and
// counted), and an inspector's workspace keeps the pack's recordings in OPFS under the session and plays them from
// there. The store is recordings/store.ts (browser); the SQL of which call has which recording is here.
import type { Db } from '../db/types';
import type { RecordingStore } from '../recordings/store';
import type { PackAudio, PackContent } from './pack';
import { fromBase64, toBase64 } from '../format/base64';
import { mimeTypeOfName } from '../recordings/audio-info';

/** Raw bytes of audio one pack may carry (about 5 minutes of 8 kHz stereo WAV per call for a dozen calls). */
export const PACK_AUDIO_LIMIT = 64 * 1024 * 1024;

export interface AudioAdded {
	/** recordings put in the pack */
	added: number;
	/** recordings the workspace knows but could not read (not kept, folder not granted) */
	missing: number;
	/** recordings left out because the pack would have gone over PACK_AUDIO_LIMIT */
	tooLarge: number;
}

/** Adds the lead's recordings of the pack's calls to the pack (in place). */
export async function addAudio(
	db: Db,
	store: Pick<RecordingStore, 'get'>,
	pack: PackContent,
	limit = PACK_AUDIO_LIMIT
): Promise<AudioAdded> {
	const ids = pack.calls.map((c) => c.call_id);
	const { rows } = await db.query<{ call_id: string; file: string }>(
		`SELECT DISTINCT call_id, file FROM recordings WHERE call_id IN (${ids.map(() => '?').join(', ')}) ORDER BY call_id, file`,
		ids
	);
	const out: AudioAdded = { added: 0, missing: 0, tooLarge: 0 };
	let total = 0;
	for (const r of rows) {
		const file = await store.get(r.file).catch(() => null);
		if (!file) {
			out.missing++;
			continue;
		}
		if (total + file.size > limit) {
			out.tooLarge++;
			continue;
		}
		total += file.size;
		const call = pack.calls.find((c) => c.call_id === r.call_id)!;
		const name = r.file.split('/').pop() ?? r.file;
		(call.audio ??= []).push({ name, mime: mimeTypeOfName(name), base64: toBase64(new Uint8Array(await file.arrayBuffer())) });
		out.added++;
	}
	return out;
}

/** Where an inspector's workspace keeps a pack's recording (OPFS name, unique per session and call). */
export const keptName = (sessionId: string, callId: string, a: Pick<PackAudio, 'name'>) => `calibration/${sessionId}/${callId}/${a.name}`;

/** Keeps the pack's recordings in the inspector's OPFS and records which call has which (calibration_calls.audio). */
export async function keepAudio(db: Db, store: Pick<RecordingStore, 'put'>, pack: PackContent): Promise<number> {
	let kept = 0;
	for (const call of pack.calls) {
		if (!call.audio?.length) continue;
		const names: { name: string; mime: string }[] = [];
		for (const a of call.audio) {
			const name = keptName(pack.session.id, call.call_id, a);
			await store.put(name, fromBase64(a.base64));
			names.push({ name, mime: a.mime });
			kept++;
		}
		await db.query('UPDATE calibration_calls SET audio = ? WHERE session_id = ? AND call_id = ?', [
			JSON.stringify(names),
			pack.session.id,
			call.call_id
		]);
	}
	await db.checkpoint();
	return kept;
}
