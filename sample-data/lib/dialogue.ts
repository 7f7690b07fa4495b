/**
 * Mandarin service dialogue assembled from templates per category, with injected behaviours.
 * Times are integers in tenths of a second so every value prints exactly with one decimal.
 */
import { Rng, clamp } from './random';

export const COMPANY = '华信通信';
export const CATEGORIES = ['账单查询', '套餐变更', '故障报修', '投诉', '退订', '话费争议', '业务咨询'] as const;
export type Category = (typeof CATEGORIES)[number];
/** categories where the agent must verify the caller (机主本人 + 身份证后四位) */
export const NEEDS_IDENTITY: readonly Category[] = ['账单查询', '套餐变更', '退订', '话费争议'];

/** DESIGN.md's banned phrases plus the ones this sample declares. Matching is a substring test on agent turns. */
export const BANNED_PHRASES = [
	'这个问题我不会处理',
	'这个问题我们公司不能给您解决',
	'这么简单，您自己不会解决吗',
	'不知道',
	'这不归我们管',
	'你自己看着办',
	'我也没办法'
] as const;
export const PROMISE_PHRASES = [
	'我保证明天一定给您退款',
	'我向您保证这个月话费全免',
	'百分之百给您解决',
	'我保证今天之内一定修好'
] as const;
export const HOLD_PHRASES = ['请您稍等', '请稍等', '稍等一下'] as const;
export const COURTESY_WORDS = ['请原谅', '对不起', '谢谢', '再见', '您', '请'] as const;

export type Voice = 'agent' | 'agent_fast' | 'agent_soft' | 'customer';

export type Gap =
	| { kind: 'normal' }
	| { kind: 'overlap'; tenths: number; why: 'interruption' | 'backchannel' | 'near_miss' }
	| { kind: 'latency'; tenths: number }
	| { kind: 'dead_air'; tenths: number }
	| { kind: 'hold'; tenths: number };

export interface PlannedTurn {
	speaker: 'agent' | 'customer';
	text: string;
	voice: Voice;
	gap: Gap;
	tag?: string;
}

export interface Behaviour {
	greeting: 'standard' | 'slip' | 'missing' | 'wrong_company';
	closing: boolean;
	banned: string | null;
	interruptions: number;
	backchannels: number;
	nearMiss: boolean;
	deadAir: boolean;
	hold: 'none' | 'short' | 'long';
	latency: boolean;
	identity: 'na' | 'present' | 'missing';
	promise: string | null;
	pii: 'none' | 'read' | 'masked' | 'customer';
	lowCourtesy: boolean;
	fastTurns: number;
	resolved: boolean;
	transferred: boolean;
	/** chat: no timing behaviours */
	chat: boolean;
	outbound: boolean;
}

interface CategoryTemplate {
	problem: string[];
	/** long customer turns, used as the turn an agent interrupts */
	rant: string[];
	probe: [string, string][];
	solved: string[];
	unsolved: string[];
	followQ: [string, string][];
}

const T: Record<Category, CategoryTemplate> = {
	账单查询: {
		problem: [
			'我想查一下这个月的话费，怎么比上个月多了三十多块？',
			'你好，我想问一下我上个月的账单明细。',
			'我收到短信说我欠费了，我想查一下账单。'
		],
		rant: [
			'我每个月都是固定套餐，从来没超过，这个月突然多了这么多，我也没打什么长途，到底是怎么扣的？',
			'我上个月一直在外地出差，根本没怎么用流量，结果账单上流量费比平时多了一倍，你们帮我查清楚。'
		],
		probe: [
			['请问您这个月有没有开通过什么新的业务？', '没有啊，我什么都没开。'],
			['您这个月有没有去过外地或者港澳地区？', '去过一趟广州，待了三天。']
		],
		solved: [
			'我这边查到了，多出来的是国内流量超出套餐的费用，一共三十二元，明细已经发到您手机上了。',
			'帮您查到了，这个月多收的是来电显示的功能费，每月五元，您看需要帮您取消吗？'
		],
		unsolved: ['这笔费用的明细需要账务部门核实，我已经帮您提交了工单，三个工作日内会给您回复。'],
		followQ: [
			['那以后怎么避免超出呢？', '您可以开通流量提醒，用到百分之八十的时候会短信通知您。'],
			['明细我在哪里能看到？', '您可以在我们的手机营业厅里点账单查询，就能看到每一笔明细。']
		]
	},
	套餐变更: {
		problem: ['我想把现在的套餐换成便宜一点的。', '我想问一下有没有流量多一点的套餐，现在的不够用。', '我要改一下套餐，下个月开始生效。'],
		rant: [
			'我现在这个一百二十八的套餐根本用不完，通话就用几十分钟，每个月都在浪费钱，你们也不提醒一下，我要换个便宜的。',
			'我家里老人用的号码，每个月就打几个电话，你们给办了个九十八的套餐，营业厅的人也没说清楚，我想换掉。'
		],
		probe: [
			['请问您平时每个月大概用多少流量？', '大概十个G左右吧。'],
			['您主要是打电话多还是上网多？', '上网多一些，电话很少打。']
		],
		solved: [
			'根据您的使用情况，推荐您办理五十八元的套餐，包含二十G流量和一百分钟通话，下个月一号生效。',
			'已经帮您把套餐变更为七十八元的畅享套餐，次月生效，变更成功后会有短信通知。'
		],
		unsolved: ['您现在的套餐还在合约期内，暂时不能直接变更，我帮您登记一下，合约到期前会有专人联系您。'],
		followQ: [
			['那这个月的还按原来的收吗？', '是的，本月还是按原套餐收费，下个月开始按新套餐。'],
			['换了以后号码会变吗？', '号码不会变的，只是资费标准变了。']
		]
	},
	故障报修: {
		problem: ['我家宽带从昨天晚上开始就上不了网了。', '我手机信号特别差，在家里经常打不通电话。', '家里的光猫一直亮红灯，网络断了。'],
		rant: [
			'我家的宽带这个星期已经断了三次了，每次都是晚上用的时候断，孩子上网课都上不了，你们到底能不能修好？',
			'我在家里信号一格都没有，打电话要跑到楼下去打，已经好几个月了，报了两次修也没人来，这叫什么服务？'
		],
		probe: [
			['请问您光猫上面的灯现在是什么状态？', 'LOS灯在闪红灯。'],
			['您重启过光猫和路由器吗？', '重启过了，还是不行。']
		],
		solved: [
			'我这边远程帮您重新下发了一下数据，您现在重启一下光猫试试。好的，现在网络已经恢复了。',
			'已经帮您登记了报修，维修师傅会在二十四小时内联系您上门处理。'
		],
		unsolved: ['您这个区域目前有线路故障，工程师正在抢修，我已经把您的报修记录加进去了，修好之后会短信通知您。'],
		followQ: [
			['师傅大概什么时候来？', '师傅会提前电话联系您，跟您约具体的上门时间。'],
			['修好了还会再断吗？', '如果再出现问题，您可以随时拨打我们的热线报修。']
		]
	},
	投诉: {
		problem: [
			'我要投诉，你们营业厅的工作人员态度太差了。',
			'我要投诉你们乱扣费，我从来没订过这个业务。',
			'我上次反映的问题到现在都没人处理，我要投诉。'
		],
		rant: [
			'我上周去营业厅办业务，排了一个小时的队，工作人员一直在玩手机，问她问题也爱答不理的，你们就是这样对待客户的吗？',
			'你们每个月扣我十块钱的什么会员费，我从来没订过，扣了半年了，我要求全部退回来，不然我就去工信部投诉。'
		],
		probe: [
			['请问您是哪一天去的哪个营业厅？', '上周三下午，人民路那个营业厅。'],
			['请问这个业务您是什么时候发现被扣费的？', '这个月看账单才发现的。']
		],
		solved: [
			'非常抱歉给您带来不好的体验，您反映的情况我已经记录，并转给相关部门核实处理，处理结果会短信告知您。',
			'非常抱歉给您带来不好的体验，这笔会员费我已经帮您退订，并按规定申请退还最近六个月的费用，一共六十元。',
			'对不起，您反映的情况我已经详细记录，并提交给投诉处理部门，四十八小时内会有专人给您回电处理。'
		],
		unsolved: ['您反映的问题我已经登记为投诉工单，处理部门会在规定时限内联系您，请您保持电话畅通。'],
		followQ: [
			['那多久能给我答复？', '一般投诉会在四十八小时内给您答复。'],
			['我要一个处理结果，不能就这么算了。', '我理解您的心情，处理结果出来后我们会第一时间回访您。']
		]
	},
	退订: {
		problem: ['我想退订一个增值业务，每个月都扣钱。', '帮我把彩铃取消掉。', '我要退订视频会员，不想用了。'],
		rant: ['我手机上莫名其妙多了好几个增值业务，什么视频会员、音乐包，我一个都没用过，每个月加起来要三十多块，全部给我退掉。'],
		probe: [
			['请问您要退订的是哪一个业务？', '就是那个视频会员，每个月十五块的。'],
			['您是通过什么渠道开通的还记得吗？', '不记得了，可能是点了什么短信。']
		],
		solved: [
			'已经帮您退订了视频会员，下个月起不再收费，退订成功的短信稍后会发到您的手机上。',
			'帮您取消了彩铃业务，本月费用照常收取，下个月起就不再扣费了。'
		],
		unsolved: ['这个业务是第三方合作方的，需要通过合作方退订，我已经帮您提交了申请，两个工作日内处理完成。'],
		followQ: [
			['那之前扣的钱能退吗？', '如果确认是非本人订购的，可以申请退还，我帮您一起提交。'],
			['以后还会自动开通吗？', '不会的，我可以帮您加上增值业务订购保护。']
		]
	},
	话费争议: {
		problem: ['我这个月话费扣了两百多，不可能用这么多。', '你们多扣了我五十块钱，我要求退回来。', '为什么我的话费余额突然没了？'],
		rant: [
			'我这个月就打了几个电话，话费一下子扣了两百多，短信也没有提醒，你们这是乱收费，我要你们给我一个说法，把钱退给我。',
			'我上个月已经交了一百块，结果今天又说我欠费停机，我根本没用那么多，你们的系统是不是出问题了？'
		],
		probe: [
			['请问您这个月有没有拨打过国际长途或者声讯号码？', '没有，我就打了几个本地电话。'],
			['扣费的时间您还记得是哪几天吗？', '好像是十五号前后。']
		],
		solved: [
			'经过核实，这笔费用是系统重复扣费，我已经为您申请退款五十元，会在三到五个工作日内退回到您的话费账户。',
			'我查到是您的国际漫游包没有生效导致按标准资费计费，已经帮您调整，多收的一百二十元会返还到账户。'
		],
		unsolved: ['这笔费用需要调取详单核实，我已经提交了话费争议工单，核实后会在三个工作日内回复您。'],
		followQ: [
			['退回来以后我能收到通知吗？', '退款到账后会给您发送短信通知。'],
			['这个月的话费还要交吗？', '争议部分暂时不用缴纳，其他正常费用还是需要按时缴纳的。']
		]
	},
	业务咨询: {
		problem: ['我想问一下你们现在有没有宽带优惠活动。', '请问一下国际漫游怎么开通？', '我想办一张副卡，怎么办理？'],
		rant: ['我问了好几个地方了，营业厅说要去网上办，网上又说要去营业厅办，我到底应该去哪里办，能不能给我说清楚？'],
		probe: [
			['请问您是要办理新装还是续费？', '新装，刚搬的家。'],
			['您大概什么时候出发？去哪个国家？', '下个月去日本，待一周。']
		],
		solved: [
			'目前新装宽带有五百兆一年九百六十元的活动，您可以在手机营业厅直接预约，师傅会上门安装。',
			'国际漫游您可以直接在手机营业厅开通，日本的流量包是每天二十五元，不限量使用。'
		],
		unsolved: ['这个活动需要您所在的小区开通光纤覆盖，我帮您提交了查询，有结果后短信通知您。'],
		followQ: [
			['需要带什么证件吗？', '带上您本人的身份证就可以了。'],
			['可以提前取消吗？', '可以的，随时可以在手机营业厅取消。']
		]
	}
};

const SLIP_GREETINGS = [
	'您好很高兴您服务，这里是华信通信，请问有什么可以帮您？',
	'您好，这里是华信通讯客服中心，请问有什么可以帮您？',
	'您好这里是华信通信，请问有什么可以帮您的？'
];
const MISSING_GREETINGS = ['喂，你说。', '嗯，什么事？', '喂？说吧。'];
const WRONG_COMPANY = ['您好，这里是联创宽带客服中心，请问有什么可以帮您？'];

const ACKS = ['好的，您别着急，我来帮您查一下。', '好的，明白您的意思了，我这边帮您看一下。', '好的，您说的情况我了解了。'];
const BACKCHANNELS = ['嗯，对对', '好的，嗯', '嗯嗯，是'];

/** Make an agent line impolite: drop 请/谢谢/对不起, use 你 for 您. */
function impolite(text: string): string {
	return text
		.replace(/请问/g, '')
		.replace(/请您/g, '你')
		.replace(/非常抱歉给您带来不好的体验，/g, '')
		.replace(/非常抱歉|对不起，?/g, '')
		.replace(/谢谢您?/g, '')
		.replace(/麻烦您/g, '你')
		.replace(/请/g, '')
		.replace(/您/g, '你')
		.replace(/，([。？！])/g, '$1')
		.replace(/^[，。]/, '');
}

function pad4(rng: Rng): string {
	return String(rng.int(0, 9999)).padStart(4, '0');
}
function phone(rng: Rng): string {
	return '1' + rng.pick(['38', '39', '50', '58', '86', '87', '35', '37']) + String(rng.int(0, 99999999)).padStart(8, '0');
}
function bankCard(rng: Rng): string {
	let s = '6222';
	for (let i = 0; i < 15; i++) s += String(rng.int(0, 9));
	return s;
}

/** Keep the first n clauses of a sentence (recordings use shorter lines). */
function brief(text: string, n: number): string {
	const sentence = text.split(/(?<=[。？！])/)[0];
	text = sentence;
	const parts = text.replace(/[。？！]$/, '').split('，');
	return parts.slice(0, n).join('，') + (text.endsWith('？') && parts.length <= n ? '？' : '。');
}

/** Build the planned turns (text, speaker, gap spec) for one answered call. */
export function planDialogue(rng: Rng, cat: Category, b: Behaviour, agentNo: string, short = false): PlannedTurn[] {
	const tpl = T[cat];
	const turns: PlannedTurn[] = [];
	const A = (text: string, gap: Gap = { kind: 'normal' }, tag?: string, voice: Voice = 'agent') =>
		turns.push({
			speaker: 'agent',
			text: b.lowCourtesy && !['closing', 'greeting', 'hold', 'banned', 'promise'].includes(tag ?? '') ? impolite(text) : text,
			voice,
			gap,
			tag
		});
	const C = (text: string, gap: Gap = { kind: 'normal' }, tag?: string) =>
		turns.push({ speaker: 'customer', text, voice: 'customer', gap, tag });
	const sc = (lo: number, hi: number) => rng.int(lo, hi);

	// 1. greeting
	let greeting: string;
	if (b.greeting === 'standard')
		greeting = b.chat
			? `您好，${COMPANY}在线客服很高兴为您服务，请问有什么可以帮您？`
			: b.outbound
				? `您好，我是${COMPANY}客服中心${agentNo}号客服，请问是机主本人吗？`
				: short
					? `您好，这里是${COMPANY}，请问有什么可以帮您？`
					: `您好，这里是${COMPANY}客服中心，${agentNo}号为您服务，请问有什么可以帮您？`;
	else if (b.outbound)
		greeting =
			b.greeting === 'slip'
				? `您好我是${COMPANY}客服中心，请问是机主本人吗？`
				: b.greeting === 'missing'
					? '喂，是机主吗？'
					: '您好，我是联创宽带客服，请问是机主本人吗？';
	else if (b.greeting === 'slip') greeting = rng.pick(SLIP_GREETINGS);
	else if (b.greeting === 'missing') greeting = rng.pick(MISSING_GREETINGS);
	else greeting = rng.pick(WRONG_COMPANY);
	A(greeting, { kind: 'normal' }, 'greeting');

	// 2. problem; a long complaint turn if the agent is going to interrupt or backchannel
	const wantsLong = b.interruptions > 0 || b.backchannels > 0 || b.nearMiss;
	const problem = rng.pick(tpl.problem);
	// a recording keeps it short: the long complaint turn doubles as the problem statement
	if (!(short && wantsLong)) C(b.outbound ? '是我，什么事？' : problem);
	if (b.outbound) A(`您好，关于您之前反映的${cat}问题，我们给您做个回访。`);

	let interruptionsLeft = b.interruptions;
	let backLeft = b.backchannels;
	let nearMissLeft = b.nearMiss ? 1 : 0;
	const usedRants: string[] = [];
	const rant = () => {
		const pool = tpl.rant.filter((r) => !usedRants.includes(r));
		const r = rng.pick(pool.length ? pool : tpl.rant);
		usedRants.push(r);
		C(short ? brief(r, 3) : r);
		if (backLeft > 0) {
			backLeft--;
			A(rng.pick(BACKCHANNELS), { kind: 'overlap', tenths: sc(11, 15), why: 'backchannel' }, 'backchannel', 'agent_soft');
			// the backchannel is inside the customer's turn; the next turn follows the customer
		}
		if (interruptionsLeft > 0) {
			interruptionsLeft--;
			const line = rng.pick(
				['您先听我说，这个情况我们是按规定处理的。', '我明白，但是您先别急，我跟您解释一下。', '您先别急，我先跟您说一下处理流程。'].filter(
					(x) => !usedRants.includes(x)
				)
			);
			usedRants.push(line);
			A(line, { kind: 'overlap', tenths: sc(12, 26), why: 'interruption' }, 'interruption');
		} else if (nearMissLeft > 0) {
			nearMissLeft--;
			A('我理解您的心情，我马上帮您核实处理。', { kind: 'overlap', tenths: sc(3, 7), why: 'near_miss' }, 'near_miss');
		} else A(rng.pick(ACKS));
	};
	if (wantsLong) rant();
	else if (!short) A(rng.pick(ACKS));

	// 3. identity verification
	if (b.identity === 'present' && short) {
		A('请问您是机主本人吗？请报一下身份证后四位。');
		C(`是我本人，${pad4(rng)}。`);
	} else if (b.identity === 'present') {
		A(b.chat ? '为了保障您的账户安全，请问您是机主本人吗？' : '请问您是机主本人吗？');
		C('是的，是我本人。');
		A('麻烦您提供一下身份证后四位，我核对一下。');
		C(`${pad4(rng)}。`);
		A('好的，核对无误，谢谢您。');
	}

	// 4. probing
	const [q, a] = rng.pick(tpl.probe);
	if (!(short && b.identity === 'present')) {
		A(q);
		C(a);
	}
	if (b.pii === 'customer') {
		const p = phone(rng);
		C(`我的号码是${p}，你们查一下。`);
	}
	if ((b.interruptions > 1 || b.backchannels > 1) && !short) rant();
	else if (interruptionsLeft > 0 || backLeft > 0) rant();

	// 5. banned phrase (agent), reply latency, dead air, hold
	if (b.banned) A(b.banned === '不知道' ? '这个我也不知道，你去营业厅问吧。' : `${b.banned}。`, { kind: 'normal' }, 'banned');
	if (b.deadAir) {
		A(rng.pick(['您看一下手机，有没有收到一条验证短信？', '您先看一下光猫背面的型号是多少？']));
		C(rng.pick(['收到了，验证码是八六五三。', '我看一下，型号是HG八二四五。']), {
			kind: 'dead_air',
			tenths: short ? sc(85, 95) : sc(85, 130)
		});
	}
	if (b.hold !== 'none') {
		A(rng.pick(['请您稍等，我帮您查询一下。', '好的，请稍等，我这边核实一下。']), { kind: 'normal' }, 'hold');
		if (!short || b.pii === 'read' || b.pii === 'masked')
			A('感谢您的耐心等待。', { kind: 'hold', tenths: b.hold === 'long' ? sc(85, short ? 95 : 400) : sc(20, 60) });
	}

	// 6. PII
	if (b.pii === 'read') {
		const which = rng.int(0, 2);
		if (which === 0) A(`我核对一下，您登记的联系电话是${phone(rng)}，对吗？`, { kind: 'normal' }, 'pii');
		else if (which === 1) A(`您绑定的银行卡号是${bankCard(rng)}，扣款就是从这张卡扣的。`, { kind: 'normal' }, 'pii');
		else
			A(
				`您登记的身份证号是${String(rng.int(110101, 659001))}19${rng.int(60, 99)}${String(rng.int(101, 1228)).padStart(4, '0')}${String(rng.int(100, 999))}${rng.pick(['X', String(rng.int(0, 9))])}，没错吧？`,
				{ kind: 'normal' },
				'pii'
			);
		C('对，是的。');
	} else if (b.pii === 'masked') {
		A(`您尾号${pad4(rng)}的号码，我这边已经查到了。`, { kind: 'normal' }, 'pii_masked');
	}

	// 7. solution (with latency / fast speech / promise)
	let sol = b.resolved ? rng.pick(tpl.solved) : rng.pick(tpl.unsolved);
	if (short) sol = brief(sol, 2);
	let solGap: Gap =
		b.latency && turns[turns.length - 1].speaker === 'customer' ? { kind: 'latency', tenths: sc(52, 75) } : { kind: 'normal' };
	if (short && turns[turns.length - 1].tag === 'hold') {
		// in a recording the thanks for waiting opens the solution turn
		sol = '感谢您的耐心等待，' + sol;
		solGap = { kind: 'hold', tenths: b.hold === 'long' ? sc(85, 95) : sc(20, 60) };
	}
	if (b.latency && solGap.kind !== 'latency') {
		C('喂？还在吗？');
		A(sol, { kind: 'latency', tenths: sc(52, 75) }, b.fastTurns > 0 ? 'fast' : 'solution', b.fastTurns > 0 ? 'agent_fast' : 'agent');
	} else A(sol, solGap, b.fastTurns > 0 ? 'fast' : 'solution', b.fastTurns > 0 ? 'agent_fast' : 'agent');
	if (b.promise) A(`${b.promise}，您放心。`, { kind: 'normal' }, 'promise');
	if (!short || b.fastTurns > 1) {
		const [fq, fa] = rng.pick(tpl.followQ);
		C(fq);
		A(fa, { kind: 'normal' }, b.fastTurns > 1 ? 'fast' : undefined, b.fastTurns > 1 ? 'agent_fast' : 'agent');
	}
	if (b.transferred) {
		A('您这个问题需要专席处理，我现在帮您转接过去，请您稍候。', { kind: 'normal' }, 'transfer');
		C('好的。');
	} else if (!short)
		C(
			b.resolved
				? rng.pick(['好的，明白了，谢谢。', '行，那就这样吧。', '好的，知道了。'])
				: rng.pick(['那好吧，尽快啊。', '行吧，我等你们消息。', '那你们抓紧处理。'])
		);

	// 8. closing
	if (b.closing && !b.transferred) {
		A('请问还有其他可以帮您的吗？', { kind: 'normal' }, 'closing');
		C(short ? '没有了。' : '没有了，谢谢。');
		A(short ? '感谢您的来电，再见！' : '感谢您的来电，祝您生活愉快，再见！', { kind: 'normal' }, 'closing');
	} else if (!b.transferred) {
		A(b.lowCourtesy ? '行，就这样。' : '好的，那就先这样。', { kind: 'normal' }, 'no_closing');
	}
	if (b.outbound && b.closing) turns[turns.length - 1].text = '感谢您的接听，祝您生活愉快，再见！';
	return turns;
}

/** Characters that count for speech rate and interruption length: Han characters, letters, digits. */
export function countChars(text: string): number {
	const m = text.match(/[\p{Script=Han}A-Za-z0-9]/gu);
	return m ? m.length : 0;
}

export function courtesyCount(text: string): number {
	let n = 0;
	let rest = text;
	for (const w of COURTESY_WORDS) {
		const parts = rest.split(w);
		n += parts.length - 1;
		rest = parts.join('|');
	}
	return n;
}

/** Estimated speaking duration in tenths (for calls without a synthesised recording). */
export function estimateTenths(rng: Rng, text: string, voice: Voice, agentRate: number): number {
	const chars = Math.max(1, countChars(text));
	let rate: number;
	if (voice === 'agent_fast') rate = rng.uniform(6.4, 7.8);
	else if (voice === 'agent_soft') return rng.int(16, 22);
	else if (voice === 'agent') rate = clamp(agentRate + rng.normal(0, 0.25), 3.3, 5.0);
	else rate = clamp(rng.normal(3.8, 0.4), 2.8, 5.0);
	return Math.max(5, Math.round((chars / rate) * 10) + rng.int(1, 4));
}

export interface Segment {
	seq: number;
	speaker: 'agent' | 'customer';
	/** tenths of a second from the start of the recording; null for chat */
	start: number | null;
	end: number | null;
	text: string;
	voice: Voice;
	tag?: string;
}

/** Place planned turns on a timeline given each turn's duration in tenths. */
export function layout(rng: Rng, turns: PlannedTurn[], durations: number[], leadIn: number): Segment[] {
	const segs: Segment[] = [];
	let cursor = leadIn;
	let prev: Segment | null = null;
	for (let i = 0; i < turns.length; i++) {
		const t = turns[i];
		const d = durations[i];
		let start: number;
		switch (t.gap.kind) {
			case 'normal':
				start = cursor + (prev && prev.speaker === t.speaker ? rng.int(3, 8) : rng.int(3, 14));
				break;
			case 'overlap': {
				// prev is the customer turn being overlapped; a backchannel sits in its first third
				if (t.gap.why === 'backchannel') start = prev!.start! + Math.max(5, Math.floor((prev!.end! - prev!.start!) / 4));
				else start = Math.max(prev!.start! + 5, prev!.end! - t.gap.tenths);
				break;
			}
			case 'latency':
			case 'dead_air':
			case 'hold':
				start = cursor + t.gap.tenths;
				break;
		}
		const seg: Segment = { seq: i + 1, speaker: t.speaker, start, end: start + d, text: t.text, voice: t.voice, tag: t.tag };
		segs.push(seg);
		// a backchannel does not move the floor: the next turn follows the customer
		cursor = Math.max(cursor, seg.end!);
		if (t.gap.kind !== 'overlap' || t.gap.why !== 'backchannel') prev = seg;
	}
	return segs;
}
