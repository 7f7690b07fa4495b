// Every call that arrives is a call: each transcript format and each recording creates the calls row no call log
// gave (id, start time and channel from the file), a call log arriving later fills that row in without a second
// one, only the calls whose data changed are scored again, and a transcript never replaces another file's silently.
// Real SQL on the unit tests' DuckDB (db/test-db.ts), through the import pipeline the app and the CLI run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { DEFAULT_RUBRIC_EN } from '../scoring/default-rubric-en';
import { collectPending, dropPending, scorePending } from '../scoring/dirty';
import { importFiles, resolvePending } from './pipeline';
import type { InputFile } from './types';
import { silentWav } from '../voice/test-audio';
import { setCentreTimeZone } from '../centre-time/zone';

const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, text: string): InputFile => ({ name, bytes: enc(text) });

const wav = silentWav;

const JSON_TURNS = JSON.stringify([
	{
		id: 'D1',
		turns: [
			{ speaker: 'agent', text: 'Thank you for calling, how can I help?' },
			{ speaker: 'customer', text: 'My card is lost.' }
		]
	},
	{
		id: 'D2',
		turns: [
			{ speaker: 'agent', text: 'Hello.' },
			{ speaker: 'customer', text: 'Hi.' }
		]
	}
]);
const HARPER = JSON.stringify([
	{
		speaker_role: 'agent',
		human_transcript: 'hello this is the bank',
		start_ms: 1500,
		duration_ms: 2000,
		start_timestamp_ms: Date.UTC(2020, 5, 2, 0, 13, 8, 500)
	},
	{
		speaker_role: 'caller',
		human_transcript: 'i lost my card',
		start_ms: 4000,
		duration_ms: 1500,
		start_timestamp_ms: Date.UTC(2020, 5, 2, 0, 13, 11)
	}
]);
const CONTACT_LENS_VOICE = JSON.stringify({
	Version: 'VOICE-2022-11-30',
	Channel: 'VOICE',
	CustomerMetadata: { ContactId: 'CL-VOICE-1' },
	Transcript: [
		{ ParticipantId: 'AGENT', Content: 'Thank you for calling.', BeginOffsetMillis: 100, EndOffsetMillis: 1500 },
		{ ParticipantId: 'CUSTOMER', Content: 'Hi, my order is late.', BeginOffsetMillis: 1800, EndOffsetMillis: 3000 }
	]
});
const CONTACT_LENS_CHAT = JSON.stringify({
	Version: 'CHAT-2022-11-30',
	Channel: 'CHAT',
	CustomerMetadata: { ContactId: 'CL-CHAT-1' },
	Transcript: [
		{ ParticipantRole: 'CUSTOMER', Content: 'Where is my parcel?', AbsoluteTime: '2022-10-27T03:31:50.735Z' },
		{ ParticipantRole: 'AGENT', Content: 'Let me check that for you.', AbsoluteTime: '2022-10-27T03:31:55.131Z' }
	]
});
const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v Agent>Thank you for calling.\n\n00:02.500 --> 00:04.000\n<v Customer>Hello.\n';
const SRT = '1\n00:00:00,000 --> 00:00:02,000\nAgent: Hello there.\n\n2\n00:00:02,500 --> 00:00:04,000\nCustomer: Hi.\n';
const STM = 'stm-call 1 agent 0.0 2.0 hello how can i help\nstm-call 2 caller 2.5 4.0 my bill is wrong\n';
const CSV_SEGMENTS = 'call_id,seq,speaker,start,end,text\nCSV-1,1,agent,0,2,Hello\nCSV-1,2,customer,2.5,4,Hi\nCSV-CHAT,1,agent,,,Hello\n';

interface CallRow {
	call_id: string;
	channel: string | null;
	started_at: string | null;
	origin: string | null;
	source_file: string | null;
	agent_id: string | null;
}

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await ensureSchema(db);
});
afterAll(async () => db.close());
beforeEach(async () => {
	for (const t of ['calls', 'segments', 'recordings', 'complaints', 'findings', 'scores', 'score_dirty', 'import_files', 'import_errors'])
		await db.query(`DELETE FROM ${t}`);
});

async function calls(): Promise<CallRow[]> {
	const { rows } = await db.query<CallRow>(
		`SELECT call_id, channel, CAST(started_at AS VARCHAR) AS started_at, origin, source_file, agent_id FROM calls ORDER BY call_id`
	);
	return rows;
}

describe('calls created from transcripts and recordings', () => {
	const CASES: { name: string; input: InputFile; want: Partial<CallRow>[] }[] = [
		{
			name: 'JSON turns (untimed dialogues: chat, start unknown)',
			input: file('dialogues.json', JSON_TURNS),
			want: [
				{ call_id: 'D1', channel: 'chat', started_at: null, origin: 'transcript', source_file: 'dialogues.json' },
				{ call_id: 'D2', channel: 'chat', started_at: null, origin: 'transcript' }
			]
		},
		{
			name: 'Harper Valley turns (timed: phone, start from start_timestamp_ms − start_ms, an instant: shown in the centre zone)',
			input: file('hv/0002f70f.transcript.json', HARPER),
			want: [{ call_id: '0002f70f', channel: 'phone', started_at: '2020-06-02 08:13:07', origin: 'transcript' }]
		},
		{
			name: 'Contact Lens voice (ContactId, phone)',
			input: file('cl.json', CONTACT_LENS_VOICE),
			want: [{ call_id: 'CL-VOICE-1', channel: 'phone', started_at: null }]
		},
		{
			// Its times are UTC instants; the call starts at the centre's wall-clock time (the zone is set to Shanghai below).
			name: 'Contact Lens chat (chat although timed, start = first message)',
			input: file('clchat.json', CONTACT_LENS_CHAT),
			want: [{ call_id: 'CL-CHAT-1', channel: 'chat', started_at: '2022-10-27 11:31:50' }]
		},
		{
			name: 'WebVTT (file name, phone)',
			input: file('vtt-call.vtt', VTT),
			want: [{ call_id: 'vtt-call', channel: 'phone', origin: 'transcript' }]
		},
		{ name: 'SRT', input: file('srt-call.srt', SRT), want: [{ call_id: 'srt-call', channel: 'phone' }] },
		{ name: 'STM', input: file('stm-call.stm', STM), want: [{ call_id: 'stm-call', channel: 'phone' }] },
		{
			name: 'CSV segments (timed call phone, untimed call chat)',
			input: file('segments.csv', CSV_SEGMENTS),
			want: [
				{ call_id: 'CSV-1', channel: 'phone', origin: 'transcript', source_file: 'segments.csv' },
				{ call_id: 'CSV-CHAT', channel: 'chat', origin: 'transcript' }
			]
		},
		{
			name: 'stereo WAV (file name, phone)',
			input: { name: 'REC-9.wav', bytes: wav(2) },
			want: [{ call_id: 'REC-9', channel: 'phone', origin: 'recording', source_file: 'REC-9.wav' }]
		}
	];

	beforeAll(() => setCentreTimeZone('Asia/Shanghai'));
	afterAll(() => setCentreTimeZone(null));
	for (const c of CASES)
		it(c.name, async () => {
			const { files } = await importFiles(db, [c.input]);
			expect(files[0].calls_created).toBe(c.want.length);
			expect(await calls()).toMatchObject(c.want);
		});

	it('makes one call of a mono agent/caller pair, with one recordings row per side', async () => {
		await importFiles(db, [
			{ name: 'lca_Repairs_40_UTC_agent_8k_mono.wav', bytes: wav(1) },
			{ name: 'lca_Repairs_40_UTC_caller_8k_mono.wav', bytes: wav(1) }
		]);
		expect(await calls()).toMatchObject([{ call_id: 'lca_Repairs_40_UTC', origin: 'recording', channel: 'phone' }]);
		const { rows } = await db.query<{ call_id: string; channel_map: string }>(
			'SELECT call_id, channel_map FROM recordings ORDER BY channel_map'
		);
		expect(rows).toEqual([
			{ call_id: 'lca_Repairs_40_UTC', channel_map: 'agent' },
			{ call_id: 'lca_Repairs_40_UTC', channel_map: 'customer' }
		]);
	});

	it('adds no row for a call a call log already has, and a recording joins the transcript’s call', async () => {
		await importFiles(db, [
			file('log.csv', '通话ID,坐席工号,开始时间,渠道,振铃时长\nvtt-call,A1,2026/08/03 09:00,电话,3\n'),
			file('vtt-call.vtt', VTT),
			file('dialogues.json', JSON_TURNS)
		]);
		await importFiles(db, [{ name: 'D1.wav', bytes: wav(2) }]);
		expect((await calls()).map((c) => [c.call_id, c.origin])).toEqual([
			['D1', 'transcript'],
			['D2', 'transcript'],
			['vtt-call', 'call_log']
		]);
		expect((await db.query('SELECT call_id FROM recordings')).rows).toEqual([{ call_id: 'D1' }]);
	});
});

describe('a call log imported after the transcript or recording', () => {
	it('fills in the same call: no duplicate, the log’s values win, the placeholder’s stay where the log is empty', async () => {
		await importFiles(db, [
			file('dialogues.json', JSON_TURNS),
			{ name: 'REC-9.wav', bytes: wav(2) },
			{ name: 'rec_C77_agent.wav', bytes: wav(1) }
		]);
		expect((await calls()).map((c) => c.call_id)).toEqual(['D1', 'D2', 'REC-9', 'rec_C77']);
		// The log has no channel column and no row for D2; it names REC-9 and C77 (whose recording is rec_C77_agent.wav).
		const log = file(
			'log.csv',
			'通话ID,坐席工号,开始时间,振铃时长\nD1,A7,2026/08/03 09:00,4\nREC-9,A8,2026/08/03 10:00,6\nC77,A9,2026/08/03 11:00,2\n'
		);
		const { files } = await importFiles(db, [log]);
		expect(files[0]).toMatchObject({ rows_loaded: 3 });
		expect(await calls()).toEqual([
			{ call_id: 'C77', channel: null, started_at: '2026-08-03 11:00:00', origin: 'call_log', source_file: 'log.csv', agent_id: 'A9' },
			{ call_id: 'D1', channel: 'chat', started_at: '2026-08-03 09:00:00', origin: 'call_log', source_file: 'log.csv', agent_id: 'A7' },
			{ call_id: 'D2', channel: 'chat', started_at: null, origin: 'transcript', source_file: 'dialogues.json', agent_id: null },
			{ call_id: 'REC-9', channel: 'phone', started_at: '2026-08-03 10:00:00', origin: 'call_log', source_file: 'log.csv', agent_id: 'A8' }
		]);
		// The pair's recording moved to the call the log named, and the call only that recording made is gone.
		expect((await db.query('SELECT call_id, file FROM recordings ORDER BY file')).rows).toEqual([
			{ call_id: 'REC-9', file: 'REC-9.wav' },
			{ call_id: 'C77', file: 'rec_C77_agent.wav' }
		]);
		// A corrected call log re-imported still replaces its own rows whole.
		await importFiles(db, [file('log.csv', '通话ID,坐席工号,开始时间,渠道,振铃时长\nD1,A7,2026/08/03 09:05,电话,4\n')]);
		expect((await calls()).find((c) => c.call_id === 'D1')).toMatchObject({ channel: 'phone', started_at: '2026-08-03 09:05:00' });
	});
});

describe('re-scoring exactly the calls whose data changed', () => {
	const pending = async () => {
		const n = await collectPending(db, DEFAULT_RUBRIC_EN);
		const { rows } = await db.query<{ call_id: string }>('SELECT call_id FROM cqa_unscored ORDER BY call_id');
		await dropPending(db);
		return { n, ids: rows.map((r) => r.call_id) };
	};

	it('marks only the calls an import touched, and a transcript for a call scored without one changes its findings', async () => {
		await importFiles(db, [
			file('log.csv', '通话ID,坐席工号,开始时间,振铃时长\nA,A1,2026/08/03 09:00,3\nB,A1,2026/08/03 09:10,3\nC,A2,2026/08/03 09:20,3\n')
		]);
		expect((await pending()).ids).toEqual(['A', 'B', 'C']);
		await scorePending(db, DEFAULT_RUBRIC_EN);
		expect(await pending()).toEqual({ n: 0, ids: [] });
		const greeting = async () =>
			(
				await db.query<{ result: string }>(
					"SELECT result FROM findings WHERE call_id = 'B' AND item_id = 'greeting' AND rubric_version = 1"
				)
			).rows[0]?.result;
		expect(await greeting()).toBe('na');
		// n/a with the reason: the call has no transcript to check.
		const why = await db.query<{ evidence_code: string }>(
			"SELECT evidence_code FROM findings WHERE call_id = 'B' AND item_id = 'greeting'"
		);
		expect(why.rows[0].evidence_code).toBe('no_transcript');

		await importFiles(db, [file('B.vtt', 'WEBVTT\n\n00:00.000 --> 00:03.000\n<v Agent>Thank you for calling Acme, how can I help you?\n')]);
		expect((await pending()).ids).toEqual(['B']);
		await importFiles(db, [{ name: 'C.wav', bytes: wav(2) }]);
		expect((await pending()).ids).toEqual(['B', 'C']);
		expect(await scorePending(db, DEFAULT_RUBRIC_EN)).toBe(2);
		expect(await greeting()).toBe('pass');
		expect(await pending()).toEqual({ n: 0, ids: [] });
	});

	it('keeps the marks in the workspace until a run consumes them (a reload in the middle loses nothing)', async () => {
		await importFiles(db, [file('dialogues.json', JSON_TURNS)]);
		await scorePending(db, DEFAULT_RUBRIC_EN);
		// An untimed chat: checks that read times are n/a with that reason.
		const latency = await db.query<{ result: string; evidence_code: string }>(
			"SELECT result, evidence_code FROM findings WHERE call_id = 'D1' AND item_id = 'reply_latency'"
		);
		expect(latency.rows).toEqual([{ result: 'na', evidence_code: 'no_times' }]);
		await importFiles(db, [file('D2.vtt', VTT)], { onExisting: 'replace' });
		// A run that collected the marks but was cut short before consuming them leaves them for the next one.
		await collectPending(db, DEFAULT_RUBRIC_EN);
		await dropPending(db);
		expect((await pending()).ids).toEqual(['D2']);
		expect((await db.query<{ n: number }>("SELECT count(*) AS n FROM score_dirty WHERE call_id = 'D2'")).rows[0].n).toBeGreaterThan(0);
	});
});

describe('a transcript for calls that already have one from another file', () => {
	const texts = async () =>
		(
			await db.query<{ call_id: string; n: number; file: string }>(
				'SELECT call_id, count(*) AS n, any_value(source_file) AS file FROM segments GROUP BY 1 ORDER BY 1'
			)
		).rows;
	// D1 has two turns from dialogues.json; the one-row file names D1 again and a new call D3.
	const ONE_ROW = file('fix.csv', 'call_id,speaker,text\nD1,agent,Sorry for the wait.\nD3,agent,Hello.\n');

	it('skips them by default: the whole earlier transcript stays and the report names the calls', async () => {
		await importFiles(db, [file('dialogues.json', JSON_TURNS)]);
		const { files } = await importFiles(db, [ONE_ROW]);
		expect(files[0]).toMatchObject({
			rows_total: 2,
			rows_loaded: 1,
			rows_rejected: 1,
			existing: { decision: 'skipped', calls: 1, call_ids: ['D1'] }
		});
		expect(await texts()).toEqual([
			{ call_id: 'D1', n: 2, file: 'dialogues.json' },
			{ call_id: 'D2', n: 2, file: 'dialogues.json' },
			{ call_id: 'D3', n: 1, file: 'fix.csv' }
		]);
	});

	it('replaces them when told to, and re-importing the same file replaces its own calls without asking', async () => {
		await importFiles(db, [file('dialogues.json', JSON_TURNS)]);
		const { files } = await importFiles(db, [ONE_ROW], { onExisting: 'replace' });
		expect(files[0]).toMatchObject({ rows_loaded: 2, existing: { decision: 'replaced', from: [{ file: 'dialogues.json', calls: 1 }] } });
		expect((await texts()).find((r) => r.call_id === 'D1')).toEqual({ call_id: 'D1', n: 1, file: 'fix.csv' });
		const again = await importFiles(db, [file('dialogues.json', JSON_TURNS)], { onExisting: 'ask' });
		expect(again.pending).toMatchObject({ calls: 1, files: [{ file: 'dialogues.json', calls: 1 }], from: [{ file: 'fix.csv', calls: 1 }] });
	});

	it('holds them when asked to ask, then applies the one answer to every file of the import', async () => {
		await importFiles(db, [file('dialogues.json', JSON_TURNS)]);
		const other = file('more.json', JSON.stringify([{ id: 'D2', turns: [{ speaker: 'agent', text: 'Again.' }] }]));
		const result = await importFiles(db, [ONE_ROW, other], { onExisting: 'ask' });
		expect(result.pending).toEqual({
			calls: 2,
			files: [
				{ file: 'fix.csv', calls: 1 },
				{ file: 'more.json', calls: 1 }
			],
			from: [{ file: 'dialogues.json', calls: 2 }]
		});
		expect(result.files.map((f) => [f.rows_loaded, f.existing?.decision])).toEqual([
			[1, 'pending'],
			[0, 'pending']
		]);
		// Nothing replaced before the answer.
		expect((await texts()).filter((r) => r.file === 'dialogues.json').map((r) => r.call_id)).toEqual(['D1', 'D2']);

		const settled = await resolvePending(db, 'replace', result.files);
		expect(settled.map((f) => [f.rows_loaded, f.rows_rejected, f.existing?.decision])).toEqual([
			[2, 0, 'replaced'],
			[1, 0, 'replaced']
		]);
		expect(await texts()).toEqual([
			{ call_id: 'D1', n: 1, file: 'fix.csv' },
			{ call_id: 'D2', n: 1, file: 'more.json' },
			{ call_id: 'D3', n: 1, file: 'fix.csv' }
		]);
		const booked = await db.query('SELECT file, rows_loaded, rows_rejected FROM import_files ORDER BY file');
		expect(booked.rows).toContainEqual({ file: 'more.json', rows_loaded: 1, rows_rejected: 0 });
	});

	it('skipping after the question leaves every earlier transcript and reports the rows as not loaded', async () => {
		await importFiles(db, [file('dialogues.json', JSON_TURNS)]);
		const result = await importFiles(db, [ONE_ROW], { onExisting: 'ask' });
		const settled = await resolvePending(db, 'skip', result.files);
		expect(settled[0]).toMatchObject({ rows_loaded: 1, rows_rejected: 1, existing: { decision: 'skipped' } });
		expect(settled[0].errors.map((e) => e.code)).toEqual(['kept_existing_transcripts']);
		expect((await texts()).find((r) => r.call_id === 'D1')).toEqual({ call_id: 'D1', n: 2, file: 'dialogues.json' });
	});
});
