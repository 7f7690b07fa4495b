// The CLI reads and writes Excel like the app: `callqa score` on a folder whose call log is an .xlsx (title row,
// Excel date cells) loads every call, and --appraisal writes the appraisal workbook with the leaderboard's rows.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callqa, type Run } from './spawn-cli';
import { writeScoresXlsx } from './score-export';
import { createTestDb } from '../src/lib/db/test-db';
import { ensureSchema } from '../src/lib/db/schema';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';

const serial = (d: number, h: number) => (Date.UTC(2026, 7, d) - Date.UTC(1899, 11, 30)) / 86400000 + h / 24;
const CALLS: (string | number)[][] = [
	['通话ID', '坐席工号', '班组', '开始时间', '通话时长', '是否解决', '满意度'],
	['K1', 'A1', '一组', serial(3, 9), 60 / 86400, '是', 5],
	['K2', 'A1', '一组', serial(3, 10), 90 / 86400, '否', 2],
	['K3', 'A2', '二组', serial(4, 11.5), 120 / 86400, '是', 4]
];
const SEGMENTS = [
	'通话ID,序号,角色,开始,结束,文本',
	...['K1', 'K2', 'K3'].flatMap((id) => [`${id},1,客服,0.5,4,您好，请问有什么可以帮您？`, `${id},2,客户,5,8,我想查一下话费。`])
].join('\n');

let dir: string;
let run: Run;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'callqa-excel-test-'));
	await mkdir(path.join(dir, 'in'));
	const ws = XLSX.utils.aoa_to_sheet([['8月通话明细'], ...CALLS]);
	ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 6 } }];
	for (let r = 2; r <= 4; r++) {
		ws[XLSX.utils.encode_cell({ r, c: 3 })].z = 'yyyy-mm-dd hh:mm';
		ws[XLSX.utils.encode_cell({ r, c: 4 })].z = '[h]:mm:ss';
	}
	const wb = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(wb, ws, '明细');
	await writeFile(path.join(dir, 'in', 'calls.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
	await writeFile(path.join(dir, 'in', 'transcripts.csv'), SEGMENTS);
	run = await callqa('score', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--appraisal', '2026-08', '--xlsx');
}, 120_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('callqa and Excel', () => {
	it('imports the .xlsx call log and writes the appraisal workbook', async () => {
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/calls\.xlsx.*3\s*\/\s*3|calls\.xlsx[^\n]*\b3\b/);
		expect(run.stdout).toContain('考核表_2026-08.xlsx');
		const wb = XLSX.read(await readFile(path.join(dir, 'out', '考核表_2026-08.xlsx')), { type: 'buffer' });
		// summary, the teams (in Chinese collation order: 二 èr before 一 yī), notes
		expect(wb.SheetNames).toEqual(['汇总', '二组', '一组', '说明']);
		const [head, ...rows] = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['汇总'], { header: 1 });
		const byId = new Map(rows.map((r) => [r[head.indexOf('工号')], r]));
		expect(byId.get('A1')?.[head.indexOf('通话量')]).toBe(2);
		expect(byId.get('A1')?.[head.indexOf('解决率')]).toBe(0.5);
		expect(byId.get('A2')?.[head.indexOf('满意率')]).toBe(1);
		expect(byId.get('A1')?.[head.indexOf('申诉数')]).toBe(0);
	});

	it('rejects an --appraisal that is not a month or a quarter', async () => {
		const bad = await callqa('score', path.join(dir, 'in'), '--out', path.join(dir, 'out2'), '--appraisal', '2026-13');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--appraisal 2026-13 is not a month');
	});

	it('writes the scores and findings as a workbook in the rubric’s language when asked', async () => {
		expect(run.stdout).toContain('results.xlsx');
		const wb = XLSX.read(await readFile(path.join(dir, 'out', 'results.xlsx')), { type: 'buffer', cellNF: true });
		expect(wb.SheetNames).toEqual(['得分', '检查结果']);
		const scores = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['得分']);
		expect(scores.map((r) => r['通话ID']).sort()).toEqual(['K1', 'K2', 'K3']);
		const csv = (await readFile(path.join(dir, 'out', 'scores.csv'), 'utf8'))
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\n')
			.slice(1);
		for (const line of csv) {
			const [id, score] = line.split(',');
			expect(scores.find((r) => r['通话ID'] === id)?.['得分']).toBe(score === '' ? undefined : Number(score));
		}
		const findings = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['检查结果']);
		expect(findings.length).toBeGreaterThan(3);
		expect(new Set(findings.map((r) => r['结果']))).toEqual(
			new Set(findings.map((r) => r['结果']).filter((v) => ['合格', '不合格', '不适用'].includes(String(v))))
		);
		expect(findings.every((r) => typeof r['检查项名称'] === 'string')).toBe(true);
	});

	it('leaves out a sheet Excel cannot hold and says which', async () => {
		const db = await createTestDb();
		await ensureSchema(db);
		const rubric = DEFAULT_RUBRIC_ZH;
		await db.query(
			`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed) VALUES ('K1', ?, ?, 90, true), ('K2', ?, ?, 70, false)`,
			[rubric.id, rubric.version, rubric.id, rubric.version]
		);
		await db.query(
			`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, points, max_points)
			SELECT c, ?, ?, ?, 'pass', 1, 1 FROM (VALUES ('K1'), ('K2'), ('K3')) t(c)`,
			[rubric.id, rubric.version, rubric.items[0].id]
		);
		const file = path.join(dir, 'limited.xlsx');
		expect(await writeScoresXlsx(db, rubric, file, 2)).toEqual({ skipped: ['检查结果'] });
		expect(XLSX.read(await readFile(file), { type: 'buffer' }).SheetNames).toEqual(['得分']);
		// Neither sheet fits: no workbook, and not the previous run's either.
		expect(await writeScoresXlsx(db, rubric, file, 1)).toEqual({ skipped: ['得分', '检查结果'] });
		await expect(readFile(file)).rejects.toThrow(/ENOENT/);
	});
});
