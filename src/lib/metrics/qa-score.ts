// "The QA score of a call", defined once in SQL: the scoring rule (DESIGN §5) as SQL expressions that the automatic
// scorer (compile.ts) and the reviewed score share, and the views every page and the CLI read QA scores from:
//   appeal_overturns     items an appeal's decision overturned (appeals/), the latest decision per item
//   review_item_results  each item of a review: an overturned appeal's result, else the inspector's override, else the automatic finding
//   review_scores        a review's score by the scoring rule over those results (drafts included)
//   call_qa_scores       per call and rubric version: the submitted review's score where one exists, else the automatic one
//   automatic_qa_scores  the same columns from the automatic scores only ("automatic only")
// Views, so a review or a re-score never leaves a stale number behind. Item weights and pass marks come from
// rubric_items / rubrics.pass_mark (rubrics-table.ts fills them). The automatic results of reviewed calls are read
// from review_findings, a copy of their findings kept current where findings and reviews are written (compile.ts
// after scoring, review-sql.ts and review-exchange/ when a review appears): joining all findings (16 rows a call)
// on every KPI query cost more than the KPI itself at 200k calls. No Svelte, no DOM.

/** Which score the KPIs read: the reviewed score where a submitted review exists (default), or the automatic one. */
export type QaSource = 'reviewed' | 'automatic';
export const QA_SOURCES: readonly QaSource[] = ['reviewed', 'automatic'];

/** The URL parameter of the "automatic only" toggle (`?qa=auto`); absent means reviewed where reviewed. */
export const QA_SOURCE_PARAM = 'qa';

export function parseQaSource(params: URLSearchParams): QaSource {
	return params.get(QA_SOURCE_PARAM) === 'auto' ? 'automatic' : 'reviewed';
}

/** Sets (or, for the default, removes) the toggle in URL parameters. */
export function setQaSourceParam(params: URLSearchParams, source: QaSource): URLSearchParams {
	if (source === 'automatic') params.set(QA_SOURCE_PARAM, 'auto');
	else params.delete(QA_SOURCE_PARAM);
	return params;
}

/**
 * The relation to read QA scores from. Columns: call_id, rubric_id, rubric_version, score (0..100, NULL when no item
 * applies), passed, critical_failed, is_reviewed (a review of the call under that version was submitted: in
 * call_qa_scores its score is then the reviewed one; automatic_qa_scores keeps the automatic score and still says so,
 * so "automatic only" can tell how many reviewed calls it leaves out).
 */
export function qaScoresRelation(source: QaSource = 'reviewed'): string {
	return source === 'automatic' ? 'automatic_qa_scores' : 'call_qa_scores';
}

/**
 * The scoring rule as aggregate expressions over rows of one call's items, given the SQL of each row's result
 * (pass | fail | na; NULL rows do not count), weight and critical flag: 100 × earned / possible over the items that
 * apply (N/A excluded), any critical fail → 0, NULL when nothing applies.
 */
export function scoreRuleSql(result: string, weight: string, critical: string): { score: string; criticalFailed: string } {
	const anyCriticalFail = `bool_or(${result} = 'fail' AND ${critical})`;
	return {
		criticalFailed: `coalesce(${anyCriticalFail}, false)`,
		score: `CASE WHEN ${anyCriticalFail} THEN 0.0
			WHEN sum(${weight}) FILTER (WHERE ${result} <> 'na') > 0
			THEN 100.0 * coalesce(sum(${weight}) FILTER (WHERE ${result} = 'pass'), 0) / sum(${weight}) FILTER (WHERE ${result} <> 'na')
		END`
	};
}

const REVIEW_RULE = scoreRuleSql('x.result', 'x.weight', 'x.critical');

/** The views above; schema.ts runs this on every start (CREATE OR REPLACE), so a new definition reaches old workspaces. */
export const QA_SCORE_VIEWS_SQL = `
CREATE OR REPLACE VIEW appeal_overturns AS
SELECT a.call_id, a.rubric_id, a.rubric_version, x.item_id, arg_max(x.result_after, x.decided_at) AS result
FROM appeal_items x JOIN appeals a ON a.appeal_id = x.appeal_id
WHERE x.decision = 'overturn'
GROUP BY a.call_id, a.rubric_id, a.rubric_version, x.item_id;
CREATE OR REPLACE VIEW review_item_results AS
SELECT r.call_id, r.rubric_id, r.rubric_version, r.status, i.item_id, i.ordinal, i.weight, i.critical,
	f.result AS auto_result, o.override_result, ap.result AS appeal_result,
	coalesce(ap.result, o.override_result, f.result) AS result,
	CASE coalesce(ap.result, o.override_result, f.result) WHEN 'pass' THEN i.weight WHEN 'fail' THEN 0.0 END AS points,
	CASE WHEN coalesce(ap.result, o.override_result, f.result) IN ('pass', 'fail') THEN i.weight END AS max_points
FROM reviews r
JOIN rubric_items i ON i.rubric_id = r.rubric_id AND i.rubric_version = r.rubric_version
LEFT JOIN review_findings f ON f.call_id = r.call_id AND f.rubric_id = r.rubric_id AND f.rubric_version = r.rubric_version AND f.item_id = i.item_id
LEFT JOIN review_items o ON o.call_id = r.call_id AND o.rubric_id = r.rubric_id AND o.rubric_version = r.rubric_version AND o.item_id = i.item_id
LEFT JOIN appeal_overturns ap ON ap.call_id = r.call_id AND ap.rubric_id = r.rubric_id AND ap.rubric_version = r.rubric_version
	AND ap.item_id = i.item_id;
CREATE OR REPLACE VIEW review_scores AS
SELECT call_id, rubric_id, rubric_version, status, score, score >= pass_mark AS passed, critical_failed FROM (
	SELECT x.call_id, x.rubric_id, x.rubric_version, x.status, any_value(coalesce(rb.pass_mark, 80)) AS pass_mark,
		${REVIEW_RULE.score} AS score,
		${REVIEW_RULE.criticalFailed} AS critical_failed
	FROM review_item_results x
	LEFT JOIN rubrics rb ON rb.rubric_id = x.rubric_id AND rb.version = x.rubric_version
	GROUP BY x.call_id, x.rubric_id, x.rubric_version, x.status
);
CREATE OR REPLACE VIEW call_qa_scores AS
SELECT s.call_id, s.rubric_id, s.rubric_version,
	CASE WHEN rs.call_id IS NULL THEN s.score ELSE rs.score END AS score,
	CASE WHEN rs.call_id IS NULL THEN s.passed ELSE rs.passed END AS passed,
	CASE WHEN rs.call_id IS NULL THEN s.critical_failed ELSE rs.critical_failed END AS critical_failed,
	rs.call_id IS NOT NULL AS is_reviewed
FROM scores s
LEFT JOIN review_scores rs ON rs.call_id = s.call_id AND rs.rubric_id = s.rubric_id AND rs.rubric_version = s.rubric_version
	AND rs.status = 'submitted';
CREATE OR REPLACE VIEW automatic_qa_scores AS
SELECT s.call_id, s.rubric_id, s.rubric_version, s.score, s.passed, s.critical_failed,
	EXISTS (SELECT 1 FROM reviews r WHERE r.call_id = s.call_id AND r.rubric_id = s.rubric_id AND r.rubric_version = s.rubric_version
		AND r.status = 'submitted') AS is_reviewed
FROM scores s;
`;

/**
 * The statements that re-copy into review_findings the automatic results (findings) of the reviews matching `where`,
 * a condition on reviews aliased `r` (its `?` parameters are bound once per statement). Run after findings of
 * reviewed calls are rewritten and when reviews appear.
 */
export function reviewFindingsRefreshSql(where: string): string[] {
	return [
		`DELETE FROM review_findings WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.call_id = review_findings.call_id
			AND r.rubric_id = review_findings.rubric_id AND r.rubric_version = review_findings.rubric_version AND (${where}))`,
		`INSERT INTO review_findings (call_id, rubric_id, rubric_version, item_id, result)
		SELECT f.call_id, f.rubric_id, f.rubric_version, f.item_id, f.result
		FROM findings f JOIN reviews r ON r.call_id = f.call_id AND r.rubric_id = f.rubric_id AND r.rubric_version = f.rubric_version
		WHERE ${where}`
	];
}

/** Copies the findings of reviews that have none in review_findings yet (workspaces from before it existed, or a review whose call was scored later). */
export const REVIEW_FINDINGS_BACKFILL_SQL = reviewFindingsRefreshSql(
	`NOT EXISTS (SELECT 1 FROM review_findings x WHERE x.call_id = r.call_id AND x.rubric_id = r.rubric_id AND x.rubric_version = r.rubric_version)`
);
