// `callqa score` and `callqa rubric` as a user runs them: the real launcher in a child process on a small
// call log + transcript CSV written here, checked through exit codes and the CSV/Parquet files it writes.
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRubric } from '../src/lib/scoring/rubric';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';
import { sqlString } from '../src/lib/db/sql';
import { createNativeDb } from './native-db';
import { callqa, type Run } from './spawn-cli';

// G: a good call. NOGREET: no greeting. BANNED: the agent says 不知道. INTERRUPT: the agent talks over the
// customer for 2 s. The fifth call's id is a spreadsheet formula, as a hostile export could hold.
const FORMULA_ID = '=HYPERLINK("http://x.test","C5")';
const CALLS = [
	['通话ID', '坐席工号', '渠道', '呼叫方向', '开始时间', '振铃时长', '通话时长', '业务类型'],
	['G', 'A1', '电话', '呼入', '2026/08/03 09:00:00', '5', '0:01:00', '业务咨询'],
	['NOGREET', 'A1', '电话', '呼入', '2026/08/03 09:10:00', '5', '0:01:00', '业务咨询'],
	['BANNED', 'A2', '电话', '呼入', '2026/08/03 09:20:00', '5', '0:01:00', '业务咨询'],
	['INTERRUPT', 'A2', '电话', '呼入', '2026/08/03 09:30:00', '5', '0:01:00', '业务咨询'],
	[FORMULA_ID, 'A3', '电话', '呼入', '2026/08/03 09:40:00', '5', '0:01:00', '业务咨询']
];

const GREETING = '您好，这里是华信通信，请问有什么可以帮您？';
const CLOSING = '请问还有其他可以帮您的吗？感谢您的来电，再见。';
const turns = (id: string, middle: [string, number, number, string][], greeting = GREETING): (string | number)[][] => [
	[id, 1, '客服', 0.5, 4.5, greeting],
	...middle.map(([sp, s, e, t], i) => [id, i + 2, sp, s, e, t]),
	[id, middle.length + 2, '客服', 30, 34, CLOSING]
];
const ORDINARY: [string, number, number, string][] = [
	['客户', 5, 9, '我想问一下我的套餐还剩多少流量。'],
	['客服', 9.8, 14, '好的，请您稍等，我帮您查一下，谢谢您的耐心。'],
	['客户', 15, 17, '好的，谢谢。'],
	['客服', 18, 25, '您的套餐还剩五个G的流量，请您放心使用。']
];
const SEGMENTS = [
	['通话ID', '序号', '角色', '开始', '结束', '文本'],
	...turns('G', ORDINARY),
	...turns('NOGREET', ORDINARY, '喂，什么事？'),
	...turns('BANNED', [
		['客户', 5, 9, '我的宽带为什么一直断线？'],
		['客服', 9.8, 14, '这个我也不知道，您问问别人吧。'],
		['客户', 15, 17, '好的，谢谢。'],
		['客服', 18, 25, '请您重启一下光猫，谢谢您的耐心，请您稍后再试。']
	]),
	...turns('INTERRUPT', [
		['客户', 5, 12, '我上个月的账单多扣了五十块钱，我想问问到底是怎么回事。'],
		['客服', 9, 14, '您先别说了，我帮您查一下账单明细，请您稍等。'],
		['客户', 15, 17, '好的，谢谢。'],
		['客服', 18, 25, '您的账单已经核实，多扣的费用会退回，谢谢您的耐心。']
	]),
	...turns(FORMULA_ID, ORDINARY)
];

let dir: string;
let run: Run;

const csv = (rows: (string | number)[][]) => Papa.unparse(rows, { newline: '\n' }) + '\n';
async function readCsv(file: string): Promise<{ text: string; rows: Record<string, string>[] }> {
	const text = await readFile(file, 'utf8');
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
	return { text, rows: parsed.data };
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'callqa-score-test-'));
	await mkdir(path.join(dir, 'in'));
	await writeFile(path.join(dir, 'in', 'calls.csv'), csv(CALLS));
	await writeFile(path.join(dir, 'in', 'transcripts.csv'), csv(SEGMENTS));
	run = await callqa('score', path.join(dir, 'in'), '--out', path.join(dir, 'out'));
}, 60_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('callqa score', () => {
	it('exits 0, picks the Chinese default rubric and prints the per-item table and timings', () => {
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/Rubric: default-zh v1/);
		expect(run.stdout).toMatch(/^greeting\s+标准开场白\s+4\s+1\s+0\s+20\.0 %$/m);
		expect(run.stdout).toMatch(/Timings: import [\d.]+ s.*score [\d.]+ s/);
	});

	it('writes findings.csv with the documented columns and the right results for each call', async () => {
		const { text, rows } = await readCsv(path.join(dir, 'out', 'findings.csv'));
		expect(text.split(/\r?\n/)[0]).toBe('\uFEFFcall_id,item_id,result,points,max_points,start_s,end_s,evidence');
		const result = (call: string, item: string) => rows.find((r) => r.call_id === call && r.item_id === item);
		expect(rows).toHaveLength(5 * DEFAULT_RUBRIC_ZH.items.length);
		expect(result('G', 'greeting')?.result).toBe('pass');
		expect(result('NOGREET', 'greeting')).toMatchObject({ result: 'fail', points: '0.0', max_points: '10.0' });
		expect(result('BANNED', 'banned_phrase')?.result).toBe('fail');
		expect(result('BANNED', 'banned_phrase')?.evidence).toContain('不知道');
		expect(result('G', 'banned_phrase')?.result).toBe('pass');
		expect(result('INTERRUPT', 'interruption')).toMatchObject({ result: 'fail', start_s: '9.0' });
		expect(result('G', 'interruption')?.result).toBe('pass');
	});

	it('writes scores.csv: a critical banned phrase zeroes the call, the good call passes', async () => {
		const { text, rows } = await readCsv(path.join(dir, 'out', 'scores.csv'));
		expect(text.split(/\r?\n/)[0]).toBe('\uFEFFcall_id,score,passed,rubric_version');
		const score = (call: string) => rows.find((r) => r.call_id === call);
		expect(score('G')).toMatchObject({ score: '100.0', passed: 'true', rubric_version: '1' });
		expect(score('BANNED')).toMatchObject({ score: '0.0', passed: 'false' });
		expect(Number(score('NOGREET')?.score)).toBeLessThan(100);
	});

	it('neutralises a call id a spreadsheet would run as a formula, in the CSVs only', async () => {
		const findings = await readCsv(path.join(dir, 'out', 'findings.csv'));
		const scores = await readCsv(path.join(dir, 'out', 'scores.csv'));
		for (const rows of [findings.rows, scores.rows]) {
			expect(rows.some((r) => r.call_id === `'${FORMULA_ID}`)).toBe(true);
			expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r.call_id) && !/^[=+\-@\t\r]/.test(r.evidence ?? ''))).toBe(true);
		}
		// The Parquet twin keeps the value as imported: it is data, not a spreadsheet.
		const db = await createNativeDb();
		try {
			const file = path.join(dir, 'out', 'scores.parquet');
			const { rows } = await db.query<{ call_id: string }>(`SELECT call_id FROM ${sqlString(file)} ORDER BY call_id`);
			expect(rows.map((r) => r.call_id)).toContain(FORMULA_ID);
		} finally {
			await db.close();
		}
	});

	it('writes the Parquet twins and everything callqa import writes', () => {
		for (const f of ['findings.parquet', 'scores.parquet', 'calls.parquet', 'segments.parquet', 'import-report.json'])
			expect(existsSync(path.join(dir, 'out', f)), f).toBe(true);
	});

	it('rejects an invalid --rubric with exit 2 and the JSON path, before writing anything', async () => {
		const bad = {
			...JSON.parse((await callqa('rubric', '--default', 'zh')).stdout),
			items: [{ id: 'x', label: { zh: 'x', en: 'x' }, weight: -1, rule: { kind: 'manual' } }]
		};
		await writeFile(path.join(dir, 'bad.json'), JSON.stringify(bad));
		const r = await callqa('score', path.join(dir, 'in'), '--out', path.join(dir, 'out-bad'), '--rubric', path.join(dir, 'bad.json'));
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('$.items[0].weight');
		expect(existsSync(path.join(dir, 'out-bad'))).toBe(false);
	});

	it('exits 2 on usage errors', async () => {
		expect((await callqa('score', path.join(dir, 'in'))).code).toBe(2);
		expect((await callqa('score', '--out', path.join(dir, 'x'))).code).toBe(2);
		expect((await callqa('score', path.join(dir, 'nope'), '--out', path.join(dir, 'x'))).code).toBe(2);
		expect((await callqa('score', path.join(dir, 'in'), '--out', path.join(dir, 'x'), '--bogus')).code).toBe(2);
	});
});

describe('callqa rubric', () => {
	it('prints each default rubric as JSON that validateRubric accepts, and --validate agrees', async () => {
		for (const lang of ['zh', 'en']) {
			const r = await callqa('rubric', '--default', lang);
			expect(r.code).toBe(0);
			const rubric = validateRubric(JSON.parse(r.stdout));
			expect(rubric.language).toBe(lang);
			const file = path.join(dir, `default-${lang}.json`);
			await writeFile(file, r.stdout);
			const v = await callqa('rubric', '--validate', file);
			expect(v.code).toBe(0);
			expect(v.stdout).toMatch(new RegExp(`^valid: default-${lang} version 1`));
		}
	});

	it('exits 2 on an unknown language, no option, or an invalid file', async () => {
		expect((await callqa('rubric', '--default', 'fr')).code).toBe(2);
		expect((await callqa('rubric')).code).toBe(2);
		await writeFile(path.join(dir, 'not-json.json'), '{');
		expect((await callqa('rubric', '--validate', path.join(dir, 'not-json.json'))).code).toBe(2);
	});
});

describe('callqa score with recordings', () => {
	let recDir: string;
	let recRun: Run;
	beforeAll(async () => {
		const { conversation, telephoneLine, wavBytes } = await import('../src/lib/voice/test-audio');
		recDir = await mkdtemp(path.join(tmpdir(), 'callqa-score-rec-'));
		await mkdir(path.join(recDir, 'in'));
		await writeFile(
			path.join(recDir, 'in', 'calls.csv'),
			csv([CALLS[0], ['REC1', 'A1', '电话', '呼入', '2026/08/03 10:00:00', '5', '0:00:30', '业务咨询']])
		);
		// No transcript: the customer speaks 4.5–9 s and the agent starts at 7 s and goes on to 12 s.
		const channels = conversation(
			[
				{ side: 0, start_s: 1, end_s: 4 },
				{ side: 1, start_s: 4.5, end_s: 9 },
				{ side: 0, start_s: 7, end_s: 12 },
				{ side: 1, start_s: 13, end_s: 16 }
			],
			8000,
			20
		);
		await writeFile(path.join(recDir, 'in', 'REC1.wav'), wavBytes(telephoneLine(channels, 8000, -50, -20), 8000));
		recRun = await callqa('score', path.join(recDir, 'in'), '--out', path.join(recDir, 'out'));
	}, 60_000);
	afterAll(async () => {
		if (recDir) await rm(recDir, { recursive: true, force: true });
	});

	it('computes voice activity from the WAV and scores the recorded call without a transcript from it', async () => {
		expect(recRun.code).toBe(0);
		expect(recRun.stdout).toMatch(/Voice activity: 1 recorded call\(s\): 1 analysed, 0 mono/);
		const { rows } = await readCsv(path.join(recDir, 'out', 'findings.csv'));
		const result = (item: string) => rows.find((r) => r.call_id === 'REC1' && r.item_id === item);
		expect(result('interruption')).toMatchObject({ result: 'fail' });
		expect(result('interruption')?.evidence).toMatch(/overlap 2\.\d s.*from audio/);
		expect(result('greeting')?.result).toBe('na');
		expect(existsSync(path.join(recDir, 'out', 'voice_activity.parquet'))).toBe(true);
		expect(existsSync(path.join(recDir, 'out', 'voice_analysis.parquet'))).toBe(true);
	});
});
