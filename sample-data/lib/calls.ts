/** Call log: calendar, arrival shape, routing, durations, outcomes, and each call's behaviour plan. */
import { Rng, clamp } from './random';
import type { Agent, Team } from './agents';
import { BANNED_PHRASES, NEEDS_IDENTITY, PROMISE_PHRASES, type Behaviour, type Category } from './dialogue';

export const START_DATE = Date.UTC(2026, 7, 1); // 2026-08-01 (times are local wall-clock, kept in UTC arithmetic)
export const DAYS = 92; // through 2026-10-31

export interface Call {
	id: string;
	agent: Agent | null;
	team: Team | '';
	queue: string;
	channel: '电话' | '在线';
	direction: '呼入' | '呼出';
	customerId: string;
	/** seconds since START_DATE (local wall clock) */
	t: number;
	ring: number;
	talk: number;
	hold: number;
	wrap: number;
	abandoned: boolean;
	transferred: boolean;
	resolved: boolean;
	csat: number | null;
	category: Category;
	recording: string;
	behaviour: Behaviour | null;
	/** index into RECORDING_SCENARIOS when this call gets a synthesised recording */
	scenario: number | null;
}

const HOUR_WEIGHTS = [0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.6, 1.5, 4, 8, 10, 9, 5.5, 6, 8.5, 10, 8.5, 6.5, 4.5, 3.5, 3, 2.2, 1.3, 0.7];
const HOURS = HOUR_WEIGHTS.map((w, h) => [h, w] as const);
const CATEGORY_WEIGHTS: (readonly [Category, number])[] = [
	['账单查询', 22],
	['套餐变更', 15],
	['故障报修', 20],
	['投诉', 8],
	['退订', 10],
	['话费争议', 11],
	['业务咨询', 14]
];

/** Behaviour overrides for the calls that get a real synthesised recording. */
export const RECORDING_SCENARIOS: { category: Category; b: Partial<Behaviour> }[] = [
	{ category: '账单查询', b: { greeting: 'standard', identity: 'present', interruptions: 1, closing: true } },
	{ category: '话费争议', b: { interruptions: 1, backchannels: 1, hold: 'long', identity: 'present', closing: true } },
	{ category: '投诉', b: { interruptions: 2, lowCourtesy: true, banned: '这不归我们管', closing: false, greeting: 'missing' } },
	{ category: '故障报修', b: { deadAir: true, nearMiss: true, greeting: 'slip', closing: true } },
	{ category: '套餐变更', b: { latency: true, fastTurns: 1, identity: 'missing', promise: '我向您保证这个月话费全免', closing: true } },
	{ category: '退订', b: { pii: 'read', greeting: 'missing', hold: 'short', identity: 'present', closing: true } },
	{ category: '业务咨询', b: { backchannels: 1, closing: true } },
	{ category: '故障报修', b: { interruptions: 1, hold: 'long', pii: 'masked', greeting: 'wrong_company', closing: true } }
];
const RECORDING_DAYS = [2, 13, 24, 35, 47, 58, 70, 83];

function queueFor(category: Category, channel: Call['channel'], direction: Call['direction']): string {
	if (channel === '在线') return '在线客服';
	if (direction === '呼出') return '外呼回访';
	if (category === '投诉') return '投诉专线';
	if (category === '账单查询' || category === '话费争议' || category === '套餐变更') return '账务热线';
	return '综合热线';
}

function teamFor(rng: Rng, queue: string): Team {
	switch (queue) {
		case '在线客服':
			return '在线组';
		case '外呼回访':
			return rng.chance(0.6) ? '投诉专席' : '售后组';
		case '投诉专线':
			return rng.chance(0.9) ? '投诉专席' : '售后组';
		case '账务热线':
			return rng.chance(0.85) ? '账务组' : '售后组';
		default:
			return rng.chance(0.85) ? '售后组' : '账务组';
	}
}

export function planBehaviour(rng: Rng, a: Agent, category: Category, chat: boolean, outbound: boolean): Behaviour {
	const p = a.profile;
	const phone = !chat;
	const complaint = category === '投诉';
	return {
		chat,
		outbound,
		greeting: rng.chance(p.greeting) ? (rng.chance(0.1) ? 'slip' : 'standard') : rng.chance(0.75) ? 'missing' : 'wrong_company',
		closing: !rng.chance(p.noClosing),
		banned: rng.chance(p.banned * (complaint ? 1.5 : 1)) ? rng.pick(BANNED_PHRASES) : null,
		interruptions: phone && rng.chance(clamp(p.interrupt * (complaint ? 1.5 : 1), 0, 0.6)) ? (rng.chance(0.25) ? 2 : 1) : 0,
		backchannels: phone && rng.chance(0.15) ? 1 : 0,
		nearMiss: phone && rng.chance(0.06),
		deadAir: phone && rng.chance(p.slow * 0.5),
		hold: phone && rng.chance(0.25) ? (rng.chance(0.45) ? 'long' : 'short') : 'none',
		latency: phone && rng.chance(p.slow),
		identity: NEEDS_IDENTITY.includes(category) && !outbound ? (rng.chance(p.skipIdentity) ? 'missing' : 'present') : 'na',
		promise: rng.chance(p.promise) ? rng.pick(PROMISE_PHRASES) : null,
		pii: rng.chance(p.pii) ? 'read' : rng.chance(0.04) ? 'masked' : rng.chance(0.03) ? 'customer' : 'none',
		lowCourtesy: rng.chance((1 - p.courtesy) * 0.6),
		fastTurns: phone && rng.chance(p.fast) ? (rng.chance(0.3) ? 2 : 1) : 0,
		resolved: true,
		transferred: false
	};
}

/** CSAT given the behaviour actually shown in the call. */
export function csatFor(rng: Rng, b: Behaviour): number {
	let s = 4.35 + rng.normal(0, 0.55);
	if (!b.resolved) s -= 1.3;
	if (b.transferred) s -= 0.3;
	if (b.banned) s -= 1.2;
	s -= 0.7 * b.interruptions;
	if (b.greeting === 'missing' || b.greeting === 'wrong_company') s -= 0.35;
	if (b.lowCourtesy) s -= 0.6;
	if (b.deadAir) s -= 0.35;
	if (b.latency) s -= 0.3;
	if (!b.closing) s -= 0.2;
	if (b.fastTurns) s -= 0.2;
	return clamp(Math.round(s), 1, 5);
}

interface Recent {
	customerId: string;
	t: number;
	resolved: boolean;
	category: Category;
}

export function makeCalls(rng: Rng, agents: Agent[]): Call[] {
	const calls: Call[] = [];
	const recent: Recent[] = [];
	let seq = 0;
	const customerIds = new Set<string>();
	const newCustomer = () => {
		let id: string;
		do id = 'K' + String(rng.int(1000000, 9999999));
		while (customerIds.has(id) && customerIds.size < 8000000);
		customerIds.add(id);
		return id;
	};
	const pool: string[] = [];
	const scenarioDone = new Set<number>();

	for (let day = 0; day < DAYS; day++) {
		const date = new Date(START_DATE + day * 86400000);
		const dow = date.getUTCDay(); // 0 Sunday
		const m = date.getUTCMonth() + 1;
		const d = date.getUTCDate();
		let factor = dow === 0 ? 0.5 : dow === 6 ? 0.62 : dow === 1 ? 1.12 : 1.0;
		if (m === 10 && d <= 7) factor *= 0.55; // 国庆假期
		if (m === 10 && (d === 8 || d === 9)) factor *= 1.3; // post-holiday backlog
		if (d <= 3) factor *= 1.15; // bills arrive at the start of the month
		const n = rng.poisson(68 * factor);
		const times: number[] = [];
		for (let i = 0; i < n; i++) times.push(rng.weighted(HOURS) * 3600 + rng.int(0, 3599));
		times.sort((x, y) => x - y);
		// agents on shift today: everyone works 5 days out of 7, staggered
		const onShift = agents.filter((_, i) => (day + i) % 7 < 5);

		for (const tod of times) {
			seq++;
			const t = day * 86400 + tod;
			const ymd = `${date.getUTCFullYear()}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
			const id = `C${ymd}-${String(seq).padStart(6, '0')}`;
			while (recent.length && recent[0].t < t - 7 * 86400) recent.shift();

			// customer and category: repeat callers within 7 days, more likely when unresolved
			let customerId: string;
			let category: Category;
			const unresolved = recent.filter((r) => !r.resolved);
			if (recent.length && rng.chance(0.16)) {
				const r = unresolved.length && rng.chance(0.75) ? rng.pick(unresolved) : rng.pick(recent);
				customerId = r.customerId;
				category = rng.chance(0.8) ? r.category : rng.weighted(CATEGORY_WEIGHTS);
			} else {
				customerId = pool.length > 300 && rng.chance(0.08) ? rng.pick(pool) : newCustomer();
				if (pool.length < 5000) pool.push(customerId);
				category = rng.weighted(CATEGORY_WEIGHTS);
			}
			const channel: Call['channel'] = rng.chance(0.1) ? '在线' : '电话';
			const direction: Call['direction'] = channel === '电话' && rng.chance(0.07) ? '呼出' : '呼入';
			if (direction === '呼出' && category === '业务咨询') category = '投诉';
			const queue = queueFor(category, channel, direction);
			const team = teamFor(rng, queue);
			const hour = Math.floor(tod / 3600);
			const peak = hour === 10 || hour === 15 || hour === 11 || hour === 14 ? 1.6 : 1;

			// scenario for a synthesised recording
			let scenario: number | null = null;
			const sIdx = RECORDING_DAYS.indexOf(day);
			if (sIdx >= 0 && !scenarioDone.has(sIdx) && channel === '电话' && direction === '呼入' && hour >= 9 && team !== '在线组') {
				scenario = sIdx;
				scenarioDone.add(sIdx);
				category = RECORDING_SCENARIOS[sIdx].category;
			}

			const abandoned = scenario === null && direction === '呼入' && rng.chance(channel === '在线' ? 0.04 : 0.052 * peak);
			const call: Call = {
				id,
				agent: null,
				team: '',
				queue,
				channel,
				direction,
				customerId,
				t,
				ring: 0,
				talk: 0,
				hold: 0,
				wrap: 0,
				abandoned,
				transferred: false,
				resolved: false,
				csat: null,
				category,
				recording: '',
				behaviour: null,
				scenario
			};
			if (abandoned) {
				call.ring = Math.round(clamp(rng.lognormal(32 * peak, 0.7), 3, 400));
			} else {
				const teamAgents = onShift.filter((a) => a.team === team);
				const agent = rng.pick(teamAgents.length ? teamAgents : agents.filter((a) => a.team === team));
				call.agent = agent;
				call.team = agent.team;
				if (channel === '在线') call.ring = Math.round(clamp(rng.lognormal(18, 0.8), 1, 600));
				else if (direction === '呼出') call.ring = rng.int(4, 28);
				else call.ring = Math.round(clamp(rng.chance(0.1 * peak) ? rng.uniform(15.5, 150) : rng.lognormal(5, 0.55), 1, 400));
				const catTalk = category === '投诉' ? 1.5 : category === '业务咨询' ? 0.8 : category === '故障报修' ? 1.15 : 1;
				call.talk = Math.round(clamp(rng.lognormal((channel === '在线' ? 380 : 215) * catTalk, 0.45), 40, 2400));
				call.wrap = Math.round(clamp(rng.lognormal(channel === '在线' ? 12 : 24, 0.55), 3, 240));
				const b = planBehaviour(rng, agent, category, channel === '在线', direction === '呼出');
				if (scenario !== null) {
					Object.assign(
						b,
						{
							greeting: 'standard',
							closing: true,
							banned: null,
							interruptions: 0,
							backchannels: 0,
							nearMiss: false,
							deadAir: false,
							hold: 'none',
							latency: false,
							promise: null,
							pii: 'none',
							lowCourtesy: false,
							fastTurns: 0
						},
						RECORDING_SCENARIOS[scenario].b
					);
					if (!NEEDS_IDENTITY.includes(category)) b.identity = 'na';
					else if (!RECORDING_SCENARIOS[scenario].b.identity) b.identity = 'present';
				}
				const catRes = category === '投诉' ? 0.85 : category === '故障报修' ? 0.92 : category === '话费争议' ? 0.93 : 1.02;
				b.transferred = scenario === null && channel === '电话' && direction === '呼入' && rng.chance(0.055);
				b.resolved = rng.chance(clamp(agent.profile.resolution * catRes * (b.transferred ? 0.6 : 1), 0, 0.98));
				call.transferred = b.transferred;
				call.resolved = b.resolved;
				call.behaviour = b;
				if (rng.chance(0.3)) call.csat = csatFor(rng, b);
			}
			if (!call.abandoned) recent.push({ customerId, t, resolved: call.resolved, category });
			calls.push(call);
		}
	}
	return calls;
}

export function fmtTime(tSeconds: number): string {
	const dt = new Date(START_DATE + tSeconds * 1000);
	const p = (x: number) => String(x).padStart(2, '0');
	return `${dt.getUTCFullYear()}/${p(dt.getUTCMonth() + 1)}/${p(dt.getUTCDate())} ${p(dt.getUTCHours())}:${p(dt.getUTCMinutes())}:${p(dt.getUTCSeconds())}`;
}

export function fmtHms(s: number): string {
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
