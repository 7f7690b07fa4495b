/**
 * Ground truth: the expected result of every checklist item for every call with a transcript.
 * Timing items are computed from the final segment times with the documented thresholds (so they are exactly
 * what a correct scorer finds); text items come from what was injected, cross-checked against the text.
 */
import type { Spoken } from './speech';
import {
	BANNED_PHRASES,
	HOLD_PHRASES,
	NEEDS_IDENTITY,
	PROMISE_PHRASES,
	countChars,
	courtesyCount,
	type Behaviour,
	type Category,
	type Segment
} from './dialogue';

export const THRESHOLDS = {
	interruption_min_overlap_s: 1.0,
	interruption_min_chars: 4,
	dead_air_min_s: 8.0,
	reply_latency_max_s: 5.0,
	ring_max_s: 15,
	courtesy_min_count: 6,
	speech_rate_min_cpm: 120,
	speech_rate_max_cpm: 330,
	speech_rate_min_chars: 8
} as const;

export type Expected = 'pass' | 'fail' | 'na';
export interface TruthItem {
	item: string;
	expected: Expected;
	kind?: string;
	[k: string]: unknown;
}

const PII_RE = /1[3-9]\d{9}|\d{17}[\dX]|62\d{14,17}/;
const r1 = (tenths: number) => Math.round(tenths) / 10;

export function evaluate(category: Category, b: Behaviour, segs: Segment[], spoken: Spoken = { lookalikes: [] }): TruthItem[] {
	const out: TruthItem[] = [];
	const agentSegs = segs.filter((s) => s.speaker === 'agent');
	const timed = !b.chat;

	// greeting
	const gKind =
		b.greeting === 'standard'
			? 'standard'
			: b.greeting === 'slip'
				? 'asr_slip'
				: b.greeting === 'missing'
					? 'greeting_missing'
					: 'wrong_company';
	if (spoken.greeting)
		out.push({ item: 'greeting', expected: spoken.greeting.expected, kind: spoken.greeting.kind, seq: 1, text: segs[0].text });
	else
		out.push({
			item: 'greeting',
			expected: b.greeting === 'standard' || b.greeting === 'slip' ? 'pass' : 'fail',
			kind: gKind,
			seq: 1,
			text: segs[0].text
		});

	// closing
	if (b.transferred) out.push({ item: 'closing', expected: 'na', kind: 'transferred' });
	else if (spoken.closing) out.push({ item: 'closing', expected: spoken.closing.expected, kind: spoken.closing.kind });
	else out.push({ item: 'closing', expected: b.closing ? 'pass' : 'fail', kind: b.closing ? 'present' : 'closing_missing' });

	// banned phrases (agent only; customers may say 不知道; a harmless 如果您不知道… is not one)
	const banned: Record<string, unknown>[] = [];
	for (const s of agentSegs)
		if (!spoken.lookalikes.includes(s.seq))
			for (const p of BANNED_PHRASES)
				if (s.text.includes(p)) banned.push({ seq: s.seq, phrase: p, start_s: s.start === null ? null : r1(s.start) });
	if (!!b.banned !== banned.length > 0) throw new Error(`banned phrase plan/text mismatch: ${JSON.stringify(banned)}`);
	const custBanned = segs.some((s) => s.speaker === 'customer' && BANNED_PHRASES.some((p) => s.text.includes(p)));
	const harmless = spoken.lookalikes.map((seq) => ({ seq, text: segs[seq - 1].text, counts: false, kind: 'harmless_lookalike' }));
	out.push({
		item: 'banned_phrase',
		expected: banned.length ? 'fail' : 'pass',
		...(banned.length
			? { events: [...banned, ...harmless] }
			: harmless.length
				? { kind: 'harmless_lookalike', events: harmless }
				: custBanned
					? { kind: 'customer_only' }
					: {})
	});

	// interruption
	if (!timed) out.push({ item: 'interruption', expected: 'na', kind: 'chat' });
	else {
		const events: Record<string, unknown>[] = [];
		for (const a of agentSegs)
			for (const c of segs)
				if (c.speaker === 'customer' && c.start! < a.start! && a.start! < c.end!) {
					const ov = Math.min(c.end!, a.end!) - a.start!;
					const chars = countChars(a.text);
					const counts = ov >= THRESHOLDS.interruption_min_overlap_s * 10 && chars >= THRESHOLDS.interruption_min_chars;
					events.push({
						seq: a.seq,
						start_s: r1(a.start!),
						overlap_s: r1(ov),
						chars,
						counts,
						kind: counts ? 'interruption' : chars < THRESHOLDS.interruption_min_chars ? 'backchannel' : 'short_overlap'
					});
				}
		const n = events.filter((e) => e.counts).length;
		if (n !== b.interruptions) throw new Error(`interruption count ${n} != planned ${b.interruptions}`);
		out.push({ item: 'interruption', expected: n ? 'fail' : 'pass', count: n, ...(events.length ? { events } : {}) });
	}

	// dead air and reply latency
	if (!timed) {
		out.push({ item: 'dead_air', expected: 'na', kind: 'chat' });
		out.push({ item: 'reply_latency', expected: 'na', kind: 'chat' });
	} else {
		const sorted = [...segs].sort((x, y) => x.start! - y.start! || x.seq - y.seq);
		const gaps: Record<string, unknown>[] = [];
		let maxEnd = sorted[0].start!;
		let lastEnded: Segment | null = null;
		for (const s of sorted) {
			const gap = s.start! - maxEnd;
			if (lastEnded && gap >= THRESHOLDS.dead_air_min_s * 10) {
				const afterHold = lastEnded.speaker === 'agent' && HOLD_PHRASES.some((p) => lastEnded!.text.includes(p));
				gaps.push({ after_seq: lastEnded.seq, start_s: r1(maxEnd), gap_s: r1(gap), after_hold: afterHold, counts: !afterHold });
			}
			if (s.end! >= maxEnd) {
				maxEnd = s.end!;
				lastEnded = s;
			}
		}
		const deadFails = gaps.filter((g) => g.counts).length;
		if (deadFails > 0 !== b.deadAir) throw new Error('dead air plan mismatch ' + JSON.stringify(gaps));
		out.push({ item: 'dead_air', expected: deadFails ? 'fail' : 'pass', ...(gaps.length ? { events: gaps } : {}) });

		const lat: Record<string, unknown>[] = [];
		for (let i = 1; i < sorted.length; i++) {
			const s = sorted[i];
			const p = sorted[i - 1];
			if (s.speaker === 'agent' && p.speaker === 'customer' && s.start! >= p.end!) {
				const g = s.start! - p.end!;
				if (g >= THRESHOLDS.reply_latency_max_s * 10) lat.push({ seq: s.seq, after_seq: p.seq, start_s: r1(s.start!), latency_s: r1(g) });
			}
		}
		if (lat.length > 0 !== b.latency) throw new Error('latency plan mismatch');
		out.push({ item: 'reply_latency', expected: lat.length ? 'fail' : 'pass', ...(lat.length ? { events: lat } : {}) });
	}

	// identity check
	if (!NEEDS_IDENTITY.includes(category) || b.outbound) out.push({ item: 'identity_check', expected: 'na' });
	else
		out.push({
			item: 'identity_check',
			expected: b.identity === 'present' ? 'pass' : 'fail',
			kind: b.identity === 'present' ? 'present' : 'identity_missing'
		});

	// unauthorised promise
	const prom = agentSegs.filter((s) => PROMISE_PHRASES.some((p) => s.text.includes(p))).map((s) => ({ seq: s.seq, text: s.text }));
	out.push({ item: 'promise', expected: prom.length ? 'fail' : 'pass', ...(prom.length ? { events: prom } : {}) });

	// PII read out by the agent (a masked 尾号1234 or the customer saying it is not a disclosure)
	const pii = agentSegs.filter((s) => PII_RE.test(s.text)).map((s) => ({ seq: s.seq, match: s.text.match(PII_RE)![0] }));
	if (pii.length > 0 !== (b.pii === 'read')) throw new Error('pii plan mismatch');
	out.push({
		item: 'pii_disclosure',
		expected: pii.length ? 'fail' : 'pass',
		...(pii.length
			? { events: pii }
			: b.pii === 'masked'
				? { kind: 'masked_tail' }
				: b.pii === 'customer'
					? { kind: 'customer_said_number' }
					: {})
	});

	// courtesy words
	const cc = agentSegs.reduce((n, s) => n + courtesyCount(s.text), 0);
	out.push({
		item: 'courtesy',
		expected: cc >= THRESHOLDS.courtesy_min_count ? 'pass' : 'fail',
		count: cc,
		min: THRESHOLDS.courtesy_min_count
	});

	// speech rate
	if (!timed) out.push({ item: 'speech_rate', expected: 'na', kind: 'chat' });
	else {
		const bad: Record<string, unknown>[] = [];
		for (const s of agentSegs) {
			const chars = countChars(s.text);
			if (chars < THRESHOLDS.speech_rate_min_chars) continue;
			const cpm = Math.round((chars * 600) / (s.end! - s.start!));
			if (cpm > THRESHOLDS.speech_rate_max_cpm || cpm < THRESHOLDS.speech_rate_min_cpm)
				bad.push({ seq: s.seq, cpm, chars, kind: cpm > THRESHOLDS.speech_rate_max_cpm ? 'too_fast' : 'too_slow' });
		}
		if (bad.length > 0 !== b.fastTurns > 0) throw new Error('speech rate plan mismatch ' + JSON.stringify(bad));
		out.push({ item: 'speech_rate', expected: bad.length ? 'fail' : 'pass', ...(bad.length ? { events: bad } : {}) });
	}
	return out;
}
