// Voice activity for `callqa score`: every call with a recording among the files given is analysed in-process
// with the browser's detector and decoders (src/lib/voice/), its voice_activity and voice_analysis written, so the
// interruption, dead-air and reply-latency rules use the audio exactly as the app does.
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { Db } from '../src/lib/db/types';
import { analyseCall } from '../src/lib/voice/analyse-call';
import { analyseFiles } from '../src/lib/voice/analyse-files';
import { sqlPath } from './import-run';

export interface VoiceRun {
	calls: number;
	done: number;
	mono: number;
	failed: { call_id: string; detail: string | null }[];
	audio_s: number;
	ms: number;
}

/** `locate` maps a recording's name in the workspace to its path on disk (the CLI stores the path itself). */
export async function analyseRecordings(db: Db, locate: (name: string) => string = (name) => name): Promise<VoiceRun> {
	const t0 = performance.now();
	const { rows } = await db.query<{ call_id: string }>('SELECT DISTINCT call_id FROM recordings ORDER BY call_id');
	const out: VoiceRun = { calls: rows.length, done: 0, mono: 0, failed: [], audio_s: 0, ms: 0 };
	for (const { call_id } of rows) {
		const outcome = await analyseCall(
			db,
			call_id,
			(name) => openAsBlob(locate(name)).catch(() => null),
			async (files) => {
				const a = await analyseFiles(files, { withActivity: true });
				out.audio_s += a.duration_s;
				return a;
			}
		);
		if (outcome?.status === 'done') out.done++;
		else if (outcome?.status === 'mono') out.mono++;
		else if (outcome) out.failed.push({ call_id, detail: outcome.detail });
	}
	out.ms = performance.now() - t0;
	return out;
}

export function formatVoiceRun(v: VoiceRun): string {
	if (v.calls === 0) return '';
	const lines = [
		`Voice activity: ${v.calls} recorded call(s): ${v.done} analysed, ${v.mono} mono (no per-speaker figures), ${v.failed.length} failed; ` +
			`${(v.audio_s / 3600).toFixed(2)} h of audio in ${(v.ms / 1000).toFixed(1)} s (${(v.audio_s / 3600 / Math.max(v.ms / 60000, 1e-9)).toFixed(1)} h of audio a minute)`
	];
	for (const f of v.failed.slice(0, 10)) lines.push(`  ${f.call_id}: ${f.detail ?? ''}`);
	return lines.join('\n') + '\n';
}

/** Writes voice_activity and voice_analysis again (the import step wrote them before the analysis). */
export async function exportVoiceTables(db: Db, out: string): Promise<void> {
	for (const table of ['voice_activity', 'voice_analysis']) {
		const n = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
		if (n > 0) await db.query(`COPY ${table} TO ${sqlPath(path.join(out, `${table}.parquet`))} (FORMAT parquet)`);
	}
}
