// The evidence of a finding in the interface language: `evidence.<code>` filled from its params (JSON built in
// SQL by db/json-sql.ts, read by db/evidence-params.ts readEvidenceParams), or the English `evidence` when the code
// is missing (findings scored before codes existed), unknown (a newer scorer) or its params do not parse. Used by
// the call view and the rubric editor.
import { zh, type MessageKey } from './zh';
import { maskNumbers } from '../privacy/mask';
import { readEvidenceParams } from '../db/evidence-params';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface EvidenceOf {
	evidence: string | null;
	evidence_code?: string | null;
	evidence_params?: string | null;
}

const isKey = (key: string): key is MessageKey => key in zh;

/** Metric rules compare with SQL operators; say them as the signs people write. */
const OPS: Record<string, string> = { '<=': '≤', '>=': '≥', '!=': '≠' };

function render(code: unknown, params: unknown, t: Translate): string | null {
	const key = `evidence.${String(code)}`;
	if (typeof code !== 'string' || !isKey(key) || typeof params !== 'object' || params === null || Array.isArray(params)) return null;
	const filled: Record<string, string> = {};
	for (const [name, v] of Object.entries(params)) {
		if (name === 'code') continue;
		if (Array.isArray(v)) {
			// A list: quoted strings (phrases) or parts with their own code; `parts` are whole clauses.
			const items = v.map((x) =>
				typeof x === 'string' ? t('evidence.quote', { text: maskNumbers(x) }) : render((x as { code?: unknown })?.code, x, t)
			);
			if (items.some((x) => x == null)) return null;
			filled[name] = items.join(t(name === 'parts' ? 'evidence.part_sep' : 'evidence.list_sep'));
		} else if (name === 'field' && isKey(`re.r.field.${v}`)) filled[name] = t(`re.r.field.${v}` as MessageKey);
		else if (name === 'op') filled[name] = OPS[String(v)] ?? String(v);
		else filled[name] = String(v);
	}
	return t(key, filled);
}

export function describeEvidence(f: EvidenceOf, t: Translate): string | null {
	if (!f.evidence_code) return f.evidence;
	const params = readEvidenceParams(f.evidence_params || '{}');
	return (params && render(f.evidence_code, params, t)) ?? f.evidence;
}
