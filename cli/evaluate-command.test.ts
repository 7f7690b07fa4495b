// `callqa evaluate` as a user runs it: a transcript and a labels file written here, the real launcher in a child
// process. It prints per-item agreement and the disagreeing calls, skips bad label rows by line, exits 0; a
// missing --labels is a usage error (exit 2). Neither leaves a temporary folder behind.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callqaWithEnv, type Run } from './spawn-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'callqa-evaluate-test-'));
const transcripts = path.join(dir, 'transcripts.csv');
const labels = path.join(dir, 'labels.csv');
// The runs' temporary folder, to see what they leave in it.
const tmp = path.join(dir, 'tmp');
mkdirSync(tmp);
writeFileSync(
	transcripts,
	[
		'通话ID,序号,角色,开始,结束,文本',
		'E1,1,客服,0.5,3.0,您好，这里是华信通信，请问有什么可以帮您？',
		'E1,2,客户,3.5,5.0,我想查话费。',
		'E1,3,客服,5.5,8.0,嗯，请问下先生还有什么可以帮您的？',
		'E2,1,客服,0.5,2.0,您好，请讲。',
		'E2,2,客户,2.5,4.0,我想查话费。',
		'E2,3,客服,4.5,7.0,好的，那就先这样。'
	].join('\n') + '\n'
);
writeFileSync(labels, 'call_id,item_id,result\nE1,greeting,pass\nE1,closing,pass\nE2,greeting,fail\nE2,closing,pass\nE2,ring,maybe\n');

describe('callqa evaluate', () => {
	let run: Run;
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	beforeAll(async () => {
		run = await callqaWithEnv({ TMPDIR: tmp }, 'evaluate', transcripts, '--labels', labels);
	}, 120_000);

	it('exits 0 and prints agreement, precision and recall per item, and the disagreeing calls', () => {
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/greeting\s+2\s+2\s+1\.00\s+1\.00\s+1\.00\s+1\s+0\s+0\s+1/);
		expect(run.stdout).toMatch(/closing\s+2\s+1\s+0\.50\s+0\.00\s+–\s+0\s+1\s+0\s+1/);
		expect(run.stdout).toContain('closing  E2  inspector pass, automatic fail');
	});

	it('lists a label row it could not read with its line, and uses the rest', () => {
		expect(run.stdout).toContain('Labels: 4 from');
		expect(run.stdout).toMatch(/line 6: result "maybe" is not pass, fail or na/);
	});

	it('refuses to run without --labels (exit 2)', async () => {
		const r = await callqaWithEnv({ TMPDIR: tmp }, 'evaluate', transcripts);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('missing --labels');
		// Neither run left its import folder or the database's file area (tsx may keep its cache there).
		expect(readdirSync(tmp).filter((name) => name.startsWith('callqa-'))).toEqual([]);
	}, 120_000);
});
