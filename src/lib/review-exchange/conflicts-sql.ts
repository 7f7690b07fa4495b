// The conflicts an import of reviews left (exchange-sql.ts keeps a differing review aside for a decision): the paged
// list with both versions, what differs between them, and the decision, one conflict or all. Every write ends with
// db.checkpoint().
import type { Db, Param, Statement } from '../db/types';
import { PAGE_SIZE } from './exchange-sql';
import { KEY, TS } from './review-key-sql';

export interface ReviewVersion {
	inspector: string | null;
	status: 'draft' | 'submitted';
	score: number | null;
	submitted_at: string | null;
	updated_at: string;
	overrides: { item_id: string; override_result: string; reason: string }[];
}

export interface Conflict {
	conflict_id: string;
	call_id: string;
	rubric_id: string;
	rubric_version: number;
	source_file: string;
	agent_name: string | null;
	/** the workspace's review; null if it was deleted since */
	mine: ReviewVersion | null;
	theirs: ReviewVersion;
}

export interface ConflictPage {
	rows: Conflict[];
	total: number;
	page: number;
	pages: number;
}

export async function listConflicts(db: Db, page: number): Promise<ConflictPage> {
	const { rows: cnt } = await db.query<{ n: number }>('SELECT count(*) AS n FROM review_conflicts');
	const total = Number(cnt[0]?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	type Flat = Pick<Conflict, 'conflict_id' | 'call_id' | 'rubric_id' | 'rubric_version' | 'source_file' | 'agent_name'> &
		Record<string, unknown>;
	const { rows } = await db.query<Flat>(
		`SELECT x.conflict_id, x.call_id, x.rubric_id, x.rubric_version, x.source_file, c.agent_name,
			x.inspector AS t_inspector, x.status AS t_status, x.score AS t_score, ${TS('x.submitted_at', 't_submitted_at')}, ${TS('x.updated_at', 't_updated_at')},
			r.call_id IS NOT NULL AS has_mine, r.inspector AS m_inspector, r.status AS m_status, r.score AS m_score,
			${TS('r.submitted_at', 'm_submitted_at')}, ${TS('r.updated_at', 'm_updated_at')}
		FROM review_conflicts x LEFT JOIN reviews r ON ${KEY('r', 'x')} LEFT JOIN calls c ON c.call_id = x.call_id
		ORDER BY x.call_id, x.imported_at, x.source_file, x.conflict_id
		LIMIT ${PAGE_SIZE} OFFSET ?`,
		[(p - 1) * PAGE_SIZE]
	);
	const ids = rows.map((r) => r.conflict_id);
	type Item = { conflict_id: string; side: 'm' | 't'; item_id: string; override_result: string; reason: string };
	const { rows: items } = ids.length
		? await db.query<Item>(
				`SELECT conflict_id, 't' AS side, item_id, override_result, reason FROM review_conflict_items WHERE conflict_id IN (${ids.map(() => '?').join(',')})
				UNION ALL
				SELECT x.conflict_id, 'm', i.item_id, i.override_result, i.reason FROM review_conflicts x JOIN review_items i ON ${KEY('i', 'x')}
				WHERE x.conflict_id IN (${ids.map(() => '?').join(',')})
				ORDER BY conflict_id, side, item_id`,
				[...ids, ...ids]
			)
		: { rows: [] as Item[] };
	const itemsOf = (id: string, side: 'm' | 't') =>
		items
			.filter((i) => i.conflict_id === id && i.side === side)
			.map(({ item_id, override_result, reason }) => ({ item_id, override_result, reason }));
	const version = (r: Flat, side: 'm' | 't'): ReviewVersion => ({
		inspector: r[`${side}_inspector`] as string | null,
		status: r[`${side}_status`] as ReviewVersion['status'],
		score: r[`${side}_score`] as number | null,
		submitted_at: r[`${side}_submitted_at`] as string | null,
		updated_at: r[`${side}_updated_at`] as string,
		overrides: itemsOf(r.conflict_id, side)
	});
	return {
		rows: rows.map((r) => ({
			conflict_id: r.conflict_id,
			call_id: r.call_id,
			rubric_id: r.rubric_id,
			rubric_version: Number(r.rubric_version),
			source_file: r.source_file,
			agent_name: r.agent_name,
			mine: r.has_mine ? version(r, 'm') : null,
			theirs: version(r, 't')
		})),
		total,
		page: p,
		pages
	};
}

export type Difference =
	| { field: 'inspector' | 'status' | 'score' | 'submitted_at'; mine: string | number | null; theirs: string | number | null }
	| {
			field: 'override';
			item_id: string;
			mine: { result: string; reason: string } | null;
			theirs: { result: string; reason: string } | null;
	  };

/** What differs between the two versions of a review, field by field and override by override. */
export function describeDifferences(mine: ReviewVersion | null, theirs: ReviewVersion): Difference[] {
	const out: Difference[] = [];
	const m = mine ?? { inspector: null, status: null, score: null, submitted_at: null, overrides: [] };
	for (const field of ['inspector', 'status', 'score', 'submitted_at'] as const) {
		const a = m[field] ?? null;
		const b = theirs[field] ?? null;
		const same = field === 'score' && a != null && b != null ? Math.abs((a as number) - (b as number)) < 1e-6 : a === b;
		if (!same) out.push({ field, mine: a, theirs: b });
	}
	const ids = [...new Set([...m.overrides, ...theirs.overrides].map((o) => o.item_id))].sort();
	for (const id of ids) {
		const a = m.overrides.find((o) => o.item_id === id);
		const b = theirs.overrides.find((o) => o.item_id === id);
		if (a && b && a.override_result === b.override_result && a.reason === b.reason) continue;
		out.push({
			field: 'override',
			item_id: id,
			mine: a ? { result: a.override_result, reason: a.reason } : null,
			theirs: b ? { result: b.override_result, reason: b.reason } : null
		});
	}
	return out;
}

/** Decides one conflict: 'mine' drops the imported version; 'theirs' replaces the workspace's review and overrides with it. */
export async function resolveConflict(db: Db, conflictId: string, keep: 'mine' | 'theirs'): Promise<void> {
	await resolveWhere(db, { sql: 'conflict_id = ?', params: [conflictId] }, keep);
}

/** Decides every open conflict the same way; with 'theirs' and several files for one call, the latest-updated version wins. */
export async function resolveAllConflicts(db: Db, keep: 'mine' | 'theirs'): Promise<void> {
	await resolveWhere(db, { sql: 'TRUE', params: [] }, keep);
}

/** `where` is a condition on review_conflicts with its `?` parameters, bound in every statement that uses it. */
async function resolveWhere(db: Db, where: { sql: string; params: Param[] }, keep: 'mine' | 'theirs'): Promise<void> {
	const take: (Statement | string)[] =
		keep === 'theirs'
			? [
					{
						sql: `CREATE OR REPLACE TEMP TABLE xchg_pick AS SELECT * FROM review_conflicts WHERE ${where.sql}
					QUALIFY row_number() OVER (PARTITION BY call_id, rubric_id, rubric_version ORDER BY updated_at DESC, imported_at DESC, conflict_id DESC) = 1`,
						params: where.params
					},
					`DELETE FROM review_items i WHERE EXISTS (SELECT 1 FROM xchg_pick p WHERE ${KEY('p', 'i')})`,
					`DELETE FROM reviews r WHERE EXISTS (SELECT 1 FROM xchg_pick p WHERE ${KEY('p', 'r')})`,
					`INSERT INTO reviews (call_id, rubric_id, rubric_version, inspector, status, score, submitted_at, updated_at)
					SELECT call_id, rubric_id, rubric_version, inspector, status, score, submitted_at, updated_at FROM xchg_pick`,
					`INSERT INTO review_items (call_id, rubric_id, rubric_version, item_id, override_result, reason, updated_at)
					SELECT p.call_id, p.rubric_id, p.rubric_version, i.item_id, i.override_result, i.reason, i.updated_at
					FROM xchg_pick p JOIN review_conflict_items i USING (conflict_id)`,
					'DROP TABLE xchg_pick'
				]
			: [];
	await db.batch([
		...take,
		{
			sql: `DELETE FROM review_conflict_items WHERE conflict_id IN (SELECT conflict_id FROM review_conflicts WHERE ${where.sql})`,
			params: where.params
		},
		{ sql: `DELETE FROM review_conflicts WHERE ${where.sql}`, params: where.params }
	]);
	await db.checkpoint();
}
