// A small contact centre whose every imported text is markup that runs script if anything renders it as HTML:
// agent names and ids, teams, queues, call categories, one call id, transcript text, complaint categories, a
// rubric's item labels and name, a coaching session file, a file name, a rejected value. Each payload reports
// its field through `__xss.push(field)` (the spec defines `__xss` before the app starts), so a failure names
// the field that ran. Generated here, nothing is committed.
import { toCsv } from '../sample-data/lib/csv';
import { DEFAULT_RUBRIC_ZH_JSON } from '../src/lib/scoring/default-rubric-zh';

/** `<img src=x onerror=…>`: runs when parsed as HTML anywhere (the image fails to load). */
export const img = (field: string) => `<img src=x onerror=__xss.push('${field}')>`;
/** Breaks out of a quoted attribute first, then an SVG whose load handler runs. */
export const svg = (field: string) => `"><svg onload=__xss.push('${field}')>`;

export const AGENT_1 = { id: 'A1', name: img('agent-name'), team: img('team') };
export const AGENT_2 = { id: `A2${svg('agent-id')}`, name: svg('agent-name'), team: img('team') };
export const AGENT_3 = { id: 'A3', name: '王五', team: svg('team') };
const AGENTS = [AGENT_1, AGENT_2, AGENT_3];

export const QUEUE = img('queue');
export const CALL_CATEGORY = svg('call-category');
/** The call with a recording, a hostile id (URL syntax included) and hostile transcript lines. */
export const HOSTILE_CALL = `H#1?%${img('call-id')}`;
export const TRANSCRIPT_TEXT = `${img('transcript')}我想查一下话费`;
export const COMPLAINT_CATEGORIES = [img('complaint-category'), svg('complaint-category'), '服务态度'];
export const SESSION_TITLE = img('session-title');
export const INSPECTOR = svg('inspector');
export const REVIEW_TEXT = img('review-comment');
export const CALLS_FILE = `${img('file-name')}.csv`;

const GREETING = '您好，这里是华信通信，请问有什么可以帮您？';
const CLOSING = '好的，请问还有其他可以帮您的吗？感谢您的来电，再见！';

const day = (i: number) => {
	const d = new Date(Date.UTC(2026, 8, 1 + i));
	return d.toISOString().slice(0, 10);
};
const DAYS = 61; // 1 September – 31 October 2026

export interface HostileCall {
	id: string;
	agent: (typeof AGENTS)[number];
	date: string;
	index: number;
}

function calls(): HostileCall[] {
	const out: HostileCall[] = [];
	for (let i = 0; i < DAYS; i++)
		AGENTS.forEach((agent, a) => {
			const date = day(i);
			const id = a === 0 && date === '2026-10-15' ? HOSTILE_CALL : `H${date.replaceAll('-', '')}-${a + 1}`;
			out.push({ id, agent, date, index: i * AGENTS.length + a });
		});
	return out;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** The call log: every text column hostile, one extra row whose start time is markup (rejected, its value shown). */
export function callLog(): Buffer {
	const header = [
		'通话ID',
		'坐席工号',
		'坐席姓名',
		'班组',
		'队列',
		'渠道',
		'开始时间',
		'振铃时长',
		'通话时长',
		'是否解决',
		'满意度',
		'业务类型'
	];
	const rows: (string | number | null)[][] = calls().map((c) => [
		c.id,
		c.agent.id,
		c.agent.name,
		c.agent.team,
		QUEUE,
		'电话',
		`${c.date.replaceAll('-', '/')} ${String(9 + (c.index % 8)).padStart(2, '0')}:15:00`,
		c.index % 5 === 0 ? 40 : 6,
		120 + (c.index % 7) * 20,
		c.index % 4 === 0 ? '否' : '是',
		(c.index % 5) + 1,
		CALL_CATEGORY
	]);
	rows.push(['H-rejected', 'A1', AGENT_1.name, AGENT_1.team, QUEUE, '电话', img('rejected-value'), 5, 60, '是', 3, CALL_CATEGORY]);
	return utf8(toCsv(header, rows, '\r\n'));
}

/** Transcript segments: a greeting on every other call, markup in every customer turn, a closing. */
export function transcripts(): Buffer {
	const header = ['通话ID', '序号', '角色', '开始', '结束', '文本'];
	const rows: (string | number | null)[][] = [];
	for (const c of calls()) {
		rows.push([c.id, 1, '客服', 0.5, 4, c.index % 2 === 0 ? GREETING : '喂，哪位？']);
		rows.push([c.id, 2, '客户', 4.5, 8, TRANSCRIPT_TEXT]);
		rows.push([c.id, 3, '客服', 8.5, 12, CLOSING]);
	}
	return utf8(toCsv(header, rows, '\n'));
}

/** Complaints against the calls of October, in hostile categories. */
export function complaints(): Buffer {
	const header = ['投诉编号', '通话ID', '坐席工号', '受理时间', '投诉类别', '严重程度', '处理时限', '解决时间'];
	const rows = calls()
		.filter((c) => c.date >= '2026-10-01' && c.index % 3 === 0)
		.map((c, i) => {
			const at = `${c.date.replaceAll('-', '/')} 18:00:00`;
			return [
				`TS${i + 1}`,
				c.id,
				c.agent.id,
				at,
				COMPLAINT_CATEGORIES[i % 3],
				(i % 3) + 1,
				`${c.date.replaceAll('-', '/')} 23:00:00`,
				i % 2 ? at : null
			];
		});
	return utf8(toCsv(header, rows, '\r\n'));
}

/** A stereo 16-bit WAV: a tone on the left while the agent speaks, on the right while the customer does. */
export function recording(seconds = 14, rate = 8000): Buffer {
	const frames = seconds * rate;
	const b = Buffer.alloc(44 + frames * 4);
	b.write('RIFF', 0);
	b.writeUInt32LE(36 + frames * 4, 4);
	b.write('WAVEfmt ', 8);
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(2, 22);
	b.writeUInt32LE(rate, 24);
	b.writeUInt32LE(rate * 4, 28);
	b.writeUInt16LE(4, 32);
	b.writeUInt16LE(16, 34);
	b.write('data', 36);
	b.writeUInt32LE(frames * 4, 40);
	for (let i = 0; i < frames; i++) {
		const t = i / rate;
		const v = Math.round(8000 * Math.sin(2 * Math.PI * 220 * t));
		const customer = t >= 4.5 && t < 8;
		b.writeInt16LE(customer ? 0 : v, 44 + i * 4);
		b.writeInt16LE(customer ? v : 0, 46 + i * 4);
	}
	return b;
}

/** The Chinese default rubric under a new id with every item label (both languages) and its name hostile. */
export function rubric(): Buffer {
	const r = structuredClone(DEFAULT_RUBRIC_ZH_JSON) as unknown as {
		id: string;
		version: number;
		name: string;
		items: { id: string; label: { zh: string; en: string } }[];
	};
	r.id = 'hostile';
	r.version = 1;
	r.name = img('rubric-name');
	for (const item of r.items) item.label = { zh: `${item.id}${img('item-label')}`, en: `${item.id}${svg('item-label')}` };
	return utf8(JSON.stringify(r, null, 2));
}

/** A coaching session file whose title, audience, notes, clip note, excerpt and names are hostile. */
export function sessionFile(): Buffer {
	const line = { seq: 2, speaker: 'customer', start_s: 4.5, end_s: 8, text: TRANSCRIPT_TEXT };
	const doc = {
		format: 'callqa-session',
		version: 1,
		exported_at: '2026-11-01T08:00:00.000Z',
		session: { title: SESSION_TITLE, audience: svg('session-audience'), notes: img('session-notes') },
		clips: [
			{
				call_id: HOSTILE_CALL,
				agent: AGENT_1.name,
				team: AGENT_1.team,
				start_s: 4.5,
				end_s: 8,
				label: 'improve',
				item_id: 'greeting',
				item_label: { zh: img('clip-item-label'), en: svg('clip-item-label') },
				note: svg('clip-note'),
				excerpt: [line],
				audio: { mime: 'audio/wav', base64: recording(3).toString('base64') }
			}
		]
	};
	return utf8(JSON.stringify(doc));
}

export function importFiles(): { name: string; mimeType: string; buffer: Buffer }[] {
	return [
		{ name: CALLS_FILE, mimeType: 'text/csv', buffer: callLog() },
		{ name: 'transcripts.csv', mimeType: 'text/csv', buffer: transcripts() },
		{ name: 'complaints.csv', mimeType: 'text/csv', buffer: complaints() },
		{ name: `${HOSTILE_CALL}.wav`, mimeType: 'audio/wav', buffer: recording() }
	];
}
