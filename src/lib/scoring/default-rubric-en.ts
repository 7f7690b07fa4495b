// The default English rubric: the same standard as the Chinese one (DESIGN §1) in English call-centre
// wording ("thank you for calling {company}…"). Set variables.company to the centre's name before use.
import { validateRubric, type Rubric } from './rubric';
import { DEFAULT_EQUIVALENTS, DEFAULT_FILLERS } from './phrase-pattern';

export const DEFAULT_RUBRIC_EN_JSON = {
	id: 'default-en',
	version: 1,
	name: 'Default QA standard (English)',
	language: 'en',
	pass_mark: 80,
	variables: { company: 'our company' },
	matching: {
		equivalents: DEFAULT_EQUIVALENTS.en,
		fillers: DEFAULT_FILLERS.en
	},
	items: [
		{
			id: 'greeting',
			label: { zh: '标准开场白', en: 'Standard greeting' },
			weight: 10,
			critical: false,
			rule: {
				kind: 'phrase_required',
				phrases: [
					'thank you for calling {company}|this is {company}|welcome to {company}|hello this is|how can i help you|how may i help you|what can i do for you'
				],
				speaker: 'agent',
				window: { first_turns: 2 },
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
			label: { zh: '核实身份', en: 'Identity verified' },
			weight: 10,
			critical: false,
			rule: {
				kind: 'phrase_required',
				phrases: [
					'verify your identity|confirm your identity|date of birth|last four digits|security question|account holder|verify your account|confirm your name'
				],
				speaker: 'agent'
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
					"that's not my problem",
					'not my job',
					"i can't help you",
					'there is nothing i can do',
					'figure it out yourself',
					'calm down',
					'you should have',
					'as i already said'
				],
				speaker: 'agent',
				// "If there is nothing I can do, …" / "is there nothing I can do?" are not a refusal.
				exceptions: [{ phrase: '*', preceded_by: ['if', 'whether', 'unless'], followed_by: [], in_question: true }]
			}
		},
		{
			id: 'interruption',
			label: { zh: '不打断客户', en: 'No interrupting the customer' },
			weight: 10,
			critical: false,
			rule: {
				kind: 'interruption',
				min_overlap_s: 1.0,
				min_chars: 8,
				backchannels: ['yeah', 'yes', 'ok', 'okay', 'mhm', 'uh huh', 'right', 'sure', 'i see'],
				max_count: 1,
				max_count_complaint: 0
			}
		},
		{
			id: 'dead_air',
			label: { zh: '无冷场', en: 'No dead air (< 8 s unless on hold)' },
			weight: 5,
			critical: false,
			rule: {
				kind: 'response_time',
				measure: 'silence',
				max_silence_s: 8,
				hold_phrases: ['please hold', 'one moment', 'bear with me', 'let me check', 'just a moment', 'hold on']
			}
		},
		{
			id: 'reply_latency',
			label: { zh: '及时应答', en: 'Prompt replies (< 5 s)' },
			weight: 5,
			critical: false,
			rule: { kind: 'response_time', measure: 'reply', max_reply_s: 5 }
		},
		{
			id: 'promise',
			label: { zh: '不作超出政策的承诺', en: 'No unauthorised promises' },
			weight: 10,
			critical: true,
			rule: { kind: 'phrase_banned', phrases: ['i guarantee', 'i promise you', '100 percent', 'hundred percent'], speaker: 'agent' }
		},
		{
			id: 'pii_disclosure',
			label: { zh: '不泄露客户信息', en: 'No reading out customer data' },
			weight: 10,
			critical: true,
			rule: {
				kind: 'pii_disclosure',
				speaker: 'agent',
				patterns: [
					{ name: 'card number', regex: '[0-9]{13,19}' },
					{ name: 'social security number', regex: '[0-9]{9}' }
				]
			}
		},
		{
			id: 'courtesy',
			label: { zh: '礼貌用语', en: 'Courtesy words (≥ 4)' },
			weight: 5,
			critical: false,
			rule: {
				kind: 'courtesy',
				phrases: ['please', 'thank you', 'thanks', 'sorry', 'apologize', 'you are welcome', 'my pleasure'],
				min_count: 4,
				speaker: 'agent'
			}
		},
		{
			id: 'speech_rate',
			label: { zh: '语速适中', en: 'Speech rate 110–190 words/min' },
			weight: 5,
			critical: false,
			rule: { kind: 'speech_rate', min_cpm: 110, max_cpm: 190, min_chars: 6, unit: 'words' }
		},
		{
			id: 'closing',
			label: { zh: '标准结束语', en: 'Standard closing' },
			weight: 10,
			critical: false,
			applies_when: { transferred: false },
			rule: {
				kind: 'phrase_required',
				phrases: [
					'anything else i can help you with|anything else i can do for you|is there anything else|thank you for calling|have a great day|have a nice day|have a good day|goodbye|bye'
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

export const DEFAULT_RUBRIC_EN: Rubric = validateRubric(DEFAULT_RUBRIC_EN_JSON);
