// The appraisal workbook's words in one language, from the catalogues (the UI passes t, the CLI the zh catalogue),
// so the sheet's headers are the screen's. Plain TS.
import type { MessageKey } from '../i18n/zh';
import type { AppraisalLabels } from './appraisal';
import { LEADER_DEFINITIONS } from '../metrics/build-leaderboard-sql';

export function appraisalLabels(lang: 'zh' | 'en', tr: (key: MessageKey) => string): AppraisalLabels {
	return {
		summary: tr('appraisal.sheet.summary'),
		notes: tr('appraisal.sheet.notes'),
		noTeam: tr('appraisal.noTeam'),
		rank: tr('appraisal.col.rank'),
		teamRank: tr('appraisal.col.teamRank'),
		id: tr('appraisal.col.id'),
		name: tr('appraisal.col.name'),
		team: tr('appraisal.col.team'),
		calls: tr('appraisal.col.calls'),
		qaAuto: tr('appraisal.col.qaAuto'),
		qaReviewed: tr('appraisal.col.qaReviewed'),
		reviewed: tr('appraisal.col.reviewed'),
		csatMean: tr('appraisal.col.csatMean'),
		csatPct: tr('appraisal.col.csatPct'),
		resolution: tr('appraisal.col.resolution'),
		complaints: tr('appraisal.col.complaints'),
		complaintRate: tr('appraisal.col.complaintRate'),
		appeals: tr('appraisal.col.appeals'),
		overturned: tr('appraisal.col.overturned'),
		composite: tr('appraisal.col.composite'),
		note: tr('appraisal.col.note'),
		unranked: tr('appraisal.unranked'),
		appealsMissing: tr('appraisal.appealsMissing'),
		complaintsMissing: tr('appraisal.complaintsMissing'),
		period: tr('appraisal.notes.period'),
		weights: tr('appraisal.notes.weights'),
		minCalls: tr('appraisal.notes.minCalls'),
		kpi: (k) => LEADER_DEFINITIONS[k].label[lang]
	};
}
