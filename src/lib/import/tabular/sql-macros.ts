// DuckDB macros that parse the values real exports hold (dates, times, durations, yes/no, ratings, severity,
// speaker roles). Plain SQL so the browser (duckdb-wasm) and the CLI (@duckdb/node-api) parse identically.
// No extension is needed: in particular no ICU, so ISO strings with an offset or `Z` keep the wall-clock
// time as written (the offset is dropped, not applied) — call logs are read in the centre's local time.
import type { Db } from '../../db/types';
import { PLAUSIBLE } from '../plausible';

const MACROS = String.raw`
CREATE OR REPLACE TEMP MACRO cqa_clean(s) AS nullif(regexp_replace(CAST(s AS VARCHAR), '^[\s\x{3000}]+|[\s\x{3000}]+$', '', 'g'), '');

-- Time of day → seconds since midnight: 7:05:09, 08:30, 3:53:50 PM, 下午3:53, Excel fractions (0.35417).
CREATE OR REPLACE TEMP MACRO cqa_tod_calc(p) AS CASE
	WHEN p IS NULL OR p.h = '' THEN NULL
	WHEN p.ap1 || p.ap2 = '' THEN CASE
		WHEN TRY_CAST(p.h AS INTEGER) < 24 AND TRY_CAST(p.m AS INTEGER) < 60 AND coalesce(TRY_CAST(nullif(p.sec, '') AS DOUBLE), 0) < 60
		THEN TRY_CAST(p.h AS INTEGER) * 3600 + TRY_CAST(p.m AS INTEGER) * 60 + coalesce(TRY_CAST(nullif(p.sec, '') AS DOUBLE), 0) END
	ELSE CASE
		WHEN TRY_CAST(p.h AS INTEGER) BETWEEN 1 AND 12 AND TRY_CAST(p.m AS INTEGER) < 60 AND coalesce(TRY_CAST(nullif(p.sec, '') AS DOUBLE), 0) < 60
		THEN (TRY_CAST(p.h AS INTEGER) % 12 + CASE WHEN list_contains(['PM', 'P.M.', '下午', '晚上'], p.ap1 || p.ap2) THEN 12 ELSE 0 END) * 3600
			+ TRY_CAST(p.m AS INTEGER) * 60 + coalesce(TRY_CAST(nullif(p.sec, '') AS DOUBLE), 0) END
END;
CREATE OR REPLACE TEMP MACRO cqa_tod(s) AS CASE
	WHEN regexp_full_match(s, '0?\.\d+') THEN CAST(s AS DOUBLE) * 86400
	ELSE cqa_tod_calc(regexp_extract(upper(s),
		'^(上午|下午|晚上|AM|PM)?\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?\s*(AM|PM|A\.M\.|P\.M\.)?$',
		['ap1', 'h', 'm', 'sec', 'ap2']))
END;

-- Date: 2024/11/20, 2020/6/8, 2024-11-20, 2024.11.20, 2024年11月20日, 20241120, YYMMDD (990201), Excel serial
-- (45616), dd-mm-yy (22-04-15), dd-Mon-yy (22-Apr-15), m/d/yyyy (US; d/m/yyyy when the first part is > 12).
CREATE OR REPLACE TEMP MACRO cqa_date(s) AS CAST(CASE
	WHEN regexp_full_match(s, '\d{4}[-/.]\d{1,2}[-/.]\d{1,2}') THEN try_strptime(regexp_replace(s, '[/.]', '-', 'g'), '%Y-%m-%d')
	WHEN regexp_full_match(s, '\d{4}年\d{1,2}月\d{1,2}日?') THEN try_strptime(regexp_replace(regexp_replace(s, '[年月]', '-', 'g'), '日', ''), '%Y-%m-%d')
	WHEN regexp_full_match(s, '\d{8}') THEN try_strptime(s, '%Y%m%d')
	WHEN regexp_full_match(s, '\d{6}') THEN try_strptime(s, '%y%m%d')
	WHEN regexp_full_match(s, '\d{5}(\.\d+)?') THEN CAST(DATE '1899-12-30' + CAST(floor(CAST(s AS DOUBLE)) AS INTEGER) AS TIMESTAMP)
	WHEN regexp_full_match(s, '\d{1,2}[-/.]\d{1,2}[-/.]\d{2}') THEN try_strptime(regexp_replace(s, '[/.]', '-', 'g'), '%d-%m-%y')
	WHEN regexp_full_match(s, '\d{1,2}[-/. ][A-Za-z]{3,9}[-/. ]\d{2}(\d{2})?') THEN coalesce(
		try_strptime(regexp_replace(s, '[/. ]', '-', 'g'), '%d-%b-%y'), try_strptime(regexp_replace(s, '[/. ]', '-', 'g'), '%d-%b-%Y'),
		try_strptime(regexp_replace(s, '[/. ]', '-', 'g'), '%d-%B-%y'), try_strptime(regexp_replace(s, '[/. ]', '-', 'g'), '%d-%B-%Y'))
	WHEN regexp_full_match(s, '\d{1,2}/\d{1,2}/\d{4}') THEN CASE
		WHEN TRY_CAST(split_part(s, '/', 1) AS INTEGER) > 12 THEN try_strptime(s, '%d/%m/%Y') ELSE try_strptime(s, '%m/%d/%Y') END
END AS DATE);

-- ISO 'T' becomes a space; a trailing Z or ±hh:mm after a time is dropped (wall clock kept, see above).
CREATE OR REPLACE TEMP MACRO cqa_ts_norm(s) AS regexp_replace(regexp_replace(s, '(\d)T(\d)', '\1 \2'),
	'(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:Z|[+-]\d{2}:?\d{2})$', '\1');
CREATE OR REPLACE TEMP MACRO cqa_ts_join(p) AS CASE
	WHEN p.d = '' THEN NULL
	WHEN p.t = '' THEN CAST(cqa_date(p.d) AS TIMESTAMP)
	ELSE CAST(cqa_date(p.d) AS TIMESTAMP) + to_seconds(cqa_tod(p.t))
END;
-- Date and time in one value (any date form above, optionally followed by a time of day), or an Excel serial.
CREATE OR REPLACE TEMP MACRO cqa_ts(s) AS CASE
	WHEN regexp_full_match(s, '\d{5}(\.\d+)?') THEN TIMESTAMP '1899-12-30' + to_seconds(round(CAST(s AS DOUBLE) * 86400))
	ELSE cqa_ts_join(regexp_extract(cqa_ts_norm(s), '^(\S+)(?:\s+(.+))?$', ['d', 't']))
END;
-- Date and time of day in separate columns (both real call logs do that).
CREATE OR REPLACE TEMP MACRO cqa_ts2(d, t) AS CASE
	WHEN t IS NULL THEN cqa_ts(d)
	ELSE CAST(CAST(cqa_ts(d) AS DATE) AS TIMESTAMP) + to_seconds(cqa_tod(t))
END;

-- Duration → seconds: 35, 35.5, H:MM:SS, MM:SS, 1分5秒, 35秒, 2h 3m 4s.
CREATE OR REPLACE TEMP MACRO cqa_dur_list(p) AS CASE
	WHEN len(p) = 3 THEN TRY_CAST(p[1] AS DOUBLE) * 3600 + TRY_CAST(p[2] AS DOUBLE) * 60 + TRY_CAST(p[3] AS DOUBLE)
	ELSE TRY_CAST(p[1] AS DOUBLE) * 60 + TRY_CAST(p[2] AS DOUBLE)
END;
CREATE OR REPLACE TEMP MACRO cqa_dur_units(p) AS CASE
	WHEN p IS NULL OR p.h || p.m || p.sec = '' THEN NULL
	ELSE coalesce(TRY_CAST(nullif(p.h, '') AS DOUBLE), 0) * 3600 + coalesce(TRY_CAST(nullif(p.m, '') AS DOUBLE), 0) * 60
		+ coalesce(TRY_CAST(nullif(p.sec, '') AS DOUBLE), 0)
END;
CREATE OR REPLACE TEMP MACRO cqa_dur(s) AS CASE
	WHEN s IS NULL THEN NULL
	WHEN regexp_full_match(s, '[+-]?\d+(\.\d+)?') THEN CAST(s AS DOUBLE)
	WHEN regexp_full_match(s, '[+-]?\d+:\d{1,2}(:\d{1,2})?([.,]\d+)?') THEN
		(CASE WHEN left(s, 1) = '-' THEN -1 ELSE 1 END) * cqa_dur_list(string_split(replace(ltrim(s, '+-'), ',', '.'), ':'))
	ELSE cqa_dur_units(regexp_extract(lower(s),
		'^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|hours|hour|hrs|hr|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|minutes|minute|mins|min|m))?\s*(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|seconds|second|secs|sec|s))?$',
		['h', 'm', 'sec']))
END;

-- A parsed duration v of the text s is data when it is 0…max seconds and, written as H:MM:SS or MM:SS, its
-- minutes and seconds are under 60 (0:99:99 is not a time anybody measured). Ranges: import/plausible.ts.
CREATE OR REPLACE TEMP MACRO cqa_dur_ok(s, v) AS v IS NULL OR (v >= 0 AND v <= ${PLAUSIBLE.maxDurationS}
	AND (strpos(s, ':') = 0 OR len(list_filter(string_split(s, ':')[2:], x -> TRY_CAST(regexp_extract(x, '^\d+') AS INTEGER) >= 60)) = 0));
-- A parsed time is data when its year is in range (0001-01-01, 9999-12-31 and the Excel serial 99999 are not).
CREATE OR REPLACE TEMP MACRO cqa_ts_ok(t) AS t IS NULL OR year(t) BETWEEN ${PLAUSIBLE.minYear} AND ${PLAUSIBLE.maxYear};

-- Yes/no in the forms exports use; NULL when the value is none of them (the caller warns).
-- Word lists are list_contains, not IN: DuckDB plans a long IN list as a join against a constant table, and those
-- joins were half of every import's fixed cost (a one-row import: 650 ms, 470 ms with list_contains).
CREATE OR REPLACE TEMP MACRO cqa_bool(s) AS CASE
	WHEN list_contains(['y', 'yes', 'true', 't', '1', '1.0', '是', '有', '对', '已解决', '解决', '已转接', '转接', '已放弃', '放弃', '已接通', '接通', '满意', '√'], lower(s)) THEN true
	WHEN list_contains(['n', 'no', 'false', 'f', '0', '0.0', '否', '无', '没有', '未解决', '不解决', '未转接', '未放弃', '未接通', '不满意', '×'], lower(s)) THEN false
END;

-- Satisfaction as written: digits (maybe 分/星) or words; out of 1..5 is the caller's warning.
CREATE OR REPLACE TEMP MACRO cqa_csat_raw(s) AS CASE
	WHEN regexp_full_match(s, '-?\d+(\.0+)?\s*(分|星)?') THEN TRY_CAST(regexp_extract(s, '-?\d+') AS INTEGER)
	WHEN list_contains(['非常满意', '很满意'], s) OR lower(s) = 'very satisfied' THEN 5
	WHEN s = '满意' OR lower(s) = 'satisfied' THEN 4
	WHEN list_contains(['一般', '基本满意'], s) OR lower(s) = 'neutral' THEN 3
	WHEN s = '不满意' OR list_contains(['dissatisfied', 'unsatisfied'], lower(s)) THEN 2
	WHEN list_contains(['非常不满意', '很不满意'], s) OR lower(s) = 'very dissatisfied' THEN 1
END;

-- Severity 1 general, 2 serious, 3 major.
CREATE OR REPLACE TEMP MACRO cqa_severity(s) AS CASE
	WHEN list_contains(['1', '2', '3'], s) THEN CAST(s AS INTEGER)
	WHEN list_contains(['一般', '普通', '轻微', '低'], s) OR list_contains(['general', 'minor', 'low', 'normal'], lower(s)) THEN 1
	WHEN list_contains(['严重', '较重', '中', '较严重'], s) OR list_contains(['serious', 'medium', 'moderate'], lower(s)) THEN 2
	WHEN list_contains(['重大', '特别严重', '紧急', '高', '非常严重'], s) OR list_contains(['major', 'critical', 'high', 'severe'], lower(s)) THEN 3
END;

-- Speaker label → role; anything unrecognised is 'system' (DESIGN §4). The label itself is kept.
CREATE OR REPLACE TEMP MACRO cqa_speaker(s) AS CASE
	WHEN regexp_matches(lower(s), '客服|坐席|话务员|员工|工作人员|agent|helpdesk|staff|representative') THEN 'agent'
	WHEN regexp_matches(lower(s), '客户|用户|顾客|来电|customer|caller|client|user') THEN 'customer'
	ELSE 'system'
END;

CREATE OR REPLACE TEMP MACRO cqa_channel(s) AS CASE
	WHEN regexp_matches(lower(s), '电话|语音|热线|呼叫|phone|voice|call|\btel\b') THEN 'phone'
	WHEN regexp_matches(lower(s), '在线|文字|微信|聊天|网页|chat|\bim\b|web|online|wechat') THEN 'chat'
	WHEN regexp_matches(lower(s), '邮件|邮箱|e-?mail|mail') THEN 'email'
	ELSE lower(s)
END;
CREATE OR REPLACE TEMP MACRO cqa_direction(s) AS CASE
	WHEN regexp_matches(lower(s), '呼入|来电|inbound|incoming|^in$') THEN 'inbound'
	WHEN regexp_matches(lower(s), '呼出|外呼|去电|outbound|outgoing|^out$') THEN 'outbound'
	ELSE lower(s)
END;
-- Call outcome → abandoned: Technion AGENT / HANG / PHANTOM, and the Chinese words for the same.
CREATE OR REPLACE TEMP MACRO cqa_outcome_abandoned(s) AS CASE
	WHEN list_contains(['AGENT', 'ANSWERED', 'ANSWER', 'CONNECTED', 'COMPLETED'], upper(s)) OR list_contains(['接通', '已接通', '已接听', '接听', '人工接听'], s) THEN false
	WHEN list_contains(['HANG', 'PHANTOM', 'ABANDONED', 'ABANDON', 'HANGUP', 'NO ANSWER', 'MISSED'], upper(s)) OR list_contains(['放弃', '已放弃', '未接', '未接通', '呼损', '挂断'], s) THEN true
END;
-- An agent column that names nobody (Technion NO_SERVER).
CREATE OR REPLACE TEMP MACRO cqa_no_agent(s) AS list_contains(['NO_SERVER', 'NONE', 'N/A', 'NA', '无', '-'], upper(s));
`;

/** The macro definitions, for the CLI or anyone running the importer SQL on another connection. */
export const PARSE_MACROS_SQL = MACROS;

/** Creates (or replaces) the parsing macros on this connection; temporary, so nothing lands in the user's file. */
export async function ensureParseMacros(db: Db): Promise<void> {
	await db.query(MACROS);
}
