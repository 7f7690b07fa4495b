// Calibration sessions (校准) in the workspace. The lead makes a session (calls + the active rubric version) and
// sends its pack; each inspector opens the pack in their own workspace (role member), answers every item of every
// call blind (no automatic result, no one else's answer) and sends an answers file back; the lead imports the
// answers, compares them (calibration/agreement.ts, each inspector's score by the one scoring rule of
// metrics/qa-score.ts) and records the agreed answer per call and item with a note. Agreed answers feed the
// inspectors' calibration deviation (inspectors/inspectors-sql.ts). Every write ends with db.checkpoint(). No Svelte.
import type { Db } from '../db/types';
import { bulkInsert } from '../db/bulk';
import { centreNow } from '../centre-time/zone';
import { maskForExport, MASKED } from '../privacy/export-privacy';
import { scoreRuleSql } from '../metrics/qa-score';
import type { Rubric } from '../scoring/rubric';
import { agreement, type Agreement, type Answer } from './agreement';
import type { AnswerRow, AnswersContent, CallFacts, PackCall, PackContent, PackItem, PackSegment } from './pack';

export type Role = 'lead' | 'member';

/** A change or file the store refuses; the UI names it (i18n cal.error.<code>). */
export class CalibrationError extends Error {
	constructor(
		readonly code:
			| 'name_required'
			| 'calls_required'
			| 'unknown_calls'
			| 'own_session'
			| 'not_lead'
			| 'unknown_session'
			| 'foreign_answers'
			| 'inspector_required'
			| 'bad_result',
		readonly detail = ''
	) {
		super(`${code}${detail ? `: ${detail}` : ''}`);
	}
}

const TS = (col: string, as = col.replace(/^\w+\./, '')) => `strftime(${col}, '%Y-%m-%d %H:%M:%S') AS ${as}`;

export interface SessionRow {
	session_id: string;
	name: string;
	role: Role;
	rubric_id: string;
	rubric_version: number;
	rubric_name: string | null;
	created_by: string | null;
	created_at: string;
	calls: number;
	/** lead: inspectors whose answers were imported; member: 1 once this workspace answered anything */
	inspectors: number;
	/** lead: call items with an agreed answer; member: items answered here */
	done: number;
	/** call × item pairs in the session */
	items: number;
}

export async function listSessions(db: Db): Promise<SessionRow[]> {
	const { rows } = await db.query<SessionRow>(
		`SELECT s.session_id, s.name, s.role, s.rubric_id, s.rubric_version, s.rubric_name, s.created_by, ${TS('s.created_at')},
			(SELECT count(*) FROM calibration_calls c WHERE c.session_id = s.session_id) AS calls,
			(SELECT count(DISTINCT inspector) FROM calibration_answers a WHERE a.session_id = s.session_id) AS inspectors,
			CASE s.role WHEN 'lead' THEN (SELECT count(*) FROM calibration_agreed g WHERE g.session_id = s.session_id)
				ELSE (SELECT count(*) FROM calibration_answers a WHERE a.session_id = s.session_id) END AS done,
			(SELECT count(*) FROM calibration_calls c WHERE c.session_id = s.session_id)
				* (SELECT count(*) FROM calibration_items i WHERE i.session_id = s.session_id) AS items
		FROM calibration_sessions s ORDER BY s.created_at DESC, s.session_id`
	);
	return rows.map((r) => ({
		...r,
		rubric_version: Number(r.rubric_version),
		calls: Number(r.calls),
		inspectors: Number(r.inspectors),
		done: Number(r.done),
		items: Number(r.items)
	}));
}

export interface NewSession {
	name: string;
	callIds: string[];
	rubric: Rubric;
	createdBy: string | null;
}

/** The lead's new session: a copy of the rubric's items and of each call's facts and transcript (masked) as of now. */
export async function createSession(db: Db, s: NewSession, id: string = crypto.randomUUID()): Promise<string> {
	const name = s.name.trim();
	const callIds = [...new Set(s.callIds.map((c) => c.trim()).filter(Boolean))];
	if (!name) throw new CalibrationError('name_required');
	if (callIds.length === 0) throw new CalibrationError('calls_required');
	const { rows: found } = await db.query<{ call_id: string } & Record<string, unknown>>(
		`SELECT call_id, agent_name, team, channel, ${TS('started_at')}, talk_s FROM calls WHERE call_id IN (${callIds.map(() => '?').join(', ')})`,
		callIds
	);
	const byId = new Map(found.map((r) => [r.call_id, r]));
	const missing = callIds.filter((c) => !byId.has(c));
	if (missing.length) throw new CalibrationError('unknown_calls', missing.join(', '));
	const { rows: segs } = await db.query<{ call_id: string } & PackSegment>(
		`SELECT call_id, speaker, start_s, end_s, text FROM segments WHERE call_id IN (${callIds.map(() => '?').join(', ')}) ORDER BY call_id, seq`,
		callIds
	);
	const calls: PackCall[] = callIds.map((call_id) => {
		const f = byId.get(call_id)!;
		return {
			call_id,
			facts: {
				agent_name: (f.agent_name as string | null) ?? null,
				team: (f.team as string | null) ?? null,
				channel: (f.channel as string | null) ?? null,
				started_at: (f.started_at as string | null) ?? null,
				talk_s: f.talk_s == null ? null : Number(f.talk_s)
			},
			segments: segs
				.filter((g) => g.call_id === call_id)
				.map((g) => ({
					speaker: g.speaker,
					start_s: g.start_s == null ? null : Number(g.start_s),
					end_s: g.end_s == null ? null : Number(g.end_s),
					text: maskForExport(g.text, MASKED)
				}))
		};
	});
	const content: PackContent = {
		session: {
			id,
			name,
			created_by: s.createdBy?.trim() || null,
			created_at: centreNow(),
			rubric: { id: s.rubric.id, version: s.rubric.version, name: s.rubric.name || null },
			items: s.rubric.items.map((it) => ({ id: it.id, label: it.label, weight: it.weight, critical: it.critical }))
		},
		calls
	};
	await store(db, content, 'lead', null);
	return id;
}

async function store(db: Db, c: PackContent, role: Role, sourceFile: string | null): Promise<void> {
	const s = c.session;
	await db.transaction(async (tx) => {
		await tx.query(
			`INSERT INTO calibration_sessions (session_id, name, role, rubric_id, rubric_version, rubric_name, created_by, created_at, source_file)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[s.id, s.name, role, s.rubric.id, s.rubric.version, s.rubric.name, s.created_by, s.created_at, sourceFile]
		);
		// A session is a handful of calls: one parameterised row each, inside the transaction.
		for (const [i, it] of s.items.entries())
			await tx.query(
				'INSERT INTO calibration_items (session_id, item_id, ordinal, label_zh, label_en, weight, critical) VALUES (?, ?, ?, ?, ?, ?, ?)',
				[s.id, it.id, i + 1, it.label.zh, it.label.en, it.weight, it.critical]
			);
		for (const [i, call] of c.calls.entries())
			await tx.query('INSERT INTO calibration_calls (session_id, call_id, ordinal, facts, segments) VALUES (?, ?, ?, ?, ?)', [
				s.id,
				call.call_id,
				i + 1,
				JSON.stringify(call.facts),
				JSON.stringify(call.segments)
			]);
	});
	await db.checkpoint();
}

export interface SessionDetail {
	session: Omit<SessionRow, 'calls' | 'inspectors' | 'done' | 'items'>;
	items: (PackItem & { ordinal: number })[];
	/** each call, with the recordings an inspector's workspace kept from the pack (pack-audio.ts) */
	calls: (PackCall & { kept: { name: string; mime: string }[] })[];
}

export async function loadSession(db: Db, id: string): Promise<SessionDetail | null> {
	const { rows } = await db.query<SessionDetail['session']>(
		`SELECT session_id, name, role, rubric_id, rubric_version, rubric_name, created_by, ${TS('created_at')}
		FROM calibration_sessions WHERE session_id = ?`,
		[id]
	);
	if (!rows[0]) return null;
	const { rows: items } = await db.query<{
		item_id: string;
		ordinal: number;
		label_zh: string;
		label_en: string;
		weight: number;
		critical: boolean;
	}>('SELECT item_id, ordinal, label_zh, label_en, weight, critical FROM calibration_items WHERE session_id = ? ORDER BY ordinal', [id]);
	const { rows: calls } = await db.query<{ call_id: string; facts: string; segments: string; audio: string | null }>(
		'SELECT call_id, facts, segments, audio FROM calibration_calls WHERE session_id = ? ORDER BY ordinal',
		[id]
	);
	return {
		session: { ...rows[0], rubric_version: Number(rows[0].rubric_version) },
		items: items.map((i) => ({
			id: i.item_id,
			ordinal: Number(i.ordinal),
			label: { zh: i.label_zh, en: i.label_en },
			weight: Number(i.weight),
			critical: i.critical
		})),
		calls: calls.map((c) => ({
			call_id: c.call_id,
			facts: JSON.parse(c.facts) as CallFacts,
			segments: JSON.parse(c.segments) as PackSegment[],
			kept: c.audio ? (JSON.parse(c.audio) as { name: string; mime: string }[]) : []
		}))
	};
}

/** What the lead sends out: the session as stored (writePack in pack.ts makes the file). */
export async function packOf(db: Db, id: string): Promise<PackContent> {
	const d = await loadSession(db, id);
	if (!d) throw new CalibrationError('unknown_session', id);
	if (d.session.role !== 'lead') throw new CalibrationError('not_lead', id);
	const s = d.session;
	return {
		session: {
			id: s.session_id,
			name: s.name,
			created_by: s.created_by,
			created_at: s.created_at,
			rubric: { id: s.rubric_id, version: s.rubric_version, name: s.rubric_name },
			items: d.items.map(({ ordinal: _o, ...it }) => it)
		},
		calls: d.calls.map(({ kept: _k, ...call }) => call)
	};
}

/**
 * An inspector opens a pack: the session is kept here to answer (role member). The same pack again changes nothing
 * ('already'); the lead's own session cannot be opened as a member.
 */
export async function openPack(db: Db, pack: PackContent, file: string): Promise<'opened' | 'already'> {
	const { rows } = await db.query<{ role: Role }>('SELECT role FROM calibration_sessions WHERE session_id = ?', [pack.session.id]);
	if (rows[0]?.role === 'lead') throw new CalibrationError('own_session', pack.session.name);
	if (rows[0]) return 'already';
	await store(db, pack, 'member', file);
	return 'opened';
}

export interface MyAnswer {
	call_id: string;
	item_id: string;
	result: Answer;
	note: string | null;
}

export async function answersBy(db: Db, id: string, inspector: string): Promise<MyAnswer[]> {
	const { rows } = await db.query<MyAnswer>(
		`SELECT a.call_id, a.item_id, a.result, a.note FROM calibration_answers a
		JOIN calibration_calls c USING (session_id, call_id) JOIN calibration_items i USING (session_id, item_id)
		WHERE a.session_id = ? AND a.inspector = ? ORDER BY c.ordinal, i.ordinal`,
		[id, inspector]
	);
	return rows;
}

const RESULTS: readonly string[] = ['pass', 'fail', 'na'];

/** The inspector's answer to one item of one call (member), replacing their earlier one. */
export async function saveAnswer(db: Db, id: string, inspector: string, a: MyAnswer): Promise<void> {
	const who = inspector.trim();
	if (!who) throw new CalibrationError('inspector_required');
	if (!RESULTS.includes(a.result)) throw new CalibrationError('bad_result', a.result);
	await db.query(
		`INSERT INTO calibration_answers (session_id, inspector, call_id, item_id, result, note, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (session_id, inspector, call_id, item_id) DO UPDATE SET result = excluded.result, note = excluded.note, answered_at = excluded.answered_at`,
		[id, who, a.call_id, a.item_id, a.result, a.note?.trim() || null, centreNow()]
	);
	await db.checkpoint();
}

/** What the inspector sends back (writeAnswers in pack.ts makes the file). */
export async function answersFile(db: Db, id: string, inspector: string): Promise<AnswersContent> {
	const d = await loadSession(db, id);
	if (!d) throw new CalibrationError('unknown_session', id);
	const who = inspector.trim();
	if (!who) throw new CalibrationError('inspector_required');
	return { session_id: id, session_name: d.session.name, inspector: who, answered_at: centreNow(), answers: await answersBy(db, id, who) };
}

export interface AnswersImport {
	file: string;
	inspector: string;
	added: number;
	same: number;
	/** answers that differ from the ones already imported for this inspector: shown, not applied */
	conflicts: { call_id: string; item_id: string; here: Answer; file: Answer }[];
	/** answers naming a call or item that is not in the session: not imported */
	unknown: { call_id: string; item_id: string }[];
}

/**
 * The lead imports one inspector's answers. The file must belong to a session made here. An answer already here is
 * kept: the same one is counted as same, a different one is listed as a conflict (never overwritten).
 */
export async function importAnswers(db: Db, content: AnswersContent, file: string): Promise<AnswersImport> {
	const { rows } = await db.query<{ role: Role }>('SELECT role FROM calibration_sessions WHERE session_id = ?', [content.session_id]);
	if (!rows[0]) throw new CalibrationError('foreign_answers', content.session_name);
	if (rows[0].role !== 'lead') throw new CalibrationError('not_lead', content.session_name);
	const id = content.session_id;
	const d = (await loadSession(db, id))!;
	const calls = new Set(d.calls.map((c) => c.call_id));
	const items = new Set(d.items.map((i) => i.id));
	const here = new Map<string, MyAnswer>((await answersBy(db, id, content.inspector)).map((a) => [`${a.call_id}\u0000${a.item_id}`, a]));
	const out: AnswersImport = { file, inspector: content.inspector, added: 0, same: 0, conflicts: [], unknown: [] };
	const add: AnswerRow[] = [];
	const seen = new Set<string>();
	for (const a of content.answers) {
		const k = `${a.call_id}\u0000${a.item_id}`;
		if (!calls.has(a.call_id) || !items.has(a.item_id)) out.unknown.push({ call_id: a.call_id, item_id: a.item_id });
		else if (seen.has(k)) continue;
		else if (!here.has(k)) add.push(a);
		else if (here.get(k)!.result === a.result && (here.get(k)!.note ?? null) === (a.note ?? null)) out.same++;
		else out.conflicts.push({ call_id: a.call_id, item_id: a.item_id, here: here.get(k)!.result, file: a.result });
		seen.add(k);
	}
	await bulkInsert(
		db,
		'calibration_answers',
		['session_id', 'inspector', 'call_id', 'item_id', 'result', 'note', 'answered_at', 'source_file'],
		add.map((a) => [id, content.inspector, a.call_id, a.item_id, a.result, a.note, content.answered_at, file])
	);
	out.added = add.length;
	await db.checkpoint();
	return out;
}

/** The lead's agreed answer for one item of one call, with a note; recording it again replaces it. */
export async function recordAgreed(
	db: Db,
	id: string,
	a: { call_id: string; item_id: string; result: Answer; note: string | null; decidedBy: string | null }
): Promise<void> {
	if (!RESULTS.includes(a.result)) throw new CalibrationError('bad_result', a.result);
	await db.query(
		`INSERT INTO calibration_agreed (session_id, call_id, item_id, result, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (session_id, call_id, item_id) DO UPDATE SET result = excluded.result, note = excluded.note,
			decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
		[id, a.call_id, a.item_id, a.result, a.note?.trim() || null, a.decidedBy?.trim() || null, centreNow()]
	);
	await db.checkpoint();
}

export interface ItemComparison {
	item_id: string;
	/** inspector → answer (missing when they did not answer) */
	answers: Record<string, Answer>;
	/** inspector → note */
	notes: Record<string, string>;
	/** inspectors whose answer is the only one of its kind while at least two others agree */
	outliers: string[];
	agreed: { result: Answer; note: string | null; decided_by: string | null } | null;
}

export interface CallComparison {
	call_id: string;
	/** inspector → the call's score from their answers (the one scoring rule); null when no item applies */
	scores: Record<string, number | null>;
	/** highest minus lowest of those scores */
	spread: number | null;
	/** the score from the agreed answers, once every item has one */
	agreedScore: number | null;
	items: ItemComparison[];
}

export interface Comparison {
	inspectors: string[];
	calls: CallComparison[];
	/** per item over the session's calls */
	byItem: (Agreement & { item_id: string })[];
	overall: Agreement;
	/** per inspector: answers that were lone outliers */
	outlierCounts: Record<string, number>;
}

const RULE = scoreRuleSql('a.result', 'i.weight', 'i.critical');

/** Everything the lead's comparison shows, from the answers imported and the agreed answers recorded. */
export async function compare(db: Db, id: string): Promise<Comparison> {
	const { rows: answers } = await db.query<{ inspector: string; call_id: string; item_id: string; result: Answer; note: string | null }>(
		'SELECT inspector, call_id, item_id, result, note FROM calibration_answers WHERE session_id = ? ORDER BY inspector',
		[id]
	);
	const { rows: agreed } = await db.query<{
		call_id: string;
		item_id: string;
		result: Answer;
		note: string | null;
		decided_by: string | null;
	}>('SELECT call_id, item_id, result, note, decided_by FROM calibration_agreed WHERE session_id = ?', [id]);
	// Each inspector's score per call, and the agreed answers' (is_agreed, who NULL), by the one scoring rule.
	const { rows: scores } = await db.query<{
		who: string | null;
		is_agreed: boolean;
		call_id: string;
		score: number | null;
		complete: boolean;
	}>(
		`WITH given AS (
			SELECT false AS is_agreed, inspector AS who, call_id, item_id, result FROM calibration_answers WHERE session_id = ?
			UNION ALL SELECT true, NULL, call_id, item_id, result FROM calibration_agreed WHERE session_id = ?
		)
		SELECT a.is_agreed, a.who, a.call_id, ${RULE.score} AS score,
			count(*) = (SELECT count(*) FROM calibration_items WHERE session_id = ?) AS complete
		FROM given a JOIN calibration_items i ON i.session_id = ? AND i.item_id = a.item_id
		GROUP BY a.is_agreed, a.who, a.call_id`,
		[id, id, id, id]
	);
	const { rows: callRows } = await db.query<{ call_id: string }>(
		'SELECT call_id FROM calibration_calls WHERE session_id = ? ORDER BY ordinal',
		[id]
	);
	const { rows: itemRows } = await db.query<{ item_id: string }>(
		'SELECT item_id FROM calibration_items WHERE session_id = ? ORDER BY ordinal',
		[id]
	);
	const inspectors = [...new Set(answers.map((a) => a.inspector))].sort();
	const outlierCounts: Record<string, number> = Object.fromEntries(inspectors.map((i) => [i, 0]));
	const subjectsByItem = new Map<string, Answer[][]>();
	const all: Answer[][] = [];
	// Answers and agreed answers by call item, read once.
	const cell = (callId: string, itemId: string) => `${callId}\u0000${itemId}`;
	const answersOf = new Map<string, typeof answers>();
	for (const a of answers) {
		const k = cell(a.call_id, a.item_id);
		answersOf.set(k, [...(answersOf.get(k) ?? []), a]);
	}
	const agreedOf = new Map(agreed.map((g) => [cell(g.call_id, g.item_id), g]));
	for (const { item_id } of itemRows) subjectsByItem.set(item_id, []);
	const calls = callRows.map(({ call_id }): CallComparison => {
		const items = itemRows.map(({ item_id }): ItemComparison => {
			const mine = answersOf.get(cell(call_id, item_id)) ?? [];
			const given = mine.map((a) => a.result);
			const count = (r: Answer) => given.filter((g) => g === r).length;
			const outliers = mine
				.filter((a) => count(a.result) === 1 && given.length - 1 >= 2 && new Set(given.filter((g) => g !== a.result)).size === 1)
				.map((a) => a.inspector);
			for (const o of outliers) outlierCounts[o]++;
			subjectsByItem.get(item_id)!.push(given);
			all.push(given);
			const g = agreedOf.get(cell(call_id, item_id));
			return {
				item_id,
				answers: Object.fromEntries(mine.map((a) => [a.inspector, a.result])),
				notes: Object.fromEntries(mine.filter((a) => a.note).map((a) => [a.inspector, a.note!])),
				outliers,
				agreed: g ? { result: g.result, note: g.note, decided_by: g.decided_by } : null
			};
		});
		const byWho = scores.filter((s) => s.call_id === call_id);
		const per = Object.fromEntries(byWho.filter((s) => !s.is_agreed).map((s) => [s.who ?? '', s.score == null ? null : Number(s.score)]));
		const values = Object.values(per).filter((v): v is number => v != null);
		const agreedRow = byWho.find((s) => s.is_agreed && s.complete);
		return {
			call_id,
			scores: per,
			spread: values.length >= 2 ? Math.max(...values) - Math.min(...values) : null,
			agreedScore: agreedRow?.score == null ? null : Number(agreedRow.score),
			items
		};
	});
	return {
		inspectors,
		calls,
		byItem: itemRows.map(({ item_id }) => ({ item_id, ...agreement(subjectsByItem.get(item_id) ?? []) })),
		overall: agreement(all),
		outlierCounts
	};
}
