import { describe, expect, it } from 'vitest';
import { emptyReport, type FileKind, type FileReport } from '../import/types';
import { idsToKeep, KEEP_FILE_BYTES, KEEP_TOTAL_BYTES } from './kept-bytes';

const MB = 1024 * 1024;
function report(kind: FileKind, format: string | null): FileReport {
	return { ...emptyReport('f', kind), format };
}

describe('the import page keeps only the bytes a later action re-reads', () => {
	it('drops recordings, voice activity and unknown files, keeps CSVs and transcripts', () => {
		const held = [
			{ id: 'rec', report: report('recording', 'wav'), bytes: 5 * MB },
			{ id: 'csv', report: report('call_log', 'csv'), bytes: MB },
			{ id: 'vtt', report: report('transcript', 'webvtt'), bytes: MB },
			{ id: 'rttm', report: report('voice_activity', 'rttm'), bytes: 1000 },
			{ id: 'gz', report: report('unknown', null), bytes: 1000 }
		];
		expect([...idsToKeep(held)]).toEqual(['csv', 'vtt']);
	});

	it('drops a file over the size limit and, newest first, whatever exceeds the budget', () => {
		const big = { id: 'big', report: report('call_log', 'csv'), bytes: KEEP_FILE_BYTES + 1 };
		const n = Math.ceil(KEEP_TOTAL_BYTES / (4 * MB)) + 3;
		const many = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, report: report('call_log', 'csv'), bytes: 4 * MB }));
		const kept = idsToKeep([big, ...many]);
		expect(kept.has('big')).toBe(false);
		expect(kept.size).toBe(Math.floor(KEEP_TOTAL_BYTES / (4 * MB)));
		expect(kept.has('c0')).toBe(true);
		expect(kept.has(`c${n - 1}`)).toBe(false);
	});
});
