// Variant written forms folded to one form before matching (其它 → 其他, 帐单 → 账单 …), applied to transcripts and
// rubric strings alike by cqa_norm (normalize.ts). Word level, never single characters (它 alone is "it", 象 alone
// is "elephant"). Each pair is a variant form and the standard form 《现代汉语词典》(第7版) gives for it (marked
// 同 / 现多作 there) or that 《第一批异形词整理表》(GF 1001—2001) recommends; only words a service call uses are kept.
// Both forms of a pair have the same length, so an offset in normalised text stays an offset (evidence spans).
// Maintained here: add a pair with its standard form second; variants-table.test.ts checks the lengths.
export const VARIANT_PAIRS: readonly (readonly [variant: string, standard: string])[] = [
	['其它', '其他'],
	['帐单', '账单'],
	['帐户', '账户'],
	['帐号', '账号'],
	['帐务', '账务'],
	['帐目', '账目'],
	['对帐', '对账'],
	['转帐', '转账'],
	['到帐', '到账'],
	['入帐', '入账'],
	['扣帐', '扣账'],
	['好象', '好像'],
	['就象', '就像'],
	['图象', '图像'],
	['录象', '录像'],
	['帐期', '账期'],
	['那末', '那么'],
	['甚么', '什么'],
	['惟一', '唯一'],
	['身分证', '身份证']
];
