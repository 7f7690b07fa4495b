// Which calls each transcript and recording file of a folder of real exports produces, and their scores (or why
// none): imports every transcript and recording under the folder with the app's own pipeline on native DuckDB (the
// CLI's), no call log, then scores every call with both default rubrics and prints one Markdown row per file with
// the score under the rubric of that file's language. Call logs and complaint lists are left out (counted at the end).
// Run: npx tsx scripts/external-calls.ts [folder, default ../shared/external] [--on-existing replace|skip]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createNativeDb } from '../cli/native-db';
import { listFiles } from '../cli/import-run';
import { analyseRecordings } from '../cli/voice-run';
import { detectFile, importFiles } from '../src/lib/import/pipeline';
import { fileStatus, type FileReport, type InputFile } from '../src/lib/import/types';
import { DEFAULT_RUBRIC_EN } from '../src/lib/scoring/default-rubric-en';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';
import { scoreCalls } from '../src/lib/scoring/score';
import { ZH_HAN_SHARE } from '../src/lib/scoring/language';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'on-existing': { type: 'string', default: 'skip' } } });
const root = positionals[0] ?? '../shared/external';
const onExisting = values['on-existing'] === 'replace' ? 'replace' : 'skip';

const db = await createNativeDb();
const inputs: InputFile[] = [];
let left = 0;
for (const p of await listFiles('external-calls', [root])) {
	const file: InputFile = { name: path.relative(root, p), bytes: new Uint8Array(await readFile(p)) };
	const kind = detectFile(file).kind;
	if (kind === 'call_log' || kind === 'complaints') left++;
	else inputs.push(file);
}
const { files } = await importFiles(db, inputs, { onExisting });
// Voice activity from the recordings, as `callqa score` does: a recording-only call is scored from its audio.
await analyseRecordings(db, (name) => path.join(root, name));
for (const rubric of [DEFAULT_RUBRIC_ZH, DEFAULT_RUBRIC_EN]) await scoreCalls(db, rubric);

interface CallScore {
	call_id: string;
	zh: number | null;
	en: number | null;
	han: number;
	letters: number;
}

async function callsOf(r: FileReport): Promise<CallScore[]> {
	const owned =
		r.kind === 'recording'
			? 'SELECT DISTINCT call_id FROM recordings WHERE file = ?'
			: 'SELECT DISTINCT call_id FROM segments WHERE source_file = ?';
	const { rows } = await db.query<CallScore>(
		`SELECT c.call_id,
			(SELECT score FROM scores s WHERE s.call_id = c.call_id AND s.rubric_id = 'default-zh') AS zh,
			(SELECT score FROM scores s WHERE s.call_id = c.call_id AND s.rubric_id = 'default-en') AS en,
			coalesce((SELECT sum(length(regexp_replace(text, '[^\\p{Han}]', '', 'g'))) FROM segments g WHERE g.call_id = c.call_id), 0) AS han,
			coalesce((SELECT sum(length(regexp_replace(text, '[^\\p{L}]', '', 'g'))) FROM segments g WHERE g.call_id = c.call_id), 0) AS letters
		FROM (${owned}) c ORDER BY c.call_id`,
		[r.file]
	);
	return rows.map((x) => ({ ...x, han: Number(x.han), letters: Number(x.letters) }));
}

const fmt = (n: number | null) => (n === null ? 'n/a' : n.toFixed(1));
const cell = (s: string) => s.replaceAll('|', '\\|').replace(/\s+/g, ' ');

function scoresText(calls: CallScore[], lang: 'zh' | 'en'): string {
	const scores = calls.map((c) => c[lang]);
	if (calls.length <= 3) return calls.map((c) => `${c.call_id}: ${fmt(c[lang])}`).join('; ');
	const got = scores.filter((s): s is number => s !== null);
	const na = scores.length - got.length;
	if (got.length === 0) return `all n/a (${na})`;
	const mean = got.reduce((a, b) => a + b, 0) / got.length;
	return `mean ${mean.toFixed(1)}, ${Math.min(...got).toFixed(1)}–${Math.max(...got).toFixed(1)}${na ? `, ${na} n/a` : ''}`;
}

function why(r: FileReport, calls: CallScore[]): string {
	const notes: string[] = [];
	if (r.existing)
		notes.push(
			`${r.existing.calls} call(s) ${r.existing.decision}: same ids as ${r.existing.from.map((f) => path.basename(f.file ?? '?')).join(', ')}`
		);
	if (r.calls_created) notes.push(`${r.calls_created} call(s) created`);
	if (calls.length === 0 && r.rows_loaded > 0) notes.push('its calls took a later file’s transcript (same call ids)');
	else if (calls.length === 0 && !r.existing) notes.push(r.errors[0]?.reason ?? 'no calls');
	if (calls.length > 0 && calls.every((c) => c.zh === null && c.en === null))
		notes.push('no item applies (no transcript: every item needs one or a call-log field)');
	return notes.join('; ');
}

console.log(`| file | kind / format | status | calls | rubric | scores | notes |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const r of files) {
	const calls = await callsOf(r);
	const han = calls.reduce((a, c) => a + c.han, 0);
	const letters = calls.reduce((a, c) => a + c.letters, 0);
	const lang = letters === 0 || han / letters >= ZH_HAN_SHARE ? 'zh' : 'en';
	const ids =
		calls.length <= 3 ? calls.map((c) => c.call_id).join(', ') : `${calls.length} (${calls[0].call_id} … ${calls.at(-1)!.call_id})`;
	console.log(
		`| ${cell(r.file)} | ${r.kind}${r.format ? ` / ${r.format}` : ''} | ${fileStatus(r)} ${r.rows_loaded}/${r.rows_total} | ${cell(ids || '—')} | ` +
			`${calls.length ? `default-${lang}` : '—'} | ${cell(calls.length ? scoresText(calls, lang) : '—')} | ${cell(why(r, calls))} |`
	);
}
const { rows } = await db.query<{ n: number; t: number; r: number }>(
	`SELECT count(*) AS n, count(*) FILTER (WHERE origin = 'transcript') AS t, count(*) FILTER (WHERE origin = 'recording') AS r FROM calls`
);
console.log(
	`\n${files.length} files imported (${left} call logs / complaint lists left out); ${rows[0].n} calls: ${rows[0].t} from transcripts, ${rows[0].r} from recordings only.`
);
await db.close();
