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
}


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
