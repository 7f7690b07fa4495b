// English messages of Excel import and export and the monthly/quarterly appraisal, spread into en.ts. Typed against excel-zh.ts.
import type { EXCEL_ZH } from './excel-zh';

export const EXCEL_EN: Record<keyof typeof EXCEL_ZH, string> = {
	'reason.workbook_unreadable': '{file}: not a readable Excel workbook ({detail})',
	'reason.workbook_encrypted': '{file}: the workbook is password-protected; save it without a password and import again',
	'reason.workbook_empty': '{file}: the workbook has no sheets',
	'reason.workbook_empty_sheet': '{file}: sheet "{sheet}" is empty',
	'reason.workbook_no_sheet': '{file}: no sheet named "{sheet}" (sheets: {sheets})'
};
