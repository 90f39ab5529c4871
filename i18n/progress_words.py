"""Words for progress against targets (``geo.progress``) and importing actual figures (``geo.actuals_import``).

Two dicts of the same shape as ``TEXT`` and ``PROBLEMS`` in ``i18n.catalogue`` (key -> {"zh", "en"}),
to be merged into them: ``PROGRESS_TEXT`` (labels, statuses ``progress_status_<status>``, reasons
``progress_reason_<reason>``, the rule in one paragraph ``progress_rule``) and ``PROGRESS_PROBLEMS``
(import problems, codes prefixed ``actual_``). Every key is new to the catalogue.
"""

from __future__ import annotations

PROGRESS_TEXT: dict[str, dict[str, str]] = {
    "progress_title": {"zh": "目标完成进度", "en": "Progress against targets"},
    "view_progress": {"zh": "目标进度", "en": "Progress"},
    "actuals_editor_help": {
        "zh": "本工作区的实际数据（可直接编辑、增删行，然后保存；每次保存都是一个新版本）。内置的已核实公开数据另列在“目标”页。",
        "en": "This workspace's actual figures (edit, add or delete rows, then save; each save is a new version). The verified published figures are listed apart on the Targets tab.",
    },
    "actuals_save": {"zh": "检查并保存", "en": "Check and save"},
    "progress_table": {"zh": "目标进度表", "en": "Progress table"},
    "progress_of_targets": {"zh": "目标与实际", "en": "Targets and actuals"},
    "progress_actual_points": {
        "zh": "空心圆点：规划目标；实心菱形：全年实际数据；空心三角：上半年数据（仅供参考，不是全年数）。",
        "en": "Hollow circles: the plan's targets; filled diamonds: full-year actual figures; hollow triangles: "
              "first-half figures (shown only, not full-year figures).",
    },
    "progress_year": {"zh": "目标年份", "en": "Target year"},
    "progress_bundled_table": {"zh": "内置的已核实公开数据", "en": "Verified published figures (bundled)"},
    "progress_user_table": {"zh": "本工作区添加的数据", "en": "Figures added in this workspace"},
    "progress_legend_title": {"zh": "各集群进度（括号内为集群数）", "en": "Status of each cluster (number of clusters)"},
    "progress_not_tracked": {
        "zh": "不涉及：没有集群在此有{year}年营业收入目标",
        "en": "not tracked: no cluster here has a {year} revenue target",
    },
    "progress_legend_note": {
        "zh": "按所选年份各集群的营业收入目标着色；一个县服务多个集群时显示最不利的状态。",
        "en": "Each cluster's revenue target of the chosen year; a county serving several clusters shows the worst status.",
    },
    "progress_rule_short": {
        "zh": "已有当年全年数据：达到目标为已完成（约数达到95%即可）；否则比较此后所需年均增长与规划路径增速：不高于为正常，高出3个百分点以内为略有落后，更多为明显落后。上半年数据不作判断。",
        "en": "With a full-year figure of the year: achieved when it reaches the target (95% for about); otherwise the yearly growth still needed against the plan's path: not above it on track, within 3 points slightly behind, beyond behind. Half-year figures never decide.",
    },
    "progress_rule_line": {
        "zh": "规则：有当年全年数据时，达到目标为已完成；否则所需年均增长不高于规划路径为正常，高出3个百分点以内为略有落后，更多为明显落后；上半年数据不作判断。",
        "en": "Rule: with the year's full-year figure, achieved when it reaches the target; otherwise the growth still needed against the plan's path: not above on track, within 3 points slightly behind, beyond behind; half-year figures never decide.",
    },
    "progress_no_targets": {"zh": "这些规划没有营业收入目标", "en": "These plans have no revenue targets"},
    "progress_status": {"zh": "进度", "en": "Status"},
    "progress_target": {"zh": "目标", "en": "Target"},
    "progress_actual": {"zh": "实际", "en": "Actual"},
    "progress_actual_year": {"zh": "实际数据年份", "en": "Year of the actual"},
    "progress_half_year": {"zh": "半年数据（仅供参考）", "en": "Half-year figure (shown only)"},
    "progress_required_growth": {"zh": "此后所需年均增长", "en": "Yearly growth still needed"},
    "progress_plan_growth": {"zh": "规划路径隐含年均增长", "en": "Yearly growth the plan's path implies"},
    "progress_counts_header": {"zh": "集群数据", "en": "Clusters with figures"},
    "progress_source": {"zh": "数据来源", "en": "Source"},
    "progress_scope_note": {"zh": "口径说明", "en": "Scope"},
    "progress_user_supplied": {"zh": "用户提供", "en": "user-supplied"},
    "progress_bundled": {"zh": "已核实的公开数据", "en": "verified published figure"},
    "progress_period_year": {"zh": "全年", "en": "full year"},
    "progress_period_H1": {"zh": "上半年", "en": "first half"},
    "progress_period": {"zh": "期间", "en": "Period"},
    "progress_period_cell_year": {"zh": "全年", "en": "Full year"},
    "progress_period_cell_H1": {"zh": "上半年", "en": "First half"},
    "progress_half_year_cell": {"zh": "{year}年上半年 {value}", "en": "first half of {year}: {value}"},
    # statuses (geo.progress.STATUSES)
    "progress_status_achieved": {"zh": "已完成", "en": "achieved"},
    "progress_status_missed": {"zh": "未完成", "en": "missed"},
    "progress_status_green": {"zh": "进度正常", "en": "on track"},
    "progress_status_yellow": {"zh": "略有落后", "en": "slightly behind"},
    "progress_status_red": {"zh": "明显落后", "en": "behind"},
    "progress_status_unknown": {"zh": "无法判断", "en": "unknown"},
    # why unknown (geo.progress.REASONS)
    "progress_reason_no-actual": {"zh": "尚无实际数据", "en": "no actual figure yet"},
    "progress_reason_only-half-year": {
        "zh": "只有上半年数据；半年数据只作参考，不作判断",
        "en": "only a first-half figure, which is shown but never decides",
    },
    "progress_reason_no-own-year-actual": {
        "zh": "目标年份没有全年实际数据（只有更晚年份的数据）",
        "en": "no full-year figure for the target's own year (only for later years)",
    },
    "progress_reason_before-plan-path": {
        "zh": "实际数据的年份早于规划的第一个目标年份，规划路径无从比较；所需增速仍列出",
        "en": "the actual is older than the plan's first target year, so there is no plan path to compare; "
              "the growth needed is still given",
    },
    "progress_reason_not-comparable": {
        "zh": "数字无法比较（实际值或规划路径为零）",
        "en": "the figures cannot be compared (an actual or a path of zero)",
    },
    "progress_reason_clusters-unknown": {
        "zh": "按各集群的实际数据计数，但部分集群没有该年数据",
        "en": "counted from the clusters' own figures, but some clusters have none for that year",
    },
    # one-line explanations (geo.progress.explain)
    "progress_actual_of": {"zh": "{year}年实际{value}", "en": "actual {year}: {value}"},
    "progress_half_year_of": {
        "zh": "{year}年上半年{value}（半年数据，仅供参考）",
        "en": "first half of {year}: {value} (half-year, shown only)",
    },
    "progress_required": {"zh": "此后每年需增长{pct}%", "en": "needs {pct}% a year from here"},
    "progress_planned": {"zh": "规划路径隐含每年增长{pct}%", "en": "the plan's path implies {pct}% a year"},
    "progress_counts": {
        "zh": "{known}个集群有数据，其中{meeting}个超过门槛；{unknown}个无数据",
        "en": "clusters with figures: {known}, of which over the threshold: {meeting}; without figures: {unknown}",
    },
    "progress_rule": {
        "zh": "某目标年份已有全年实际数据时：实际值不低于目标数字即为“已完成”（超、突破、达到、以上和不带限定词的数字同样对待；"
              "“约X”只需达到X的95%），否则为“未完成”；实际数据写作“超Y”“突破Y”时按Y计。上半年数据只列在目标旁作参考，从不据以判断。"
              "目标年份晚于最新全年实际数据（数值a，年份y0）时，计算此后所需年均增长：(X÷a)^(1÷(y−y0))−1，"
              "并与规划自身路径（相邻目标之间按几何插值）从y0起隐含的年均增长比较：不高于规划增速为“进度正常”，"
              "高出不超过3个百分点为“略有落后”，高出更多为“明显落后”；y0早于规划的第一个目标年份时，规划路径无从比较，"
              "列为“无法判断”，但仍给出所需增速。没有任何实际数据、或较早目标年份没有本年全年数据时，为“无法判断”。"
              "“超过门槛的集群数”类目标按各集群的实际数据计数，并说明有多少集群没有数据。用户导入的数据优先于内置数据。",
        "en": "When a target's own year has a full-year actual figure, the target is achieved if the actual is at least the "
              "target's number (over, passing, reaching, at least and a bare number alike; about X needs only 95 % of X), and "
              "missed otherwise; an actual written over Y or passing Y counts as Y. A first-half figure is shown beside a "
              "target but never decides it. For a target later than the latest full-year actual (value a in year y0), the "
              "yearly growth still needed is (X / a)^(1 / (y - y0)) - 1; it is compared with the yearly growth the plan's own "
              "path implies from y0 (geometric interpolation between consecutive targets): on track when it is no higher, "
              "slightly behind when at most 3 percentage points higher, behind beyond that. When y0 is before the plan's "
              "first target year there is no path to compare: unknown, with the growth needed still given. With no actual "
              "at all, or for an earlier target whose own year has no full-year figure, the status is unknown. Goals that "
              "count clusters over a threshold are counted from the clusters' own figures, saying how many are unknown. "
              "A figure a user imports wins over a bundled one.",
    },
    # importing actual figures (geo.actuals_import)
    "progress_import_title": {"zh": "导入实际数据", "en": "Import actual figures"},
    "progress_import_help": {
        "zh": "CSV（UTF-8 或 GB18030）或 XLSX，不超过 {mb} MB。每行一个数字：集群（编号或中文名称）、年份、"
              "期间（全年/上半年）、指标、数值（按目标的单位，照原文写，如 超1000）、来源。",
        "en": "CSV (UTF-8 or GB18030) or XLSX, up to {mb} MB. One figure a row: cluster (id or Chinese name), year, period "
              "(year / H1), metric, value (in the target's unit, as published, e.g. 超1000 for over 1000), source.",
    },
    "template_csv_short": {"zh": "CSV 模板", "en": "CSV template"},
    "template_xlsx_short": {"zh": "XLSX 模板", "en": "XLSX template"},
    "actuals_template_sheet": {"zh": "实际数据", "en": "actuals"},
    "actuals_guide_sheet": {"zh": "说明", "en": "guide"},
    "actuals_guide_column": {"zh": "列", "en": "column"},
    "actuals_guide_meaning": {"zh": "说明", "en": "meaning"},
    "actuals_guide_plan": {
        "zh": "可选；规划编号，仅当集群名称或编号在多个规划中出现时需要",
        "en": "optional; a plan id, needed only where a cluster's name or id is in several plans",
    },
    "actuals_guide_cluster": {
        "zh": "必填；集群编号，或与规划原文完全一致的中文名称",
        "en": "required; the cluster's id or its Chinese name exactly as the plan writes it",
    },
    "actuals_guide_year": {"zh": "必填；{low}—{high} 之间的年份", "en": "required; a year from {low} to {high}"},
    "actuals_guide_period": {
        "zh": "必填；全年，或上半年（上半年数据列在目标旁供参考，不据以判断）",
        "en": "required; year (full year, also 全年) or H1 (first half, also 上半年: shown beside a target, never deciding it)",
    },
    "actuals_guide_metric": {
        "zh": "必填；营业收入、总投资、重点项目 或 运营服务器",
        "en": "required; revenue, investment, projects or operating-servers (or their Chinese names)",
    },
    "actuals_guide_value": {
        "zh": "必填；按目标的单位（营业收入为亿元，服务器为台），照原文写：1050、超1000、约980",
        "en": "required; in the target's unit (亿元, 100 million yuan, for revenue; 台, servers, for servers), as "
              "published: 1050, 超1000 (over 1000), 约980 (about 980)",
    },
    "actuals_guide_source": {"zh": "必填；发布者及出处", "en": "required; who published the figure, and where"},
    "actuals_guide_quote": {"zh": "可选；数字所在的原句", "en": "optional; the sentence the figure comes from"},
    "actuals_guide_url": {"zh": "可选；以 http:// 或 https:// 开头", "en": "optional; starting http:// or https://"},
    "actuals_guide_date": {"zh": "可选；发布日期，写成 YYYY-MM-DD", "en": "optional; when it was published, YYYY-MM-DD"},
    "actuals_unit_yi": {"zh": "亿元", "en": "亿元 (100 million yuan)"},
    "actuals_unit_servers": {"zh": "台", "en": "台 (servers)"},
    "actuals_unit_count": {"zh": "个", "en": "个 (a count)"},
    "progress_import_ok": {"zh": "已导入，目标旁将显示这些数据。", "en": "Imported: the figures are shown beside the targets."},
    "progress_import_failed": {
        "zh": "未导入：请按下列问题修改文件后重新上传，之前导入的数据保持不变。",
        "en": "Not imported: fix the rows below and upload again; the figures loaded before are kept.",
    },
}


# Problems of an import of actual figures (geo.tabular.Problem codes); where-words come from the catalogue.
PROGRESS_PROBLEMS: dict[str, dict[str, str]] = {
    "actual_header_no_rows": {"zh": "文件只有表头，没有数据行", "en": "the file has a header but no figures"},
    "actual_no_cluster": {"zh": "集群为空", "en": "the cluster is empty"},
    "actual_unknown_cluster": {
        "zh": "没有名称或编号为“{query}”的集群（须与规划中的中文名称或编号完全一致）",
        "en": "no cluster named {query!r} or with that id (use the plan's Chinese name or id exactly)",
    },
    "actual_unknown_cluster_near": {
        "zh": "没有名称或编号为“{query}”的集群；是否应为 {near}？",
        "en": "no cluster named {query!r} or with that id; did you mean {near}?",
    },
    "actual_ambiguous_cluster": {
        "zh": "“{query}”可指多个规划中的集群：{candidates}；请在“规划”列填写规划编号",
        "en": "{query!r} names clusters in several plans: {candidates}; fill in the plan column with the plan's id",
    },
    "actual_unknown_plan": {"zh": "没有编号为“{plan}”的规划；可用：{plans}", "en": "no plan {plan!r}; known: {plans}"},
    "actual_cluster_not_in_plan": {
        "zh": "规划 {plan} 中没有“{query}”集群；它在：{candidates}",
        "en": "plan {plan} has no cluster {query!r}; it is in: {candidates}",
    },
    "actual_unknown_metric": {
        "zh": "无法识别的指标“{metric}”；可用：{metrics}",
        "en": "unknown metric {metric!r}; use {metrics}",
    },
    "actual_year_invalid": {
        "zh": "年份“{text}”须为 {low}—{high} 之间的整数",
        "en": "the year {text!r} must be a whole number between {low} and {high}",
    },
    "actual_period_invalid": {
        "zh": "期间“{text}”须为 全年（year）或 上半年（H1）",
        "en": "the period {text!r} must be year (全年) or H1 (上半年)",
    },
    "actual_value_empty": {"zh": "数值为空", "en": "the value is empty"},
    "actual_value_invalid": {
        "zh": "不是数值：“{text}”（请照原文写，如 1050、超1000、约980，单位为{unit}）",
        "en": "not a figure: {text!r} (write it as published, e.g. 1050, 超1000 (over 1000) or 约980 (about 980), "
              "in {unit})",
    },
    "actual_unit_mismatch": {
        "zh": "“{text}”的单位不是目标的单位（{unit}）",
        "en": "{text!r} is not in the target's unit, {unit}",
    },
    "actual_source_needed": {"zh": "须注明来源（“来源”列）", "en": "a figure needs its source (column source / 来源)"},
    "actual_url_invalid": {
        "zh": "网址须以 http:// 或 https:// 开头：“{text}”",
        "en": "a web address starts with http:// or https://: {text!r}",
    },
    "actual_date_invalid": {"zh": "日期“{text}”须写成 YYYY-MM-DD", "en": "the date {text!r} must be written YYYY-MM-DD"},
    "actual_duplicate": {
        "zh": "与第{row}行是同一集群、指标、年份和期间的数据",
        "en": "the same cluster, metric, year and period as row {row}",
    },
    "actual_invalid": {"zh": "数据有问题：{detail}", "en": "{detail}"},
    "actual_report_ok": {"zh": "{name}：已导入 {n} 个实际数据", "en": "{name}: {n} actual figures imported"},
    "actual_report_row": {
        "zh": "第{row}行 {cluster}（{plan}）{metric} {year}年{period}：{value}",
        "en": "row {row} {cluster} ({plan}) {metric} {year} {period}: {value}",
    },
}
