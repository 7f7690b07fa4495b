/**
 * How real agents say the script: after a call's turns are planned and timed, the greeting, identity check and
 * closing are re-worded the way people speak (paraphrases, fillers, honorifics, variant characters, a homophone
 * slip, a closing said only as an "anything else?" question), some calls get deliberate near misses that are NOT
 * the script (请讲 for a greeting, another company, a question that only looks like a closing), and some get a harmless sentence holding a banned phrase
 * (如果您不知道原来的密码…). Each change records what a careful inspector would decide (the ground truth).
 *
 * It draws from its own seeded stream per call and changes only turn texts: calls, times, CSAT, complaints,
 * recordings and counts stay exactly as without it. Recorded calls keep their synthesised text. A variant whose
 * length would move a turn's speech rate out of 130–320 chars/min is not used (the timing stays the original's).
 */
import type { Rng } from './random';
import { countChars, type Behaviour, type Segment } from './dialogue';

export interface Spoken {
	/** what the greeting turn became and what an inspector decides */
	greeting?: { kind: string; expected: 'pass' | 'fail' };
	closing?: { kind: string; expected: 'pass' | 'fail' };
	/** seq of a turn holding a banned phrase harmlessly (not a banned-phrase fail) */
	lookalikes: number[];
}

// ---- what an inspector passes
const GREETINGS_SPOKEN = [
	'嗯您好，这里是华信通信客服中心，请问有什么可以帮您？',
	'您好，华信通信客服中心很高兴为您服务，请问有什么可以帮您？',
	'您好，很高兴为您服务，请问您有什么需要？',
	'您好，这里是华信通信，请问有什么能帮您？',
	'您好您好，这里是华信通信客服，请问您有什么问题？',
	'您好，很高兴您服务，请问有什么可以帮您？'
];
// ---- near misses an inspector fails: not the centre's greeting
const GREETING_NEAR_MISSES: [string, string][] = [
	['您好，请讲。', 'qing_jiang'],
	['喂，您好，请说。', 'wei'],
	['您好，这里是联通宽带客服，请问有什么可以帮您？', 'other_company']
];

const CLOSING_QUESTIONS = [
	'不客气，还有其它问题吗？',
	'嗯，请问先生还有什么可以帮您的？',
	'那请问还有什么可以帮助您呢？',
	'还有什么可以帮您？',
	'您看还需要其他帮助吗？',
	'还有别的问题吗？',
	'请问还有其他可以帮到您的吗？',
	'请问还要什么可以帮您的吗？',
	'那您看还有什么帮您的吗？',
	'啊不用客气，还有其他需要咨询吗？',
	'还有什么问题吗？'
];
/** a goodbye turn that says nothing of the closing: the question before it closes the call on its own */
const CLOSING_PLAIN_ENDS = ['好的。', '嗯，好的。', '好，您稍后留意一下短信。'];
const CLOSING_GOODBYES = [
	'感谢您的来电，再见！',
	'好的，感谢您来电，祝您生活愉快！',
	'嗯好的，那拜拜。',
	'好的，那不打扰您了，再见。',
	'感谢您的来电，祝您生活愉快，再见！'
];
/** instead of the closing: questions that only look like one */
const CLOSING_NEAR_MISSES = [
	'您还有其他号码吗？我一起帮您查。',
	'您这个套餐还有其他的扣费吗？',
	'好的，那就先这样。',
	'行，您先等短信吧。',
	'还有问题就打我们电话。',
	'您还有其他的号码可以联系吗？'
];

const IDENTITY_Q: Record<string, string[]> = {
	'请问您是机主本人吗？': ['嗯，请问您是机主本人吗？', '先跟您核实一下，您是机主本人吗？', '请问是机主本人吗？'],
	'为了保障您的账户安全，请问您是机主本人吗？': ['为了保障您的帐户安全，请问您是机主本人吗？']
};
const IDENTITY_ID: Record<string, string[]> = {
	'麻烦您提供一下身份证后四位，我核对一下。': [
		'麻烦报一下您身份证号码后四位。',
		'麻烦您提供一下证件号后四位，我核对一下。',
		'那麻烦您报一下身份证的后四位。'
	]
};

/** harmless sentences holding 不知道 (conditions, another subject, a polite question) */
const BANNED_LOOKALIKES = [
	'如果您不知道原来的密码，我可以帮您重置。',
	'不知道您现在方便接听吗？我跟您核对一下。',
	'您是不是不知道在哪里查账单？我告诉您。',
	'很多客户不知道这个可以在网上办理。'
];

/** chars per minute of `text` spoken over the segment's time, as the speech-rate rule computes it */
function rateOk(s: Segment, text: string): boolean {
	if (s.start === null || s.end === null) return true;
	const chars = countChars(text);
	if (chars < 8) return true;
	const cpm = Math.round((chars * 600) / (s.end - s.start));
	return cpm >= 130 && cpm <= 320;
}

/** The first of the candidates (in the stream's order) that keeps the turn's speech rate in band. */
function fitting(rng: Rng, s: Segment, candidates: readonly string[]): string | null {
	const order = rng.shuffle([...candidates]);
	return order.find((t) => rateOk(s, t)) ?? null;
}

export function speakLikePeople(rng: Rng, b: Behaviour, segs: Segment[]): Spoken {
	const out: Spoken = { lookalikes: [] };
	const agent = segs.filter((s) => s.speaker === 'agent');

	// greeting (inbound only: outbound greetings keep their script)
	const g = segs[0];
	if (g?.tag === 'greeting' && !b.outbound && !b.chat) {
		const roll = rng.next();
		if (b.greeting === 'standard' && roll < 0.55) {
			const t = fitting(rng, g, GREETINGS_SPOKEN);
			if (t) {
				g.text = t;
				out.greeting = { kind: 'spoken_variant', expected: 'pass' };
			}
		} else if (b.greeting === 'missing' && roll < 0.6) {
			const [text, kind] = rng.pick(GREETING_NEAR_MISSES);
			if (rateOk(g, text)) {
				g.text = text;
				out.greeting = { kind: `near_miss_${kind}`, expected: 'fail' };
			}
		}
	}

	// identity check wording
	for (const s of agent) {
		const q = IDENTITY_Q[s.text] ?? IDENTITY_ID[s.text];
		if (q && rng.chance(0.5)) {
			const t = fitting(rng, s, q);
			if (t) s.text = t;
		}
	}

	// closing: the question and the goodbye (two agent turns), or a near miss where there is none
	const closing = segs.filter((s) => s.tag === 'closing');
	if (closing.length === 2 && rng.chance(0.7)) {
		const [q, bye] = closing;
		const tq = fitting(rng, q, CLOSING_QUESTIONS);
		// some agents only ask whether there is anything else and end on an ordinary sentence
		const questionOnly = tq !== null && rng.chance(0.3);
		const tb = fitting(rng, bye, questionOnly ? CLOSING_PLAIN_ENDS : CLOSING_GOODBYES);
		if (tq) q.text = tq;
		if (tb) bye.text = tb;
		if (tq || tb) out.closing = { kind: questionOnly && tb ? 'question_only' : 'spoken_variant', expected: 'pass' };
	}
	const none = segs.find((s) => s.tag === 'no_closing');
	if (none && rng.chance(0.6)) {
		const t = fitting(rng, none, CLOSING_NEAR_MISSES);
		if (t) {
			none.text = t;
			out.closing = { kind: 'near_miss_question', expected: 'fail' };
		}
	}

	// a harmless 不知道 in an ordinary agent turn of a call without a banned phrase
	if (!b.banned && rng.chance(0.06)) {
		const plain = agent.filter((s) => s.tag === undefined && s.seq > 2 && !/稍等|机主|身份证|证件/.test(s.text));
		if (plain.length) {
			const s = rng.pick(plain);
			const t = fitting(rng, s, BANNED_LOOKALIKES);
			if (t) {
				s.text = t;
				out.lookalikes.push(s.seq);
			}
		}
	}
	return out;
}
