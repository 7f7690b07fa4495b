// The free text of a review record (an override's or appeal's reason, a comment, a decision's reason) as an export
// writes it (privacy/export-privacy.ts).
import { maskForExport, type ExportPrivacy } from '../privacy/export-privacy';
import type { ExchangeRecord } from './records';

export function maskRecord(r: ExchangeRecord, privacy: ExportPrivacy): ExchangeRecord {
	return {
		...r,
		reason: maskForExport(r.reason, privacy),
		text: maskForExport(r.text, privacy),
		decision_reason: maskForExport(r.decision_reason, privacy)
	};
}
