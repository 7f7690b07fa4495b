// Analyses one call's recording(s) and saves the result: finds the files (call-plan.ts), runs the analysis
// (a worker in the browser, in-process in the CLI), names each channel's speaker and writes voice_activity and
// voice_analysis (activity-sql.ts). A mono call is saved as mono without figures; a file that is missing or
// cannot be decoded is saved as failed / unsupported with the reason, so a batch can go on and report it.
import type { Db } from '../db/types';
import { ReasonError } from '../import/reasons';
import type { Analysis } from './analyse';
import type { NamedBlob } from './analyse-files';
import { saveAnalysis, type AnalysisRecord, type AnalysisStatus, type VoiceSpan } from './activity-sql';
import { planFor, recordingsOf } from './call-plan';
import { errorMessage } from '../i18n/error-message';

export type Runner = (files: NamedBlob[], signal?: AbortSignal) => Promise<Analysis>;
export type FileGetter = (name: string) => Promise<Blob | null>;

export interface CallOutcome {
	call_id: string;
	status: AnalysisStatus;
	detail: string | null;
}

/** Analyses and saves one call. Null when the call has no recording. An aborted run saves nothing and rethrows. */
export async function analyseCall(
	db: Db,
	callId: string,
	getFile: FileGetter,
	run: Runner,
	signal?: AbortSignal
): Promise<CallOutcome | null> {
	const rows = await recordingsOf(db, callId);
	const plan = planFor(rows);
	if (!plan) return null;
	const duration = Math.max(0, ...rows.map((r) => r.duration_s ?? 0)) || null;
	const base = { call_id: callId, source: 'audio', files: plan.files.join(' + '), duration_s: duration } as const;
	const finish = async (status: AnalysisStatus, detail: string | null, spans: VoiceSpan[] = [], duration_s = duration) => {
		const rec: AnalysisRecord = { ...base, status, detail, duration_s };
		await saveAnalysis(db, rec, spans);
		return { call_id: callId, status, detail };
	};
	if (plan.kind === 'mono') {
		// An RTTM file (diarisation) says who spoke when on a mono recording: keep it rather than mark the call mono.
		const { rows: kept } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM voice_analysis WHERE call_id = ? AND source = 'rttm'`, [
			callId
		]);
		if (Number(kept[0].n) > 0) return { call_id: callId, status: 'done', detail: 'voice activity from an RTTM file kept' };
		return finish(
			'mono',
			plan.reason === 'one_side' ? 'one side only: the other side of the call is not loaded' : 'both sides on one channel'
		);
	}

	const files: NamedBlob[] = [];
	for (const name of plan.files) {
		const blob = await getFile(name);
		if (!blob) return finish('failed', `audio of ${name} is not in browser storage or a readable folder`);
		files.push({ name, blob });
	}
	let result: Analysis;
	try {
		result = await run(files, signal);
	} catch (e) {
		if (e instanceof DOMException && e.name === 'AbortError') throw e;
		if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
		return finish(e instanceof ReasonError ? 'unsupported' : 'failed', errorMessage(e));
	}
	const spans: VoiceSpan[] = [];
	(result.activity ?? []).forEach((channel, i) => {
		const role = plan.roles[i];
		if (role) for (const s of channel) spans.push({ speaker: role, start_s: s.start_s, end_s: s.end_s });
	});
	return finish('done', null, spans, result.duration_s);
}
