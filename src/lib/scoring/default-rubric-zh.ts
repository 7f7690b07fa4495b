// The default Chinese rubric, built from the service standard in DESIGN §1 and tuned so the sample centre
// (sample-data/, company 华信通信) scores as its ground truth says. Item ids match the ground truth's item
// names where one exists. Data only: validateRubric fills in defaults, compile.ts turns it into SQL.
import { validateRubric, type Rubric } from './rubric';
import { DEFAULT_EQUIVALENTS, DEFAULT_FILLERS } from './phrase-pattern';

export const DEFAULT_RUBRIC_ZH_JSON = {
	id: 'default-zh',
	version: 1,
	name: '默认质检标准（中文）',
	language: 'zh',
	pass_mark: 80,
	variables: { company: '华信通信' },
	// How required phrases match (docs/rubric.md): words that stand for each other, and the fillers, honorifics
	// and particles agents put between a script's words. General usage; a centre adds its own in the editor.
	matching: {
		equivalents: DEFAULT_EQUIVALENTS.zh,
		fillers: DEFAULT_FILLERS.zh
	},
	items: [
		{
			id: 'greeting',
			label: { zh: '标准开场白', en: 'Standard greeting' },
			weight: 10,
			critical: false,
			// Both parts of the centre's script in the first agent turn: 您好, and who answers (这里是华信通信 /
			// 华信通信客服 …) or 很高兴为您服务. ASR slips inside a part pass (华信通讯客服, 很高兴您服务); another
			// company's name, 请讲 or 喂 alone do not.
			rule: {
				kind: 'phrase_required',
				phrases: ['您好|你好', '这里是{company}|{company}客服|{company}很高兴为您服务|很高兴为您服务|{company}在线客服'],
				match: 'all',
				speaker: 'agent',
				window: { first_turns: 1 },
				fuzzy: 0.8
			}
		},
		{
			id: 'ring',
			label: { zh: '三声内接听（振铃 ≤ 15 秒）', en: 'Answered within three rings (≤ 15 s)' },
			weight: 5,
			critical: false,
			applies_when: { channel: ['phone'], direction: ['inbound'] },
			rule: { kind: 'response_time', measure: 'ring', max_ring_s: 15 }
		},
		{
			id: 'identity_check',
			label: { zh: '核实身份（机主本人 + 身份证后四位）', en: 'Identity verified' },
			weight: 10,
			critical: false,
			applies_when: { categories: ['账单查询', '套餐变更', '退订', '话费争议'], direction: ['inbound'] },
			rule: {
				kind: 'phrase_required',
				phrases: [
					'机主本人|是本人吗|本人吗|核实一下您的身份|核对一下您的身份',
					'身份证后四位|证件号后四位|身份证号码后四位|证件号码后四位|服务密码'
				],
				match: 'all',
				speaker: 'agent',
				fuzzy: 0.8
			}
		},
		{
			id: 'banned_phrase',
			label: { zh: '服务禁语', en: 'Banned phrases' },
			weight: 15,
			critical: true,
			rule: {
				kind: 'phrase_banned',
				phrases: [
					'这个问题我不会处理',
					'这个问题我们公司不能给您解决',
					'这么简单，您自己不会解决吗',
					'不知道',
					'这不归我们管',
					'你自己看着办',
					'我也没办法',
					'你听不懂吗',
					'我已经说过了',
					'爱找谁找谁'
				],
				speaker: 'agent',
				// 不知道 is banned as the agent's own "I don't know" (这个我也不知道). Not when someone else is the
				// subject or it is a condition (如果您不知道原来的密码), a polite 不知道您…, or a question.
				exceptions: [
					{
						phrase: '不知道',
						preceded_by: ['您', '你', '如果', '是否', '要是', '万一', '假如', '客户', '担心', '怕'],
						followed_by: ['您', '你', '是否', '能否', '能不能', '可不可以', '方不方便'],
						in_question: true
					}
				]
			}
		},
		{
			id: 'interruption',
			label: { zh: '不打断客户', en: 'No interrupting the customer' },
			weight: 10,
			critical: false,
			// The sample's standard counts every interruption (it costs CSAT), so max 0 on every call; a centre
			// that tolerates one on ordinary calls sets max_count 1 and keeps max_count_complaint 0.
			rule: {
				kind: 'interruption',
				min_overlap_s: 1.0,
				min_chars: 4,
				backchannels: ['嗯', '嗯嗯', '对', '对对', '好的', '是的', '是', '好', '行'],
				max_count: 0,
				max_count_complaint: 0
			}
		},
		{
			id: 'dead_air',
			label: { zh: '无冷场（静默 < 8 秒，请稍等后除外）', en: 'No dead air (< 8 s unless on hold)' },
			weight: 5,
			critical: false,
			rule: { kind: 'response_time', measure: 'silence', max_silence_s: 8, hold_phrases: ['请稍等', '请您稍等', '稍等一下', '稍候'] }
		},
		{
			id: 'reply_latency',
			label: { zh: '及时应答（< 5 秒）', en: 'Prompt replies (< 5 s)' },
			weight: 5,
			critical: false,
			rule: { kind: 'response_time', measure: 'reply', max_reply_s: 5 }
		},
		{
			id: 'promise',
			label: { zh: '不作超出政策的承诺', en: 'No unauthorised promises' },
			weight: 10,
			critical: true,
			rule: {
				kind: 'phrase_banned',
				phrases: ['我保证明天一定给您退款', '我向您保证这个月话费全免', '百分之百给您解决', '我保证今天之内一定修好'],
				patterns: ['我(向您)?保证.{0,8}一定', '百分之百(给您|帮您)', '肯定(给您|帮您)(退|免)'],
				speaker: 'agent'
			}
		},
		{
			id: 'pii_disclosure',
			label: { zh: '不泄露客户信息（不念号码）', en: 'No reading out customer data' },
			weight: 10,
			critical: true,
			rule: {
				kind: 'pii_disclosure',
				speaker: 'agent',
				patterns: [
					{ name: '手机号', regex: '1[3-9][0-9]{9}' },
					{ name: '身份证号', regex: '[0-9]{17}[0-9x]' },
					{ name: '银行卡号', regex: '62[0-9]{14,17}' }
				]
			}
		},
		{
			id: 'courtesy',
			label: { zh: '礼貌用语（≥ 6 次）', en: 'Courtesy words (≥ 6)' },
			weight: 5,
			critical: false,
			rule: { kind: 'courtesy', phrases: ['请原谅', '对不起', '谢谢', '再见', '您', '请'], min_count: 6, speaker: 'agent' }
		},
		{
			id: 'speech_rate',
			label: { zh: '语速适中（120–330 字/分）', en: 'Speech rate 120–330 chars/min' },
			weight: 5,
			critical: false,
			rule: { kind: 'speech_rate', min_cpm: 120, max_cpm: 330, min_chars: 8, unit: 'chars' }
		},
		{
			id: 'closing',
			label: { zh: '标准结束语', en: 'Standard closing' },
			weight: 10,
			critical: false,
			applies_when: { transferred: false },
			// Any proper close in the agent's last three turns: the "anything else" question or a thanks/goodbye.
			// A question that only looks like one (还有其他号码吗) is not it.
			rule: {
				kind: 'phrase_required',
				phrases: [
					'还有什么可以帮您|还有其他问题吗|还有其他可以帮您的吗|还有什么需要帮您的吗|还需要其他帮助吗|感谢您的来电|祝您生活愉快|再见|拜拜'
				],
				speaker: 'agent',
				window: { last_turns: 3 },
				fuzzy: 0.8
			}
		},
		{
			id: 'attitude',
			label: { zh: '服务态度（人工评判）', en: 'Attitude (judged by the inspector)' },
			weight: 10,
			critical: false,
			rule: { kind: 'manual' }
		}
	]
} as const;

export const DEFAULT_RUBRIC_ZH: Rubric = validateRubric(DEFAULT_RUBRIC_ZH_JSON);
