/** Complaint records: linked to calls (complaint calls, bad calls) or arriving from other channels. */
import { Rng, clamp } from './random';
import { DAYS, type Call } from './calls';
import type { Agent } from './agents';

export const SEVERITIES = [
	{ label: '一般', level: 1, hours: 72 },
	{ label: '严重', level: 2, hours: 48 },
	{ label: '重大', level: 3, hours: 24 }
] as const;

export type Severity = (typeof SEVERITIES)[number];

export interface Complaint {
	id: string;
	callId: string;
	customerId: string;
	agentId: string;
	received: number; // seconds since START_DATE
	category: string;
	severity: Severity;
	due: number;
	resolved: number | null;
	followedUp: number | null;
	followUpSatisfied: boolean | null;
	status: '已受理' | '处理中' | '已解决' | '已回访' | '已关闭';
	title: string;
}

const TITLES: Record<string, string[]> = {
	服务态度: [
		'客户反映坐席服务态度差，要求道歉',
		'客户称坐席多次打断其陈述',
		'客户反映客服使用不文明用语',
		'客户不满坐席推诿，未给出解决办法'
	],
	计费争议: ['客户对本月话费有异议，要求核实退费', '客户称被重复扣费，要求退还', '客户反映套餐外流量费用过高', '客户对国际漫游费用有异议'],
	网络质量: ['客户反映家中宽带频繁掉线', '客户反映小区手机信号差', '宽带报修后超时未上门', '客户反映网速远低于签约带宽'],
	业务办理: ['套餐变更未按约定生效', '客户要求退订业务未成功', '副卡办理进度缓慢', '客户称未经同意被开通业务'],
	营销骚扰: ['客户反映频繁接到营销电话', '客户要求停止发送营销短信'],
	其他: ['客户对营业厅排队时间过长不满', '客户反映发票开具错误', '客户建议优化手机营业厅功能']
};
const CAT_FROM_CALL: Record<string, string> = {
	账单查询: '计费争议',
	话费争议: '计费争议',
	套餐变更: '业务办理',
	退订: '业务办理',
	故障报修: '网络质量',
	业务咨询: '其他',
	投诉: '服务态度'
};

export function makeComplaints(rng: Rng, calls: Call[], agents: Agent[]): Complaint[] {
	const out: Complaint[] = [];
	const END = DAYS * 86400;
	const add = (call: Call | null, received: number, category: string, agentId: string, customerId: string) => {
		const severity: Severity = rng.weighted<Severity>([
			[SEVERITIES[0], 64],
			[SEVERITIES[1], 28],
			[SEVERITIES[2], 8]
		]);
		const due = received + severity.hours * 3600;
		// most are resolved within the deadline, some late, recent ones still open
		let resolved: number | null = null;
		const age = END - received;
		const r = rng.next();
		if (age < 2 * 86400 ? r < 0.35 : r < 0.95) {
			const late = rng.chance(0.12);
			const spend = late
				? severity.hours * 3600 * rng.uniform(1.05, 2.5)
				: severity.hours * 3600 * clamp(rng.lognormal(0.35, 0.5), 0.02, 0.98);
			resolved = received + Math.round(spend);
			if (resolved > END - 600) resolved = null;
		}
		let followedUp: number | null = null;
		let sat: boolean | null = null;
		let status: Complaint['status'];
		if (resolved === null) status = rng.chance(0.3) && age < 5 * 86400 ? '已受理' : '处理中';
		else {
			const fu = rng.chance(0.86);
			if (fu) {
				followedUp = resolved + Math.round(rng.uniform(2, 72) * 3600);
				if (followedUp > END - 600) followedUp = null;
			}
			if (followedUp === null) status = fu || rng.chance(0.5) ? '已解决' : '已关闭';
			else {
				sat = rng.chance(0.82);
				status = rng.chance(0.7) ? '已关闭' : '已回访';
			}
		}
		const id = `TS${String(out.length + 1).padStart(5, '0')}`;
		out.push({
			id,
			callId: call?.id ?? '',
			customerId,
			agentId,
			received,
			category,
			severity,
			due,
			resolved,
			followedUp,
			followUpSatisfied: sat,
			status,
			title: rng.pick(TITLES[category])
		});
	};

	for (const c of calls) {
		if (c.abandoned || !c.behaviour) continue;
		const b = c.behaviour;
		let p = c.category === '投诉' ? 0.28 : 0.006;
		if (b.banned) p += 0.25;
		if (b.interruptions) p += 0.05;
		if (c.csat !== null && c.csat <= 2) p += 0.2;
		if (!c.resolved) p += 0.03;
		if (!rng.chance(p)) continue;
		const bad = !!b.banned || b.interruptions > 0 || b.lowCourtesy;
		const cat = bad && rng.chance(0.7) ? '服务态度' : CAT_FROM_CALL[c.category];
		add(c, c.t + c.ring + c.talk + rng.int(60, 4 * 3600), cat, c.agent!.id, c.customerId);
	}
	// complaints that did not come from a call (工信部转办, 微博, 营业厅): no 通话ID
	const n = Math.max(60, Math.round(out.length * 0.22));
	for (let i = 0; i < n; i++) {
		const t = rng.int(0, END - 3600);
		const cat = rng.weighted([
			['网络质量', 3],
			['计费争议', 3],
			['营销骚扰', 2],
			['业务办理', 2],
			['其他', 1],
			['服务态度', 1]
		] as const);
		const agent = rng.pick(agents.filter((a) => a.team === '投诉专席'));
		add(null, t, cat, agent.id, 'K' + String(rng.int(1000000, 9999999)));
	}
	out.sort((a, b) => a.received - b.received || a.id.localeCompare(b.id));
	out.forEach((c, i) => (c.id = `TS${String(i + 1).padStart(5, '0')}`));
	return out;
}
