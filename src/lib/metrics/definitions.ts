// The written definition of every KPI (DESIGN §6) that the dashboard's help, the leaderboard and the report show.
// Their formulas: kpis.ts (keep the text and the formula in step). No Svelte, no DOM.

export type KpiKey =
	| 'volume'
	| 'serviceLevel'
	| 'asa'
	| 'abandonment'
	| 'aht'
	| 'resolution'
	| 'fcr'
	| 'csatMean'
	| 'csatPct'
	| 'qaAvg'
	| 'qaPass'
	| 'complaintRate'
	| 'complaintSla'
	| 'followUp';

export type KpiFormat = 'count' | 'share' | 'seconds' | 'score' | 'per100';

export interface KpiDefinition {
	key: KpiKey;
	format: KpiFormat;
	/** true when a higher value is better (colours the change arrow) */
	isUpGood: boolean;
	label: { zh: string; en: string };
	definition: { zh: string; en: string };
}

/** Every KPI with its definition as kpis.ts computes it; keep the text and the formula in step. */
export const KPI_DEFINITIONS: KpiDefinition[] = [
	{
		key: 'volume',
		format: 'count',
		isUpGood: true,
		label: { zh: '来电量', en: 'Volume' },
		definition: {
			zh: '期间内开始的通话数（呼入与呼出、已接与放弃均计入），即受理量。',
			en: 'Calls that started in the period (inbound and outbound, answered and abandoned): the offered calls.'
		}
	},
	{
		key: 'serviceLevel',
		format: 'share',
		isUpGood: true,
		label: { zh: '服务水平', en: 'Service level' },
		definition: {
			zh: '有振铃时长的已接通话中，振铃时长 ≤ {threshold} 秒的占比（已接 = 未放弃）。没有振铃时长数据时显示“—”。',
			en: 'Share of the answered calls (not abandoned) with a ring time whose ring time was ≤ {threshold} s. “—” when there are no ring times.'
		}
	},
	{
		key: 'asa',
		format: 'seconds',
		isUpGood: false,
		label: { zh: '平均应答速度', en: 'ASA' },
		definition: { zh: '已接通话振铃时长的平均值（秒）。', en: 'Mean ring time of answered calls, in seconds.' }
	},
	{
		key: 'abandonment',
		format: 'share',
		isUpGood: false,
		label: { zh: '放弃率', en: 'Abandonment' },
		definition: { zh: '放弃的通话数 ÷ 标明是否放弃的通话数。', en: 'Abandoned calls ÷ the calls whose abandoned flag is known.' }
	},
	{
		key: 'aht',
		format: 'seconds',
		isUpGood: false,
		label: { zh: '平均处理时长', en: 'AHT' },
		definition: {
			zh: '已处理（未放弃）通话的 通话 + 保持 + 话后处理 时长的平均值（秒）；三项都没有的通话不计。',
			en: 'Mean of talk + hold + wrap-up time over handled (not abandoned) calls, in seconds; calls with none of the three are left out.'
		}
	},
	{
		key: 'resolution',
		format: 'share',
		isUpGood: true,
		label: { zh: '解决率', en: 'Resolution rate' },
		definition: {
			zh: '已解决的通话 ÷ 标明是否解决的已处理（未放弃）通话。没有解决标记时显示“—”。',
			en: 'Resolved calls ÷ handled (not abandoned) calls whose resolved flag is known. “—” when there is no resolved flag.'
		}
	},
	{
		key: 'fcr',
		format: 'share',
		isUpGood: true,
		label: { zh: '首次解决率', en: 'FCR' },
		definition: {
			zh: '标明是否解决的已处理通话中，已解决且同一客户在之后 7 天内（含第 7 天）没有其他通话的占比。没有客户ID的通话无法查重，按无再次来电计。',
			en: 'Share of the handled calls with a known resolved flag that were resolved and after which the same customer had no other call within 7 days. Calls without a customer ID cannot be matched and count as no repeat.'
		}
	},
	{
		key: 'csatMean',
		format: 'score',
		isUpGood: true,
		label: { zh: '满意度均分', en: 'CSAT' },
		definition: { zh: '参与评价的通话满意度（1–5 分）的平均值。', en: 'Mean satisfaction score (1–5) of the surveyed calls.' }
	},
	{
		key: 'csatPct',
		format: 'share',
		isUpGood: true,
		label: { zh: '满意率', en: 'CSAT %' },
		definition: { zh: '参与评价的通话中评 4 或 5 分的占比。', en: 'Share of surveyed calls rated 4 or 5.' }
	},
	{
		key: 'qaAvg',
		format: 'score',
		isUpGood: true,
		label: { zh: '质检均分', en: 'QA score' },
		definition: {
			zh: '期间内通话在当前评分标准版本下的平均质检得分（0–100；没有适用检查项的通话不计）。质检得分：该版本下已提交人工复核的通话取复核得分，其余取自动评分；选“仅自动评分”时全部取自动评分。',
			en: 'Mean QA score (0–100) of the period’s calls under the active rubric version (calls with no applicable item excluded). QA score: the reviewed score where a review under that version was submitted, the automatic score elsewhere; “automatic only” uses the automatic score for every call.'
		}
	},
	{
		key: 'qaPass',
		format: 'share',
		isUpGood: true,
		label: { zh: '质检合格率', en: 'QA pass rate' },
		definition: {
			zh: '在当前评分标准版本下已评分的通话中，质检得分合格的占比（质检得分的取法同质检均分）。',
			en: 'Share of the calls scored under the active rubric version whose QA score passed (QA score as for the QA score KPI).'
		}
	},
	{
		key: 'complaintRate',
		format: 'per100',
		isUpGood: false,
		label: { zh: '投诉率', en: 'Complaint rate' },
		definition: {
			zh: '期间内受理的投诉数 ÷ 来电量 × 100（每百通）。按班组/队列/渠道筛选时，只计关联通话符合筛选的投诉；未关联通话的投诉按其坐席所在班组计入班组筛选。工作区没有任何投诉记录时显示“—”。',
			en: 'Complaints received in the period per 100 offered calls. With a team/queue/channel filter, only complaints whose linked call matches count; a complaint with no linked call counts for its agent’s team. “—” when the workspace holds no complaint records.'
		}
	},
	{
		key: 'complaintSla',
		format: 'share',
		isUpGood: true,
		label: { zh: '投诉按时办结率', en: 'Complaint SLA' },
		definition: {
			zh: '期间内受理的投诉中，在处理时限（due_at）之前办结的占比；未办结的计为未按时。',
			en: 'Share of complaints received in the period that were resolved by their deadline (due_at); unresolved ones count as late.'
		}
	},
	{
		key: 'followUp',
		format: 'share',
		isUpGood: true,
		label: { zh: '回访率', en: 'Follow-up rate' },
		definition: {
			zh: '期间内受理且已办结（有办结时间）的投诉中，有回访时间的占比。',
			en: 'Share of the closed complaints (with a resolution time) received in the period that had a return visit.'
		}
	}
];

export const KPI_KEYS: KpiKey[] = KPI_DEFINITIONS.map((d) => d.key);
