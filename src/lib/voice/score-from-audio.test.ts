// Scoring from the recordings (issue 12): the sample's 8 recorded calls, analysed as the app does, are scored on
// interruption, dead air and reply latency from their voice activity and agree with the generator's ground truth;
// without a transcript the same calls are still scored on those items (text items n/a), and a silence after a hold
// phrase is reported as one whose hold cannot be known.
import { openAsBlob, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/types';
import { importFiles } from '../import/pipeline';
import { DEFAULT_RUBRIC_ZH } from '../scoring/default-rubric-zh';
import { scoreCalls } from '../scoring/score';
import { analyseCall } from './analyse-call';
import { analyseFiles } from './analyse-files';
import { SAMPLE_DIR } from './sample-accuracy';

type Truth = {
	recordings: string[];
	calls: Record<string, { item: string; expected: string; events?: { after_hold?: boolean; counts?: boolean }[] }[]>;
};
const truth = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'ground-truth.json'), 'utf8')) as Truth;
const TIMING = ['interruption', 'dead_air', 'reply_latency'];
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE_DIR, name))) });

async function scoreRecorded(db: Db, withTranscripts: boolean) {
	const names = truth.recordings.map((id) => `recordings/${id}.wav`);
	await importFiles(db, [file('calls.csv'), ...(withTranscripts ? [file('transcripts.csv')] : []), ...names.map(file)]);
	for (const id of truth.recordings)
		await analyseCall(
			db,
			id,
			(name) => openAsBlob(path.join(SAMPLE_DIR, name)),
			(files) => analyseFiles(files, { withActivity: true })
		);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE recorded AS SELECT unnest(?::VARCHAR[]) AS call_id`.replace(
			'?::VARCHAR[]',
			`[${truth.recordings.map((r) => `'${r}'`).join(', ')}]`
		)
	);
	await scoreCalls(db, DEFAULT_RUBRIC_ZH, { onlyCallsTable: 'recorded' });
	const { rows } = await db.query<{ call_id: string; item_id: string; result: string; evidence: string }>(
		`SELECT call_id, item_id, result, evidence FROM findings WHERE call_id IN (SELECT call_id FROM recorded)`
	);
	return rows;
}

describe("scoring the sample's recorded calls from their audio", () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
	});
	afterEach(async () => {
		await db.close();
	});

	it('with transcripts: interruption, dead air and reply latency agree with the ground truth, from audio', async () => {
		const rows = await scoreRecorded(db, true);
		for (const id of truth.recordings)
			for (const t of truth.calls[id].filter((x) => TIMING.includes(x.item))) {
				const f = rows.find((r) => r.call_id === id && r.item_id === t.item)!;
				expect(f.result, `${id} ${t.item}: ${f.evidence}`).toBe(t.expected);
				expect(f.evidence, `${id} ${t.item}`).toMatch(/from audio/);
			}
	});

	it('without transcripts: the same verdicts on interruption and reply latency, dead air says a hold cannot be known, text items n/a', async () => {
		const rows = await scoreRecorded(db, false);
		for (const id of truth.recordings) {
			const expected = (item: string) => truth.calls[id].find((x) => x.item === item)!;
			for (const item of ['interruption', 'reply_latency']) {
				const f = rows.find((r) => r.call_id === id && r.item_id === item)!;
				expect(f.result, `${id} ${item}: ${f.evidence}`).toBe(expected(item).expected);
			}
			const dead = rows.find((r) => r.call_id === id && r.item_id === 'dead_air')!;
			const holds = (expected('dead_air').events ?? []).filter((e) => e.after_hold).length;
			if (holds > 0) expect(dead.evidence, id).toMatch(/no transcript, so whether it was a hold cannot be known/);
			else expect(dead.result, `${id} dead_air: ${dead.evidence}`).toBe(expected('dead_air').expected);
			for (const item of ['greeting', 'closing', 'banned_phrase', 'courtesy', 'pii_disclosure'])
				expect(rows.find((r) => r.call_id === id && r.item_id === item)?.result, `${id} ${item}`).toBe('na');
		}
	});
});
