// An import problem as one sentence in the interface language: where (row N / whole file) and why.
// Takes t() so it stays free of Svelte and can be tested with either catalogue.
import type { MessageKey, MessageParams } from '../i18n/i18n.svelte';
import type { ExchangeIssue } from './records';

type T = (key: MessageKey, params?: MessageParams) => string;

export function describeExchangeIssue(issue: ExchangeIssue, t: T): { where: string; what: string } {
	const where =
		issue.row == null
			? t('xchg.issue.file')
			: issue.line !== undefined
				? t('xchg.issue.row_line', { row: issue.row, line: issue.line })
				: t('xchg.issue.row', { row: issue.row });
	const kind = ['int', 'number', 'time', 'text'].includes(issue.detail ?? '')
		? t(`xchg.kind.${issue.detail}` as MessageKey)
		: (issue.detail ?? '');
	const params = { column: issue.column ?? '', value: issue.value ?? '', detail: kind };
	if (issue.code === 'unreadable' && issue.detail === 'empty') return { where, what: t('xchg.issue.empty') };
	if (issue.code === 'foreign_file') {
		const kind = ['coaching_session', 'rubric'].includes(issue.detail ?? '') ? issue.detail : 'json';
		return { where, what: t(`xchg.issue.foreign.${kind}` as MessageKey) };
	}
	if (issue.code === 'appeal_differs' && issue.column) return { where, what: t('xchg.issue.appeal_item_differs', params) };
	return { where, what: t(`xchg.issue.${issue.code}` as MessageKey, params) };
}
