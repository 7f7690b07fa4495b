// Test fixture builder for the scoring tests: tiny hand-made calls written into the canonical tables with
// bulkInsert, and a one-item rubric run through the real compiled SQL. Not used by the app.
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { bulkInsert } from '../db/bulk';
import { compileRubric } from './compile';
import { validateRubric, type Rubric } from './rubric';

export type Turn = [speaker: 'agent' | 'customer', start: number | null, end: number | null, text: string];

export interface TestCall {
	id: string;
	channel?: string;
	direction?: string;
	category?: string;
	ring_s?: number | null;
	hold_s?: number | null;
	transferred?: boolean;
	abandoned?: boolean;
	turns?: Turn[];
	/** voice activity: [speaker, start, end] */
	va?: [string, number, number][];
}

export async function seedCalls(db: Db, calls: TestCall[]): Promise<void> {
	await ensureSchema(db);
	await bulkInsert(
		db,
		'calls',
		['call_id', 'channel', 'direction', 'category', 'ring_s', 'hold_s', 'transferred', 'abandoned'],
		calls.map((c) => [
			c.id,
			c.channel ?? (c.turns?.some((t) => t[1] === null) ? 'chat' : 'phone'),
			c.direction ?? 'inbound',
			c.category ?? '业务咨询',
			'ring_s' in c ? c.ring_s : 5,
			'hold_s' in c ? c.hold_s : 0,
			c.transferred ?? false,
			c.abandoned ?? false
		])
	);
	await bulkInsert(
		db,
		'segments',
		['call_id', 'seq', 'speaker', 'start_s', 'end_s', 'text'],
		calls.flatMap((c) => (c.turns ?? []).map((t, i) => [c.id, i + 1, t[0], t[1], t[2], t[3]]))
	);
	await bulkInsert(
		db,
		'voice_activity',
		['call_id', 'speaker', 'start_s', 'end_s'],
		calls.flatMap((c) => (c.va ?? []).map((v) => [c.id, ...v]))
	);
}

export async function clearCalls(db: Db): Promise<void> {
	await ensureSchema(db);
	for (const t of ['calls', 'segments', 'voice_activity', 'complaints', 'findings', 'scores', 'rubrics', 'score_dirty', 'item_sql'])
		await db.query(`DELETE FROM ${t}`);
}

export function oneItemRubric(item: Record<string, unknown>, extra: Record<string, unknown> = {}): Rubric {
	return validateRubric({
		id: 't',
		version: 1,
		name: 'test',
		language: 'zh',
		variables: { company: '华信通信' },
		items: [{ id: 'x', label: { zh: 'x', en: 'x' }, weight: 1, critical: false, ...item }],
		...extra
	});
}

export interface Judged {
	result: string;
	seq: number | null;
	start_s: number | null;
	evidence: string | null;
}

/** Seeds `calls` into an emptied database and returns each call's result for the rubric's first item. */
export async function judge(db: Db, rubric: Rubric, calls: TestCall[]): Promise<Record<string, Judged>> {
	await clearCalls(db);
	await seedCalls(db, calls);
	for (const s of compileRubric(rubric, { write: false }).sql) await db.query(s);
	const { rows } = await db.query<Judged & { call_id: string }>(
		`SELECT call_id, result, seq, start_s, evidence FROM cqa_res WHERE item_id = ?`,
		[rubric.items[0].id]
	);
	return Object.fromEntries(rows.map((r) => [r.call_id, { result: r.result, seq: r.seq, start_s: r.start_s, evidence: r.evidence }]));
}
