// What a recording's file name says about its call when no call log does: the start time written into the name
// (Amazon PCA's `DT_2025-02-19T06-01-22`, or any `YYYY-MM-DD[T_ ]HH-MM-SS`) and, in PCA's naming scheme, the
// agent (`_AGENT_ChrisL_` next to a `DT_` date). Plain TS, no DOM.
import { stemOf } from './match';

// Separators are required between date and time parts, so a call id like C20260803-000123 (a day and a
// sequence number) is never read as a time.
const DATE_TIME = /(?:^|[^0-9])(\d{4})-(\d{2})-(\d{2})[T_ ](\d{2})[-:.](\d{2})[-:.](\d{2})(?![0-9])/;
const PCA_AGENT = /(?:^|_)AGENT_([^_]+)_/;

/** 'YYYY-MM-DD HH:MM:SS' from the name, or null when it holds no valid date and time. */
export function startedAtFromFileName(fileName: string): string | null {
	const m = DATE_TIME.exec(stemOf(fileName));
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
	const isValid = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
	return isValid ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : null;
}

/** The agent a PCA-style name carries (`…_AGENT_ChrisL_DT_2025-…`), or null. */
export function agentFromFileName(fileName: string): string | null {
	const stem = stemOf(fileName);
	if (!/(?:^|_)DT_\d{4}-/.test(stem)) return null;
	return PCA_AGENT.exec(stem)?.[1] ?? null;
}
