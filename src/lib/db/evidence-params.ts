// The one JS decoder of findings.evidence_params (written in SQL by db/json-sql.ts, the one encoder): what the UI
// reads to say a finding in the interface language (i18n/describe-evidence.ts) and to mark it (rubric-editor).
// Core, so both layers may use it.

/** What the UI reads: a finding's params as data, or null when it has none (scored before params existed) or they do not parse. */
export type EvidenceParams = Record<string, unknown>;

/** The one JS decoder of findings.evidence_params: callers fall back to the stored English text on null. */
export function readEvidenceParams(json: string | null | undefined): EvidenceParams | null {
	if (json == null) return null;
	try {
		const v: unknown = JSON.parse(json);
		return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as EvidenceParams) : null;
	} catch {
		return null;
	}
}

/** The parts of `list` params, else the params themselves as the one part. */
export function evidenceParts(params: EvidenceParams): EvidenceParams[] {
	const parts = params.parts;
	return Array.isArray(parts)
		? parts.filter((p): p is EvidenceParams => typeof p === 'object' && p !== null && !Array.isArray(p))
		: [params];
}
