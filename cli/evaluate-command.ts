// `callqa evaluate <files or folders…> --labels labels.csv [--rubric rubric.json] [--mapping preset.json]`: imports
// and scores like `callqa score` (same SQL), then compares the findings with an inspector's labels
// (src/lib/accuracy/): per item agreement, precision and recall of the automatic fail, confusion counts, and the
// disagreeing calls with the evidence. Writes nothing unless --out is given. Exit 0 when it ran.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bulkInsert } from '../src/lib/db/bulk';
import { DEFAULT_RUBRIC_EN } from '../src/lib/scoring/default-rubric-en';
import { DEFAULT_RUBRIC_ZH } from '../src/lib/scoring/default-rubric-zh';
import { guessLanguage } from '../src/lib/scoring/language';
import type { Rubric } from '../src/lib/scoring/rubric';
import { scoreCalls } from '../src/lib/scoring/score';
import { accuracySql, disagreementsSql, tableLabelsSql, withRates, type Disagreement } from '../src/lib/accuracy/accuracy-sql';
import { parseLabels } from '../src/lib/accuracy/labels';
import { UsageError, type Command } from './command';
import { displayWidth, fit, importToDir, parseImportArgs } from './import-run';
import { createNativeDb } from './native-db';
import { loadRubric } from './rubric-command';

const HELP = `Usage: callqa evaluate <files or folders…> --labels labels.csv [--rubric rubric.json] [--mapping preset.json] [--out <dir>]

Imports and scores the files exactly as \`callqa score\` does, then compares every labelled item with the
automatic result: per item the calls labelled, agreement, precision and recall of the automatic fail, the
confusion counts, and the calls where the two disagree (with the evidence).

Options:
  -l, --labels <file>     CSV: call_id,item_id,result with result pass | fail | na (docs/formats.md). Required.
  -r, --rubric <file>     Rubric JSON; default: the Chinese or English default rubric, as \`callqa score\`.
  -m, --mapping <file>    A saved column-mapping preset (JSON) applied to every tabular file.
  -o, --out <dir>         Also keep the imported tables and scores there (default: a temporary folder).
  -h, --help              Show this help.

Exit codes: 0 evaluated (even with unreadable label rows: they are listed), 2 usage error, 1 crash.
`;

const pct = (x: number | null) => (x === null ? '–' : x.toFixed(2));

async function run(args: string[]): Promise<number> {
	const outGiven = args.some((a) => a === '--out' || a === '-o' || a.startsWith('--out='));
	const tmp = outGiven ? null : await mkdtemp(path.join(tmpdir(), 'callqa-evaluate-'));
	try {
		return await evaluate(tmp ? [...args, '--out', tmp] : args);
	} finally {
		// Also after a usage error: the folder is this run's, whatever happened.
		if (tmp) await rm(tmp, { recursive: true, force: true });
	}
}

async function evaluate(args: string[]): Promise<number> {
	const opts = parseImportArgs('evaluate', args, {
		labels: { type: 'string', short: 'l' },
		rubric: { type: 'string', short: 'r' }
	});
	if (typeof opts.values.labels !== 'string') throw new UsageError('evaluate: missing --labels <file>');
	let labelText: string;
	try {
		labelText = await readFile(opts.values.labels, 'utf8');
	} catch (e) {
		throw new UsageError(
			`evaluate: cannot read --labels ${opts.values.labels}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`
		);
	}
	const { labels, errors } = parseLabels(labelText);
	if (labels.length === 0)
		throw new UsageError(
			`evaluate: --labels ${opts.values.labels} has no usable row${errors[0] ? ` (line ${errors[0].line}: ${errors[0].reason})` : ''}`
		);
	const chosen = typeof opts.values.rubric === 'string' ? await loadRubric('evaluate', '--rubric', opts.values.rubric) : undefined;
	const db = await createNativeDb();
	try {
		const { files } = await importToDir('evaluate', db, opts);
		const loaded = files.filter((f) => f.rows_loaded > 0).length;
		let rubric: Rubric;
		if (chosen) rubric = chosen;
		else rubric = (await guessLanguage(db)).language === 'zh' ? DEFAULT_RUBRIC_ZH : DEFAULT_RUBRIC_EN;
		// Transcripts without a call-log row are still calls (as in `callqa score`).
		await db.query(`INSERT INTO calls (call_id) SELECT DISTINCT call_id FROM segments WHERE call_id NOT IN (SELECT call_id FROM calls)`);
		const { calls } = await scoreCalls(db, rubric);
		await db.query(`CREATE OR REPLACE TEMP TABLE eval_labels (call_id VARCHAR, item_id VARCHAR, label VARCHAR)`);
		await bulkInsert(
			db,
			'eval_labels',
			['call_id', 'item_id', 'label'],
			labels.map((l) => [l.call_id, l.item_id, l.label])
		);
		const src = tableLabelsSql('eval_labels');
		const p = [rubric.id, rubric.version, rubric.id, rubric.version];
		const items = withRates((await db.query(accuracySql(src), p)).rows);
		const { rows: dis } = await db.query<Disagreement>(disagreementsSql(src, 10_000), p);

		const w = (s: string) => process.stdout.write(s + '\n');
		w(`Imported ${files.length} files (${loaded} with rows), scored ${calls} calls with ${rubric.id} v${rubric.version} "${rubric.name}"`);
		w(`Labels: ${labels.length} from ${opts.values.labels}${errors.length ? `, ${errors.length} rows skipped` : ''}`);
		for (const e of errors.slice(0, 20)) w(`  line ${e.line}: ${e.reason}`);
		const header = ['item', 'labelled', 'agree', 'agreement', 'precision', 'recall', 'TP', 'FP', 'FN', 'TN'];
		const rows = items.map((i) => [
			i.item_id,
			String(i.n),
			String(i.agree),
			pct(i.n ? i.agree / i.n : null),
			pct(i.precision),
			pct(i.recall),
			String(i.tp),
			String(i.fp),
			String(i.fn),
			String(i.tn)
		]);
		const tot = items.reduce((a, i) => ({ n: a.n + i.n, agree: a.agree + i.agree }), { n: 0, agree: 0 });
		rows.push(['(all)', String(tot.n), String(tot.agree), pct(tot.n ? tot.agree / tot.n : null), '', '', '', '', '', '']);
		const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
		const line = (r: string[]) => r.map((v, c) => (c === 0 ? fit(v, widths[c]) : v.padStart(widths[c]))).join('  ');
		w('');
		w(line(header));
		w('-'.repeat(widths.reduce((a, x) => a + x + 2, -2)));
		for (const r of rows) w(line(r));
		w('(positive = the automatic fail; precision/recall – when there is none)');
		const missing = dis.filter((d) => d.result === 'missing').length;
		if (missing) w(`${missing} labels name a call or item the rubric has no finding for (result "missing")`);
		w('');
		w(dis.length ? `Disagreements (${dis.length}):` : 'No disagreements.');
		for (const d of dis)
			w(`  ${d.item_id}  ${d.call_id}  inspector ${d.label}, automatic ${d.result}: ${(d.evidence ?? '').slice(0, 160)}`);
		return 0;
	} finally {
		await db.close();
	}
}

export const evaluateCommand: Command = {
	summary: "score files and compare with an inspector's labels (agreement, precision/recall per item)",
	help: HELP,
	run
};
