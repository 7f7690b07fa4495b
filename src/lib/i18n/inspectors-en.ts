// Messages of the inspector quality page, spread into en.ts. Same keys as inspectors-zh.ts.
import type { INSPECTORS_ZH } from './inspectors-zh';

export const INSPECTORS_EN: Record<keyof typeof INSPECTORS_ZH, string> = {
	'insp.title': 'Inspector quality',
	'insp.lead':
		"Per inspector and month: reviews submitted, time per review, how often they changed the automatic result, how often their reviews were appealed, how often an appealed item was overturned, and how far their calibration answers were from the agreed ones. A high overturn rate means the lead often reverses that inspector's judgement.",
	'insp.month': 'Month',
	'insp.export': 'Export CSV',
	'insp.empty': 'No reviews were submitted and no calibration agreed in {month}.',
	'insp.col.inspector': 'Inspector',
	'insp.col.reviews': 'Reviews',
	'insp.col.minutes': 'Time per review (median)',
	'insp.col.override': 'Changed automatic result',
	'insp.col.appeal': 'Appeal rate',
	'insp.col.overturn': 'Overturn rate',
	'insp.col.calibration': 'Calibration deviation',
	'insp.minutes': '{n} min',
	'insp.noTime': '— (start not recorded)',
	'insp.noDecided': '— (no decided appeals)',
	'insp.noCalibration': '— (no agreed calibration answers this month)',
	'insp.calibrationOf': '{rate} (of {items, plural, one {# item} other {# items}})',
	'insp.calibrationDef':
		'Calibration deviation: of the items the lead recorded an agreed answer for in a calibration session this month, the share this inspector answered otherwise.',
	'insp.overturnOf': '{rate} (of {decided})',
	'insp.fileName': 'inspector-quality'
};
