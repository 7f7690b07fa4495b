// Simplified Chinese messages of Excel import and export and the monthly/quarterly appraisal, spread into zh.ts.
export const EXCEL_ZH = {
	'reason.workbook_unreadable': '{file}：不是可读取的 Excel 工作簿（{detail}）',
	'reason.workbook_encrypted': '{file}：工作簿设有密码保护；请另存为无密码的文件后重新导入',
	'reason.workbook_empty': '{file}：工作簿中没有工作表',
	'reason.workbook_empty_sheet': '{file}：工作表“{sheet}”是空的',
	'reason.workbook_no_sheet': '{file}：没有名为“{sheet}”的工作表（现有：{sheets}）'
} as const;
