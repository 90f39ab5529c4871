"""One language at a time: a Chinese screen shows no English label, an English one no Chinese label.

Every tab, every coverage table, every view and the county panel are walked in both languages with
AppTest, after an import and after a failed one. Place and plan names, quotes and source texts are
data: they may stay in Chinese on the English screen (where the data has no English name), and Latin
words that the data itself contains (5G, AI) may show on the Chinese screen.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache

import pytest
from pypinyin import Style, lazy_pinyin
from streamlit.testing.v1 import AppTest

from tests.atlases import hebei
from tests.conftest import REPO
from tests.hostile import corpus

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Words that are names, units or formats in both languages.
SHARED = {"CSV", "XLSX", "HTML", "YAML", "UTF", "GB", "MB", "WGS", "GCJ", "CGCS", "EPSG", "MIT", "OpenStreetMap", "Carto",
          "frykit", "data", "km", "PNG", "PDF", "SVG", "topojson", "Leaflet",
          "English", "Excel", "WPS", "UTC"}  # fmt: skip  (the language switch names its language; product names)
TABS = {"zh": ["地图", "区域覆盖", "目标", "来源"], "en": ["Map", "Coverage", "Targets", "Sources"]}
TABLES = ("matrix", "gaps", "overlaps", "cities", "radiating_distances", "clusters", "places")
VIEWS = ("choropleth", "cluster", "future", "coverage")


@cache
def chinese_data() -> list[str]:
    """Chinese strings that are data (names, quotes, texts), longest first."""
    items: set[str] = set()
    divisions = hebei().divisions
    items |= set(divisions["name_zh"].dropna())
    for plan in hebei().plans:
        items |= {plan.title_zh, plan.short_zh, plan.issuer_zh, plan.source_content or ""}
        for cluster in plan.clusters:
            items |= {cluster.name_zh, cluster.quote, cluster.city, *cluster.core_zones, *cluster.radiating_areas}
            items |= {tg.quote for tg in cluster.targets} | {tg.label("zh") for tg in cluster.targets}
        for goal in plan.goals:
            items |= {goal.quote, goal.label_zh}
        for industry in plan.future_industries:
            items |= {industry.name_zh, industry.quote, industry.hosts_as_written}
    items |= set(hebei().gazetteer.names())
    items |= {"超", "约", "突破", "达到", "以上", "左右", "亿元"}  # qualifiers a figure is typed with, in either UI
    items |= {text for a in hebei().actuals for text in (a.quote, a.publisher)}  # sources as published
    items |= {res.name for res in hebei().gazetteer.zones()}
    return sorted((i for i in items if i), key=len, reverse=True)


@cache
def latin_data() -> set[str]:
    """Latin words the Chinese data itself contains (5G, AI, ...)."""
    words: set[str] = set()
    for text in chinese_data():
        words |= set(LATIN_WORD.findall(text))
    # the county search's romanisations of place names (full pinyin and initials): names, not labels
    for name in hebei().divisions["name_zh"].dropna():
        words |= {"".join(lazy_pinyin(name)), "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))}
    return words


def _texts(app: AppTest) -> list[str]:
    """Every piece of text the page shows: labels, options, headings, messages, table headers and cells."""
    out: list[str] = []
    for kind in ("markdown", "caption", "warning", "error", "info", "success", "subheader", "title", "text_area"):
        out += [str(e.value) for e in getattr(app, kind)]
    for kind in ("selectbox", "multiselect", "radio", "select_slider", "slider", "toggle", "text_input", "button",
                 "text_area", "button_group"):  # fmt: skip
        for widget in getattr(app, kind) if kind != "button_group" else app.get("button_group"):
            out.append(str(getattr(widget, "label", "")))
            out += [str(o) for o in getattr(widget, "options", []) or []]
    out += [e.label for e in app.expander] + [tab.label for tab in app.tabs]
    out += [b.label for b in app.get("download_button")]
    for frame in app.dataframe:
        value = frame.value
        out += [str(c) for c in value.columns]
        for column in value.columns:
            out += [v for v in value[column].tolist() if isinstance(v, str)]
    return [text.replace("\\", "") for text in out if text and not text.startswith("<style>")]  # our CSS is not shown


def _foreign(text: str, lang: str, data: tuple[str, ...] = ()) -> str:
    """What in ``text`` belongs to the other language (empty if nothing); ``data``: an upload's own cells.

    Web addresses and site names (a source's publisher, e.g. jiesubao.cn) are data in any language.
    """
    if lang == "en":
        for item in sorted({*chinese_data(), *data}, key=len, reverse=True):
            if item and item in text:
                text = text.replace(item, " ")
        return "".join(CJK.findall(text))
    text = re.sub(r"(https?://|www\.)\S+|\b[\w-]+\.(com|cn|net|org)(\.cn)?\b", " ", text)
    words = set(LATIN_WORD.findall(text)) - SHARED - latin_data() - {w for d in data for w in LATIN_WORD.findall(d)}
    words = {w for w in words if not re.fullmatch(r"[a-z0-9-]+", w) or len(w) > 3}
    return " ".join(sorted(words))


def _check(app: AppTest, lang: str, where: str, data: tuple[str, ...] = ()) -> None:
    assert not app.exception, (where, app.exception)
    bad = {text[:120]: found for text in _texts(app) if (found := _foreign(text, lang, data))}
    assert not bad, f"{where} ({lang}): {bad}"


def _app(lang: str, **params: str) -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    app.query_params["lang"] = lang
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    return app


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tab_and_table_in_one_language(lang: str) -> None:
    app = _app(lang, county="130108")
    for view in VIEWS:
        app.radio(key=f"w_kind__{lang}").set_value(view).run()
        _check(app, lang, f"map, {view}")
    for label in TABS[lang][1:]:
        app.session_state[f"tabs__{lang}"] = label
        app.run()
        _check(app, lang, label)
        if label == TABS[lang][1]:
            for table in TABLES:
                app.get("button_group")[0].set_value(table).run()
                _check(app, lang, f"coverage {table}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_reports_in_one_language(lang: str) -> None:
    app = _app(lang)
    for name in ("ok_bom.csv", "dup_ids.csv", "mixed_sep.csv", "utf16.csv", "markup_img.csv", "nines.csv"):
        data = corpus()[name].data
        app.file_uploader(key="upload").upload(name, data, "text/csv").run()
        cells = (*re.split(r"[,;\n\r]", data.decode("utf-8", errors="ignore")), name)
        _check(app, lang, f"import {name}", cells)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_choropleth_settings_and_messages_in_one_language(lang: str) -> None:
    app = _app(lang, metric="revenue", scheme="user", breaks="500,1000")
    _check(app, lang, "revenue, user breaks")
    app.text_input(key=f"w_breaks__{lang}").set_value("3,2,1").run()
    _check(app, lang, "bad breaks")
    assert app.sidebar.error, "the bad breaks are explained"
    app.multiselect(key=f"w_plans__{lang}").set_value([]).run()
    _check(app, lang, "no plan")


def _map_texts(built: object) -> list[str]:
    """Every string a map shows: panels (title, legend, sources), layer names, tooltips and labels."""
    from layers import elements as el  # noqa: PLC0415

    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("object", "kind", "only", "styles", "base", "color", "lat", "lon"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for child in built.map._children.values():  # type: ignore[attr-defined]
        if isinstance(child, el.Panel):
            texts.append(re.sub(r"<[^>]+>", " ", json.loads(child.html_js)))
        elif isinstance(child, el.AtlasLayer | el.AtlasPoints):
            walk(json.loads(child.spec_js))
            if child.control:  # only layers in the layer control show their names
                texts.append(child.layer_name)
    return [html.unescape(t) for t in texts if t]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_exported_map_in_one_language(lang: str) -> None:
    from layers.views import build_map, default_views  # noqa: PLC0415

    plans = hebei().plans
    for stem, view in default_views(plans, lang):
        built = build_map(hebei(), view, plans)
        bad = {text[:100]: found for text in _map_texts(built) if (found := _foreign(text, lang))}
        assert not bad, f"{stem} ({lang}): {bad}"
