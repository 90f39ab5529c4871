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
    "print_sum_at_least": {
        "zh": "各项目标均为下限（超、突破），合计也是下限",
        "en": "each target is a minimum (over, passing), so their total is a minimum too",
    },
    "print_classes_shared": {
        "zh": "同一分级用于 {years} 年，各年颜色可比",
        "en": "one set of classes for {years}, so colours compare across years",
    },
    # layer names in the interactive map's layer control
    "print_place_names": {"zh": "地名", "en": "Place names"},
    "print_cluster_names": {"zh": "集群名称", "en": "Cluster names"},
    # the app's report-map panel (ui/report.py)
    "report_panel": {"zh": "报告图（PDF / PNG / SVG）", "en": "Report map (PDF / PNG / SVG)"},
    "report_intro": {
        "zh": "当前地图排版在一页纸上：图名、图例、指北针、比例尺、来源和审图说明，可直接插入报告。",
        "en": "The map on screen laid out on a sheet: title, legend, north arrow, scale bar, sources and "
              "notice line, ready for a report.",
    },
    "report_page": {"zh": "纸张", "en": "Page"},
    "page_A4-landscape": {"zh": "A4 横向", "en": "A4 landscape"},
    "page_A4-portrait": {"zh": "A4 纵向", "en": "A4 portrait"},
    "page_A3-landscape": {"zh": "A3 横向", "en": "A3 landscape"},
    "page_A3-portrait": {"zh": "A3 纵向", "en": "A3 portrait"},
    "report_format": {"zh": "格式", "en": "Format"},
    "fmt_pdf": {"zh": "PDF（矢量）", "en": "PDF (vector)"},
    "fmt_png300": {"zh": "PNG 300 dpi", "en": "PNG 300 dpi"},
    "fmt_png150": {"zh": "PNG 150 dpi", "en": "PNG 150 dpi"},
    "fmt_svg": {"zh": "SVG（矢量）", "en": "SVG (vector)"},
    "report_years": {"zh": "多年份并排（可选）", "en": "Years side by side (optional)"},
    "report_years_help": {
        "zh": "选两个以上年份，每年一幅图并排，共用一个图例，颜色可比。",
        "en": "Choose two or more years for one map per year side by side, with one legend, colours comparable.",
    },
    "report_make": {"zh": "生成报告图", "en": "Make the report map"},
    "report_making": {"zh": "正在生成报告图（约需几秒）…", "en": "Making the report map (a few seconds)…"},
    "report_download": {"zh": "下载 {fmt}", "en": "Download {fmt}"},
    "report_failed": {"zh": "未能生成报告图：{error}", "en": "The report map could not be made: {error}"},
    "report_stale": {
        "zh": "地图或报告图的设置已改变，请重新生成。",
        "en": "The map or report settings changed: make the report map again.",
    },
    "report_no_chromium": {
        "zh": "此服务器未安装 Chromium，无法生成报告图（Debian：apt-get install chromium）。HTML 下载不受影响。",
        "en": "Chromium is not installed on this server, so report maps cannot be made (Debian: apt-get install "
              "chromium). The HTML download still works.",
    },
    "report_no_svg": {
        "zh": "SVG 需要 pdftocairo（Debian：apt-get install poppler-utils）。",
        "en": "SVG needs pdftocairo (Debian: apt-get install poppler-utils).",
    },
    "report_failed_other": {
        "zh": "浏览器未能完成排版，请稍后重试；若仍失败，请联系管理员查看服务器日志。",
        "en": "The browser could not finish the page; try again, and if it fails again ask the administrator to "
              "look at the server's log.",
    },
}
