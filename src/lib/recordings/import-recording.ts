// Loads one audio file's metadata into `recordings` (one row per file) and ties it to its call; a recording whose
// call no call log or transcript has becomes a call of its own (calls.origin = 'recording'). The audio itself is
// not stored in DuckDB: the browser keeps it (store.ts) and sets stored_in. Plain TS, no DOM.
import type { Db } from '../db/types';
import { emptyReport, type FileReport, type InputFile } from '../import/types';
import { issue, issueFromError, ReasonError } from '../import/reasons';
import { readAudioInfo, sniffAudio } from './audio-info';
import { baseName, callKeyFromStem, defaultChannelMap, longestContainedId, stemOf } from './match';
import { agentFromFileName, startedAtFromFileName } from './name-facts';
import { addCallFromRecording, dropOrphanRecordingCalls } from '../import/call-rows';
import { markDirtyIds } from '../db/score-dirty';
import { errorMessage } from '../i18n/error-message';

export type MatchRule = 'call_id = file stem' | 'calls.recording = file name' | 'call id in file name' | 'same call key' | 'file name only';

export interface CallMatch {
	call_id: string;
	rule: MatchRule;
	/** False when no loaded call has this id yet. */
	isKnown: boolean;
	/** True when the call is one a recording created (no call log or transcript has it). */
	isFromRecording?: boolean;
}

export type StoredIn = 'opfs' | 'folder' | 'none';

/**
 * The call a recording belongs to, against the calls loaded in `db`: exact stem, then the call whose
 * `recording` column names this file (an explicit link in the call log beats a guess from a substring),
 * then the longest call id (of a call log, or a transcript's id holding a digit) found in the name as a whole
 * token, then the call whose id is the name's call key (e.g. the other half of an agent/caller pair), else that
 * key as a new call. Calls that recordings created are matched by their key only, so `DERIVED_x_stereo.wav`
 * never joins the call of `x_agent.wav` / `x_caller.wav` whatever the import order.
 */
export async function matchCall(db: Db, fileName: string): Promise<CallMatch> {
	const stem = stemOf(fileName);
	const base = baseName(fileName);
	const exact = await db.query<{ call_id: string }>(
		`SELECT call_id FROM calls WHERE call_id = ? AND origin IS DISTINCT FROM 'recording' LIMIT 1`,
		[stem]
	);
	if (exact.rows.length) return { call_id: exact.rows[0].call_id, rule: 'call_id = file stem', isKnown: true };

	const linked = await db.query<{ call_id: string }>(
		`SELECT call_id FROM calls
		 WHERE recording = ? OR recording = ? OR regexp_replace(recording, '^.*[/\\\\]', '') = ?
		 ORDER BY call_id LIMIT 1`,
		[fileName, base, base]
	);
	if (linked.rows.length) return { call_id: linked.rows[0].call_id, rule: 'calls.recording = file name', isKnown: true };

	// strpos narrows the candidates in SQL; the whole-token rule is checked in JS (match.ts).
	// A transcript's call id may be a plain word taken from its file name (sample.vtt → "sample"): such ids are
	// not looked for inside other names, or azure_zhcn_…_sample_mono16k.wav would join it.
	const contained = await db.query<{ call_id: string }>(
		`SELECT call_id FROM calls WHERE length(call_id) > 0 AND strpos(lower(?), lower(call_id)) > 0
			AND (origin IS NULL OR origin = 'call_log' OR (origin = 'transcript' AND regexp_matches(call_id, '[0-9]')))
		 ORDER BY length(call_id) DESC LIMIT 50`,
		[stem]
	);
	const found = longestContainedId(
		fileName,
		contained.rows.map((r) => r.call_id)
	);
	if (found) return { call_id: found, rule: 'call id in file name', isKnown: true };

	const key = callKeyFromStem(fileName);
	const same = await db.query<{ origin: string | null }>('SELECT origin FROM calls WHERE call_id = ? LIMIT 1', [key]);
	if (same.rows.length) return { call_id: key, rule: 'same call key', isKnown: true, isFromRecording: same.rows[0].origin === 'recording' };
	return { call_id: key, rule: 'file name only', isKnown: false };
}

const INSERT_SQL = `INSERT INTO recordings (call_id, file, duration_s, channels, sample_rate, channel_map, format, size_bytes, stored_in)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Read one audio file's metadata and load it as one row of `recordings`, replacing an earlier row for the
 * same file (a re-import after the call log arrived moves it to the right call and keeps stored_in).
 * A file that is not playable audio is rejected with the reason and nothing is inserted.
 */
export async function importRecording(db: Db, file: InputFile): Promise<FileReport> {
	const report = emptyReport(file.name, 'recording');
	report.rows_total = 1;
	report.format = sniffAudio(file.name, file.bytes);

	let info;
	try {
		info = await readAudioInfo(file.name, file.bytes);
	} catch (e) {
		report.rows_rejected = 1;
		report.errors.push(
			e instanceof ReasonError ? issueFromError(e) : issue(null, 'import_failed', errorMessage(e), { detail: errorMessage(e) })
		);
		return report;
	}
	report.format = info.format;
	report.warnings.push(...info.warnings);

	const match = await matchCall(db, file.name);
	const previous = await db.query<{ stored_in: string | null; call_id: string }>(
		'SELECT stored_in, call_id FROM recordings WHERE file = ? LIMIT 1',
		[file.name]
	);
	const storedIn = previous.rows[0]?.stored_in ?? 'none';
	const before = previous.rows[0]?.call_id ?? null;
	await db.query('DELETE FROM recordings WHERE file = ?', [file.name]);
	if (!match.isKnown) {
		// Every call that arrives is a call: the recording becomes one, until a call log names it (rematchRecordings).
		const started = startedAtFromFileName(file.name);
		const agent = agentFromFileName(file.name);
		await addCallFromRecording(db, { call_id: match.call_id, started_at: started, channel: 'phone', agent_id: agent }, file.name);
		report.calls_created = 1;
		report.warnings.push(
			issue(
				null,
				'no_call_yet',
				`no call with id ${match.call_id} in the loaded call logs yet: the recording is listed as its own call until a call log names it`,
				{ id: match.call_id }
			)
		);
	}
	const setting = await db.query<{ value: string | null }>(`SELECT value FROM app_settings WHERE key = 'agent_channel'`);
	const channelMap = defaultChannelMap(info.channels, file.name, setting.rows[0]?.value === 'right' ? 'right' : 'left');
	report.audio = {
		call_id: match.call_id,
		duration_s: info.duration_s,
		channels: info.channels,
		sample_rate: info.sample_rate,
		codec: info.codec,
		channel_map: channelMap
	};
	await db.query(INSERT_SQL, [
		match.call_id,
		file.name,
		info.duration_s,
		info.channels,
		info.sample_rate,
		channelMap,
		info.format,
		file.bytes.length,
		storedIn
	]);
	await markDirtyIds(db, before && before !== match.call_id ? [before, match.call_id] : [match.call_id]);
	if (before && before !== match.call_id) await dropOrphanRecordingCalls(db, [before]);
	report.rows_loaded = 1;
	return report;
}

/**
 * Re-run the match for recordings whose call a recording created or that has no calls row (call them after a call
 * log is imported, so recordings dropped in first find their calls). A call that only its recordings made and that
 * lost them is removed unless an inspector worked on it. Returns how many rows moved to a call.
 */
export async function rematchRecordings(db: Db): Promise<number> {
	const { rows } = await db.query<{ file: string; call_id: string }>(
		`SELECT file, call_id FROM recordings
		WHERE call_id NOT IN (SELECT call_id FROM calls) OR call_id IN (SELECT call_id FROM calls WHERE origin = 'recording') ORDER BY file`
	);
	const left: string[] = [];
	let moved = 0;
	for (const r of rows) {
		const m = await matchCall(db, r.file);
		if (m.isKnown && !m.isFromRecording && m.call_id !== r.call_id) {
			await db.query('UPDATE recordings SET call_id = ? WHERE file = ?', [m.call_id, r.file]);
			await markDirtyIds(db, [r.call_id, m.call_id]);
			left.push(r.call_id);
			moved++;
		}
	}
	await dropOrphanRecordingCalls(db, [...new Set(left)]);
	return moved;
}

/** Record where the browser keeps a file's audio (set after RecordingStore.put or a folder match). */
export async function setStoredIn(db: Db, file: string, storedIn: StoredIn): Promise<void> {
	await db.query('UPDATE recordings SET stored_in = ? WHERE file = ?', [storedIn, file]);
}

export interface RecordingSummary {
	files: number;
	/** Files whose call a call log or transcript has. */
	matched: number;
	/** Files that are their own call (no call log or transcript names it yet). */
	unmatched: number;
	/** Calls that have at least one recording. */
	calls_with_audio: number;
	total_duration_s: number;
	stored_opfs: number;
	stored_folder: number;
	stored_none: number;
}

export async function recordingSummary(db: Db): Promise<RecordingSummary> {
	const { rows } = await db.query<RecordingSummary>(`
		SELECT count(*) AS files,
			count(*) FILTER (WHERE c.call_id IS NOT NULL AND c.origin IS DISTINCT FROM 'recording') AS matched,
			count(*) FILTER (WHERE c.call_id IS NULL OR c.origin = 'recording') AS unmatched,
			count(DISTINCT c.call_id) FILTER (WHERE c.origin IS DISTINCT FROM 'recording') AS calls_with_audio,
			coalesce(sum(r.duration_s), 0) AS total_duration_s,
			count_if(r.stored_in = 'opfs') AS stored_opfs,
			count_if(r.stored_in = 'folder') AS stored_folder,
			count_if(r.stored_in IS NULL OR r.stored_in = 'none') AS stored_none
		FROM recordings r LEFT JOIN calls c USING (call_id)`);
	return rows[0];
}
