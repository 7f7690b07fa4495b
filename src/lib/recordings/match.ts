// Ties a recording file to its call by name, and reads which side of the call a file or channel holds from
// hints in the name (`_agent`, `_caller`, `ch1agent_ch2caller`). Plain TS, no DOM; the importer adds the
// calls.recording lookup in SQL (import-recording.ts).

export type Role = 'agent' | 'customer';

/** What a file name says about roles: one side for the whole file, or one role per channel. */
export type RoleHint = { kind: 'file'; role: Role } | { kind: 'channels'; roles: Role[] };

export function baseName(path: string): string {
	return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function stemOf(path: string): string {
	const base = baseName(path);
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(0, dot) : base;
}

const ROLE_WORDS: Record<string, Role> = {
	agent: 'agent',
	agt: 'agent',
	rep: 'agent',
	caller: 'customer',
	customer: 'customer',
	cust: 'customer',
	client: 'customer'
};

/** Tokens that describe the audio, not the call: they may follow a role word at the end of a name. */
// Bare numbers are not technical: they are usually part of the call id (`C20260803-000123`).
const TECHNICAL =
	/^(mono|stereo|(mono|stereo)?\d+(k|khz|hz)|8000|11025|16000|22050|32000|44100|48000|\d+bit|pcm|ulaw|alaw|left|right|ch\d|channel\d?|track\d?)$/i;
const CHANNEL_ROLE = /^ch(?:annel)?(\d)(agent|agt|caller|customer|cust|client)$/i;

function tokens(stem: string): string[] {
	return stem.split(/[_\-. ]+/).filter(Boolean);
}

/**
 * The role hint in a file name. A role word counts only when nothing but technical tokens follow it
 * (`…_agent_8k_mono`), so naming schemes that use AGENT as a field label (Amazon PCA:
 * `…_AGENT_ChrisL_DT_2025-02-19…`) are not read as "agent-only audio".
 */
export function roleHintFromFileName(fileName: string): RoleHint | null {
	const t = tokens(stemOf(fileName));
	const channelRoles: Role[] = [];
	for (const tok of t) {
		const m = CHANNEL_ROLE.exec(tok);
		if (m) channelRoles[Number(m[1]) - 1] = ROLE_WORDS[m[2].toLowerCase()];
	}
	if (channelRoles.length > 0 && channelRoles.every(Boolean)) return { kind: 'channels', roles: channelRoles };
	for (let i = t.length - 1; i >= 0; i--) {
		const role = ROLE_WORDS[t[i].toLowerCase()];
		if (role) return { kind: 'file', role };
		if (!TECHNICAL.test(t[i])) return null;
	}
	return null;
}

/**
 * The name without extension, role hint and trailing technical tokens: the call key shared by a split
 * pair (`x_agent_8k.wav` and `x_caller_8k.wav` → `x`). Falls back to the plain stem when stripping would
 * leave nothing.
 */
export function callKeyFromStem(fileName: string): string {
	const stem = stemOf(fileName);
	const parts = stem.split(/([_\-. ]+)/); // keep separators so the rest of the name is unchanged
	let end = parts.length;
	let strippedRole = false;
	while (end > 0) {
		const tok = parts[end - 1];
		if (tok === '' || /^[_\-. ]+$/.test(tok)) {
			end--;
			continue;
		}
		if (TECHNICAL.test(tok) || CHANNEL_ROLE.test(tok) || (ROLE_WORDS[tok.toLowerCase()] && !strippedRole)) {
			if (ROLE_WORDS[tok.toLowerCase()]) strippedRole = true;
			end--;
			continue;
		}
		break;
	}
	const key = parts.slice(0, end).join('');
	return key || stem;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => c.toLowerCase() !== c.toUpperCase();
const sameClass = (a: string, b: string) => (isDigit(a) && isDigit(b)) || (isLetter(a) && isLetter(b));

/**
 * True when `id` occurs in `name` as a whole token: the characters either side are separators or of a
 * different class (letter next to digit), so call id `12` is not found in `rec_2012_0412.wav` but
 * `12345` is found in `call12345.wav`. Case-insensitive.
 */
export function containsId(name: string, id: string): boolean {
	if (!id) return false;
	const hay = name.toLowerCase();
	const needle = id.toLowerCase();
	for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
		const before = at > 0 ? hay[at - 1] : '';
		const after = at + needle.length < hay.length ? hay[at + needle.length] : '';
		if ((before === '' || !sameClass(before, needle[0])) && (after === '' || !sameClass(after, needle[needle.length - 1]))) return true;
	}
	return false;
}

/** The longest of `candidates` that occurs in `fileName` as a whole token, or null. */
export function longestContainedId(fileName: string, candidates: Iterable<string>): string | null {
	const stem = stemOf(fileName);
	let best: string | null = null;
	for (const id of candidates) if ((best === null || id.length > best.length) && containsId(stem, id)) best = id;
	return best;
}

/**
 * The call a recording belongs to, by name: the exact stem when it is a known call id, else the longest
 * known call id inside the name (`rec_C20260803-000123_agent.wav`), else the call key of the name (stem
 * without role and technical suffixes, so an agent/caller pair share one id until the call log arrives).
 * The importer checks `calls.recording = file name` in SQL before the substring rule.
 */
export function callIdFromFileName(fileName: string, knownCallIds?: ReadonlySet<string>): string {
	const stem = stemOf(fileName);
	if (knownCallIds?.has(stem)) return stem;
	if (knownCallIds && knownCallIds.size > 0) {
		const found = longestContainedId(fileName, knownCallIds);
		if (found) return found;
	}
	return callKeyFromStem(fileName);
}

/**
 * Which channel holds whom, as stored in recordings.channel_map: 'agent,customer' for stereo (channel 1
 * agent, the usual contact-centre layout, or the centre's setting `agentChannel`) unless the name says
 * otherwise (`ch1caller_ch2agent`); 'mixed' for
 * mono, or 'agent' / 'customer' when the name says the file holds one side only.
 */
export function defaultChannelMap(channels: number, name: string, agentChannel: 'left' | 'right' = 'left'): string {
	const hint = roleHintFromFileName(name);
	if (channels <= 1) return hint?.kind === 'file' ? hint.role : 'mixed';
	const fallback = agentChannel === 'right' ? ['customer', 'agent'] : ['agent', 'customer'];
	const roles: string[] = hint?.kind === 'channels' && hint.roles.length <= channels ? [...hint.roles] : fallback;
	while (roles.length < channels) roles.push('other');
	return roles.slice(0, channels).join(',');
}
