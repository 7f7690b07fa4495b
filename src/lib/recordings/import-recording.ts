// Loads one audio file's metadata into `recordings` (one row per file) and ties it to its call. The audio
// itself is not stored in DuckDB: the browser keeps it (store.ts) and sets stored_in. Plain TS, no DOM.
import type { Db } from '../db/types';
import { emptyReport, type FileReport, type InputFile } from '../import/types';
import { errorText, issue, issueFromError, ReasonError } from '../import/reasons';
import { readAudioInfo, sniffAudio } from './audio-info';
import { baseName, callKeyFromStem, defaultChannelMap, longestContainedId, stemOf } from './match';

export type MatchRule = 'call_id = file stem' | 'calls.recording = file name' | 'call id in file name' | 'file name only';

export interface CallMatch {
	call_id: string;
	rule: MatchRule;
	/** False when no loaded call has this id yet. */
	isKnown: boolean;
}

export type StoredIn = 'opfs' | 'folder' | 'none';

/**
 * The call a recording belongs to, against the calls loaded in `db`: exact stem, then the call whose
 * `recording` column names this file (an explicit link in the call log beats a guess from a substring),
 * then the longest call id found in the name as a whole token, else the name's call key.
 */
export async function matchCall(db: Db, fileName: string): Promise<CallMatch> {
	const stem = stemOf(fileName);
	const base = baseName(fileName);
	const exact = await db.query<{ call_id: string }>('SELECT call_id FROM calls WHERE call_id = ? LIMIT 1', [stem]);
	if (exact.rows.length) return { call_id: exact.rows[0].call_id, rule: 'call_id = file stem', isKnown: true };

	const linked = await db.query<{ call_id: string }>(
		`SELECT call_id FROM calls
		 WHERE recording = ? OR recording = ? OR regexp_replace(recording, '^.*[/\\\\]', '') = ?
		 ORDER BY call_id LIMIT 1`,
		[fileName, base, base]
	);
	if (linked.rows.length) return { call_id: linked.rows[0].call_id, rule: 'calls.recording = file name', isKnown: true };

	// strpos narrows the candidates in SQL; the whole-token rule is checked in JS (match.ts).
	const contained = await db.query<{ call_id: string }>(
		`SELECT call_id FROM calls WHERE length(call_id) > 0 AND strpos(lower(?), lower(call_id)) > 0
		 ORDER BY length(call_id) DESC LIMIT 50`,
		[stem]
	);
	const found = longestContainedId(fileName, contained.rows.map((r) => r.call_id));
	if (found) return { call_id: found, rule: 'call id in file name', isKnown: true };

	return { call_id: callKeyFromStem(fileName), rule: 'file name only', isKnown: false };
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
		report.errors.push(e instanceof ReasonError ? issueFromError(e) : issue(null, 'import_failed', errorText(e), { detail: errorText(e) }));
		return report;
	}
	report.format = info.format;
	report.warnings.push(...info.warnings);

	const match = await matchCall(db, file.name);
	if (!match.isKnown) report.warnings.push(issue(null, 'no_call_yet', `no call with id ${match.call_id} in the loaded call logs yet`, { id: match.call_id }));

	const previous = await db.query<{ stored_in: string | null }>('SELECT stored_in FROM recordings WHERE file = ? LIMIT 1', [file.name]);
	const storedIn = previous.rows[0]?.stored_in ?? 'none';
	await db.query('DELETE FROM recordings WHERE file = ?', [file.name]);
	const setting = await db.query<{ value: string | null }>(`SELECT value FROM app_settings WHERE key = 'agent_channel'`);
	const channelMap = defaultChannelMap(info.channels, file.name, setting.rows[0]?.value === 'right' ? 'right' : 'left');
	report.audio = { call_id: match.call_id, duration_s: info.duration_s, channels: info.channels, sample_rate: info.sample_rate, codec: info.codec, channel_map: channelMap };
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
	report.rows_loaded = 1;
	return report;
}

/**
 * Re-run the match for recordings whose call is not loaded (call them after a call log is imported, so
 * recordings dropped in first find their calls). Returns how many rows moved to a call.
 */
export async function rematchRecordings(db: Db): Promise<number> {
	const { rows } = await db.query<{ file: string; call_id: string }>(
		'SELECT file, call_id FROM recordings WHERE call_id NOT IN (SELECT call_id FROM calls) ORDER BY file'
	);
	let moved = 0;
	for (const r of rows) {
		const m = await matchCall(db, r.file);
		if (m.isKnown && m.call_id !== r.call_id) {
			await db.query('UPDATE recordings SET call_id = ? WHERE file = ?', [m.call_id, r.file]);
			moved++;
		}
	}
	return moved;
}

/** Record where the browser keeps a file's audio (set after RecordingStore.put or a folder match). */
export async function setStoredIn(db: Db, file: string, storedIn: StoredIn): Promise<void> {
	await db.query('UPDATE recordings SET stored_in = ? WHERE file = ?', [storedIn, file]);
}

export interface RecordingSummary {
	files: number;
	/** Files whose call is in `calls`. */
	matched: number;
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
			count(c.call_id) AS matched,
			count(*) - count(c.call_id) AS unmatched,
			count(DISTINCT c.call_id) AS calls_with_audio,
			coalesce(sum(r.duration_s), 0) AS total_duration_s,
			count_if(r.stored_in = 'opfs') AS stored_opfs,
			count_if(r.stored_in = 'folder') AS stored_folder,
			count_if(r.stored_in IS NULL OR r.stored_in = 'none') AS stored_none
		FROM recordings r LEFT JOIN calls c USING (call_id)`);
	return rows[0];
}
