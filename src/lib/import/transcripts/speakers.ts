// Speaker label → agent/customer/system, by a rule the user sees in the import report and can change:
// 'label' (a dictionary of role words), 'channel' (which audio channel is the agent) or 'first_speaker'.
import type { Speaker } from '../types';
import { UNKNOWN_SPEAKER, type ParsedTranscript } from './types';

export type SpeakerRule = 'label' | 'channel' | 'first_speaker';

export interface SpeakerMapping {
	rule: SpeakerRule;
	map: { label: string; role: Speaker }[];
}

// Keys are compared lower-cased with brackets and surrounding spaces removed ("[SPEAKER 1]" → "speaker 1").
const DICTIONARY: Record<string, Speaker> = {
	agent: 'agent',
	客服: 'agent',
	坐席: 'agent',
	座席: 'agent',
	客服人员: 'agent',
	话务员: 'agent',
	helpdesk: 'agent',
	sys: 'agent',
	staff: 'agent',
	representative: 'agent',
	rep: 'agent',
	operator: 'agent',
	advisor: 'agent',
	// MobileCS convention: [SPEAKER 1] is the customer-service side, [SPEAKER 2] the user.
	'speaker 1': 'agent',
	customer: 'customer',
	客户: 'customer',
	用户: 'customer',
	顾客: 'customer',
	来电: 'customer',
	user: 'customer',
	caller: 'customer',
	client: 'customer',
	'speaker 2': 'customer',
	// A source that names nobody: treated as the customer so agent-side checks never get credit for words
	// we cannot attribute; the report shows it and the user can override it.
	[UNKNOWN_SPEAKER]: 'customer',
	system: 'system',
	action: 'system',
	bot: 'system',
	ivr: 'system',
	系统: 'system'
};

function normalise(label: string): string {
	return label
		.trim()
		.replace(/^\[(.*)\]$/, '$1')
		.trim()
		.toLowerCase();
}

export function roleFromLabel(label: string): Speaker | null {
	return DICTIONARY[normalise(label)] ?? null;
}

interface LabelInfo {
	label: string;
	channel: string | null;
}

function labelsInOrder(t: ParsedTranscript): LabelInfo[] {
	const seen = new Map<string, LabelInfo>();
	for (const c of t.calls)
		for (const s of c.segments) if (!seen.has(s.speaker_label)) seen.set(s.speaker_label, { label: s.speaker_label, channel: s.channel });
	return [...seen.values()];
}

function channelsOf(t: ParsedTranscript): string[] {
	const set = new Set<string>();
	for (const c of t.calls) for (const s of c.segments) if (s.channel !== null) set.add(s.channel);
	return [...set].sort();
}

/** The agent's channel when the user did not say: ch_0 (Amazon Transcribe's first channel) or the lowest one. */
export function defaultAgentChannel(channels: string[]): string | null {
	return channels.includes('ch_0') ? 'ch_0' : (channels[0] ?? null);
}

/**
 * Default rule: 'label' when every label is in the dictionary, else 'channel' when the segments come from
 * two or more channels, else 'first_speaker'. `overrides` win over any rule.
 */
export function mapSpeakers(
	t: ParsedTranscript,
	rule?: SpeakerRule,
	overrides: Record<string, Speaker> = {},
	agentChannel?: string
): SpeakerMapping {
	const labels = labelsInOrder(t);
	const channels = channelsOf(t);
	const chosen: SpeakerRule =
		rule ?? (labels.every((l) => roleFromLabel(l.label) !== null) ? 'label' : channels.length >= 2 ? 'channel' : 'first_speaker');
	const agentCh = agentChannel ?? defaultAgentChannel(channels);
	// first_speaker: a label is the agent when it opens the first call it appears in (system voices skipped).
	const opensACall = new Map<string, boolean>();
	for (const c of t.calls) {
		const opener = c.segments.find((s) => roleFromLabel(s.speaker_label) !== 'system')?.speaker_label;
		for (const s of c.segments) if (!opensACall.has(s.speaker_label)) opensACall.set(s.speaker_label, s.speaker_label === opener);
	}
	const map = labels.map(({ label, channel }) => {
		let role: Speaker;
		const known = roleFromLabel(label);
		if (label in overrides) role = overrides[label];
		else if (label === UNKNOWN_SPEAKER) role = 'customer';
		else if (chosen === 'label') role = known ?? 'customer';
		else if (known === 'system') role = 'system';
		else if (chosen === 'channel') role = channel !== null && channel === agentCh ? 'agent' : 'customer';
		else role = opensACall.get(label) ? 'agent' : 'customer';
		return { label, role };
	});
	return { rule: chosen, map };
}
