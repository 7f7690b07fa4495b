// The DESIGN §7 recording budget: a 1-hour stereo recording, WAV or compressed, plays with its waveform within 2 s
// of opening the call, with peaks computed off the main thread. Drives the built app (build/) in Debian's headless
// Chromium with the files of bench/generate-audio.ts: imports a call log, the 1-hour WAV and its MP3, and measures
//  - time to voice activity: the background analysis of each (decode + voice activity + peaks, in a worker);
//  - time to waveform when opening each call: playable (media element ready) and peaks drawn, warm (peaks cached by
//    the analysis) and cold (cache emptied first: the worker decodes the file while it already plays);
//  - batch throughput: hours of audio analysed per minute over the batch of shorter calls.
// Usage: node bench/browser-audio.js <dir made by generate-audio.ts> [--port 4415]. Prints figures, then one JSON line.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from './browser.js';

const BUDGET_MS = 2000;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { port: { type: 'string', default: process.env.CALLQA_BENCH_PORT ?? '4415' } }
});
const dir = positionals[0];
if (!dir) throw new Error('usage: browser-audio.js <dir>');
const PORT = Number(values.port);
const log = (s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

const { base, stop } = await startPreview(PORT);
const profile = mkdtempSync(path.join(tmpdir(), 'callqa-bench-audio-'));
const result = {};
try {
	const context = await launchChromium(profile);
	const page = context.pages()[0] ?? (await context.newPage());
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(base + '/import');
	await page.getByRole('heading', { name: '导入文件' }).waitFor();

	/** Waits until `n` analyses are marked and returns them. */
	const analysed = (n) =>
		page
			.waitForFunction(
				(n) => {
					const marks = performance.getEntriesByName('callqa:voice-analysed');
					return marks.length >= n ? marks.map((m) => m.detail) : null;
				},
				n,
				{ timeout: 900_000, polling: 500 }
			)
			.then((h) => h.jsonValue());

	log('importing the call log, the 1-hour WAV and the 1-hour MP3 …');
	let t0 = Date.now();
	await page
		.locator('input[type=file]:not([webkitdirectory])')
		.first()
		.setInputFiles([path.join(dir, 'calls.csv'), path.join(dir, 'LONG-WAV.wav'), path.join(dir, 'LONG-MP3.mp3')]);
	await page.getByText(/导入完成/).waitFor({ timeout: 600_000 });
	result.import_s = (Date.now() - t0) / 1000;
	log(`imported in ${result.import_s.toFixed(1)} s; waiting for the background analysis …`);
	const long = await analysed(2);
	for (const m of long) result[`voice_activity_${m.call_id === 'LONG-WAV' ? 'wav' : 'mp3'}_s`] = m.ms / 1000;
	log(
		`time to voice activity: WAV ${result.voice_activity_wav_s.toFixed(1)} s, MP3 ${result.voice_activity_mp3_s.toFixed(1)} s (1 h of stereo audio each)`
	);

	/** Opens a call by a client-side link and times playable / peaks drawn from the click. */
	async function open(callId) {
		await page.evaluate(() => {
			const a = document.createElement('a');
			a.href = '/calls';
			document.body.append(a);
			a.click();
			a.remove();
		});
		await page.waitForURL(/\/calls$/);
		return page.evaluate(async (callId) => {
			const t0 = performance.now();
			const seen = {};
			const a = document.createElement('a');
			a.href = `/calls/${encodeURIComponent(callId)}`;
			document.body.append(a);
			a.click();
			a.remove();
			await new Promise((resolve, reject) => {
				const check = () => {
					const w = document.querySelector('[data-testid="waveform"]');
					if (w?.dataset.ready === 'true' && seen.playable == null) seen.playable = performance.now() - t0;
					if (w?.dataset.peaks === 'drawn' && seen.peaks == null) seen.peaks = performance.now() - t0;
					if (seen.playable != null && seen.peaks != null) resolve();
				};
				new MutationObserver(check).observe(document.body, {
					subtree: true,
					childList: true,
					attributes: true,
					attributeFilter: ['data-ready', 'data-peaks']
				});
				setTimeout(() => reject(new Error(`${callId}: not ready after 10 min`)), 600_000);
			});
			return seen;
		}, callId);
	}
	// The cached peaks of one recording (peaks-cache.ts names them after the file), removed or waited for.
	const entry = (file) => encodeURIComponent(file) + '.peaks';
	const clearPeaks = (file) =>
		page.evaluate(async (name) => {
			const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('peaks', { create: true });
			await dir.removeEntry(name).catch(() => undefined);
		}, entry(file));
	const cachedPeaks = (file) =>
		page.waitForFunction(
			async (name) => {
				const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('peaks', { create: true });
				return dir.getFileHandle(name).then(
					() => true,
					() => false
				);
			},
			entry(file),
			{ timeout: 120_000, polling: 250 }
		);

	// A first open warms up the page's code and DuckDB after the import (not measured).
	await open('LONG-WAV');
	for (const [id, key, file] of [
		['LONG-WAV', 'wav', 'LONG-WAV.wav'],
		['LONG-MP3', 'mp3', 'LONG-MP3.mp3']
	]) {
		await clearPeaks(file);
		const cold = await open(id);
		await cachedPeaks(file);
		const warm = await open(id);
		result[`${key}_warm_playable_ms`] = Math.round(warm.playable);
		result[`${key}_warm_waveform_ms`] = Math.round(warm.peaks);
		result[`${key}_cold_playable_ms`] = Math.round(cold.playable);
		result[`${key}_cold_waveform_ms`] = Math.round(cold.peaks);
		log(
			`${id}: opened without cached peaks: playable ${cold.playable.toFixed(0)} ms, waveform ${cold.peaks.toFixed(0)} ms; again with the peaks cached: playable ${warm.playable.toFixed(0)} ms, waveform ${warm.peaks.toFixed(0)} ms`
		);
	}

	const batch = readdirSync(path.join(dir, 'batch'))
		.filter((f) => f.endsWith('.wav'))
		.sort();
	log(`importing a batch of ${batch.length} recordings …`);
	await page.goto(base + '/import');
	await page
		.locator('input[type=file]:not([webkitdirectory])')
		.first()
		.setInputFiles(batch.map((f) => path.join(dir, 'batch', f)));
	await page.getByText(/导入完成/).waitFor({ timeout: 600_000 });
	t0 = Date.now();
	const marks = await analysed(batch.length);
	const wall_s = (Date.now() - t0) / 1000;
	const audio_h = marks.reduce((n, m) => n + m.audio_s, 0) / 3600;
	const busy_s = marks.reduce((n, m) => n + m.ms, 0) / 1000;
	result.batch_calls = marks.length;
	result.batch_audio_h = audio_h;
	result.batch_hours_per_minute = audio_h / (busy_s / 60);
	result.batch_wall_s = wall_s;
	log(
		`batch: ${marks.length} calls, ${audio_h.toFixed(2)} h of audio analysed in ${busy_s.toFixed(1)} s of analysis (${result.batch_hours_per_minute.toFixed(1)} h of audio a minute; ${wall_s.toFixed(1)} s from import done to the last one saved)`
	);
	result.errors = errors;
	result.load_average = (await import('node:os')).loadavg().map((x) => Number(x.toFixed(1)));
	await context.close();
} finally {
	stop();
	rmSync(profile, { recursive: true, force: true });
}
const ok = (ms) => (ms <= BUDGET_MS ? 'within' : 'OVER');
console.log(
	[
		`1-hour stereo WAV: plays after ${result.wav_cold_playable_ms} ms; waveform ${result.wav_warm_waveform_ms} ms with the analysis' cached peaks (${ok(result.wav_warm_waveform_ms)} ${BUDGET_MS} ms), ${result.wav_cold_waveform_ms} ms computed on opening (${ok(result.wav_cold_waveform_ms)})`,
		`1-hour stereo MP3: plays after ${result.mp3_cold_playable_ms} ms; waveform ${result.mp3_warm_waveform_ms} ms cached (${ok(result.mp3_warm_waveform_ms)} ${BUDGET_MS} ms), ${result.mp3_cold_waveform_ms} ms computed on opening (${ok(result.mp3_cold_waveform_ms)})`,
		`time to voice activity: WAV ${result.voice_activity_wav_s.toFixed(1)} s, MP3 ${result.voice_activity_mp3_s.toFixed(1)} s`,
		`batch: ${result.batch_hours_per_minute.toFixed(1)} h of audio a minute`
	].join('\n')
);
console.log(JSON.stringify(result));
