// How far a group of inspectors agree when they judge the same things (each call's item is one "subject"; each
// inspector gives it one of pass / fail / n/a). Two figures, each defined once here:
//   percent agreement  over subjects with at least two answers, the share of pairs of inspectors who gave the same
//                      answer, averaged over those subjects;
//   Fleiss' kappa      that agreement corrected for the agreement expected by chance from how often each answer was
//                      given overall: (P̄ − Pₑ) / (1 − Pₑ). 1 is full agreement, 0 what chance gives, below 0 worse.
//                      Undefined (null) when every answer is the same category (Pₑ = 1): nothing to correct for.
// Subjects may have different numbers of answers (an inspector skipped one); those with fewer than two are left out.
// Pure TS; used by calibration-sql.ts and shown on the session page with this definition.

export type Answer = 'pass' | 'fail' | 'na';
export const ANSWERS: readonly Answer[] = ['pass', 'fail', 'na'];

export interface Agreement {
	/** subjects counted (two answers or more) */
	subjects: number;
	percent: number | null;
	kappa: number | null;
}

/** `subjects`: for each subject, the answers given to it (one per inspector). */
export function agreement(subjects: readonly (readonly Answer[])[]): Agreement {
	const rated = subjects.filter((s) => s.length >= 2);
	if (rated.length === 0) return { subjects: 0, percent: null, kappa: null };
	const totals = new Map<Answer, number>();
	let answers = 0;
	let sumP = 0;
	for (const s of rated) {
		const counts = new Map<Answer, number>();
		for (const a of s) counts.set(a, (counts.get(a) ?? 0) + 1);
		const n = s.length;
		let agreeingPairs = 0;
		for (const [a, c] of counts) {
			agreeingPairs += c * (c - 1);
			totals.set(a, (totals.get(a) ?? 0) + c);
		}
		sumP += agreeingPairs / (n * (n - 1));
		answers += n;
	}
	const pBar = sumP / rated.length;
	let pE = 0;
	for (const c of totals.values()) pE += (c / answers) ** 2;
	return { subjects: rated.length, percent: pBar, kappa: pE >= 1 - 1e-12 ? null : (pBar - pE) / (1 - pE) };
}
