// The "download the full list" CSV of a file's rejected rows and warnings, its cells written by format/csv.ts
// (formulas neutralised).
import type { FileReport, ImportIssue } from '../import/types';
import { csvCell } from '../format/csv';
import { maskForExport, MASKED, privacyStatement, type ExportPrivacy } from '../privacy/export-privacy';

/**
 * One row per error and warning. `describe` gives each reason's text (the UI passes its localised
 * describeIssue, so the download reads like the screen); without it the importer's English is used. A reason can
 * quote the rejected value, so customer numbers in it are masked (privacy/export-privacy.ts).
 */
export function issuesCsv(
	report: FileReport,
	describe: (issue: ImportIssue) => string = (i) => i.reason,
	privacy: ExportPrivacy = MASKED
): string {
	const lines = [privacyStatement(privacy), ['file', 'line', 'severity', 'reason'].join(',')];
	for (const [severity, list] of [
		['error', report.errors],
		['warning', report.warnings]
	] as const) {
		for (const issue of list)
			lines.push([report.file, issue.line, severity, maskForExport(describe(issue), privacy)].map(csvCell).join(','));
	}
	return lines.join('\r\n') + '\r\n';
}

export function issuesCsvName(file: string): string {
	const base = file.split(/[/\\]/).pop() || 'file';
	return `${base}.rejected.csv`;
}
