"""The coverage view: every county by status (core / radiating / none), counties serving several
clusters outlined."""

from __future__ import annotations

from geo.coverage import county_table
from i18n import pick, sep, t
from layers import elements as el
from layers.views.frame_parts import context_layer
from layers.views.spec import Canvas, Legend, LegendRow, Rendered

STATUS_STYLE = {
    "core": {"fill": "#0072B2", "fillOpacity": 0.8},
    "radiating": {"hatch": "#56B4E9", "fillOpacity": 1.0},
    "none": {"fill": "#fbfbf7", "fillOpacity": 0.9},
}
OVERLAP_STROKE = {"stroke": "#D55E00", "weight": 2.6}


def render(canvas: Canvas) -> Rendered:
    lang, plans, atlas = canvas.lang, canvas.plans, canvas.atlas
    table = county_table(atlas.join(plans).cluster_counties, plans, atlas.divisions, atlas.region)
    en = lang == "en"
    styles, tooltips = {}, {}
    for row in table.itertuples():
        style = dict(STATUS_STYLE[row.status])
        if row.n_clusters >= 2:
            style.update(OVERLAP_STROKE)
        styles[row.county_code] = style
        rows = [[t("city", lang), row.city_en if en else row.city], [t("status", lang), t(row.status, lang)]]
        for label, zh, english in (("core", row.core_clusters, row.core_clusters_en),
                                   ("radiating", row.radiating_clusters, row.radiating_clusters_en),
                                   ("future_industries", row.future_industries, row.future_industries_en)):  # fmt: skip
            if zh:
                rows.append([t(label, lang), english if en else zh])
        if row.weakest_confidence and row.weakest_confidence not in ("exact", "high"):
            rows.append([t("confidence", lang), t(f"conf_{row.weakest_confidence}", lang)])
        tooltips[row.county_code] = {"title": row.county_name_en if en else row.county_name_zh, "rows": rows}
    spec = {"object": "counties", "kind": "coverage", "base": {"stroke": "#666", "weight": 0.6}, "styles": styles,
            "tooltips": tooltips}  # fmt: skip
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name=t("view_coverage", lang)))
    context_layer(canvas, "cities", weight=1.4, color="#333")
    counts = table["status"].value_counts()
    unit = t("counties", lang)

    def count(status: str) -> str:
        return f"{t(status, lang)} ({counts.get(status, 0)} {unit})"

    legend = [
        LegendRow(el.swatch_html(fill=STATUS_STYLE["core"]["fill"]), count("core")),
        LegendRow(el.swatch_html(hatch=STATUS_STYLE["radiating"]["hatch"]), count("radiating")),
        LegendRow(el.swatch_html(fill=STATUS_STYLE["none"]["fill"]), count("none")),
        LegendRow(el.swatch_html(fill="#ffffff", stroke=OVERLAP_STROKE["stroke"], weight=2.5),
                  f"{t('overlap', lang)} ({int((table['n_clusters'] >= 2).sum())} {unit})"),
    ]  # fmt: skip
    subtitle = sep(lang).join(pick(p, "short", lang) for p in plans)
    return Rendered(t("view_coverage", lang), subtitle, Legend(t("status", lang), legend))
