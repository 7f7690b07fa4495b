// The import page's memory warning: a workspace near what a browser tab was measured to hold, and an import that
// would take it past, are told apart from an ordinary one; recordings add no turns.
import { describe, expect, it } from 'vitest';
import { capacityOf, estimateSegments, estimateStorageBytes, SEGMENTS_MAX, SEGMENTS_NEAR, storageFits } from './capacity';

describe('browser workspace capacity', () => {
	it('is ok below the measured month, near from it, over past what 4 GB holds', () => {
		expect(capacityOf(1_441_716)).toBe('ok');
		expect(capacityOf(SEGMENTS_NEAR)).toBe('near');
		expect(capacityOf(2_883_259)).toBe('near');
		expect(capacityOf(SEGMENTS_MAX + 1)).toBe('over');
	});

	it('estimates the turns of text files from their size and ignores audio', () => {
		const file = (name: string, mb: number) => ({ name, bytes: { length: mb * 1e6 } });
		// The generated 100k-call transcripts: 123 MB for 1.44M turns.
		expect(estimateSegments([file('transcripts.csv', 123)])).toBeGreaterThan(1_400_000);
		expect(estimateSegments([file('calls.csv', 14), file('a.wav', 500), file('b.MP3', 40)])).toBeLessThan(200_000);
		expect(capacityOf(2_883_259 + estimateSegments([file('more.csv', 123)]))).toBe('over');
	});

	it('estimates the storage an import takes and says when the browser grants less', () => {
		const file = (name: string, mb: number) => ({ name, bytes: { length: mb * 1e6 } });
		// 137 MB of call log and transcripts made a 192 MB workspace; audio is kept as it is.
		const text = estimateStorageBytes([file('calls.csv', 14), file('transcripts.csv', 123)]);
		expect(text).toBeGreaterThanOrEqual(192 * 1048576);
		expect(estimateStorageBytes([file('a.wav', 500)])).toBe(500e6);
		expect(storageFits(text, 10e9)).toBe('ok');
		expect(storageFits(text, 100e6)).toBe('short');
		// A browser that does not say how much it grants: nothing is said.
		expect(storageFits(text, null)).toBe('ok');
	});
});
