// English twin of ingest-zh.ts (same keys).
import type { INGEST_ZH } from './ingest-zh';

export const INGEST_EN: Record<keyof typeof INGEST_ZH, string> = {
	'import.fileStatuses': 'Of these, {ok} loaded, {partial} partly loaded, {failed} failed.',
	'import.fileSkipped': 'Files skipped: {n} (their calls kept the transcripts they had).',
	'import.compacted': 'The replaced rows left free space in the workspace file: compacted from {before} MB to {after} MB.',
	'import.callsCreated': 'Calls without a call-log row: {n}, created from their transcripts or recordings and scored.',
	'existing.title': 'These calls already have a transcript',
	'existing.lead':
		'Calls in this import that already have a transcript from another file: {n}. Replace their transcripts with the new files, or skip them and keep the transcripts they have?',
	'existing.newFiles': 'Files imported now',
	'existing.fromFiles': 'Their transcripts now come from',
	'existing.file': 'File',
	'existing.calls': 'Calls',
	'existing.unknownFile': '(a file nobody recorded)',
	'existing.replace': 'Replace their transcripts',
	'existing.skip': 'Skip them, keep the transcripts they have',
	'report.statusSkipped': 'Skipped',
	'report.statusPending': 'Waiting for your decision',
	'report.callsCreated': 'New calls (no call-log row): {n}',
	'report.existingPending': 'Calls that already have a transcript from another file: {n}, waiting for your decision',
	'call.noCallLog.transcript':
		'No call-log row: this call was created from the transcript {file}. A call log naming it fills in the agent, times and the rest.',
	'call.noCallLog.recording':
		'No call-log row: this call was created from the recording {file}. A call log naming it fills in the agent, times and the rest.',
	'call.startUnknown': 'unknown',
	'calls.startUnknown': 'time unknown',
	'calls.noCallLog': 'no call log',
	'calls.noCallLogHint': 'This call came from a transcript or recording file; no call log has it yet'
};
