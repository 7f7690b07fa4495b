// The agreement figures a lead reads after a calibration: percent agreement and Fleiss' kappa, checked against
// hand-worked and published values.
import { describe, expect, it } from 'vitest';
import { agreement, type Answer } from './agreement';

describe('agreement between inspectors', () => {
	it('is full when everyone gives the same answers, and kappa is 1 when more than one answer occurs', () => {
		const r = agreement([
			['pass', 'pass', 'pass'],
			['fail', 'fail', 'fail']
		]);
		expect(r).toEqual({ subjects: 2, percent: 1, kappa: 1 });
	});

	it('has no kappa when every answer is the same (nothing for chance to explain)', () => {
		expect(
			agreement([
				['pass', 'pass'],
				['pass', 'pass']
			])
		).toEqual({ subjects: 2, percent: 1, kappa: null });
	});

	it('matches a hand-worked case', () => {
		// Subject 1: 2 pass 1 fail → 2 agreeing pairs of 6 (ordered); subject 2: 3 fail → 6 of 6.
		// P̄ = (1/3 + 1) / 2 = 2/3; answers: 2 pass, 4 fail → Pₑ = (1/3)² + (2/3)² = 5/9; κ = (2/3 − 5/9) / (4/9) = 1/4.
		const r = agreement([
			['pass', 'pass', 'fail'],
			['fail', 'fail', 'fail']
		]);
		expect(r.percent).toBeCloseTo(2 / 3, 12);
		expect(r.kappa).toBeCloseTo(0.25, 12);
	});

	it('matches the worked example of Fleiss (1971) as given on Wikipedia: 10 subjects, 14 raters, κ ≈ 0.210', () => {
		// Counts per subject over 5 categories; categories beyond three are mapped onto distinct labels.
		const table = [
			[0, 0, 0, 0, 14],
			[0, 2, 6, 4, 2],
			[0, 0, 3, 5, 6],
			[0, 3, 9, 2, 0],
			[2, 2, 8, 1, 1],
			[7, 7, 0, 0, 0],
			[3, 2, 6, 3, 0],
			[2, 5, 3, 2, 2],
			[6, 5, 2, 1, 0],
			[0, 2, 2, 3, 7]
		];
		const labels = ['pass', 'fail', 'na', 'c4', 'c5'] as unknown as Answer[];
		const subjects = table.map((row) => row.flatMap((n, j) => Array<Answer>(n).fill(labels[j])));
		expect(agreement(subjects).kappa).toBeCloseTo(0.21, 2);
	});

	it('leaves out subjects with fewer than two answers, and is missing (not 0) with none', () => {
		expect(agreement([['pass']])).toEqual({ subjects: 0, percent: null, kappa: null });
		expect(agreement([['pass'], ['pass', 'fail']])).toMatchObject({ subjects: 1, percent: 0 });
	});
});
