// A file given to the reviews import that is not a review file is named for what it is and where it belongs: a
// real coaching session export (renamed or not), a rubric export, other JSON; review CSVs and Parquet pass on.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { addComment, setOverride } from '../review/review-sql';
import { createSession } from '../coaching/coaching-sql';
import { exportSession } from '../coaching/session-file';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { zh } from '../i18n/zh';
import { en } from '../i18n/en';
import { recordsToCsv } from './csv';
import { describeExchangeIssue } from './describe-issue';
import { exportRecords, importRecords } from './exchange-sql';
import { foreignFileIssue, foreignKind } from './sniff';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('files that are not review exports', () => {
	it('names a coaching session file, whatever it is called, and says to import it on the Coaching page', async () => {
		const db = await createTestDb();
		await ensureSchema(db);
		const id = await createSession(db, { title: '开场白示范', audience: '新员工', notes: '' });
		const { fileName, text } = await exportSession(db, id, async () => null);
		expect(foreignKind(bytes(text), fileName)).toBe('coaching_session');
		expect(foreignKind(bytes(text), 'reviews.csv')).toBe('coaching_session');
		const issue = foreignFileIssue(bytes(text), fileName)!;
		expect(describeExchangeIssue(issue, (k) => zh[k]).what).toContain('辅导');
		expect(describeExchangeIssue(issue, (k) => en[k]).what).toBe(
			'This is a coaching session file (.callqa-session), not a review file: import it on the Coaching page.'
		);
		// Booked as one whole-file error, not a list of unknown columns; nothing imported.
		const report = await importRecords(db, fileName, [], 0, [issue]);
		expect(report.issues.map((i) => i.code)).toEqual(['foreign_file']);
	});

	it.each([
		['a rubric export', JSON.stringify(DEFAULT_RUBRIC_ZH, null, 2), 'rubric.json', 'rubric'],
		['other JSON', '[{"speaker":"agent","text":"您好"}]', 'turns.json', 'json'],
		['a BOM-prefixed JSON', '\uFEFF{"a": 1}', 'x.json', 'json']
	])('names %s', (_name, text, file, kind) => {
		expect(foreignKind(bytes(text), file)).toBe(kind);
	});

	it('lets a review CSV through', async () => {
		const db = await createTestDb();
		await ensureSchema(db);
		await setOverride(db, { call_id: 'C1', rubric_id: 'r', rubric_version: 1 }, 'greeting', 'pass', '{有}');
		await addComment(db, 'C1', 1, '{"format": "callqa-session"} 只是评语里的字');
		expect(foreignKind(bytes(recordsToCsv(await exportRecords(db))), 'reviews.csv')).toBeNull();
		expect(foreignKind(bytes('PAR1\u0000\u0000'), 'reviews.parquet')).toBeNull();
	});
});
