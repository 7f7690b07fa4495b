// Reads an inspector labels file for `callqa evaluate` (docs/formats.md#labels-files): CSV with the header
// call_id,item_id,result and one row per judged item, result pass | fail | na. A bad row is reported with its line
// number and reason and left out; the rest still count. UTF-8 (a BOM is fine). No DuckDB here.
import Papa from 'papaparse';

export type Label = 'pass' | 'fail' | 'na';
export interface LabelRow {
	call_id: string;
	item_id: string;
	label: Label;
}
export interface LabelsFile {
	labels: LabelRow[];
	errors: { line: number; reason: string }[];
}

const RESULTS: Record<string, Label> = { pass: 'pass', fail: 'fail', na: 'na', 'n/a': 'na', 合格: 'pass', 不合格: 'fail', 不适用: 'na' };

export function parseLabels(text: string): LabelsFile {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
	const [header, ...rows] = parsed.data;
	const cols = (header ?? []).map((h) => h.trim().toLowerCase());
	const at = (name: string) => cols.indexOf(name);
	const [ci, ii, ri] = [at('call_id'), at('item_id'), at('result') >= 0 ? at('result') : at('label')];
	if (ci < 0 || ii < 0 || ri < 0)
		return {
			labels: [],
			errors: [{ line: 1, reason: `header must be call_id,item_id,result (got ${(header ?? []).join(',') || 'nothing'})` }]
		};
	const labels: LabelRow[] = [];
	const errors: LabelsFile['errors'] = [];
	const seen = new Map<string, number>();
	rows.forEach((r, i) => {
		const line = i + 2;
		const [call_id, item_id, raw] = [r[ci]?.trim() ?? '', r[ii]?.trim() ?? '', r[ri]?.trim().toLowerCase() ?? ''];
		if (!call_id || !item_id) return void errors.push({ line, reason: 'call_id and item_id must not be empty' });
		const label = RESULTS[raw];
		if (!label) return void errors.push({ line, reason: `result "${raw}" is not pass, fail or na` });
		const key = `${call_id}\u0000${item_id}`;
		if (seen.has(key))
			return void errors.push({ line, reason: `${call_id} ${item_id} is labelled again (first on line ${seen.get(key)})` });
		seen.set(key, line);
		labels.push({ call_id, item_id, label });
	});
	return { labels, errors };
}
