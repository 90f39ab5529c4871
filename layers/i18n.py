"""Interface text in Chinese (default) and English, and amounts in each language's unit.

Amounts are stored in 亿元; Chinese shows 亿元, English shows CNY bn (1 亿元 = CNY 0.1 bn).
Every label the maps and the app show comes from ``TEXT``; ``tests/test_i18n.py`` checks that each
key has both languages.
"""

from __future__ import annotations

LANGS = ("zh", "en")

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"zh": "河北省产业集群地图", "en": "Hebei Industry Cluster Atlas"},
    "core": {"zh": "核心承载区", "en": "core zone"},
    "radiating": {"zh": "辐射区域", "en": "radiating area"},
    "none": {"zh": "未覆盖", "en": "not covered"},
    "overlap": {"zh": "服务多个集群（粗框）", "en": "serves several clusters (thick outline)"},
    "no_data": {"zh": "无数据", "en": "no data"},
    "partial": {"zh": "部分覆盖", "en": "partly covered"},
    "approximate_point": {"zh": "开发区大致位置（近似）", "en": "development zone, approximate location"},
    "approximate": {"zh": "近似", "en": "approximate"},
    "city": {"zh": "所在市", "en": "City"},
    "cluster": {"zh": "产业集群", "en": "Cluster"},
    "clusters": {"zh": "产业集群", "en": "Clusters"},
    "role": {"zh": "角色", "en": "Role"},
    "places": {"zh": "原文地名", "en": "As written"},
    "confidence": {"zh": "对应把握", "en": "Confidence"},
    "targets": {"zh": "目标", "en": "Targets"},
    "source": {"zh": "来源", "en": "Source"},
    "value": {"zh": "数值", "en": "Value"},
    "status": {"zh": "覆盖情况", "en": "Coverage"},
    "future_industries": {"zh": "未来产业", "en": "Future industries"},
    "host_places": {"zh": "承载地", "en": "Host places"},
    "focus": {"zh": "重点领域", "en": "Focus"},
    "sources": {"zh": "数据来源", "en": "Sources"},
    "boundaries": {"zh": "边界", "en": "Boundaries"},
    "datum": {"zh": "坐标系", "en": "Datum"},
    "generated": {"zh": "生成日期", "en": "Generated"},
    "datum_wgs84": {
        "zh": "WGS-84（与 OpenStreetMap 等底图对齐）",
        "en": "WGS-84 (aligned with OpenStreetMap-style tiles)",
    },
    "datum_gcj02": {"zh": "GCJ-02（为对齐高德底图已偏移）", "en": "GCJ-02 (shifted to line up with Gaode tiles)"},
    "basemap_none": {"zh": "无底图（离线）", "en": "No basemap (offline)"},
    "basemap_osm": {"zh": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap_carto": {"zh": "Carto 浅色", "en": "Carto light"},
    "basemap_gaode": {"zh": "高德地图", "en": "Gaode (Amap)"},
    "basemap_tianditu": {"zh": "天地图", "en": "Tianditu"},
    "view_choropleth": {"zh": "分级设色图", "en": "Choropleth"},
    "view_cluster": {"zh": "产业集群分布", "en": "Clusters"},
    "view_future": {"zh": "未来产业", "en": "Future industries"},
    "view_coverage": {"zh": "区域覆盖", "en": "Coverage"},
    "sum_at_least": {
        "zh": "各项目标均为下限（超/突破），合计为下限",
        "en": "every addend is a lower bound (over/passing), so the sum is one",
    },
    "sum_about": {"zh": "含约数，合计为约数", "en": "includes approximate figures, so the sum is approximate"},
    "counties": {"zh": "个县（市、区）", "en": "counties"},
    "index_title": {"zh": "河北省产业集群地图（导出）", "en": "Hebei Industry Cluster Atlas (export)"},
    "classes_note": {"zh": "分级", "en": "Classes"},
    "scheme_quantiles": {"zh": "分位数", "en": "quantiles"},
    "scheme_equal_interval": {"zh": "等间距", "en": "equal interval"},
    "scheme_natural_breaks": {"zh": "自然断点", "en": "natural breaks"},
    "scheme_user": {"zh": "自定义", "en": "user-defined"},
    "scheme_distinct": {"zh": "每个取值一类", "en": "one class per value"},
    "year": {"zh": "年份", "en": "Year"},
    "unit_yi": {"zh": "亿元", "en": "CNY bn"},
    "unit_count": {"zh": "个", "en": ""},
    "unit_servers": {"zh": "台", "en": "servers"},
    "m_revenue": {"zh": "营业收入", "en": "revenue"},
    "m_investment": {"zh": "重点项目总投资", "en": "key project investment"},
    "m_projects": {"zh": "重点项目", "en": "key projects"},
    "m_operating-servers": {"zh": "运营服务器", "en": "operating servers"},
    "legend_core_radiating": {"zh": "实色：核心承载区；斜线：辐射区域", "en": "solid: core zone; hatched: radiating area"},
    "n_clusters": {"zh": "{n} 个产业集群（图例中逐一列出）", "en": "{n} clusters (listed in the legend)"},
    # ---- app ----
    "english": {"zh": "English", "en": "English"},
    "tab_map": {"zh": "地图", "en": "Map"},
    "tab_coverage": {"zh": "区域覆盖", "en": "Coverage"},
    "tab_targets": {"zh": "目标", "en": "Targets"},
    "tab_sources": {"zh": "来源", "en": "Sources"},
    "plans": {"zh": "规划", "en": "Plans"},
    "tiers": {"zh": "集群类别", "en": "Cluster tiers"},
    "tier_key": {"zh": "重点支持", "en": "key-supported"},
    "tier_cultivate": {"zh": "重点培育", "en": "to cultivate"},
    "tier_specialty": {"zh": "重点特色", "en": "specialty"},
    "view": {"zh": "视图", "en": "View"},
    "metric": {"zh": "指标", "en": "Metric"},
    "level": {"zh": "层级", "en": "Level"},
    "level_county": {"zh": "县（市、区）", "en": "County"},
    "level_city": {"zh": "市", "en": "City"},
    "scheme": {"zh": "分级方法", "en": "Classification"},
    "k": {"zh": "分级数", "en": "Classes"},
    "breaks": {"zh": "分级断点（逗号分隔）", "en": "Breaks (comma-separated)"},
    "palette": {"zh": "配色（色盲友好）", "en": "Palette (colour-blind safe)"},
    "choose_clusters": {"zh": "选择产业集群（空：全部重点支持集群）", "en": "Clusters (empty: all key-supported)"},
    "industry": {"zh": "未来产业", "en": "Future industry"},
    "all": {"zh": "全部", "en": "All"},
    "basemap": {"zh": "底图", "en": "Basemap"},
    "boundary_source": {"zh": "边界数据", "en": "Boundaries"},
    "map_settings": {"zh": "地图设置", "en": "Map settings"},
    "download_html": {"zh": "下载当前地图（HTML，可离线打开）", "en": "Download this map (HTML, opens offline)"},
    "click_hint": {"zh": "点击地图上的县（市、区）查看详情。", "en": "Click a county on the map to see its details."},
    "county_panel": {"zh": "县（市、区）详情", "en": "County details"},
    "clusters_served": {"zh": "所服务的产业集群", "en": "Clusters it serves"},
    "no_clusters": {
        "zh": "规划未将本县（市、区）列为任何集群的核心承载区或辐射区域。",
        "en": "The plans list this county in no cluster.",
    },
    "zones_in": {"zh": "区内开发区、新区", "en": "Development zones and new areas in it"},
    "part_of_county": {"zh": "部分位于本区", "en": "partly in this county"},
    "future_of_city": {"zh": "所在市（新区）的未来产业", "en": "Future industries of its city (or new area)"},
    "none_listed": {"zh": "无", "en": "None"},
    "tables": {"zh": "表格", "en": "Table"},
    "table_matrix": {"zh": "县 × 集群矩阵", "en": "County x cluster matrix"},
    "table_gaps": {"zh": "未覆盖的县（市、区）", "en": "Counties with no cluster"},
    "table_overlaps": {"zh": "服务多个集群的县（市、区）", "en": "Counties serving several clusters"},
    "table_cities": {"zh": "各市覆盖情况", "en": "Coverage per city"},
    "table_radiating_distances": {"zh": "辐射区域距核心距离", "en": "Radiating areas: distance to core"},
    "table_clusters": {"zh": "各集群覆盖的县（市、区）", "en": "Counties each cluster covers"},
    "table_places": {"zh": "地名对应情况", "en": "Place-name resolution"},
    "select_row_hint": {"zh": "选中表格中的一行，在右侧地图上显示。", "en": "Select a row to show it on the map."},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载 XLSX", "en": "Download XLSX"},
    "far_threshold": {"zh": "仅显示中心距离大于（公里）", "en": "Only centroid distance above (km)"},
    "target_paths": {"zh": "各集群营业收入目标（下限）", "en": "Cluster revenue targets (lower bounds)"},
    "reconciliation": {"zh": "全省目标与集群目标核对", "en": "Province goals against cluster targets"},
    "implied_growth": {"zh": "集群目标隐含的年均增长", "en": "Yearly growth the cluster targets imply"},
    "status_consistent": {"zh": "一致", "en": "consistent"},
    "status_inconsistent": {"zh": "不一致", "en": "inconsistent"},
    "status_not checkable": {"zh": "无法核对", "en": "not checkable"},
    "plan_texts": {"zh": "规划原文", "en": "Plan texts"},
    "figures_and_quotes": {"zh": "每个数字及其原文依据", "en": "Every figure and the text it rests on"},
    "boundary_provenance": {"zh": "边界数据来源", "en": "Boundary data"},
    "gazetteer_table": {"zh": "开发区与新区对应的县（市、区）", "en": "Development zones and their host counties"},
    "url_problems": {
        "zh": "链接中的以下参数无法识别，已使用默认值：",
        "en": "These link parameters were not understood and were reset:",
    },
    "year_label": {"zh": "年份", "en": "Year"},
    "qualifier": {"zh": "限定词", "en": "Qualifier"},
    "figure": {"zh": "数字", "en": "Figure"},
    "quote": {"zh": "原文", "en": "Quote"},
    "goal": {"zh": "目标", "en": "Goal"},
    "stated": {"zh": "规划表述", "en": "Stated"},
    "implied": {"zh": "由集群目标推算", "en": "Implied by cluster targets"},
    "detail": {"zh": "说明", "en": "Detail"},
    "plan": {"zh": "规划", "en": "Plan"},
    "county": {"zh": "县（市、区）", "en": "County"},
    "share_covered": {"zh": "覆盖比例", "en": "Share covered"},
    "distance_edge": {"zh": "边界距离（公里）", "en": "Edge distance (km)"},
    "distance_centroid": {"zh": "中心距离（公里）", "en": "Centroid distance (km)"},
    "nearest_core": {"zh": "最近的核心区", "en": "Nearest core"},
    "check_result": {"zh": "核对结果", "en": "Result"},
    "implied_counts": {"zh": "确定{low}个，最多{high}个", "en": "{low} certainly, up to {high} possibly"},
    "certain_list": {"zh": "确定达到：{names}", "en": "certainly: {names}"},
    "possible_list": {"zh": "可能达到：{names}", "en": "possibly: {names}"},
    "implied_base": {"zh": "按此增速，{year}年约{value}亿元", "en": "at this rate, about CNY {value_bn} bn in {year}"},
    "reason_firms": {"zh": "集群目标不涉及企业数量", "en": "cluster targets do not cover firms"},
    "reason_high-tech": {"zh": "集群目标不涉及高新技术产业增加值", "en": "cluster targets do not cover high-tech value added"},
    "reason_ranking": {"zh": "全国排名，原文无具体数字", "en": "a national ranking, stated without a number"},
    "reason_no-targets": {
        "zh": "数据中的集群没有营业收入目标（方案涉及{total}个集群，报道仅点名少数）",
        "en": "the clusters in the data carry no revenue targets (the plan covers {total}; the report names a few)",
    },
    "reason_no-rule": {"zh": "无法由集群目标推算", "en": "cannot be derived from cluster targets"},
    "import_title": {"zh": "导入集群清单", "en": "Import a cluster list"},
    "import_help": {
        "zh": "CSV（UTF-8 或 GB18030）、XLSX 或 YAML，不超过 {mb} MB。先下载模板填写；地名按所在市对应到县（市、区）。",
        "en": "CSV (UTF-8 or GB18030), XLSX or YAML, up to {mb} MB. Fill in the template; places resolve within the row's city.",
    },
    "template_csv": {"zh": "模板 CSV", "en": "Template CSV"},
    "template_xlsx": {"zh": "模板 XLSX", "en": "Template XLSX"},
    "upload": {"zh": "上传文件", "en": "Upload a file"},
    "import_ok": {"zh": "已导入，可在“规划”中选用。", "en": "Imported: choose it under Plans."},
    "import_failed": {
        "zh": "未导入：请按下列问题修改文件后重新上传，之前导入的清单保持不变。",
        "en": "Not imported: fix the rows below and upload again; the list loaded before is kept.",
    },
    "import_clear": {"zh": "移除导入的清单", "en": "Remove the imported list"},
    "no_source_text": {
        "zh": "此清单为导入文件，未附规划原文；数字的依据见上表“原文”列。",
        "en": "This list was imported from a file without the plan's text; each figure's basis is in the Quote column.",
    },
    "provenance_note": {
        "zh": "坐标系 WGS-84；天地图为默认边界，高德为更精细的备选。",
        "en": "WGS-84; Tianditu is the default outline, Amap a more detailed alternative.",
    },
}


# Column headers of tables shown in the app and downloaded from it.
COLUMNS: dict[str, dict[str, str]] = {
    "county_code": {"zh": "区划代码", "en": "Code"},
    "county_name_zh": {"zh": "县（市、区）", "en": "County"},
    "county_name_en": {"zh": "英文名", "en": "County (English)"},
    "city": {"zh": "所在市", "en": "City"},
    "city_code": {"zh": "市代码", "en": "City code"},
    "status": {"zh": "覆盖情况", "en": "Coverage"},
    "n_clusters": {"zh": "集群数", "en": "Clusters"},
    "n_core": {"zh": "作为核心", "en": "As core"},
    "n_radiating": {"zh": "作为辐射", "en": "As radiating"},
    "clusters": {"zh": "集群（角色）", "en": "Clusters (role)"},
    "core_clusters": {"zh": "核心承载的集群", "en": "Core of"},
    "radiating_clusters": {"zh": "辐射的集群", "en": "Radiating for"},
    "weakest_confidence": {"zh": "最低把握", "en": "Weakest confidence"},
    "future_industries": {"zh": "未来产业", "en": "Future industries"},
    "counties": {"zh": "县（市、区）数", "en": "Counties"},
    "core": {"zh": "核心", "en": "Core"},
    "radiating": {"zh": "辐射", "en": "Radiating"},
    "none": {"zh": "未覆盖", "en": "None"},
    "covered": {"zh": "已覆盖", "en": "Covered"},
    "share_covered": {"zh": "覆盖比例", "en": "Share covered"},
    "cluster_name_zh": {"zh": "产业集群", "en": "Cluster"},
    "cluster_name_en": {"zh": "集群英文名", "en": "Cluster (English)"},
    "nearest_core_name_zh": {"zh": "最近的核心区", "en": "Nearest core"},
    "edge_km": {"zh": "边界距离（公里）", "en": "Edge distance (km)"},
    "centroid_km": {"zh": "中心距离（公里）", "en": "Centroid distance (km)"},
    "tier": {"zh": "类别", "en": "Tier"},
    "core_counties": {"zh": "核心承载区", "en": "Core counties"},
    "radiating_counties": {"zh": "辐射区域", "en": "Radiating counties"},
    "uncertain_counties": {"zh": "把握不足的对应", "en": "Uncertain mappings"},
    "unresolved_places": {"zh": "未能对应的地名", "en": "Unresolved places"},
    "role": {"zh": "角色", "en": "Role"},
    "place": {"zh": "原文地名", "en": "Place as written"},
    "kind": {"zh": "类型", "en": "Kind"},
    "resolved_name": {"zh": "对应名称", "en": "Resolved to"},
    "county_names": {"zh": "对应县（市、区）", "en": "Counties"},
    "confidence": {"zh": "把握", "en": "Confidence"},
    "basis": {"zh": "依据", "en": "Basis"},
    "message": {"zh": "说明", "en": "Message"},
    "from_year": {"zh": "起始年", "en": "From"},
    "to_year": {"zh": "目标年", "en": "To"},
    "from_target": {"zh": "起始目标", "en": "From target"},
    "to_target": {"zh": "目标", "en": "To target"},
    "yearly_growth_pct": {"zh": "年均增长（%）", "en": "Yearly growth (%)"},
}


def columns(frame_columns: list[str], lang: str) -> dict[str, str]:
    """Display names for the columns of a table (unknown columns keep their names)."""
    return {c: COLUMNS[c][lang] for c in frame_columns if c in COLUMNS}


def t(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang`` (zh or en)."""
    return TEXT[key][lang if lang in LANGS else "zh"]


def display_amount(value: float, unit: str, lang: str) -> float:
    """An amount in the unit the language shows: 亿元 stays in Chinese, becomes CNY bn in English."""
    return value / 10 if unit == "亿元" and lang == "en" else value


def unit_label(unit: str, lang: str) -> str:
    """The unit as the language writes it."""
    return {"亿元": t("unit_yi", lang), "个": t("unit_count", lang), "台": t("unit_servers", lang)}.get(unit, unit)


def number(value: float) -> str:
    """A number without needless decimals: 1000 -> '1,000', 25.5 -> '25.5'."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
