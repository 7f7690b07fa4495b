// Messages of the scoring UI (status, calls-list score columns, call view checklist, start-screen item summary),
// spread into zh.ts. scoring-en.ts must have the same keys.
export const SCORING_ZH = {
	'scoring.loading': '正在读取评分标准…',
	'scoring.scoring': '正在评分… {n} 通',
	'scoring.scored': '已评分 {n} 通',
	'scoring.error': '评分失败：{message}',
	'scoring.badge': '评分',
	'scoring.rubric': '评分标准：{name} 第 {version} 版'
} as const;
