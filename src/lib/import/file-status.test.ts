import { describe, expect, it } from 'vitest';
import { emptyReport, fileStatus, statusCounts, type FileReport } from './types';

const report = (over: Partial<FileReport>): FileReport => ({ ...emptyReport('f', 'transcript'), rows_total: 2, ...over });
const skipped = { decision: 'skipped' as const, calls: 1, segments: 2, from: [{ file: 'a.json', calls: 1 }], call_ids: ['D1'] };
const keptIssue = { line: null, reason: 'skipped', code: 'kept_existing_transcripts' };

describe('how a file went, for its card and the import summary', () => {
	const CASES: [string, FileReport, ReturnType<typeof fileStatus>][] = [
		['every row loaded', report({ rows_loaded: 2 }), 'ok'],
		['some rows rejected', report({ rows_loaded: 1, rows_rejected: 1, errors: [{ line: 3, reason: 'x' }] }), 'partial'],
		['nothing loaded, an error', report({ rows_rejected: 2, errors: [{ line: null, reason: 'x' }] }), 'failed'],
		['not a data file', { ...emptyReport('README.md'), errors: [{ line: null, reason: 'x' }] }, 'failed'],
		['every call kept its earlier transcript', report({ rows_rejected: 2, existing: skipped, errors: [keptIssue] }), 'skipped'],
		[
			'every call kept its earlier transcript, some rows unreadable',
			report({ rows_rejected: 2, existing: skipped, errors: [{ line: 4, reason: 'empty text' }, keptIssue] }),
			'skipped'
		],
		[
			'some calls kept their earlier transcript',
			report({ rows_loaded: 1, rows_rejected: 1, existing: skipped, errors: [keptIssue] }),
			'partial'
		],
		['calls wait for the replace/skip answer', report({ rows_loaded: 0, existing: { ...skipped, decision: 'pending' } }), 'pending']
	];
	it.each(CASES)('%s', (_, r, want) => expect(fileStatus(r)).toBe(want));

	it('counts the files per status', () => {
		expect(statusCounts(CASES.map((c) => c[1]))).toEqual({ ok: 1, partial: 2, failed: 2, skipped: 2, pending: 1 });
	});
});
