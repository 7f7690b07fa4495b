/** generateSample(seed): the pure core. Builds every table and the text of every text output, in memory. */
import { audioTruth } from './audio-truth';
import { Rng } from './random';
import { makeAgents, TEAMS, type Agent } from './agents';
import { makeCalls, fmtHms, fmtTime, DAYS, START_DATE, type Call } from './calls';
import {
	planDialogue,
	estimateTenths,
	layout,
	countChars,
	courtesyCount,
	BANNED_PHRASES,
	PROMISE_PHRASES,
	HOLD_PHRASES,
	COURTESY_WORDS,
	type Segment,
	type Voice
} from './dialogue';
import { evaluate, THRESHOLDS, type TruthItem } from './truth';
import { speakLikePeople, type Spoken } from './speech';
import { makeComplaints, SEVERITIES, type Complaint } from './complaints';
import { toCsv, encodeGbk } from './csv';
import committedDurations from './speech-durations.json' with { type: 'json' };

export const DEFAULT_SEED = 20261123;

export const CALLS_HEADER = [
	'通话ID',
	'坐席工号',
	'坐席姓名',
	'班组',
	'队列',
	'渠道',
	'呼叫方向',
	'客户ID',
	'开始时间',
	'振铃时长',
	'通话时长',
	'保持时长',
	'话后处理时长',
	'是否放弃',
	'是否转接',
	'是否解决',
	'满意度',
	'业务类型',
	'录音文件'
] as const;
export const COMPLAINTS_HEADER = [
	'投诉编号',
	'通话ID',
	'客户ID',
	'坐席工号',
	'受理时间',
	'投诉类别',
	'严重程度',
	'处理时限',
	'解决时间',
	'回访时间',
	'回访满意',
	'状态',
	'标题'
] as const;
export const TRANSCRIPTS_HEADER = ['通话ID', '序号', '角色', '开始', '结束', '文本'] as const;

/** Synthesised speech durations in tenths, keyed by `${voice}|${text}`; written by the CLI after synthesis. */
export type Durations = Record<string, number>;
export const durationKey = (voice: Voice, text: string) => `${voice}|${text}`;

/** Deterministic estimate used when a recorded turn has not been synthesised yet (tenths). */
function fallbackTenths(voice: Voice, text: string): number {
	const chars = Math.max(1, countChars(text));
	const rate = voice === 'agent_fast' ? 7.4 : voice === 'agent' ? 4.4 : 3.7;
	return voice === 'agent_soft' ? 16 : Math.round((chars / rate) * 10);
}

export interface RecordingPlan {
	callId: string;
	file: string;
	segments: Segment[];
	/** total length in tenths (= end of the last turn + tail) */
	length: number;
}

export interface Sample {
	seed: number;
	agents: Agent[];
	calls: Call[];
	segments: Map<string, Segment[]>;
	complaints: Complaint[];
	truth: Map<string, TruthItem[]>;
	recordings: RecordingPlan[];
	/** text outputs by file name (relative to sample-data/out) */
	files: Record<string, Uint8Array>;
}

const BOM = '\ufeff';
const utf8 = (s: string) => new TextEncoder().encode(s);
const yn = (b: boolean) => (b ? '是' : '否');
const sec = (tenths: number | null) => (tenths === null ? '' : (tenths / 10).toFixed(1));

function seedFor(seed: number, label: string): number {
	let h = (seed ^ 0x811c9dc5) >>> 0;
	for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
	return h;
}

export function generateSample(seed: number = DEFAULT_SEED, durations: Durations = committedDurations as Durations): Sample {
	const agents = makeAgents(new Rng(seedFor(seed, 'agents')));
	const calls = makeCalls(new Rng(seedFor(seed, 'calls')), agents);
	const segments = new Map<string, Segment[]>();
	const truth = new Map<string, TruthItem[]>();
	const recordings: RecordingPlan[] = [];

	for (const c of calls) {
		if (c.abandoned || !c.behaviour || !c.agent) continue;
		const rng = new Rng(seedFor(seed, c.id));
		const b = c.behaviour;
		const recorded = c.scenario !== null;
		const agentNo = c.agent.id.slice(1);
		const turns = planDialogue(rng, c.category, b, agentNo, recorded);
		let segs: Segment[];
		if (b.chat) {
			segs = turns.map((t, i) => ({ seq: i + 1, speaker: t.speaker, start: null, end: null, text: t.text, voice: t.voice, tag: t.tag }));
		} else {
			const agentRate = 3.9 + ((c.agent.profile.fast * 10) % 1) * 0.8;
			const durs = turns.map((t) =>
				recorded
					? (durations[durationKey(t.voice, t.text)] ?? fallbackTenths(t.voice, t.text))
					: estimateTenths(rng, t.text, t.voice, agentRate)
			);
			segs = layout(rng, turns, durs, recorded ? 0 : rng.int(2, 15));
			const end = Math.max(...segs.map((s) => s.end!));
			if (recorded) {
				const length = end + 5;
				c.talk = Math.ceil(length / 10);
				c.recording = `${c.id}.wav`;
				recordings.push({ callId: c.id, file: c.recording, segments: segs, length });
			} else if (c.talk < Math.ceil(end / 10) + 5) c.talk = Math.ceil(end / 10) + 5 + rng.int(0, 40);
			const holdSeg = turns.findIndex((t) => t.gap.kind === 'hold');
			c.hold = holdSeg >= 0 ? Math.round((segs[holdSeg].start! - segs[holdSeg - 1].end!) / 10) + (recorded ? 0 : rng.int(0, 20)) : 0;
		}
		// How people say it: a stream of its own, so the rest of the sample is the same with or without it.
		let spoken: Spoken = { lookalikes: [] };
		if (!recorded) {
			const said = segs.map((s) => s.text);
			const polite = (xs: Segment[]) =>
				xs.filter((s) => s.speaker === 'agent').reduce((n, s) => n + courtesyCount(s.text), 0) >= THRESHOLDS.courtesy_min_count;
			const wasPolite = polite(segs);
			spoken = speakLikePeople(new Rng(seedFor(seed, `speech|${c.id}`)), b, segs);
			// Re-wording must not move the call across the courtesy threshold: every call keeps its scores.
			if (polite(segs) !== wasPolite) {
				segs.forEach((s, i) => (s.text = said[i]));
				spoken = { lookalikes: [] };
			}
		}
		segments.set(c.id, segs);
		truth.set(c.id, evaluate(c.category, b, segs, spoken));
	}
	const complaints = makeComplaints(new Rng(seedFor(seed, 'complaints')), calls, agents);

	// ---- text outputs
	const callRows = calls.map((c) => [
		c.id,
		c.agent?.id ?? '',
		c.agent?.name ?? '',
		c.team,
		c.queue,
		c.channel,
		c.direction,
		c.customerId,
		fmtTime(c.t),
		c.ring,
		fmtHms(c.talk),
		c.hold,
		c.wrap,
		yn(c.abandoned),
		yn(c.transferred),
		yn(c.resolved),
		c.csat ?? '',
		c.category,
		c.recording
	]);
	const callsCsv = utf8(BOM + toCsv(CALLS_HEADER, callRows, '\r\n'));

	const tRows: (string | number)[][] = [];
	for (const c of calls) {
		const segs = segments.get(c.id);
		if (!segs) continue;
		for (const s of segs) tRows.push([c.id, s.seq, s.speaker === 'agent' ? '客服' : '客户', sec(s.start), sec(s.end), s.text]);
	}
	const transcriptsCsv = utf8(toCsv(TRANSCRIPTS_HEADER, tRows, '\n'));

	const cRows = complaints.map((k) => [
		k.id,
		k.callId,
		k.customerId,
		k.agentId,
		fmtTime(k.received),
		k.category,
		k.severity.label,
		fmtTime(k.due),
		k.resolved === null ? '' : fmtTime(k.resolved),
		k.followedUp === null ? '' : fmtTime(k.followedUp),
		k.followUpSatisfied === null ? '' : yn(k.followUpSatisfied),
		k.status,
		k.title
	]);
	const complaintsCsv = encodeGbk(toCsv(COMPLAINTS_HEADER, cRows, '\r\n'));

	const lines: string[] = [];
	lines.push('{');
	lines.push(`"seed": ${seed},`);
	lines.push(`"thresholds": ${JSON.stringify(THRESHOLDS)},`);
	lines.push(
		`"phrases": ${JSON.stringify({ banned: BANNED_PHRASES, promise: PROMISE_PHRASES, hold: HOLD_PHRASES, courtesy: COURTESY_WORDS })},`
	);
	lines.push(`"severity_deadlines_h": ${JSON.stringify(Object.fromEntries(SEVERITIES.map((s) => [s.label, s.hours])))},`);
	lines.push(`"agents": [`);
	lines.push(
		agents
			.map((a) =>
				JSON.stringify({
					id: a.id,
					name: a.name,
					team: a.team,
					archetype: a.archetype,
					profile: Object.fromEntries(Object.entries(a.profile).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))
				})
			)
			.join(',\n')
	);
	lines.push(`],`);
	lines.push(`"recordings": ${JSON.stringify(recordings.map((r) => r.callId))},`);
	lines.push(`"recording_audio": {`);
	lines.push(recordings.map((r) => `${JSON.stringify(r.callId)}: ${JSON.stringify(audioTruth(r))}`).join(',\n'));
	lines.push(`},`);
	lines.push(`"calls": {`);
	const entries = [...truth.entries()].map(([id, items]) => `${JSON.stringify(id)}: ${JSON.stringify(items)}`);
	lines.push(entries.join(',\n'));
	lines.push('}');
	lines.push('}');
	const truthJson = utf8(lines.join('\n') + '\n');

	return {
		seed,
		agents,
		calls,
		segments,
		complaints,
		truth,
		recordings,
		files: {
			'calls.csv': callsCsv,
			'transcripts.csv': transcriptsCsv,
			'complaints.csv': complaintsCsv,
			'ground-truth.json': truthJson
		}
	};
}

export function summary(s: Sample) {
	const first = s.calls[0].t;
	const last = s.calls[s.calls.length - 1].t;
	return {
		seed: s.seed,
		agents: s.agents.length,
		teams: new Set(s.agents.map((a) => a.team)).size,
		team_names: [...TEAMS],
		calls: s.calls.length,
		answered: s.calls.filter((c) => !c.abandoned).length,
		abandoned: s.calls.filter((c) => c.abandoned).length,
		transcribed_calls: s.segments.size,
		transcript_segments: [...s.segments.values()].reduce((n, x) => n + x.length, 0),
		complaints: s.complaints.length,
		recordings: s.recordings.length,
		date_range: [fmtTime(first).slice(0, 10), fmtTime(last).slice(0, 10)],
		period_days: DAYS,
		start: new Date(START_DATE).toISOString().slice(0, 10)
	};
}
