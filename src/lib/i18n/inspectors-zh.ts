// Messages of the inspector quality page (src/lib/inspectors/), spread into zh.ts. inspectors-en.ts has the same keys.
export const INSPECTORS_ZH = {
	'insp.title': '质检员质量',
	'insp.lead':
		'按月看每位质检员：提交了多少条质检、每条用时、改动自动结果的比例、被申诉的比例、申诉项被改判的比例，以及校准时与统一答案的偏差。改判率高说明该质检员的判定常被组长推翻。',
	'insp.month': '月份',
	'insp.export': '导出 CSV',
	'insp.empty': '{month} 没有提交的质检，也没有校准。',
	'insp.col.inspector': '质检员',
	'insp.col.reviews': '提交质检',
	'insp.col.minutes': '每条用时（中位数）',
	'insp.col.override': '改动自动结果',
	'insp.col.appeal': '被申诉率',
	'insp.col.overturn': '申诉改判率',
	'insp.col.calibration': '校准偏差',
	'insp.minutes': '{n} 分钟',
	'insp.noTime': '—（未记录开始时间）',
	'insp.noDecided': '—（无已裁定申诉）',
	'insp.noCalibration': '—（本月无已定答案的校准）',
	'insp.calibrationOf': '{rate}（{items} 项中）',
	'insp.calibrationDef': '校准偏差：本月组长在校准会话中定下统一答案的检查项里，该质检员答案与统一答案不同的比例。',
	'insp.overturnOf': '{rate}（{decided} 项中）',
	'insp.fileName': '质检员质量'
};
