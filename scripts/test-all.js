#!/usr/bin/env node
// The one test command (README, .ci/run): installs what the tests need when missing (Debian's Chromium
// and sox; never a downloaded browser), builds the app, type-checks and lints (ESLint, Prettier) while the e2e sample
// fixture is made, runs every vitest project (unit + SQL in Node, end-to-end in Chromium) and ends with the plain
// line "N passed, N failed".
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const NEEDED = [
	{ bin: '/usr/bin/chromium', pkg: 'chromium' },
	{ bin: '/usr/bin/sox', pkg: 'sox' },
	// Chinese glyphs in screenshots and in the rendered app.
	{ bin: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk' }
];

function ensureSystemPackages() {
	const missing = NEEDED.filter((n) => !existsSync(n.bin)).map((n) => n.pkg);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		console.error(`missing system packages: ${missing.join(' ')} — install them with: sudo apt-get install -y ${missing.join(' ')}`);
		process.exit(1);
	}
	console.log(`installing ${missing.join(' ')} from Debian…`);
	execSync('apt-get update -qq', { stdio: 'inherit' });
	execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
}

const started = Date.now();
/** Minutes and seconds since the command started, printed with each step so the log shows where the time went. */
const at = () => {
	const s = Math.round((Date.now() - started) / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function step(name, cmd, args) {
	console.log(`\n── ${name} (at ${at()})`);
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	return r.status === 0;
}

/**
 * Runs `commands` one after another in the background, their output kept (this process prints it once they are done,
 * so two such runs do not interleave): resolves to whether every command passed, and stops at the first failure.
 */
function stepsInBackground(commands) {
	let output = '';
	const run = (i) =>
		i === commands.length
			? Promise.resolve(true)
			: new Promise((resolve) => {
					const child = spawn(commands[i][0], commands[i].slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
					child.stdout.on('data', (d) => (output += d));
					child.stderr.on('data', (d) => (output += d));
					child.once('close', (code) => resolve(code === 0 ? run(i + 1) : false));
				});
	return run(0).then((ok) => ({ ok, output }));
}

ensureSystemPackages();
// Every temporary folder the tests make (browser profiles, downloads, the CLI's file area) goes under one folder of
// this run, removed at the end: a test that forgets its own cleanup leaves nothing behind in the system's temp folder.
const runTmp = mkdtempSync(path.join(tmpdir(), 'callqa-test-run-'));
process.env.TMPDIR = runTmp;
const finish = (passed, failed) => {
	rmSync(runTmp, { recursive: true, force: true });
	console.log(`\ntook ${at()}`);
	console.log(`\n${passed} passed, ${failed} failed`);
	process.exit(failed === 0 && passed > 0 ? 0 : 1);
};
let extraFailed = 0;
if (!step('build', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'])) {
	console.error('build failed');
	finish(0, 1);
}
// The e2e sample workspace fixture is made in the background while the type check and the lint run; the e2e global
// setup then finds it ready.
mkdirSync('test-results', { recursive: true });
const fixtureLog = 'test-results/sample-fixture.log';
// Its output goes straight to a file, read when something went wrong.
const fixtureFd = openSync(fixtureLog, 'w');
const fixture = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'tests/prepare-sample-profile.ts'], {
	stdio: ['ignore', fixtureFd, fixtureFd]
});
const fixtureDone = new Promise((resolve) => fixture.once('exit', (code) => resolve(code)));
// The type check and the lint run side by side (each keeps about one core busy); their output follows, in that order.
const node = process.execPath;
const [check, lint] = await Promise.all([
	stepsInBackground([
		[node, 'node_modules/.bin/svelte-kit', 'sync'],
		[node, 'node_modules/svelte-check/bin/svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']
	]),
	stepsInBackground([
		[node, 'node_modules/eslint/bin/eslint.js', '.'],
		[node, 'node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']
	])
]);
console.log(`\n── svelte-check (done at ${at()})\n${check.output.trimEnd()}`);
if (!check.ok) {
	console.error('svelte-check reported problems (counted as one failed test)');
	extraFailed++;
}
console.log(`\n── lint (ESLint + Prettier)\n${lint.output.trimEnd()}`);
if (!lint.ok) {
	console.error('lint reported problems (counted as one failed test): npm run format fixes the formatting');
	extraFailed++;
}
console.log('\n── sample workspace fixture (e2e)');
const fixtureCode = await fixtureDone;
console.log(`done at ${at()}`);
// On failure the e2e global setup tries again and reports why.
console.log(fixtureCode === 0 ? 'ready' : `not made in the background (exit ${fixtureCode}; ${fixtureLog}): the e2e setup makes it`);
// One vitest run: the unit project, then the e2e specs two at a time (vite.config.ts). Running the two side by side
// as two processes was tried: both were CPU-bound on 2 cores (the specs alone keep 1.6 cores busy) and the command
// took 15 min 25 s instead of 15 min 1 s.
const out = 'test-results/vitest.json';
const vitestOk = step('vitest (unit + e2e)', node, [
	'node_modules/vitest/vitest.mjs',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile=${out}`
]);
let passed = 0;
let failed = extraFailed;
try {
	const report = JSON.parse(readFileSync(out, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	// A test file that failed to load has no tests in the counts: count it as a failure.
	failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch (e) {
	console.error('no vitest report:', e.message);
	failed++;
}
// Vitest failed for a reason no test's result shows (an unhandled error, a configuration error): one failure.
if (!vitestOk && failed === extraFailed) {
	console.error('vitest exited with an error that no test result shows (above): counted as one failed test');
	failed++;
}
finish(passed, failed);
