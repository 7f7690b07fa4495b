// Reviews leave one workspace as a file and arrive in another exactly as made: the CSV cannot run as a
// spreadsheet formula yet reads back unchanged, Parquet round-trips typed, a merge inserts new reviews, skips
// identical ones and lists differing ones for a decision without overwriting anything, and a bad file says
// which row is wrong and why while the rest still loads. Real DuckDB (the unit tests' DuckDB, db/test-db.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { addComment, loadReview, reviewedScore, setOverride, submitReview } from '../review/review-sql';
import { parseReviewCsv, recordsToCsv } from './csv';
import { parseReviewParquet, recordsToParquet } from './parquet';
import { parquetMetadata } from 'hyparquet';
import { COLUMN_NAMES, neutraliseCell, restoreCell } from './records';
import { callAppeals, decideItem, fileAppeal, getAppeal, type Appeal } from '../appeals/appeals-sql';
import { insertRubric } from '../scoring/rubrics-table';
import { rubricOf, scoreC1 } from '../review/test-review';
import { describeExchangeIssue } from './describe-issue';
import { exportRecords, importRecords, listReviews } from './exchange-sql';
import { describeDifferences, listConflicts, resolveAllConflicts, resolveConflict } from './conflicts-sql';
import { getInspectorName, setInspectorName } from '../review/inspector-sql';

const KEY = { call_id: 'C1', rubric_id: 'default-zh', rubric_version: 1 };
const TRICKY = ['=SUM(A1)', '-5 s 太快', '@agent', '+86 138', '\tTAB', "'=already quoted", "'plain apostrophe", '普通评语, "引号"\n第二行'];

async function freshDb(): Promise<{ db: Db; checkpoints: () => number }> {
	const inner = await createTestDb();
	await ensureSchema(inner);
	let n = 0;
	await inner.query(`INSERT INTO calls (call_id, agent_name) VALUES ('C1', '王芳'), ('C2', '李明')`);
	return { db: { ...inner, checkpoint: async () => void n++ }, checkpoints: () => n };
}

/**
 * A submitted review of C1 with an override, and comments full of formula-like text. C1 is scored under a rubric of
 * two items (greeting 35, closing 5) that both failed; the review passes the greeting: 35 of 40 = 87.5.
 */
async function makeReview(db: Db, inspector = '质检员甲'): Promise<void> {
	await db.query(
		`INSERT INTO rubric_items VALUES ('default-zh', 1, 'greeting', 1, 35, false, 'phrase_required'), ('default-zh', 1, 'closing', 2, 5, false, 'phrase_required')`
	);
	await db.query(`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, points, max_points) VALUES
		('C1', 'default-zh', 1, 'greeting', 'fail', 0, 35), ('C1', 'default-zh', 1, 'closing', 'fail', 0, 5)`);
	await setInspectorName(db, inspector);
	await setOverride(db, KEY, 'greeting', 'pass', '=SUM(A1) 复听后确认有问候');
	for (const [i, text] of TRICKY.entries()) await addComment(db, 'C1', i * 1.5, text, `cm-${i}`);
	await submitReview(db, KEY, '');
}

describe('formula neutralisation', () => {
	it.each(TRICKY.concat(['', 'plain', "''=x", '=']))('%j survives neutralise → restore', (s) => {
		expect(restoreCell(neutraliseCell(s))).toBe(s);
	});
	it('never leaves a cell that starts like a formula', () => {
		for (const s of TRICKY) expect(neutraliseCell(s)).not.toMatch(/^[=+\-@\t\r]/);
	});
});

describe('review exchange', () => {
	let a: Db;
	let b: Db;
	let bCheckpoints: () => number;
	beforeEach(async () => {
		a = (await freshDb()).db;
		const fresh = await freshDb();
		b = fresh.db;
		bCheckpoints = fresh.checkpoints;
	}, 60_000);

	it('stamps reviews with the inspector name of the workspace', async () => {
		expect(await getInspectorName(a)).toBeNull();
		await setOverride(a, KEY, 'closing', 'fail', '无结束语');
		await setInspectorName(a, ' 质检员乙 ');
		expect(await getInspectorName(a)).toBe('质检员乙');
		expect((await loadReview(a, KEY)).review?.inspector).toBe('质检员乙'); // the draft made before the name was set
		await setOverride(a, { ...KEY, call_id: 'C2' }, 'closing', 'fail', '无结束语');
		expect((await loadReview(a, { ...KEY, call_id: 'C2' })).review?.inspector).toBe('质检员乙');
	});

	it('round-trips reviews through CSV into a fresh workspace, formula-like text included', async () => {
		await makeReview(a);
		const csv = recordsToCsv(await exportRecords(a));
		expect(csv.startsWith('\uFEFF# callqa.personal_data=masked: ')).toBe(true);
		expect(csv.split('\r\n')[1].startsWith('record_type,call_id,')).toBe(true);
		// No cell in the file starts like a formula (quoted or not).
		for (const line of csv.slice(1).split('\r\n'))
			for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
		expect(csv).toContain("'=SUM(A1)");

		const parsed = parseReviewCsv(csv, 'a.csv');
		expect(parsed.issues).toEqual([]);
		const report = await importRecords(b, 'a.csv', parsed.records, parsed.rowsTotal, parsed.issues);
		expect(report.counts).toMatchObject({ reviewsNew: 1, overridesNew: 1, commentsNew: TRICKY.length, conflicts: 0 });
		expect(bCheckpoints()).toBeGreaterThan(0);

		const there = await loadReview(b, KEY);
		const here = await loadReview(a, KEY);
		expect(there).toEqual(here);
		expect(there.review).toMatchObject({ status: 'submitted', score: 87.5, inspector: '质检员甲' });
		expect(there.overrides[0].reason).toBe('=SUM(A1) 复听后确认有问候');
		expect(there.comments.map((c) => c.text)).toEqual(TRICKY.map((t) => t.trim())); // comments are saved trimmed
	});

	it('round-trips reviews through Parquet', async () => {
		await makeReview(a);
		const bytes = recordsToParquet(await exportRecords(a));
		expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
		const parsed = await parseReviewParquet(bytes, 'a.parquet');
		expect(parsed.issues).toEqual([]);
		expect(parsed.records).toEqual(await exportRecords(a));
		await importRecords(b, 'a.parquet', parsed.records, parsed.rowsTotal);
		expect(await loadReview(b, KEY)).toEqual(await loadReview(a, KEY));
	});

	it('skips identical reviews, lists a differing one as a conflict, and never overwrites silently', async () => {
		await makeReview(a, '质检员甲');
		const file = await exportRecords(a);
		await importRecords(b, 'a.csv', file, file.length);

		// Importing the same file again changes nothing.
		const again = await importRecords(b, 'a.csv', file, file.length);
		expect(again.counts).toMatchObject({ reviewsNew: 0, reviewsSame: 1, conflicts: 0, commentsNew: 0, commentsSame: TRICKY.length });

		// Another inspector reviewed the same call differently.
		const other = file.map((r) =>
			r.record_type === 'review'
				? { ...r, inspector: '质检员乙', score: 62.5, updated_at: '2026-11-30 09:00:00' }
				: r.record_type === 'override'
					? { ...r, override_result: 'fail' as const, reason: '没有问候语' }
					: r
		);
		const before = await loadReview(b, KEY);
		const report = await importRecords(b, 'b.csv', other, other.length);
		expect(report.counts).toMatchObject({ reviewsNew: 0, reviewsSame: 0, conflicts: 1 });
		expect(await loadReview(b, KEY)).toEqual(before);
		// The same differing file twice is one conflict, not two.
		expect((await importRecords(b, 'b.csv', other, other.length)).counts).toMatchObject({ conflicts: 0, conflictsKnown: 1 });

		const list = await listConflicts(b, 1);
		expect(list.total).toBe(1);
		const c = list.rows[0];
		expect(c).toMatchObject({ call_id: 'C1', source_file: 'b.csv', agent_name: '王芳' });
		expect(c.mine?.score).toBe(87.5);
		expect(c.theirs).toMatchObject({ score: 62.5, inspector: '质检员乙', updated_at: '2026-11-30 09:00:00' });
		expect(describeDifferences(c.mine, c.theirs)).toEqual([
			{ field: 'inspector', mine: '质检员甲', theirs: '质检员乙' },
			{ field: 'score', mine: 87.5, theirs: 62.5 },
			{
				field: 'override',
				item_id: 'greeting',
				mine: { result: 'pass', reason: '=SUM(A1) 复听后确认有问候' },
				theirs: { result: 'fail', reason: '没有问候语' }
			}
		]);
		expect((await listReviews(b, { isConflicted: true }, 1)).rows.map((r) => [r.call_id, r.conflicts])).toEqual([['C1', 1]]);

		// Keep mine: the conflict goes, the review stays as it was.
		await resolveConflict(b, c.conflict_id, 'mine');
		expect((await listConflicts(b, 1)).total).toBe(0);
		expect(await loadReview(b, KEY)).toEqual(before);

		// Take theirs: the review and its overrides become the imported version.
		await importRecords(
			b,
			'b2.csv',
			other.map((r) => ({ ...r })),
			other.length
		);
		const c2 = (await listConflicts(b, 1)).rows[0];
		await resolveConflict(b, c2.conflict_id, 'theirs');
		const after = await loadReview(b, KEY);
		expect(after.review).toMatchObject({ inspector: '质检员乙', score: 62.5, status: 'submitted', updated_at: '2026-11-30 09:00:00' });
		expect(after.overrides).toMatchObject([{ item_id: 'greeting', override_result: 'fail', reason: '没有问候语' }]);
		expect(after.comments).toHaveLength(TRICKY.length);
		expect((await listConflicts(b, 1)).total).toBe(0);
	});

	it('decides all conflicts at once; with several files for one call the latest version wins', async () => {
		await makeReview(a);
		const file = await exportRecords(a);
		await importRecords(b, 'mine.csv', file, file.length);
		const version = (score: number, at: string) =>
			file.filter((r) => r.record_type === 'review').map((r) => ({ ...r, score, updated_at: at }));
		await importRecords(b, 'x.csv', version(50, '2026-11-30 10:00:00'), 1);
		await importRecords(b, 'y.csv', version(70, '2026-11-30 11:00:00'), 1);
		expect((await listConflicts(b, 1)).total).toBe(2);
		await resolveAllConflicts(b, 'theirs');
		expect((await loadReview(b, KEY)).review?.score).toBe(70);
		expect((await loadReview(b, KEY)).overrides).toEqual([]); // the imported versions had no overrides
		expect((await listConflicts(b, 1)).total).toBe(0);
	});

	it('exports only the filtered reviews', async () => {
		await makeReview(a, '质检员甲');
		await setInspectorName(a, '质检员乙');
		await setOverride(a, { ...KEY, call_id: 'C2' }, 'closing', 'fail', '无结束语');
		const onlyB = await exportRecords(a, { inspector: '质检员乙' });
		expect(new Set(onlyB.map((r) => r.call_id))).toEqual(new Set(['C2']));
		const drafts = await exportRecords(a, { status: 'draft' });
		expect(drafts.filter((r) => r.record_type === 'review').map((r) => r.call_id)).toEqual(['C2']);
		const page = await listReviews(a, {}, 1);
		expect(page.rows.map((r) => [r.call_id, r.inspector, r.status, r.overrides])).toEqual(
			expect.arrayContaining([
				['C1', '质检员甲', 'submitted', 1],
				['C2', '质检员乙', 'draft', 1]
			])
		);
		expect(page.inspectors).toEqual(['质检员乙', '质检员甲'].sort());
	});

	it('masks customer numbers in reasons and comments unless unmasked data is chosen, and says which in the file', async () => {
		await setOverride(a, KEY, 'greeting', 'pass', '客户报了手机号 13812345678');
		await addComment(a, 'C1', 1, '卡号 6222021234567890123', 'cm-pii');
		const records = await exportRecords(a);

		const csv = recordsToCsv(records);
		expect(csv).toContain('客户报了手机号 138****5678');
		expect(csv).toContain('卡号 622************0123');
		expect(csv).not.toContain('13812345678');
		// Our own file reads back (the statement line is skipped) with the masked text.
		const parsed = parseReviewCsv(csv, 'masked.csv');
		expect(parsed.issues).toEqual([]);
		expect(parsed.records.find((r) => r.comment_id === 'cm-pii')?.text).toBe('卡号 622************0123');
		const open = recordsToCsv(records, { isUnmasked: true });
		expect(open.split('\r\n')[0]).toMatch(/^\uFEFF# callqa\.personal_data=unmasked: /);
		expect(open).toContain('13812345678');

		const meta = (bytes: Uint8Array) =>
			parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).key_value_metadata?.find(
				(m) => m.key === 'callqa.personal_data'
			)?.value;
		const masked = recordsToParquet(records);
		expect(meta(masked)).toBe('masked');
		expect((await parseReviewParquet(masked, 'm.parquet')).records.find((r) => r.record_type === 'override')?.reason).toBe(
			'客户报了手机号 138****5678'
		);
		expect(meta(recordsToParquet(records, { isUnmasked: true }))).toBe('unmasked');
	});
});

describe('bad files', () => {
	const header =
		'record_type,call_id,rubric_id,rubric_version,inspector,status,score,submitted_at,updated_at,item_id,override_result,reason,comment_id,at_s,text,created_at,colour';

	it('names the row and reason of each bad record and still loads the rest', async () => {
		const csv = [
			header,
			'review,C1,default-zh,1,甲,submitted,80,2026-11-01 10:00:00,2026-11-01 10:00:00,,,,,,,,red',
			'review,C2,default-zh,one,甲,draft,,,2026-11-01 10:00:00,,,,,,,,',
			'override,C1,default-zh,1,,,,,2026-11-01 10:00:00,greeting,maybe,原因,,,,,',
			'override,C9,default-zh,1,,,,,2026-11-01 10:00:00,greeting,fail,原因,,,,,',
			'comment,,,,,,,,,,,,cm1,1.5,没有通话号,2026-11-01 10:00:00,',
			'note,C1,,,,,,,,,,,,,,,',
			'comment,C1,,,,,,,,,,,cm2,abc,好,2026-11-01 10:00:00,',
			'comment,C1,,,,,,,,,,,cm3,2,"多行\n评语",2026-11-01 10:00:00,',
			'comment,C1,,,,,,,,,,,cm3,2,重复,2026-11-01 10:00:00,',
			'review,C1,default-zh,1,甲,submitted,80,2026-13-45 10:00:00,2026-11-01 25:00:00,,,,,,,,',
			'review,C2,default-zh,1,甲,draft,,,2026-11-31 10:00:00,,,,,,,,'
		].join('\n');
		const parsed = parseReviewCsv(csv, 'team.csv');
		const brief = parsed.issues.map((i) => [i.row, i.code, i.column ?? null]);
		expect(brief).toEqual([
			[null, 'unknown_column', 'colour'],
			[3, 'bad_value', 'rubric_version'],
			[4, 'bad_value', 'override_result'],
			[6, 'missing_value', 'call_id'],
			[7, 'bad_record_type', 'record_type'],
			[8, 'bad_value', 'at_s'],
			[11, 'bad_value', 'submitted_at'],
			[11, 'bad_value', 'updated_at'],
			[12, 'bad_value', 'updated_at'],
			[10, 'duplicate', 'comment_id'],
			[5, 'orphan_override', 'call_id']
		]);
		expect(parsed.issues.every((i) => i.file === 'team.csv')).toBe(true);
		expect(parsed.records.map((r) => [r.record_type, r.call_id])).toEqual([
			['review', 'C1'],
			['comment', 'C1']
		]);
		expect(parsed.records[1].text).toBe('多行\n评语');
		const db = (await freshDb()).db;
		const report = await importRecords(db, 'team.csv', parsed.records, parsed.rowsTotal, parsed.issues);
		expect(report).toMatchObject({ rowsTotal: 11, rowsLoaded: 2, rowsRejected: 9 }); // row 11 has two bad cells, counted once
		expect(report.counts.reviewsNew).toBe(1);
	});

	it('a value the workspace cannot store rejects only its row, named by row and file line, in plain words', async () => {
		const csv = [
			header,
			'comment,C1,,,,,,,,,,,cm1,1,"两行\n评语",2026-11-01 10:00:00,',
			'review,C1,default-zh,3000000000,甲,draft,,,2026-11-01 10:00:00,,,,,,,,',
			'review,C2,default-zh,1,甲,draft,,,2026-11-01 10:00:00,,,,,,,,'
		].join('\n');
		const parsed = parseReviewCsv(csv, 'big.csv');
		expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([
			{
				file: 'big.csv',
				row: 3,
				line: 4,
				severity: 'error',
				code: 'bad_value',
				column: 'rubric_version',
				value: '3000000000',
				detail: 'int'
			}
		]);
		const report = await importRecords((await freshDb()).db, 'big.csv', parsed.records, parsed.rowsTotal, parsed.issues);
		expect(report).toMatchObject({ rowsTotal: 3, rowsLoaded: 2, rowsRejected: 1 });
		expect(
			describeExchangeIssue(
				parsed.issues.find((i) => i.severity === 'error')!,
				(k, p) => `${k} ${JSON.stringify(p ?? {})}`
			).where
		).toBe('xchg.issue.row_line {"row":3,"line":4}');
	});

	it('rejects a file without the columns it needs, and one that is not Parquet', async () => {
		const parsed = parseReviewCsv('call,score\nC1,80\n', 'other.csv');
		expect(parsed.records).toEqual([]);
		expect(parsed.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.column])).toEqual([
			['missing_column', 'record_type'],
			['missing_column', 'call_id']
		]);
		const notParquet = await parseReviewParquet(new TextEncoder().encode('record_type,call_id\n'), 'x.parquet');
		expect(notParquet.issues).toMatchObject([{ file: 'x.parquet', code: 'unreadable', severity: 'error' }]);
	});

	it('reports a Parquet column of the wrong type and the rows that needed it', async () => {
		const buffer = parquetWriteBuffer({
			columnData: [
				{ name: 'record_type', data: ['review', 'comment'], type: 'STRING' },
				{ name: 'call_id', data: ['C1', 'C1'], type: 'STRING' },
				{ name: 'rubric_id', data: ['default-zh', null], type: 'STRING' },
				{ name: 'rubric_version', data: ['1', null], type: 'STRING' },
				{ name: 'status', data: ['draft', null], type: 'STRING' },
				{ name: 'updated_at', data: [new Date('2026-11-01T10:00:00Z'), null], type: 'TIMESTAMP' },
				{ name: 'comment_id', data: [null, 'cm1'], type: 'STRING' },
				{ name: 'text', data: [null, '好'], type: 'STRING' },
				{ name: 'created_at', data: [null, new Date('2026-11-01T10:00:00Z')], type: 'TIMESTAMP' }
			]
		});
		const parsed = await parseReviewParquet(new Uint8Array(buffer), 'typed.parquet');
		expect(parsed.issues.map((i) => [i.row, i.code, i.column])).toEqual([
			[null, 'wrong_column_type', 'rubric_version'],
			[1, 'missing_value', 'rubric_version']
		]);
		expect(parsed.records).toMatchObject([{ record_type: 'comment', comment_id: 'cm1', text: '好', created_at: '2026-11-01 10:00:00' }]);
	});
});

// An appeal travels with its review: the agent's appeal filed at the lead's desk reaches the inspector's workspace,
// the lead's decision made in one workspace reaches the other, and a decision is never rewritten by a file.
describe('appeals in review exchange files', () => {
	const AKEY = { call_id: 'C1', rubric_id: 'default-zh', rubric_version: 3 };
	async function workspace(): Promise<Db> {
		const db = await createTestDb();
		await ensureSchema(db);
		await insertRubric(db, rubricOf(3));
		await scoreC1(db, 3); // greeting fail, banned pass, courtesy pass, manual n/a: 75
		await db.query("INSERT INTO calls (call_id, agent_name, team) VALUES ('C1', '王芳', '一组')");
		return db;
	}
	const withoutSource = (appeals: Appeal[]) => appeals.map(({ source_file: _s, ...a }) => a);
	const roundTrip = async (from: Db) => parseReviewCsv(recordsToCsv(await exportRecords(from)), 'lead.csv');

	it('carries the appeal and each decision to another workspace, and the score follows the overturn there', async () => {
		const lead = await workspace();
		await submitReview(lead, AKEY, '质检员甲');
		const id = await fileAppeal(lead, AKEY, {
			appellant: '王芳',
			reason: '开场白说了“您好”，录音开头缺了',
			items: ['greeting', 'courtesy']
		});

		const inspector = await workspace();
		const first = await roundTrip(lead);
		expect(first.issues).toEqual([]);
		const report = await importRecords(inspector, 'lead.csv', first.records, first.rowsTotal, first.issues);
		expect(report.counts).toMatchObject({ reviewsNew: 1, appealsNew: 1, appealsSame: 0, decisionsNew: 0 });
		expect(withoutSource(await callAppeals(inspector, 'C1'))).toEqual(withoutSource(await callAppeals(lead, 'C1')));
		expect((await callAppeals(inspector, 'C1'))[0].source_file).toBe('lead.csv');

		// The lead decides at their desk; the inspector's workspace takes the decisions from the next file.
		await decideItem(lead, id, 'greeting', { decision: 'overturn', reason: '复听确认有开场白', decidedBy: '组长' });
		await decideItem(lead, id, 'courtesy', { decision: 'uphold', reason: '语气无问题，维持', decidedBy: '组长' });
		expect((await reviewedScore(lead, AKEY))?.score).toBe(100);
		const second = await roundTrip(lead);
		const again = await importRecords(inspector, 'lead.csv', second.records, second.rowsTotal, second.issues);
		expect(again.counts).toMatchObject({ reviewsSame: 1, appealsNew: 0, appealsSame: 0, decisionsNew: 2 });
		expect(withoutSource(await callAppeals(inspector, 'C1'))).toEqual(withoutSource(await callAppeals(lead, 'C1')));
		expect((await reviewedScore(inspector, AKEY))?.score).toBe(100);

		// The same file again changes nothing; Parquet carries the same records.
		const third = await importRecords(inspector, 'lead.csv', second.records, second.rowsTotal);
		expect(third.counts).toMatchObject({ appealsNew: 0, appealsSame: 1, decisionsNew: 0 });
		expect(third.issues).toEqual([]);
		const parquet = await parseReviewParquet(recordsToParquet(await exportRecords(lead)), 'lead.parquet');
		expect(parquet.records).toEqual(await exportRecords(lead));
		expect(parquet.records.filter((r) => r.record_type.startsWith('appeal')).map((r) => [r.record_type, r.item_id, r.decision])).toEqual([
			['appeal', null, null],
			['appeal_item', 'courtesy', 'uphold'],
			['appeal_item', 'greeting', 'overturn']
		]);
	});

	it('keeps the decision already recorded when a file says otherwise, and says so', async () => {
		const lead = await workspace();
		await submitReview(lead, AKEY, '质检员甲');
		const id = await fileAppeal(lead, AKEY, { appellant: '王芳', reason: '有开场白', items: ['greeting'] });
		const inspector = await workspace();
		const file = await roundTrip(lead);
		await importRecords(inspector, 'lead.csv', file.records, file.rowsTotal);
		await decideItem(lead, id, 'greeting', { decision: 'overturn', reason: '有开场白', decidedBy: '组长' });
		await decideItem(inspector, id, 'greeting', { decision: 'uphold', reason: '没有开场白', decidedBy: '副组长' });

		const other = await roundTrip(lead);
		const report = await importRecords(inspector, 'lead.csv', other.records, other.rowsTotal);
		expect(report.counts).toMatchObject({ decisionsNew: 0, appealsSame: 0 });
		expect(report.issues).toEqual([
			{ file: 'lead.csv', row: null, severity: 'warning', code: 'appeal_differs', value: id, column: 'greeting' }
		]);
		expect(describeExchangeIssue(report.issues[0], (k, p) => `${k} ${JSON.stringify(p)}`).what).toContain('xchg.issue.appeal_item_differs');
		expect((await getAppeal(inspector, id))?.items[0]).toMatchObject({ decision: 'uphold', decided_by: '副组长' });
		expect((await reviewedScore(inspector, AKEY))?.score).toBe(75);
	});

	it('rejects an appeal row without its review, an item without its appeal and a half-recorded decision, row by row', async () => {
		const cols = (v: Record<string, string>) => COLUMN_NAMES.map((n) => v[n] ?? '').join(',');
		const base = { call_id: 'C1', rubric_id: 'default-zh', rubric_version: '3' };
		const csv = [
			COLUMN_NAMES.join(','),
			cols({ record_type: 'review', ...base, status: 'submitted', updated_at: '2026-11-01 10:00:00' }),
			cols({ record_type: 'appeal', ...base, appeal_id: 'A1', appellant: '王芳', reason: '有开场白', filed_at: '2026-11-02 09:00:00' }),
			cols({
				record_type: 'appeal_item',
				call_id: 'C1',
				appeal_id: 'A1',
				item_id: 'greeting',
				result_before: 'fail',
				decision: 'overturn',
				result_after: 'pass',
				decision_reason: '复听',
				decided_at: '2026-11-03 09:00:00'
			}),
			cols({
				record_type: 'appeal_item',
				call_id: 'C1',
				appeal_id: 'A1',
				item_id: 'courtesy',
				result_before: 'pass',
				decision: 'uphold',
				result_after: 'fail',
				decision_reason: '维持',
				decided_by: '组长',
				decided_at: '2026-11-03 09:00:00'
			}),
			cols({ record_type: 'appeal_item', call_id: 'C1', appeal_id: 'A9', item_id: 'greeting', result_before: 'fail' }),
			cols({
				record_type: 'appeal',
				...base,
				call_id: 'C2',
				appeal_id: 'A2',
				appellant: '李明',
				reason: '不服',
				filed_at: '2026-11-02 09:00:00'
			}),
			cols({ record_type: 'appeal_item', call_id: 'C1', appeal_id: 'A1', item_id: 'manual', result_before: 'na' })
		].join('\n');
		const parsed = parseReviewCsv(csv, 'appeals.csv');
		expect(parsed.issues.map((i) => [i.row, i.code, i.column ?? null])).toEqual([
			[4, 'missing_value', 'decided_by'],
			[5, 'bad_value', 'result_after'],
			[6, 'orphan_appeal_item', 'appeal_id'],
			[7, 'orphan_appeal', 'call_id']
		]);
		expect(parsed.records.map((r) => [r.record_type, r.item_id])).toEqual([
			['review', null],
			['appeal', null],
			['appeal_item', 'manual']
		]);
	});
});
