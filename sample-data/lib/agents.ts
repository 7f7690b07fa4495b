import { Rng, clamp } from './random';

export interface QualityProfile {
	/** probability the call opens with the standard greeting */
	greeting: number;
	/** 0..1, low values produce calls with few courtesy words */
	courtesy: number;
	/** probability of interrupting the customer in a call */
	interrupt: number;
	/** probability of a banned phrase in a call */
	banned: number;
	/** 0..1, drives the resolved flag */
	resolution: number;
	/** probability of skipping identity verification where it is required */
	skipIdentity: number;
	/** probability of an unauthorised promise */
	promise: number;
	/** probability of reading out customer data */
	pii: number;
	/** probability of leaving dead air / replying slowly */
	slow: number;
	/** probability of speaking too fast in a turn */
	fast: number;
	/** probability of forgetting the closing */
	noClosing: number;
}

export interface Agent {
	id: string;
	name: string;
	team: Team;
	/** hidden, drives behaviour; exported only in ground-truth.json */
	profile: QualityProfile;
	archetype: 'star' | 'solid' | 'average' | 'rushed' | 'rude';
}

export const TEAMS = ['账务组', '售后组', '投诉专席', '在线组'] as const;
export type Team = (typeof TEAMS)[number];

const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'黄',
	'赵',
	'吴',
	'周',
	'徐',
	'孙',
	'马',
	'朱',
	'胡',
	'郭',
	'何',
	'林',
	'罗',
	'高',
	'郑',
	'梁',
	'谢',
	'宋',
	'唐',
	'韩'
];
const GIVEN = [
	'静',
	'丽',
	'敏',
	'婷',
	'雪',
	'芳',
	'娜',
	'晨',
	'磊',
	'洋',
	'强',
	'军',
	'杰',
	'涛',
	'超',
	'颖',
	'倩',
	'琳',
	'欣怡',
	'雨桐',
	'子涵',
	'思远',
	'浩然',
	'佳琪',
	'晓燕',
	'俊杰',
	'梦瑶',
	'志强',
	'海燕',
	'文博',
	'嘉怡',
	'宇航'
];

const TEAM_SIZES: Record<Team, number> = { 账务组: 8, 售后组: 8, 投诉专席: 4, 在线组: 4 };

function profileFor(rng: Rng, archetype: Agent['archetype']): QualityProfile {
	const j = (x: number, sd: number) => clamp(x + rng.normal(0, sd), 0, 1);
	switch (archetype) {
		case 'star':
			return {
				greeting: j(0.98, 0.01),
				courtesy: j(0.97, 0.02),
				interrupt: j(0.02, 0.01),
				banned: 0,
				resolution: j(0.92, 0.02),
				skipIdentity: j(0.02, 0.01),
				promise: 0,
				pii: 0,
				slow: j(0.03, 0.01),
				fast: j(0.02, 0.01),
				noClosing: j(0.02, 0.01)
			};
		case 'solid':
			return {
				greeting: j(0.93, 0.02),
				courtesy: j(0.9, 0.04),
				interrupt: j(0.06, 0.02),
				banned: j(0.01, 0.005),
				resolution: j(0.84, 0.03),
				skipIdentity: j(0.06, 0.02),
				promise: j(0.01, 0.005),
				pii: j(0.01, 0.005),
				slow: j(0.06, 0.02),
				fast: j(0.04, 0.02),
				noClosing: j(0.05, 0.02)
			};
		case 'average':
			return {
				greeting: j(0.85, 0.03),
				courtesy: j(0.8, 0.05),
				interrupt: j(0.12, 0.03),
				banned: j(0.03, 0.01),
				resolution: j(0.78, 0.03),
				skipIdentity: j(0.12, 0.03),
				promise: j(0.03, 0.01),
				pii: j(0.02, 0.01),
				slow: j(0.1, 0.03),
				fast: j(0.06, 0.02),
				noClosing: j(0.1, 0.03)
			};
		case 'rushed':
			return {
				greeting: j(0.7, 0.05),
				courtesy: j(0.65, 0.05),
				interrupt: j(0.3, 0.05),
				banned: j(0.05, 0.02),
				resolution: j(0.72, 0.03),
				skipIdentity: j(0.3, 0.05),
				promise: j(0.08, 0.02),
				pii: j(0.05, 0.02),
				slow: j(0.05, 0.02),
				fast: j(0.3, 0.05),
				noClosing: j(0.25, 0.05)
			};
		case 'rude':
			return {
				greeting: j(0.65, 0.05),
				courtesy: j(0.4, 0.05),
				interrupt: j(0.35, 0.05),
				banned: j(0.15, 0.03),
				resolution: j(0.66, 0.03),
				skipIdentity: j(0.2, 0.05),
				promise: j(0.05, 0.02),
				pii: j(0.04, 0.02),
				slow: j(0.2, 0.04),
				fast: j(0.08, 0.02),
				noClosing: j(0.3, 0.05)
			};
	}
}

export function makeAgents(rng: Rng): Agent[] {
	const agents: Agent[] = [];
	const used = new Set<string>();
	let n = 1001;
	for (const team of TEAMS) {
		const size = TEAM_SIZES[team];
		// a fixed archetype mix per team so every team has good and weak agents
		const mix: Agent['archetype'][] = (
			['star', 'solid', 'solid', 'average', 'average', 'rushed', 'rude', 'average'] as Agent['archetype'][]
		).slice(0, size);
		if (size === 4) mix.splice(0, 4, 'star', 'solid', 'average', 'rude');
		rng.shuffle(mix);
		for (const archetype of mix) {
			let name: string;
			do name = rng.pick(SURNAMES) + rng.pick(GIVEN);
			while (used.has(name));
			used.add(name);
			agents.push({ id: `A${n++}`, name, team, archetype, profile: profileFor(rng, archetype) });
		}
	}
	return agents;
}
