// Why a KPI has no value (DESIGN §8: missing data is "—" with the reason, never 0): from the counts behind the
// KPIs, the input that is missing for the period. The dashboard cards, the leaderboard and agent page cells and
// the report say it in the interface language (i18n `kpi.missing.<reason>`). Plain TS, no DOM.
import type { KpiKey } from './build-kpi-sql';

export type MissingReason =
	| 'noCalls'
	| 'noRingTimes'
	| 'noAbandonFlag'
	| 'noHandleTimes'
	| 'noResolvedFlag'
	| 'noSurveys'
	| 'noScores'
	| 'noComplaintData'
	| 'noComplaintsWithDue'
	| 'noClosedComplaints';

/** The counts a view has; the dashboard has all of them, a leaderboard row only those of its KPIs. */
export interface MissingCounts {
	offered: number;
	hasComplaintData?: boolean;
}

/** Why `key` has no value for a period with these counts (only asked when the value is null). */
export function missingReason(key: KpiKey, c: MissingCounts): MissingReason {
	if (c.offered === 0) return 'noCalls';
	switch (key) {
		case 'volume':
			return 'noCalls';
		case 'serviceLevel':
		case 'asa':
			return 'noRingTimes';
		case 'abandonment':
			return 'noAbandonFlag';
		case 'aht':
			return 'noHandleTimes';
		case 'resolution':
		case 'fcr':
			return 'noResolvedFlag';
		case 'csatMean':
		case 'csatPct':
			return 'noSurveys';
		case 'qaAvg':
		case 'qaPass':
			return 'noScores';
		case 'complaintRate':
			return 'noComplaintData';
		case 'complaintSla':
			return c.hasComplaintData === false ? 'noComplaintData' : 'noComplaintsWithDue';
		case 'followUp':
			return c.hasComplaintData === false ? 'noComplaintData' : 'noClosedComplaints';
	}
}
