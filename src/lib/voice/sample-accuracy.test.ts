// Done-when of issue 12: on the sample's dual-channel recordings the detected overlaps match the generator's
// ground truth with F1 ≥ 0.9 (0.5 s tolerance on start and end, same side talking over) and talk time is within
// 5 % per side; also after putting them on a noisy line with -20 dB cross-talk bleed.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { sampleAccuracy } from './sample-accuracy';

describe('voice activity on the sample recordings', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		await ensureSchema(db);
	});

	it.each([
		{ label: 'as generated', degrade: undefined },
		{ label: 'on a noisy line (-45 dBFS noise + hum) with -20 dB bleed', degrade: { noiseDb: -45, bleedDb: -20 } }
	])('$label: overlap F1 ≥ 0.9 and talk time within 5 % per side', async ({ degrade }) => {
		const acc = await sampleAccuracy(db, { degrade });
		expect(acc.calls).toHaveLength(8);
		expect(acc.f1).toBeGreaterThanOrEqual(0.9);
		expect(acc.max_talk_error).toBeLessThanOrEqual(0.05);
	});
});
