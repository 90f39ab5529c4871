"""Words of report maps (``layers.print``) and of what they brought to every map: place names on the
map, shared classes, empty classes, the scale bar, the north arrow, the notice line.

A dict of the same shape as ``TEXT`` in ``i18n.catalogue`` (key -> {"zh", "en"}), merged into it
there. Every key is new to the catalogue.
"""

from __future__ import annotations

PRINT_TEXT: dict[str, dict[str, str]] = {
    # the page
    "print_title": {"zh": "{region}{subject}", "en": "{region}: {subject}"},
    "print_legend": {"zh": "图例", "en": "Legend"},
    "print_notes": {"zh": "说明", "en": "Notes"},
    "print_scale": {"zh": "比例尺", "en": "Scale"},
    "print_north": {"zh": "北", "en": "N"},
    "print_km": {"zh": "千米", "en": "km"},
    "print_scale_note": {
        "zh": "比例尺按北纬 {lat}° 计算（网络墨卡托投影，比例随纬度变化）",
        "en": "true at {lat}° N (Web Mercator: the scale changes with latitude)",
    },
    "print_projection": {"zh": "投影：网络墨卡托（EPSG:3857）", "en": "Projection: Web Mercator (EPSG:3857)"},
    "print_notice_internal": {"zh": "内部用图", "en": "For internal use"},
    "print_notice_approval": {"zh": "审图号：{number}", "en": "Map approval number: {number}"},
    "print_notice_note": {
        "zh": "含行政区界线，公开使用须经审核并取得审图号",
        "en": "shows administrative boundaries: publishing it needs a map approval number",
    },
    "print_years": {"zh": "{years} 年", "en": "{years}"},
    "print_year": {"zh": "{year} 年", "en": "{year}"},
    # legend rows every print legend has
    "print_province_border": {"zh": "省界", "en": "provincial boundary"},
    "print_city_border": {"zh": "市界", "en": "city boundary"},
    "print_county_border": {"zh": "县界", "en": "county boundary"},
    "print_neighbours": {"zh": "相邻省级行政区", "en": "neighbouring provinces"},
    "print_cluster_names_note": {
        "zh": "地图上的集群名称为简称（省略地名和“产业集群”）",
        "en": "clusters are named on the map without their place and the word cluster",
    },
    # classes
    "print_class_empty": {"zh": "无", "en": "none"},
    "print_classes_shared": {
        "zh": "同一分级用于 {years} 年，各年颜色可比",
        "en": "one set of classes for {years}, so colours compare across years",
    },
    # layer names in the interactive map's layer control
    "print_place_names": {"zh": "地名", "en": "Place names"},
    "print_cluster_names": {"zh": "集群名称", "en": "Cluster names"},
}
