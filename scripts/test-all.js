#!/usr/bin/env node
// The one test command (README, .ci/run): installs what the tests need when missing (Debian's Chromium
// and sox; never a downloaded browser), builds the app, type-checks and lints (ESLint, Prettier) while the e2e sample
// fixture is made, runs every vitest project (unit + SQL in Node, end-to-end in Chromium) and ends with the plain
// line "N passed, N failed".
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';

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

function step(name, cmd, args) {
	console.log(`\n── ${name}`);
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	return r.status === 0;
}

ensureSystemPackages();
let extraFailed = 0;
if (!step('build', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'])) {
	console.error('build failed');
	console.log('0 passed, 1 failed');
	process.exit(1);
}
// The e2e sample workspace fixture is made in the background while the type check and the lint run (they keep about
// one core busy, the import in Chromium the other); the e2e global setup then finds it ready.
mkdirSync('test-results', { recursive: true });
const fixtureLog = 'test-results/sample-fixture.log';
// Its output goes straight to a file: this process blocks in spawnSync meanwhile and could not drain a pipe.
const fixtureFd = openSync(fixtureLog, 'w');
const fixture = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'tests/prepare-sample-profile.ts'], {
	stdio: ['ignore', fixtureFd, fixtureFd]
});
const fixtureDone = new Promise((resolve) => fixture.once('exit', (code) => resolve(code)));
if (
	!step('svelte-check', process.execPath, ['node_modules/.bin/svelte-kit', 'sync']) ||
	!step('svelte-check', process.execPath, [
		'node_modules/svelte-check/bin/svelte-check',
		'--tsconfig',
		'./tsconfig.json',
		'--fail-on-warnings'
	])
) {
	console.error('svelte-check reported problems (counted as one failed test)');
	extraFailed++;
}
if (
	!step('lint (ESLint + Prettier)', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']) ||
	!step('lint (ESLint + Prettier)', process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.'])
) {
	console.error('lint reported problems (counted as one failed test): npm run format fixes the formatting');
	extraFailed++;
}
console.log('\n── sample workspace fixture (e2e)');
const fixtureCode = await fixtureDone;
// On failure the e2e global setup tries again and reports why.
console.log(fixtureCode === 0 ? 'ready' : `not made in the background (exit ${fixtureCode}; ${fixtureLog}): the e2e setup makes it`);
const out = 'test-results/vitest.json';
step('vitest (unit + e2e)', process.execPath, [
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
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
