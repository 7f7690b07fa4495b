// The filter pickers of the calls list, the dashboard and the leaderboard are read once per import
// (workspace.oncePerImport over PerVersion): a page opened again must get the same answer without a new read, an
// import (a new counts object) must read again, and a failed read must not stick.
import { describe, expect, it } from 'vitest';
import { PerVersion } from './per-version';

describe('PerVersion', () => {
	it('reuses the answer while the version is the same object, and loads again for a new one', async () => {
		const kept = new PerVersion<{ calls: number }>();
		let loads = 0;
		const load = async () => ++loads;
		const v1 = { calls: 10 };
		expect(await kept.get('teams', v1, load)).toBe(1);
		expect(await kept.get('teams', v1, load)).toBe(1);
		// Equal counts after another import are still another version: the calls may differ.
		expect(await kept.get('teams', { calls: 10 }, load)).toBe(2);
		expect(await kept.get('agents', v1, load)).toBe(3);
	});

	it('forgets a load that failed', async () => {
		const kept = new PerVersion<object>();
		const v = {};
		await expect(kept.get('teams', v, () => Promise.reject(new Error('worker gone')))).rejects.toThrow('worker gone');
		expect(await kept.get('teams', v, async () => 'teams')).toBe('teams');
	});
});
