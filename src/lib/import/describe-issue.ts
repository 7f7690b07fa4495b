// The text of an import issue in the interface language: `reason.<code>` filled from the issue's params,
// or the importer's English reason when the issue has no code the catalogue knows (older reports, new codes).
import type { ImportIssue } from './types';
import { zh, type MessageKey } from '../i18n/zh';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const isKey = (key: string): key is MessageKey => key in zh;

export function describeIssue(issue: ImportIssue, t: Translate): string {
	const key = `reason.${issue.code}`;
	if (!issue.code || !isKey(key)) return issue.reason;
	const params = { ...issue.params };
	// A role is a value of ours, not of the file: say it in the interface language too.
	const roleKey = `role.${params.role}`;
	if (params.role !== undefined && isKey(roleKey)) params.role = t(roleKey);
	return t(key, params);
}
