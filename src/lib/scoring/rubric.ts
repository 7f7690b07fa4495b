// The rubric as data (DESIGN §5): its types and `validateRubric`, which turns untrusted JSON (an import, the
// editor) into a Rubric with defaults filled in, or throws naming the JSON path of the first problem.
// It does not score anything: compile.ts turns a valid rubric into SQL.
import { DEFAULT_EQUIVALENTS, DEFAULT_FILLERS } from './phrase-pattern';

export type Language = 'zh' | 'en';
export type Speaker = 'agent' | 'customer' | 'any';

export interface Window {
	/** only the first n turns of the speaker */
	first_turns?: number;
	/** only the last n turns of the speaker */
	last_turns?: number;
	/** only turns starting within the first n seconds of the call (ignored on untimed chats) */
	first_s?: number;
	/** only turns ending within the last n seconds of the call (ignored on untimed chats) */
	last_s?: number;
}

export interface PhraseRequiredRule {
	kind: 'phrase_required';
	/** Each entry is one requirement; `a|b` inside an entry lists alternatives. `{company}` etc. are substituted. */
	phrases: string[];
	/** 'any' (default): one entry is enough; 'all': every entry must be found in the window. */
	match: 'any' | 'all';
	speaker: Speaker;
	window?: Window;
	/**
	 * The similarity a match needs: 1 − slips / units of an ordered match of the phrase in a turn (fillers between
	 * its words and words of the rubric's equivalence classes allowed; at most one slip). 1 = no slip.
	 */
	fuzzy: number;
	/** Phrasings the centre accepts for this item (taught from near misses): any one found passes the item. */
	accepted: string[];
}

/** When a banned phrase is said but is not what the rule is about (如果您不知道原来的密码 …). */
export interface BannedException {
	/** the banned phrase it applies to; '*' = every phrase of the rule */
	phrase: string;
	/** excused when one of these comes before the phrase in the same clause (您, 如果, 是否: another subject, a condition) */
	preceded_by: string[];
	/** excused when one of these follows the phrase directly (不知道您… is a polite question) */
	followed_by: string[];
	/** excused when the clause is a question (ends in ？ or 吗/呢) */
	in_question: boolean;
}

export interface PhraseBannedRule {
	kind: 'phrase_banned';
	phrases: string[];
	/** RE2 regular expressions, matched against the normalised text */
	patterns: string[];
	speaker: Speaker;
	exceptions: BannedException[];
}

export interface InterruptionRule {
	kind: 'interruption';
	min_overlap_s: number;
	/** the interrupting turn must have at least this many characters (zh) / letters+digits (en) after normalisation */
	min_chars: number;
	/** a turn made only of these words never counts */
	backchannels: string[];
	/** more than this many interruptions fails */
	max_count: number;
	/** stricter maximum on complaint calls (category 投诉/complaint, or a complaint linked to the call) */
	max_count_complaint: number;
}

export type ResponseMeasure = 'ring' | 'reply' | 'silence';
export interface ResponseTimeRule {
	kind: 'response_time';
	/** ring: calls.ring_s; reply: customer turn end → next agent turn start; silence: gaps with nobody speaking */
	measure: ResponseMeasure;
	max_ring_s?: number;
	max_reply_s?: number;
	max_silence_s?: number;
	/** silence right after an agent turn containing one of these is a hold, not dead air */
	hold_phrases?: string[];
}

export interface CourtesyRule {
	kind: 'courtesy';
	/** the courtesy words or phrases counted (请, 您, 谢谢 …) */
	phrases: string[];
	min_count: number;
	speaker: Speaker;
}

export interface SpeechRateRule {
	kind: 'speech_rate';
	/** characters per minute (zh) or words per minute (en), per turn */
	min_cpm: number;
	max_cpm: number;
	/** turns shorter than this (chars or words) are not judged */
	min_chars: number;
	unit: 'chars' | 'words';
}

export interface PiiPattern {
	name: string;
	/** RE2 regular expression over the normalised text (digits half-width, letters lower-case, no spaces) */
	regex: string;
}
export interface PiiRule {
	kind: 'pii_disclosure';
	patterns: PiiPattern[];
	speaker: Speaker;
}

export const METRIC_FIELDS = ['ring_s', 'talk_s', 'hold_s', 'wrap_s', 'csat'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];
export const METRIC_OPS = ['<', '<=', '>', '>=', '=', '!='] as const;
export type MetricOp = (typeof METRIC_OPS)[number];
export interface MetricRule {
	kind: 'metric';
	field: MetricField;
	/** the call passes when `field op value` holds; a NULL field makes the item n/a */
	op: MetricOp;
	value: number;
}

export interface ManualRule {
	kind: 'manual';
}

export type Rule =
	| PhraseRequiredRule
	| PhraseBannedRule
	| InterruptionRule
	| ResponseTimeRule
	| CourtesyRule
	| SpeechRateRule
	| PiiRule
	| MetricRule
	| ManualRule;
export type RuleKind = Rule['kind'];

export interface AppliesWhen {
	channel?: string[];
	is_complaint?: boolean;
	categories?: string[];
	has_transcript?: boolean;
	direction?: string[];
	transferred?: boolean;
}

export interface Item {
	id: string;
	label: { zh: string; en: string };
	weight: number;
	critical: boolean;
	applies_when?: AppliesWhen;
	rule: Rule;
}

/** How required phrases match (phrase-pattern.ts): rubric-wide, editable. */
export interface Matching {
	/** words that stand for each other in a required phrase (帮 = 帮助 = 帮到) */
	equivalents: string[][];
	/** fillers, honorifics and particles that may come between a phrase's words (嗯, 那个, 先生) */
	fillers: string[];
}

export interface Rubric {
	id: string;
	version: number;
	name: string;
	language: Language;
	pass_mark: number;
	variables: Record<string, string>;
	matching: Matching;
	items: Item[];
}

export class RubricError extends Error {
	constructor(
		readonly path: string,
		message: string
	) {
		super(`${path}: ${message}`);
		this.name = 'RubricError';
	}
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function obj(v: unknown, path: string): Obj {
	if (!isObj(v)) throw new RubricError(path, 'must be an object');
	return v;
}
function str(v: unknown, path: string, { empty = false } = {}): string {
	if (typeof v !== 'string') throw new RubricError(path, 'must be a string');
	if (!empty && v.trim() === '') throw new RubricError(path, 'must not be empty');
	return v;
}
function num(v: unknown, path: string, def?: number, { min = -Infinity, max = Infinity, int = false } = {}): number {
	if (v === undefined && def !== undefined) return def;
	if (typeof v !== 'number' || !Number.isFinite(v)) throw new RubricError(path, 'must be a number');
	if (v < min || v > max) throw new RubricError(path, `must be between ${min} and ${max}`);
	if (int && !Number.isInteger(v)) throw new RubricError(path, 'must be a whole number');
	return v;
}
function bool(v: unknown, path: string, def?: boolean): boolean {
	if (v === undefined && def !== undefined) return def;
	if (typeof v !== 'boolean') throw new RubricError(path, 'must be true or false');
	return v;
}
function strList(v: unknown, path: string, { def, nonEmpty = false }: { def?: string[]; nonEmpty?: boolean } = {}): string[] {
	if (v === undefined && def !== undefined) return def;
	if (!Array.isArray(v)) throw new RubricError(path, 'must be an array of strings');
	if (nonEmpty && v.length === 0) throw new RubricError(path, 'must list at least one entry');
	return v.map((x, i) => str(x, `${path}[${i}]`));
}
function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[], def?: T): T {
	if (v === undefined && def !== undefined) return def;
	if (typeof v !== 'string' || !allowed.includes(v as T)) throw new RubricError(path, `must be one of ${allowed.join(', ')}`);
	return v as T;
}
function regex(v: unknown, path: string): string {
	const s = str(v, path);
	try {
		// RE2 (DuckDB) and JS agree on the common subset; this catches obvious mistakes before the SQL runs.
		new RegExp(s, 'u');
	} catch (e) {
		throw new RubricError(path, `is not a valid regular expression (${(e as Error).message})`);
	}
	return s;
}
function unknownKeys(o: Obj, path: string, allowed: string[]): void {
	for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new RubricError(`${path}.${k}`, 'is not a known field');
}

const SPEAKERS = ['agent', 'customer', 'any'] as const;
const KINDS: readonly RuleKind[] = [
	'phrase_required',
	'phrase_banned',
	'interruption',
	'response_time',
	'courtesy',
	'speech_rate',
	'pii_disclosure',
	'metric',
	'manual'
];

function validateWindow(v: unknown, path: string): Window | undefined {
	if (v === undefined) return undefined;
	const o = obj(v, path);
	unknownKeys(o, path, ['first_turns', 'last_turns', 'first_s', 'last_s']);
	const w: Window = {};
	for (const k of ['first_turns', 'last_turns'] as const)
		if (o[k] !== undefined) w[k] = num(o[k], `${path}.${k}`, undefined, { min: 1, int: true });
	for (const k of ['first_s', 'last_s'] as const) if (o[k] !== undefined) w[k] = num(o[k], `${path}.${k}`, undefined, { min: 0 });
	return w;
}

function validateRule(v: unknown, path: string, language: Language): Rule {
	const o = obj(v, path);
	const kind = oneOf(o.kind, `${path}.kind`, KINDS);
	const p = (k: string) => `${path}.${k}`;
	switch (kind) {
		case 'phrase_required': {
			unknownKeys(o, path, ['kind', 'phrases', 'match', 'speaker', 'window', 'fuzzy', 'accepted']);
			return {
				kind,
				phrases: strList(o.phrases, p('phrases'), { nonEmpty: true }),
				match: oneOf(o.match, p('match'), ['any', 'all'] as const, 'any'),
				speaker: oneOf(o.speaker, p('speaker'), SPEAKERS, 'agent'),
				window: validateWindow(o.window, p('window')),
				fuzzy: num(o.fuzzy, p('fuzzy'), 1, { min: 0.01, max: 1 }),
				accepted: strList(o.accepted, p('accepted'), { def: [] })
			};
		}
		case 'phrase_banned': {
			unknownKeys(o, path, ['kind', 'phrases', 'patterns', 'speaker', 'exceptions']);
			const phrases = strList(o.phrases, p('phrases'), { def: [] });
			const patterns = o.patterns === undefined ? [] : strList(o.patterns, p('patterns')).map((x, i) => regex(x, `${p('patterns')}[${i}]`));
			if (phrases.length + patterns.length === 0) throw new RubricError(p('phrases'), 'list at least one phrase or pattern');
			const exceptions = o.exceptions === undefined ? [] : validateExceptions(o.exceptions, p('exceptions'), phrases);
			return { kind, phrases, patterns, speaker: oneOf(o.speaker, p('speaker'), SPEAKERS, 'agent'), exceptions };
		}
		case 'interruption': {
			unknownKeys(o, path, ['kind', 'min_overlap_s', 'min_chars', 'backchannels', 'max_count', 'max_count_complaint']);
			const max = num(o.max_count, p('max_count'), 0, { min: 0, int: true });
			return {
				kind,
				min_overlap_s: num(o.min_overlap_s, p('min_overlap_s'), 1.0, { min: 0 }),
				min_chars: num(o.min_chars, p('min_chars'), language === 'zh' ? 4 : 3, { min: 0, int: true }),
				backchannels: strList(o.backchannels, p('backchannels'), {
					def:
						language === 'zh'
							? ['嗯', '嗯嗯', '对', '对对', '好的', '是的', '是', '好']
							: ['yeah', 'yes', 'ok', 'okay', 'mhm', 'uh huh', 'right', 'sure']
				}),
				max_count: max,
				max_count_complaint: num(o.max_count_complaint, p('max_count_complaint'), 0, { min: 0, int: true })
			};
		}
		case 'response_time': {
			unknownKeys(o, path, ['kind', 'measure', 'max_ring_s', 'max_reply_s', 'max_silence_s', 'hold_phrases']);
			const measure = oneOf(o.measure, p('measure'), ['ring', 'reply', 'silence'] as const);
			if (measure === 'ring') return { kind, measure, max_ring_s: num(o.max_ring_s, p('max_ring_s'), 15, { min: 0 }) };
			if (measure === 'reply') return { kind, measure, max_reply_s: num(o.max_reply_s, p('max_reply_s'), 5, { min: 0 }) };
			return {
				kind,
				measure,
				max_silence_s: num(o.max_silence_s, p('max_silence_s'), 8, { min: 0 }),
				hold_phrases: strList(o.hold_phrases, p('hold_phrases'), {
					def: language === 'zh' ? ['请稍等', '请您稍等', '稍等一下'] : ['please hold', 'one moment', 'bear with me']
				})
			};
		}
		case 'courtesy':
			// `words` was this list's first name; files saved with it still load.
			unknownKeys(o, path, ['kind', 'phrases', 'words', 'min_count', 'speaker']);
			return {
				kind,
				phrases:
					o.phrases === undefined && o.words !== undefined
						? strList(o.words, p('words'), { nonEmpty: true })
						: strList(o.phrases, p('phrases'), { nonEmpty: true }),
				min_count: num(o.min_count, p('min_count'), undefined, { min: 0, int: true }),
				speaker: oneOf(o.speaker, p('speaker'), SPEAKERS, 'agent')
			};
		case 'speech_rate': {
			unknownKeys(o, path, ['kind', 'min_cpm', 'max_cpm', 'min_chars', 'unit']);
			const min = num(o.min_cpm, p('min_cpm'), undefined, { min: 0 });
			const max = num(o.max_cpm, p('max_cpm'), undefined, { min: 0 });
			if (max <= min) throw new RubricError(p('max_cpm'), 'must be greater than min_cpm');
			return {
				kind,
				min_cpm: min,
				max_cpm: max,
				min_chars: num(o.min_chars, p('min_chars'), language === 'zh' ? 8 : 4, { min: 0, int: true }),
				unit: oneOf(o.unit, p('unit'), ['chars', 'words'] as const, language === 'zh' ? 'chars' : 'words')
			};
		}
		case 'pii_disclosure': {
			unknownKeys(o, path, ['kind', 'patterns', 'speaker']);
			if (!Array.isArray(o.patterns) || o.patterns.length === 0)
				throw new RubricError(p('patterns'), 'must list at least one {name, regex}');
			const patterns = o.patterns.map((x, i) => {
				const q = obj(x, `${p('patterns')}[${i}]`);
				unknownKeys(q, `${p('patterns')}[${i}]`, ['name', 'regex']);
				return { name: str(q.name, `${p('patterns')}[${i}].name`), regex: regex(q.regex, `${p('patterns')}[${i}].regex`) };
			});
			return { kind, patterns, speaker: oneOf(o.speaker, p('speaker'), SPEAKERS, 'agent') };
		}
		case 'metric':
			unknownKeys(o, path, ['kind', 'field', 'op', 'value']);
			return {
				kind,
				field: oneOf(o.field, p('field'), METRIC_FIELDS),
				op: oneOf(o.op, p('op'), METRIC_OPS),
				value: num(o.value, p('value'))
			};
		case 'manual':
			unknownKeys(o, path, ['kind']);
			return { kind };
	}
}

function validateExceptions(v: unknown, path: string, phrases: string[]): BannedException[] {
	if (!Array.isArray(v)) throw new RubricError(path, 'must be an array of {phrase, preceded_by, followed_by, in_question}');
	return v.map((x, i) => {
		const at = `${path}[${i}]`;
		const e = obj(x, at);
		unknownKeys(e, at, ['phrase', 'preceded_by', 'followed_by', 'in_question']);
		const phrase = str(e.phrase, `${at}.phrase`);
		if (phrase !== '*' && !phrases.includes(phrase))
			throw new RubricError(`${at}.phrase`, `"${phrase}" is not one of the rule's phrases (or '*' for all)`);
		const ex: BannedException = {
			phrase,
			preceded_by: strList(e.preceded_by, `${at}.preceded_by`, { def: [] }),
			followed_by: strList(e.followed_by, `${at}.followed_by`, { def: [] }),
			in_question: bool(e.in_question, `${at}.in_question`, false)
		};
		if (ex.preceded_by.length + ex.followed_by.length === 0 && !ex.in_question)
			throw new RubricError(at, 'needs preceded_by, followed_by or in_question');
		return ex;
	});
}

function validateMatching(v: unknown, language: Language): Matching {
	if (v === undefined) return { equivalents: DEFAULT_EQUIVALENTS[language].map((c) => [...c]), fillers: [...DEFAULT_FILLERS[language]] };
	const o = obj(v, '$.matching');
	unknownKeys(o, '$.matching', ['equivalents', 'fillers']);
	const equivalents =
		o.equivalents === undefined
			? DEFAULT_EQUIVALENTS[language].map((c) => [...c])
			: (() => {
					if (!Array.isArray(o.equivalents)) throw new RubricError('$.matching.equivalents', 'must be an array of word lists');
					return o.equivalents.map((c, i) => {
						const words = strList(c, `$.matching.equivalents[${i}]`);
						if (words.length < 2) throw new RubricError(`$.matching.equivalents[${i}]`, 'a class needs at least two words');
						return words;
					});
				})();
	return { equivalents, fillers: strList(o.fillers, '$.matching.fillers', { def: [...DEFAULT_FILLERS[language]] }) };
}

function validateApplies(v: unknown, path: string): AppliesWhen | undefined {
	if (v === undefined) return undefined;
	const o = obj(v, path);
	unknownKeys(o, path, ['channel', 'is_complaint', 'categories', 'has_transcript', 'direction', 'transferred']);
	const a: AppliesWhen = {};
	for (const k of ['channel', 'categories', 'direction'] as const)
		if (o[k] !== undefined) a[k] = strList(o[k], `${path}.${k}`, { nonEmpty: true });
	for (const k of ['is_complaint', 'has_transcript', 'transferred'] as const) if (o[k] !== undefined) a[k] = bool(o[k], `${path}.${k}`);
	return a;
}

/** `{company}`; a regex quantifier such as `\\d{17}` is not a variable. */
const VAR_RE = /\{([A-Za-z_]\w*)\}/g;
const ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;

/** Checks untrusted JSON and returns a Rubric with every default filled in. Throws RubricError(path, …). */
export function validateRubric(json: unknown): Rubric {
	const o = obj(json, '$');
	unknownKeys(o, '$', ['id', 'version', 'name', 'language', 'pass_mark', 'variables', 'matching', 'items']);
	const id = str(o.id, '$.id');
	if (!ID_RE.test(id)) throw new RubricError('$.id', 'may use only letters, digits, _ . - (at most 64)');
	const language = oneOf(o.language, '$.language', ['zh', 'en'] as const);
	const variables: Record<string, string> = {};
	if (o.variables !== undefined)
		for (const [k, v] of Object.entries(obj(o.variables, '$.variables'))) variables[k] = str(v, `$.variables.${k}`);
	if (!Array.isArray(o.items) || o.items.length === 0) throw new RubricError('$.items', 'must be a non-empty array');
	const seen = new Set<string>();
	const items = o.items.map((raw, i): Item => {
		const path = `$.items[${i}]`;
		const it = obj(raw, path);
		unknownKeys(it, path, ['id', 'label', 'weight', 'critical', 'applies_when', 'rule']);
		const itemId = str(it.id, `${path}.id`);
		if (!ID_RE.test(itemId)) throw new RubricError(`${path}.id`, 'may use only letters, digits, _ . - (at most 64)');
		if (seen.has(itemId)) throw new RubricError(`${path}.id`, `duplicate item id "${itemId}"`);
		seen.add(itemId);
		const label = obj(it.label, `${path}.label`);
		const rule = validateRule(it.rule, `${path}.rule`, language);
		for (const text of ruleTexts(rule))
			for (const m of text.matchAll(VAR_RE))
				if (!(m[1] in variables)) throw new RubricError(`${path}.rule`, `uses {${m[1]}} but $.variables.${m[1]} is not set`);
		return {
			id: itemId,
			label: { zh: str(label.zh, `${path}.label.zh`), en: str(label.en, `${path}.label.en`) },
			weight: num(it.weight, `${path}.weight`, undefined, { min: 0 }),
			critical: bool(it.critical, `${path}.critical`, false),
			applies_when: validateApplies(it.applies_when, `${path}.applies_when`),
			rule
		};
	});
	return {
		id,
		version: num(o.version, '$.version', undefined, { min: 1, int: true }),
		name: str(o.name, '$.name'),
		language,
		pass_mark: num(o.pass_mark, '$.pass_mark', 80, { min: 0, max: 100 }),
		variables,
		matching: validateMatching(o.matching, language),
		items
	};
}

/** Every phrase-like string of a rule (where `{variables}` may appear). */
export function ruleTexts(rule: Rule): string[] {
	switch (rule.kind) {
		case 'phrase_required':
			return [...rule.phrases, ...rule.accepted];
		case 'phrase_banned':
			return [...rule.phrases, ...rule.patterns];
		case 'courtesy':
			return rule.phrases;
		case 'interruption':
			return rule.backchannels;
		case 'response_time':
			return rule.hold_phrases ?? [];
		default:
			return [];
	}
}

/** Replaces `{name}` with the rubric's variable (validateRubric guarantees every one is set). */
export function substitute(text: string, variables: Record<string, string>): string {
	return text.replace(VAR_RE, (m, k: string) => variables[k] ?? m);
}
