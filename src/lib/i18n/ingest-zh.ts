// Messages about calls that arrive without a call-log row, the import summary by file status and the question
// about transcripts replacing earlier ones, spread into zh.ts. ingest-en.ts must have the same keys.
export const INGEST_ZH = {
	'import.fileStatuses': '其中 {ok} 个已导入，{partial} 个部分导入，{failed} 个失败。',
	'import.fileSkipped': '已跳过的文件：{n}（其中的通话保留了原有转写）。',
	'import.compacted': '被替换的记录在工作区文件中留下了空闲空间：已整理，{before} MB → {after} MB。',
	'import.callsCreated': '没有通话记录行的通话：{n}，已按转写或录音建立并评分。',
	'existing.title': '这些通话已经有转写',
	'existing.lead': '本次导入中已有其他文件转写的通话：{n} 通。要用新文件替换这些通话的转写，还是跳过它们、保留原有转写？',
	'existing.newFiles': '本次导入的文件',
	'existing.fromFiles': '原有转写来自',
	'existing.file': '文件',
	'existing.calls': '通话数',
	'existing.unknownFile': '（未记录来源的文件）',
	'existing.replace': '替换这些通话的转写',
	'existing.skip': '跳过，保留原有转写',
	'report.statusSkipped': '已跳过',
	'report.statusPending': '等待决定',
	'report.callsCreated': '新建通话（无通话记录行）：{n}',
	'report.existingPending': '已有其他文件转写的通话：{n}，等待你的决定',
	'call.noCallLog.transcript': '没有通话记录行：此通话由转写文件 {file} 建立。导入包含它的通话记录后，坐席、时间等字段会自动补上。',
	'call.noCallLog.recording': '没有通话记录行：此通话由录音文件 {file} 建立。导入包含它的通话记录后，坐席、时间等字段会自动补上。',
	'call.startUnknown': '未知',
	'calls.startUnknown': '时间未知',
	'calls.noCallLog': '无通话记录',
	'calls.noCallLogHint': '此通话来自转写或录音文件，通话记录中还没有它'
};
