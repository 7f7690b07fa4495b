// Test data for reviews and what builds on them (appeals): a four-item rubric and call C1's automatic results
// under it (75: 30 of 40 points, the manual item n/a). Used by tests only.
import type { Db } from '../db/types';
import { validateRubric } from '../scoring/rubric';
import type { Result } from './review-sql';

export const ITEMS = [
	{ id: 'greeting', weight: 10, critical: false, kind: 'phrase_required' },
	{ id: 'banned', weight: 20, critical: true, kind: 'phrase_banned' },
	{ id: 'courtesy', weight: 10, critical: false, kind: 'courtesy' },
	{ id: 'manual', weight: 10, critical: false, kind: 'manual' }
];
const RULES: Record<string, Record<string, unknown>> = {
	phrase_required: { kind: 'phrase_required', phrases: ['您好'] },
	phrase_banned: { kind: 'phrase_banned', phrases: ['不会处理'] },
	courtesy: { kind: 'courtesy', phrases: ['请'], min_count: 1 },
	manual: { kind: 'manual' }
};
export function rubricOf(version: number, items = ITEMS) {
	return validateRubric({
		id: 'default-zh',
		version,
		name: 'test',
		language: 'zh',
		pass_mark: 80,
		items: items.map((it) => ({
			id: it.id,
			label: { zh: it.id, en: it.id },
			weight: it.weight,
			critical: it.critical,
			rule: RULES[it.kind]
		}))
	});
}
export const AUTO: [string, Result][] = [
	['greeting', 'fail'],
	['banned', 'pass'],
	['courtesy', 'pass'],
	['manual', 'na']
];

/** Findings and the automatic score (75: 30 of 40 points, the manual item n/a) of call C1 (or `callId`) under `version`. */
export async function scoreC1(db: Db, version: number, results: [string, Result][] = AUTO, callId = 'C1'): Promise<void> {
	const w = new Map(ITEMS.map((i) => [i.id, i.weight]));
	for (const [item, result] of results)
		await db.query(
			`INSERT INTO findings (call_id, rubric_id, rubric_version, item_id, result, points, max_points) VALUES (?, 'default-zh', ?, ?, ?, ?, ?)`,
			[
				callId,
				version,
				item,
				result,
				result === 'pass' ? w.get(item)! : result === 'fail' ? 0 : null,
				result === 'na' ? null : w.get(item)!
			]
		);
	await db.query(
		`INSERT INTO scores (call_id, rubric_id, rubric_version, score, passed, critical_failed) VALUES (?, 'default-zh', ?, 75, false, false)`,
		[callId, version]
	);
}
