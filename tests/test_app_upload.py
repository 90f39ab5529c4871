"""The app after an upload, and with hostile text anywhere it comes from (a list, a file name, the URL).

Every tab is walked in both languages; every piece of text the app sends through Markdown is
rendered as GitHub-flavoured Markdown and must show as written: no link, image, emphasis or
heading made of data.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.conftest import run_app
from tests.hostile import CORPUS_FOR_APP, HOSTILE_FILENAME, HOSTILE_NAMES

GFM = MarkdownIt("gfm-like", {"linkify": True})
TABS = {"zh": ["地图", "区域覆盖", "目标", "来源"], "en": ["Map", "Coverage", "Targets", "Sources"]}
HOSTILE_URL = {
    "view": "**粗体** [官网](http://evil.example/login) ![px](http://evil.example/pixel.png)",
    "clusters": "<img src=x onerror=alert(1)>," + "长" * 10_000,
    "metric": "[x](javascript:alert(1))",
}


def _markdown_sources(app: AppTest) -> list[str]:
    """Every string the app rendered through Markdown."""
    values = [e.value for kind in ("markdown", "caption", "warning", "error", "info", "success", "subheader", "title")
              for e in getattr(app, kind)]  # fmt: skip
    values += [e.label for e in app.expander]
    return [str(v) for v in values]


def _assert_no_markup_from_data(app: AppTest) -> None:
    for source in _markdown_sources(app):
        out = GFM.render(source)
        assert "evil.example" not in re.sub(r">[^<]*<", "><", out), out  # not inside any tag or attribute
        assert not re.search(r"<(a|img|h\d|script|iframe)\b", out), out
        for name in HOSTILE_NAMES:
            assert name not in source, source  # a hostile name reaches Markdown only escaped


def _shown(source: str) -> str:
    """The text a reader sees of a Markdown string."""
    return html.unescape(re.sub(r"<[^>]+>", "", GFM.render(source))).strip()


def _upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="upload").upload(name, data, "text/csv").run()
    assert not app.exception, app.exception
    return app


def _walk_tabs(app: AppTest, lang: str) -> None:
    for label in TABS[lang]:
        app.session_state[f"tabs__{lang}"] = label
        app.run()
        assert not app.exception, (label, app.exception)
        _assert_no_markup_from_data(app)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_list_and_file_name_in_every_tab(lang: str) -> None:
    app = run_app(lang=lang)
    _upload(app, HOSTILE_FILENAME, CORPUS_FOR_APP)
    assert app.success, "the import was reported"
    plans = app.multiselect(key=f"w_plans__{lang}")
    imported = [p for p in plans.value if p.startswith("imported-")]
    assert imported and plans.options[-1].startswith(("导入：", "Imported: "))
    _walk_tabs(app, lang)
    # the cluster view with the imported clusters, then the sources tab shows the import, escaped
    app.session_state[f"tabs__{lang}"] = TABS[lang][0]
    app.radio(key=f"w_kind__{lang}").set_value("cluster").run()
    names = app.multiselect(key=f"w_clusters__{lang}")
    names.set_value([o for o in names.options if o.startswith("u-")][:4]).run()
    assert not app.exception
    _assert_no_markup_from_data(app)


def test_hostile_url_values_are_reported_escaped() -> None:
    app = run_app(**HOSTILE_URL)
    (warning,) = app.warning
    shown = _shown(warning.value)
    assert "view=**粗体** [官网](http://evil.example/login)" in shown and "metric=[x](javascript:alert(1))" in shown
    _assert_no_markup_from_data(app)
    assert len(shown) < 400  # the 10,000-character value is shortened


def test_a_failed_upload_keeps_the_list_before_and_the_page() -> None:
    app = run_app()
    _upload(app, "good.csv", CORPUS_FOR_APP)
    before = app.multiselect(key="w_plans__zh").options
    _upload(app, "bad.yaml", b"[" * 5000)
    assert app.error and app.title, "the report is shown and the page stays"
    assert app.multiselect(key="w_plans__zh").options == before
    _upload(app, "dup_ids.csv", "编号,集群名称,所在市,核心承载区\na,甲集群,衡水,安平县\na,乙集群,衡水,饶阳县\n".encode())
    report = next(d.value for d in app.dataframe if "问题" in d.value.columns)  # dataframes without selection have no key
    assert list(report.columns) == ["行", "列", "问题", "可能的地名"]  # wide, and in the UI's language
    assert report.iloc[0]["行"] == 3 and report.iloc[0]["列"] == "编号" and "另见第2行" in report.iloc[0]["问题"]
    assert app.multiselect(key="w_plans__zh").options == before


def test_an_import_belongs_to_its_session_only() -> None:
    first = run_app()
    _upload(first, "mine.csv", CORPUS_FOR_APP)
    assert any(p.startswith("imported-") for p in first.multiselect(key="w_plans__zh").value)
    second = run_app()
    assert not any(p.startswith("imported-") for p in second.multiselect(key="w_plans__zh").value)
    assert not any(o.startswith("导入") for o in second.multiselect(key="w_plans__zh").options)
