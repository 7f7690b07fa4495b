// Messages of the calls list's filter bar and sortable columns, spread into en.ts. Same keys as
// calls-filter-zh.ts.
import type { CALLS_FILTER_ZH } from './calls-filter-zh';

export const CALLS_FILTER_EN: Record<keyof typeof CALLS_FILTER_ZH, string> = {
	'calls.f.bar': 'Filter calls',
	'calls.f.words': 'Transcript contains…',
	'calls.f.wordsHint':
		'Separate words with spaces; all must occur. Punctuation, spaces, full/half width and traditional/simplified do not matter',
	'calls.f.agent': 'Agent',
	'calls.f.allAgents': 'All agents',
	'calls.f.team': 'Team',
	'calls.f.allTeams': 'All teams',
	'calls.f.channel': 'Channel',
	'calls.f.allChannels': 'All channels',
	'calls.f.from': 'From',
	'calls.f.to': 'To',
	'calls.f.score': 'Score band',
	'calls.f.allScores': 'All scores',
	'calls.f.band': '{min}–{max}',
	'calls.f.below': 'Below {max}',
	'calls.f.csat': 'CSAT',
	'calls.f.allCsat': 'All CSAT',
	'calls.f.csatN': 'CSAT {n}',
	'calls.f.complaint': 'Complaint',
	'calls.f.allComplaint': 'Complaint: any',
	'calls.f.complaintYes': 'Complaint linked',
	'calls.f.complaintNo': 'No complaint',
	'calls.f.clear': 'Clear all filters',
	'calls.f.sort': 'Sort by “{col}”',
	'calls.f.other': 'Also',
	'calls.f.indexing': 'The first transcript search builds an index; one moment…',
	'calls.drillKey.complaintCategory': 'Complaint category: {v}',
	'calls.drillKey.complaintSeverity': 'Complaint severity: {v}',
	'calls.drillKey.agent': 'Agent: {v}',
	'calls.drillKey.complaint': 'Complaint: {v}',
	'calls.drillKey.words': 'Transcript has “{v}”'
};
