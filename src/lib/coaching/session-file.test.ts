// A session exported on one machine opens on another: clip audio cut frame-exact (header checked byte by byte,
// both channels kept), transcript excerpts and notes carried, and a damaged file is refused with its name and why.
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { ensureSchema } from '../db/schema';
import { readWavInfo } from '../recordings/wav';
import { addClip, clipAudioPath, createSession, listClips, listSessions } from './coaching-sql';
import { exportSession, fromBase64, importSession, parseSessionFile, sessionFileName, SessionFileError, toBase64 } from './session-file';
import { cutWav, encodeWav16, joinWav, planWavSlice } from './wav-cut';

/** A stereo 16-bit WAV whose left sample i is i and right sample is −i, so every frame is identifiable. */
function stereoWav(seconds: number, rate = 8000): Uint8Array {
	const frames = seconds * rate;
	const data = new Uint8Array(frames * 4);
	const v = new DataView(data.buffer);
	for (let i = 0; i < frames; i++) {
		v.setInt16(i * 4, i % 32768, true);
		v.setInt16(i * 4 + 2, -(i % 32768), true);
	}
	return joinWav({ tag: 1, channels: 2, sample_rate: rate, bits_per_sample: 16 }, data);
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const u16 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint16(at, true);
const i16 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getInt16(at, true);
const ascii = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

describe('clip audio cut', () => {
	it('slices a stereo PCM WAV frame-exact with a correct header and both channels', () => {
		const src = stereoWav(3);
		const clip = cutWav(src, 1.25, 2.5);
		expect(clip).not.toBeNull();
		const out = clip as Uint8Array;
		const frames = (2.5 - 1.25) * 8000;
		expect([ascii(out, 0), ascii(out, 8), ascii(out, 12), ascii(out, 36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
		expect(u32(out, 4)).toBe(out.length - 8);
		expect(u16(out, 20)).toBe(1); // PCM
		expect(u16(out, 22)).toBe(2); // channels
		expect(u32(out, 24)).toBe(8000);
		expect(u32(out, 28)).toBe(8000 * 4); // byte rate
		expect(u16(out, 32)).toBe(4); // block align
		expect(u16(out, 34)).toBe(16);
		expect(u32(out, 40)).toBe(frames * 4);
		expect(out.length).toBe(44 + frames * 4);
		// First and last frames are the source's frames 10000 and 19999, left and right.
		expect([i16(out, 44), i16(out, 46)]).toEqual([10000, -10000]);
		expect([i16(out, out.length - 4), i16(out, out.length - 2)]).toEqual([19999, -19999]);
		const info = readWavInfo(out);
		expect(info).toMatchObject({ channels: 2, sample_rate: 8000, codec: 'pcm_s16le' });
		expect(info.duration_s).toBeCloseTo(1.25, 6);
	});

	it('clamps a range past the end and plans from the header bytes alone', () => {
		const src = stereoWav(2);
		const plan = planWavSlice(src.subarray(0, 64), src.length, 1.5, 9);
		expect(plan).toMatchObject({ from: 44 + 12000 * 4, to: src.length, frames: 4000 });
		expect(planWavSlice(new Uint8Array([1, 2, 3, 4]), 4, 0, 1)).toBeNull();
	});

	it('writes decoded audio as 16-bit PCM, channels interleaved', () => {
		const out = encodeWav16([new Float32Array([0, 1, -1]), new Float32Array([0.5, -0.5, 0])], 16000);
		expect(readWavInfo(out)).toMatchObject({ channels: 2, sample_rate: 16000, codec: 'pcm_s16le' });
		expect([0, 1, 2, 3, 4, 5].map((k) => i16(out, 44 + k * 2))).toEqual([0, 16384, 32767, -16384, -32768, 0]);
	});
});

describe('session file', () => {
	it('round-trips a session into an empty workspace with its audio, excerpts, notes and order', async () => {
		const a = await createTestDb();
		await ensureSchema(a);
		const store = new Map<string, Uint8Array>();
		const sid = await createSession(a, { title: '投诉/处理: 示范', audience: '二组', notes: '先好后坏' });
		const wav = cutWav(stereoWav(3), 0.5, 1.5) as Uint8Array;
		const c1 = await addClip(a, sid, {
			call_id: 'C1',
			agent: '张三',
			team: '二组',
			start_s: 0.5,
			end_s: 1.5,
			label: 'improve',
			item_id: 'interruption',
			item_label: { zh: '不打断客户', en: 'No interrupting the customer' },
			note: '抢话了',
			excerpt: [{ seq: 3, speaker: 'agent', start_s: 0.6, end_s: 1.4, text: '您先别急' }],
			audio_path: null
		});
		await a.query('UPDATE coaching_clips SET audio_path = ? WHERE clip_id = ?', [clipAudioPath(c1), c1]);
		store.set(clipAudioPath(c1), wav);
		await addClip(a, sid, {
			call_id: 'CHAT9',
			agent: '李四',
			team: '二组',
			start_s: null,
			end_s: null,
			label: 'good',
			item_id: null,
			item_label: null,
			note: '文字客服示范',
			excerpt: [{ seq: 1, speaker: 'agent', start_s: null, end_s: null, text: '您好，请问有什么可以帮您' }],
			audio_path: null
		});

		const file = await exportSession(a, sid, async (p) => store.get(p) ?? null);
		expect(file.fileName).toBe('投诉 处理 示范.callqa-session');
		const doc = parseSessionFile(file.fileName, file.text);
		expect(doc).toMatchObject({
			format: 'callqa-session',
			version: 1,
			session: { title: '投诉/处理: 示范', audience: '二组', notes: '先好后坏' }
		});
		expect(doc.clips.map((c) => c.audio === null)).toEqual([false, true]);

		const b = await createTestDb();
		await ensureSchema(b);
		const other = new Map<string, Uint8Array>();
		const imported = await importSession(b, file.fileName, doc, async (p, bytes) => void other.set(p, bytes));
		const [s] = await listSessions(b);
		expect(s).toMatchObject({ session_id: imported, title: '投诉/处理: 示范', imported_from: file.fileName, clips: 2 });
		const clips = await listClips(b, imported);
		expect(clips.map((c) => [c.position, c.call_id, c.label, c.note])).toEqual([
			[1, 'C1', 'improve', '抢话了'],
			[2, 'CHAT9', 'good', '文字客服示范']
		]);
		expect(clips[0].excerpt[0].text).toBe('您先别急');
		expect(clips[0].item_label).toEqual({ zh: '不打断客户', en: 'No interrupting the customer' });
		expect(clips[1].audio_path).toBeNull();
		const audio = other.get(clips[0].audio_path as string) as Uint8Array;
		expect(Array.from(audio)).toEqual(Array.from(wav));
		expect(readWavInfo(audio)).toMatchObject({ channels: 2, sample_rate: 8000 });
		expect(u32(audio, 40)).toBe(8000 * 4);
	});

	it('refuses a damaged or foreign file, naming the file and the reason', () => {
		const ok = { format: 'callqa-session', version: 1, exported_at: '', session: { title: 't' }, clips: [] as unknown[] };
		const refuse = (name: string, text: string) => {
			try {
				parseSessionFile(name, text);
			} catch (e) {
				expect(e).toBeInstanceOf(SessionFileError);
				return [(e as SessionFileError).code, (e as Error).message];
			}
			throw new Error('accepted');
		};
		expect(refuse('a.callqa-session', '{nope')).toEqual([
			'not_json',
			expect.stringMatching(/^a\.callqa-session: not a CallQA session file/)
		]);
		expect(refuse('b.json', '{"format":"other"}')[0]).toBe('not_session');
		expect(refuse('c.callqa-session', JSON.stringify({ ...ok, version: 7 }))).toEqual([
			'newer_version',
			expect.stringContaining('file version 7')
		]);
		expect(refuse('d', JSON.stringify({ ...ok, session: { title: ' ' } }))[0]).toBe('bad_session');
		expect(refuse('d2', JSON.stringify({ ...ok, clips: undefined }))[0]).toBe('no_clips');
		expect(refuse('d3', JSON.stringify({ ...ok, version: 'x' }))[0]).toBe('no_version');
		expect(refuse('e', JSON.stringify({ ...ok, clips: [{ label: 'great', excerpt: [] }] }))).toEqual([
			'clip_label',
			'e: clip 1: label "great" is not good or improve'
		]);
		expect(refuse('f', JSON.stringify({ ...ok, clips: [{ label: 'good', start_s: 5, end_s: 2 }] }))).toEqual([
			'clip_order',
			'f: clip 1: it ends before it starts'
		]);
		expect(refuse('h', JSON.stringify({ ...ok, clips: [{ label: 'good', note: 7 }] }))[0]).toBe('clip_text');
		expect(refuse('i', JSON.stringify({ ...ok, clips: [{ label: 'good', excerpt: [{ text: 1 }] }] }))[0]).toBe('clip_excerpt');
		const notWav = {
			label: 'good',
			start_s: 0,
			end_s: 1,
			audio: { mime: 'audio/wav', base64: toBase64(new TextEncoder().encode('hello world')) }
		};
		expect(refuse('g', JSON.stringify({ ...ok, clips: [notWav] }))).toEqual([
			'audio_not_wav',
			expect.stringMatching(/^g: clip 1: the audio is not a playable WAV/)
		]);
		expect(Array.from(fromBase64(toBase64(new Uint8Array([0, 255, 7]))))).toEqual([0, 255, 7]);
		expect(sessionFileName('  ')).toBe('coaching.callqa-session');
	});

	it('masks customer numbers in excerpts and notes unless unmasked data is chosen, and says which in the file', async () => {
		const a = await createTestDb();
		await ensureSchema(a);
		const sid = await createSession(a, { title: '隐私', notes: '回访 13812345678' });
		await addClip(a, sid, {
			call_id: 'C1',
			agent: null,
			team: null,
			start_s: null,
			end_s: null,
			label: 'improve',
			item_id: 'pii_disclosure',
			item_label: null,
			note: '念出了身份证 11010519491231002X',
			excerpt: [{ seq: 1, speaker: 'agent', start_s: null, end_s: null, text: '您的号码是138 1234 5678对吗' }],
			audio_path: null
		});
		const none = async () => null;
		const masked = JSON.parse((await exportSession(a, sid, none)).text);
		expect(masked['callqa.personal_data']).toBe('masked');
		expect(masked.session.notes).toBe('回访 138****5678');
		expect(masked.clips[0].note).toBe('念出了身份证 110***********002X');
		expect(masked.clips[0].excerpt[0].text).toBe('您的号码是138 **** 5678对吗');
		const open = JSON.parse((await exportSession(a, sid, none, { isUnmasked: true })).text);
		expect(open['callqa.personal_data']).toBe('unmasked');
		expect(open.clips[0].excerpt[0].text).toBe('您的号码是138 1234 5678对吗');
		await a.close();
	});
});
