// English messages of the scoring UI, spread into en.ts. Typed against scoring-zh.ts so a missing key fails the check.
import type { SCORING_ZH } from './scoring-zh';

export const SCORING_EN: Record<keyof typeof SCORING_ZH, string> = {
	'scoring.loading': 'Reading the rubric…',
	'scoring.scoring': 'Scoring… {n} calls',
	'scoring.scored': '{n} calls scored',
	'scoring.error': 'Scoring failed: {message}',
	'scoring.badge': 'Scores',
	'scoring.rubric': 'Rubric: {name} v{version}'
};
