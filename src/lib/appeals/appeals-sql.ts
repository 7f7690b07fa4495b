// Appeals (申诉) against a submitted review: who appealed which items and why, the lead's decision per item
// (uphold 维持 / overturn 改判) with a reason, who decided and when. An overturned item's new result replaces the
// reviewed result in the one score definition (scoring/qa-score.ts appeal_overturns → review_item_results), so every
// KPI follows; nothing is deleted, so the history (original, appeal, decision) stays. The deadline for deciding is
// a centre setting (app_settings.appeal_settings). Every write is followed by db.checkpoint(). No Svelte here.
import type { Db } from '../db/types';
import { centreNowSql } from '../centre-time/zone';

/** The review an appeal is against (the same key as a review: review/review-sql.ts). */
export interface ReviewKey {
	call_id: string;
	rubric_id: string;
	rubric_version: number;
}

export type Decision = 'uphold' | 'overturn';
export type ItemResult = 'pass' | 'fail' | 'na';
const RESULTS: readonly ItemResult[] = ['pass', 'fail', 'na'];

/** A change the store refuses, with a reason the UI names (i18n key appeals.error.<code>). */
export class AppealError extends Error {
	constructor(
		readonly code:
			| 'not_submitted'
			| 'appellant_required'
			| 'reason_required'
			| 'items_required'
			| 'unknown_item'
			| 'already_open'
			| 'decided'
			| 'bad_result',
		message: string
	) {
		super(message);
	}
}

export interface AppealItem {
	item_id: string;
	result_before: ItemResult;
	decision: Decision | null;
	result_after: ItemResult | null;
	decision_reason: string | null;
	decided_by: string | null;
	decided_at: string | null;
}

export interface Appeal {
	appeal_id: string;
	call_id: string;
	rubric_id: string;
	rubric_version: number;
	appellant: string;
	reason: string;
	filed_at: string;
	source_file: string | null;
	items: AppealItem[];
}

export interface AppealSettings {
	/** days the lead has to decide an appeal after it is filed */
	deadlineDays: number;
}

export const APPEAL_SETTINGS_KEY = 'appeal_settings';
export const DEFAULT_APPEAL_SETTINGS: AppealSettings = { deadlineDays: 7 };

/** The centre's wall-clock time now (centre-time/zone.ts), as every recorded time in the workspace. */
const NOW = () => centreNowSql();
const TS = (col: string, as = col.replace(/^\w+\./, '')) => `strftime(${col}, '%Y-%m-%d %H:%M:%S') AS ${as}`;

export function cleanAppealSettings(raw: unknown): AppealSettings {
	const days = (raw as { deadlineDays?: unknown } | null)?.deadlineDays;
	return {
		deadlineDays:
			typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_APPEAL_SETTINGS.deadlineDays
	};
}

export async function readAppealSettings(db: Db): Promise<AppealSettings> {
	const { rows } = await db.query<{ value: string | null }>('SELECT value FROM app_settings WHERE key = ?', [APPEAL_SETTINGS_KEY]);
	try {
		return cleanAppealSettings(rows[0]?.value ? JSON.parse(rows[0].value) : null);
	} catch {
		return cleanAppealSettings(null);
	}
}

export async function saveAppealSettings(db: Db, settings: AppealSettings): Promise<AppealSettings> {
	const clean = cleanAppealSettings(settings);
	await db.query('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
		APPEAL_SETTINGS_KEY,
		JSON.stringify(clean)
	]);
	await db.checkpoint();
	return clean;
}

export interface NewAppeal {
	appellant: string;
	reason: string;
	items: string[];
}

/**
 * Files an appeal against items of the submitted review `key`. Each item keeps the result it had when appealed
 * (result_before). An item already under an undecided appeal of the same review cannot be appealed again.
 */
export async function fileAppeal(db: Db, key: ReviewKey, appeal: NewAppeal, id: string = crypto.randomUUID()): Promise<string> {
	const appellant = appeal.appellant.trim();
	const reason = appeal.reason.trim();
	const items = [...new Set(appeal.items)];
	if (!appellant) throw new AppealError('appellant_required', 'say who appeals');
	if (!reason) throw new AppealError('reason_required', 'an appeal needs a reason');
	if (items.length === 0) throw new AppealError('items_required', 'choose the items appealed');
	const keyParams = [key.call_id, key.rubric_id, key.rubric_version];
	const { rows: review } = await db.query<{ status: string }>(
		'SELECT status FROM reviews WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?',
		keyParams
	);
	if (review[0]?.status !== 'submitted') throw new AppealError('not_submitted', 'only a submitted review can be appealed');
	const { rows: current } = await db.query<{ item_id: string; result: ItemResult | null }>(
		'SELECT item_id, result FROM review_item_results WHERE call_id = ? AND rubric_id = ? AND rubric_version = ?',
		keyParams
	);
	const results = new Map(current.map((r) => [r.item_id, r.result]));
	const unknown = items.filter((i) => !results.has(i));
	if (unknown.length) throw new AppealError('unknown_item', `no item ${unknown.join(', ')} in this review`);
	const open = await openItemsOf(db, key);
	const busy = items.filter((i) => open.has(i));
	if (busy.length) throw new AppealError('already_open', `already under an open appeal: ${busy.join(', ')}`);
	await db.transaction(async (tx) => {
		await tx.query(
			`INSERT INTO appeals (appeal_id, call_id, rubric_id, rubric_version, appellant, reason, filed_at) VALUES (?, ?, ?, ?, ?, ?, ${NOW()})`,
			[id, ...keyParams, appellant, reason]
		);
		for (const item of items)
			await tx.query('INSERT INTO appeal_items (appeal_id, item_id, result_before) VALUES (?, ?, ?)', [
				id,
				item,
				results.get(item) ?? 'na'
			]);
	});
	await db.checkpoint();
	return id;
}

async function openItemsOf(db: Db, key: ReviewKey): Promise<Set<string>> {
	const { rows } = await db.query<{ item_id: string }>(
		`SELECT x.item_id FROM appeal_items x JOIN appeals a ON a.appeal_id = x.appeal_id
		WHERE a.call_id = ? AND a.rubric_id = ? AND a.rubric_version = ? AND x.decision IS NULL`,
		[key.call_id, key.rubric_id, key.rubric_version]
	);
	return new Set(rows.map((r) => r.item_id));
}

export interface ItemDecision {
	decision: Decision;
	/** overturn: the result the item gets (default: pass for a fail, fail for a pass) */
	resultAfter?: ItemResult;
	reason: string;
	decidedBy: string;
}

/** The result an overturn gives when the lead does not choose one: the opposite of pass/fail; n/a becomes pass. */
export function overturnedResult(before: ItemResult): ItemResult {
	return before === 'pass' ? 'fail' : 'pass';
}

/** Records the lead's decision on one appealed item; a decided item is never decided again (it is history). */
export async function decideItem(db: Db, appealId: string, itemId: string, d: ItemDecision): Promise<void> {
	const reason = d.reason.trim();
	const by = d.decidedBy.trim();
	if (!reason) throw new AppealError('reason_required', 'a decision needs a reason');
	if (!by) throw new AppealError('appellant_required', 'say who decides');
	if (d.resultAfter !== undefined && !RESULTS.includes(d.resultAfter))
		throw new AppealError('bad_result', `unknown result ${d.resultAfter}`);
	const { rows } = await db.query<{ result_before: ItemResult; decision: Decision | null }>(
		'SELECT result_before, decision FROM appeal_items WHERE appeal_id = ? AND item_id = ?',
		[appealId, itemId]
	);
	const item = rows[0];
	if (!item) throw new AppealError('unknown_item', `no item ${itemId} in appeal ${appealId}`);
	if (item.decision !== null) throw new AppealError('decided', 'this item is already decided');
	const after = d.decision === 'overturn' ? (d.resultAfter ?? overturnedResult(item.result_before)) : null;
	await db.query(
		`UPDATE appeal_items SET decision = ?, result_after = ?, decision_reason = ?, decided_by = ?, decided_at = ${NOW()}
		WHERE appeal_id = ? AND item_id = ? AND decision IS NULL`,
		[d.decision, after, reason, by, appealId, itemId]
	);
	await db.checkpoint();
}

const APPEAL_COLUMNS = `a.appeal_id, a.call_id, a.rubric_id, a.rubric_version, a.appellant, a.reason, ${TS('a.filed_at')}, a.source_file`;

async function withItems(db: Db, appeals: Omit<Appeal, 'items'>[]): Promise<Appeal[]> {
	if (appeals.length === 0) return [];
	const { rows } = await db.query<AppealItem & { appeal_id: string }>(
		`SELECT appeal_id, item_id, result_before, decision, result_after, decision_reason, decided_by, ${TS('decided_at')}
		FROM appeal_items WHERE appeal_id IN (${appeals.map(() => '?').join(', ')}) ORDER BY appeal_id, item_id`,
		appeals.map((a) => a.appeal_id)
	);
	return appeals.map((a) => ({
		...a,
		rubric_version: Number(a.rubric_version),
		items: rows.filter((r) => r.appeal_id === a.appeal_id).map(({ appeal_id: _, ...item }) => item)
	}));
}

/** Every appeal of a call (any rubric version), oldest first, with its items and decisions. */
export async function callAppeals(db: Db, callId: string): Promise<Appeal[]> {
	const { rows } = await db.query<Omit<Appeal, 'items'>>(
		`SELECT ${APPEAL_COLUMNS} FROM appeals a WHERE a.call_id = ? ORDER BY a.filed_at, a.appeal_id`,
		[callId]
	);
	return withItems(db, rows);
}

export async function getAppeal(db: Db, appealId: string): Promise<Appeal | null> {
	const { rows } = await db.query<Omit<Appeal, 'items'>>(`SELECT ${APPEAL_COLUMNS} FROM appeals a WHERE a.appeal_id = ?`, [appealId]);
	return (await withItems(db, rows))[0] ?? null;
}

export interface AppealListRow {
	appeal_id: string;
	call_id: string;
	agent_name: string | null;
	team: string | null;
	appellant: string;
	filed_at: string;
	/** whole days since it was filed */
	age_days: number;
	/** the day the decision is due (filed + the deadline setting) */
	due: string;
	overdue: boolean;
	items: number;
	undecided: number;
	overturned: number;
}

export type AppealFilter = 'open' | 'decided' | 'all';

/**
 * The appeals list: open ones (any item undecided) by default, oldest first, with their age and deadline counted
 * from `today` (the centre's date, 'YYYY-MM-DD'), capped at `limit` rows.
 */
export async function listAppeals(db: Db, today: string, filter: AppealFilter = 'open', limit = 500): Promise<AppealListRow[]> {
	const { deadlineDays } = await readAppealSettings(db);
	const having = filter === 'open' ? 'HAVING undecided > 0' : filter === 'decided' ? 'HAVING undecided = 0' : '';
	const { rows } = await db.query<AppealListRow>(
		`SELECT a.appeal_id, a.call_id, any_value(c.agent_name) AS agent_name, any_value(c.team) AS team, a.appellant,
			${TS('a.filed_at')},
			date_diff('day', a.filed_at::DATE, ?::DATE) AS age_days,
			strftime(a.filed_at::DATE + ${deadlineDays}::INTEGER, '%Y-%m-%d') AS due,
			count(*) FILTER (WHERE x.decision IS NULL) > 0 AND a.filed_at::DATE + ${deadlineDays}::INTEGER < ?::DATE AS overdue,
			count(*) AS items, count(*) FILTER (WHERE x.decision IS NULL) AS undecided,
			count(*) FILTER (WHERE x.decision = 'overturn') AS overturned
		FROM appeals a JOIN appeal_items x ON x.appeal_id = a.appeal_id LEFT JOIN calls c ON c.call_id = a.call_id
		GROUP BY a.appeal_id, a.call_id, a.appellant, a.filed_at
		${having}
		ORDER BY a.filed_at, a.appeal_id
		LIMIT ${Math.max(1, Math.floor(limit))}`,
		[today, today]
	);
	return rows.map((r) => ({
		...r,
		age_days: Number(r.age_days),
		items: Number(r.items),
		undecided: Number(r.undecided),
		overturned: Number(r.overturned)
	}));
}

export interface AppealableReview extends ReviewKey {
	inspector: string | null;
	/** the review's items in rubric order with their reviewed result now */
	items: { item_id: string; result: ItemResult | null }[];
}

/** The call's latest submitted review (what an appeal is filed against), or null when none is submitted. */
export async function appealableReview(db: Db, callId: string): Promise<AppealableReview | null> {
	const { rows } = await db.query<{ rubric_id: string; rubric_version: number; inspector: string | null }>(
		`SELECT rubric_id, rubric_version, inspector FROM reviews WHERE call_id = ? AND status = 'submitted'
		ORDER BY submitted_at DESC, rubric_version DESC LIMIT 1`,
		[callId]
	);
	const r = rows[0];
	if (!r) return null;
	const key = { call_id: callId, rubric_id: r.rubric_id, rubric_version: Number(r.rubric_version) };
	const items = await db.query<{ item_id: string; result: ItemResult | null }>(
		'SELECT item_id, result FROM review_item_results WHERE call_id = ? AND rubric_id = ? AND rubric_version = ? ORDER BY ordinal',
		[key.call_id, key.rubric_id, key.rubric_version]
	);
	return { ...key, inspector: r.inspector, items: items.rows };
}
