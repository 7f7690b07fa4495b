// Runs a compiled rubric: scoreCalls writes findings + scores for one rubric version (older versions' rows
// stay), itemSummary reads pass/fail/na counts per item, scoreText scores a pasted dialogue for the rubric
// editor's "try it" box in temp tables, never touching the real calls, findings or scores.
import { maybeCompact, type CompactResult } from '../db/compact';
import type { Db } from '../db/types';
import { ensureSchema } from '../db/schema';
import { bulkInsert } from '../db/bulk';
import { saveRubricIfMissing } from './rubrics-table';
import { compileRubric, scoreSelectSql } from './compile';
import { findReuse, itemSqls, recordItemSql } from './reuse';
import { CALL_TEXT_FROM_SCORING_SQL } from './call-text-sql';
import { ensureSegmentsDerived } from '../text/segment-derived';
import { parseDialogue, type DialogueOptions } from './dialogue';
import type { Rubric } from './rubric';

export interface ScoreOptions {
	/** only (re)score the call_ids listed in this table, e.g. the calls of the last import */
	onlyCallsTable?: string;
	/** hears the run's progress: `done` of its `total` statements (one or two per item) have run */
	onStep?: (done: number, total: number) => void;
	/**
	 * hears the filling of the turns' stored columns that comes first when they are missing or out of date (an older
	 * workspace, a new normalisation; text/segment-derived.ts): `done` of its `total` steps of 20,000 calls
	 */
	onPrepare?: (done: number, total: number) => void;
	/**
	 * Looked at before each statement until the writing starts: an aborted run throws ScoringCancelled and leaves
	 * findings and scores as they were (a run writes them in its last statements, each one request).
	 */
	signal?: AbortSignal;
}

/** A scoring run stopped by its AbortSignal before it wrote anything. */
export class ScoringCancelled extends Error {
	constructor() {
		super('scoring cancelled');
		this.name = 'ScoringCancelled';
	}
}

async function run(db: Db, sql: string[]): Promise<void> {
	for (const s of sql) await db.query(s);
}

/**
 * The temp tables a scoring run makes for its own statements, dropped when it ends (done, failed or cancelled); cqa_seg
 * is a view over the stored segments in scoreCalls and a table in scoreText.
 */
const RUN_TABLES = ['cqa_call', 'cqa_va', 'cqa_res', 'cqa_items'];

// Scoring runs share temp tables (cqa_*), so on one database they take turns: a try-it run in the rubric
// editor must not interleave with a background re-score.
const running = new WeakMap<Db, Promise<unknown>>();
function exclusive<T>(db: Db, job: () => Promise<T>): Promise<T> {
	const next = (running.get(db) ?? Promise.resolve()).then(job, job);
	running.set(
		db,
		next.catch(() => undefined)
	);
	return next;
}

/**
 * Compacts the workspace when replacements left enough free space (db/compact.ts), taking its turn with scoring
 * runs so no run's temp tables are lost when the backend switches files.
 */
export function compactWhenIdle(db: Db, replaced: boolean): Promise<CompactResult | null> {
	return exclusive(db, () => maybeCompact(db, replaced));
}

/**
 * (Re)computes findings and scores of `rubric` (its version) for every call, or the listed ones. Items whose SQL is
 * the same as in the version of the rubric scored last are copied from it when its findings are current (reuse.ts);
 * `reused` counts them.
 */
export function scoreCalls(db: Db, rubric: Rubric, opts: ScoreOptions = {}): Promise<{ calls: number; ms: number; reused: number }> {
	return exclusive(db, async () => {
		const t0 = performance.now();
		const stopIfAborted = () => {
			if (opts.signal?.aborted) throw new ScoringCancelled();
		};
		stopIfAborted();
		await ensureSchema(db);
		await saveRubricIfMissing(db, rubric);
		const sqls = itemSqls(rubric);
		const reuse = await findReuse(db, rubric, sqls, opts.onlyCallsTable);
		// Fills the stored turn columns of calls that lack them (an older workspace: once); a cancel stops it between steps.
		await ensureSegmentsDerived(db, { signal: opts.signal, onStep: opts.onPrepare });
		stopIfAborted();
		const compiled = compileRubric(rubric, { onlyCallsTable: opts.onlyCallsTable, reuse: reuse ?? undefined, storedSegments: true });
		try {
			for (const [i, sql] of compiled.sql.entries()) {
				if (i < compiled.firstWrite) stopIfAborted();
				opts.onStep?.(i, compiled.sql.length);
				await db.query(sql);
			}
			opts.onStep?.(compiled.sql.length, compiled.sql.length);
			// The calls list's words search reuses the text just normalised (scoring/call-text-sql.ts).
			for (const sql of CALL_TEXT_FROM_SCORING_SQL) await db.query(sql);
			const { rows } = await db.query<{ n: number; all: number }>(
				'SELECT (SELECT count(*) FROM cqa_call) AS n, (SELECT count(*) FROM calls) AS "all"'
			);
			await recordItemSql(db, rubric, sqls, Number(rows[0].n) === Number(rows[0].all));
			await db.checkpoint();
			return { calls: Number(rows[0].n), ms: Math.round(performance.now() - t0), reused: reuse?.items.size ?? 0 };
		} finally {
			await db.query([...RUN_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`), 'DROP VIEW IF EXISTS cqa_seg'].join('; '));
		}
	});
}

export interface ItemSummary {
	item_id: string;
	pass: number;
	fail: number;
	na: number;
}

/** One item's pass / fail / n/a counts. */
export type ItemCounts = Omit<ItemSummary, 'item_id'>;

/** Per item pass/fail/na counts of one rubric version, in the rubric's item order when it is saved. */
export async function itemSummary(db: Db, rubricId: string, version: number): Promise<ItemSummary[]> {
	const { rows } = await db.query<ItemSummary>(
		`SELECT f.item_id, count(*) FILTER (WHERE result = 'pass') AS pass, count(*) FILTER (WHERE result = 'fail') AS fail,
			count(*) FILTER (WHERE result = 'na') AS na
		FROM findings f WHERE f.rubric_id = ? AND f.rubric_version = ?
		GROUP BY f.item_id ORDER BY min(f.rowid)`,
		[rubricId, version]
	);
	return rows.map((r) => ({ item_id: r.item_id, pass: Number(r.pass), fail: Number(r.fail), na: Number(r.na) }));
}

export interface TryFinding {
	item_id: string;
	label: string;
	result: 'pass' | 'fail' | 'na';
	seq: number | null;
	start_s: number | null;
	end_s: number | null;
	evidence: string | null;
	/** evidence in a machine-readable form (evidence.ts): the UI says it in the interface language */
	evidence_code: string | null;
	evidence_params: string | null;
}

export interface TryResult {
	findings: TryFinding[];
	score: number | null;
	passed: boolean | null;
}

const TRY_ID = '__try__';

/**
 * Scores a pasted dialogue ("客服: …" / "Customer: …" lines, optional [mm:ss]) with `rubric`. The call lives
 * in temp tables (cqa_try_*) that shadow nothing and are dropped afterwards.
 */
export function scoreText(db: Db, dialogue: string, rubric: Rubric, opts: DialogueOptions = {}): Promise<TryResult> {
	return exclusive(db, () => scoreTextNow(db, dialogue, rubric, opts));
}

async function scoreTextNow(db: Db, dialogue: string, rubric: Rubric, opts: DialogueOptions): Promise<TryResult> {
	await ensureSchema(db);
	const parsed = parseDialogue(dialogue, opts);
	const temps = ['cqa_try_calls', 'cqa_try_segments', 'cqa_try_va', 'cqa_try_complaints'];
	try {
		await db.query('CREATE OR REPLACE TEMP TABLE cqa_try_calls AS SELECT * FROM calls LIMIT 0');
		await db.query('CREATE OR REPLACE TEMP TABLE cqa_try_segments AS SELECT * FROM segments LIMIT 0');
		await db.query('CREATE OR REPLACE TEMP TABLE cqa_try_va AS SELECT * FROM voice_activity LIMIT 0');
		await db.query('CREATE OR REPLACE TEMP TABLE cqa_try_complaints AS SELECT * FROM complaints LIMIT 0');
		await db.query(
			`INSERT INTO cqa_try_calls (call_id, channel, direction, category, ring_s, abandoned, transferred) VALUES (?, ?, ?, ?, ?, false, false)`,
			[TRY_ID, parsed.timed ? 'phone' : 'chat', opts.direction ?? 'inbound', opts.category ?? null, opts.ring_s ?? null]
		);
		await bulkInsert(
			db,
			'cqa_try_segments',
			['call_id', 'seq', 'speaker', 'start_s', 'end_s', 'text'],
			parsed.turns.map((t, i) => [TRY_ID, i + 1, t.speaker, t.start_s, t.end_s, t.text])
		);
		const { sql } = compileRubric(rubric, {
			sources: { calls: 'cqa_try_calls', segments: 'cqa_try_segments', voice_activity: 'cqa_try_va', complaints: 'cqa_try_complaints' },
			write: false
		});
		await run(db, sql);
		const { rows } = await db.query<TryFinding>(
			`SELECT r.item_id, r.result, r.seq, r.start_s, r.end_s, r.evidence, r.evidence_code, r.evidence_params
			FROM cqa_res r JOIN cqa_items i ON i.item_id = r.item_id ORDER BY i.ordinal`
		);
		const labels = new Map(rubric.items.map((it) => [it.id, it.label[rubric.language]]));
		const findings = rows.map((r) => ({
			item_id: r.item_id,
			label: labels.get(r.item_id) ?? r.item_id,
			result: r.result,
			seq: r.seq ?? null,
			start_s: r.start_s ?? null,
			end_s: r.end_s ?? null,
			evidence: r.evidence ?? null,
			evidence_code: r.evidence_code ?? null,
			evidence_params: r.evidence_params ?? null
		}));
		const sc = await db.query<{ score: number | null; passed: boolean | null }>(scoreSelectSql(rubric));
		const score = sc.rows[0]?.score ?? null;
		const passed = sc.rows[0]?.passed ?? null;
		return { findings, score, passed };
	} finally {
		for (const t of [...temps, ...RUN_TABLES, 'cqa_seg']) await db.query(`DROP TABLE IF EXISTS ${t}`);
	}
}
