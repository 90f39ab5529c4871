"""The map tab's report-map panel: the view on screen made into a PDF or PNG page, in either language.

Chromium prints for real (as for ``cli.py export --pdf``); without it the panel says so and offers
nothing, which is tested by pointing the app at a Chromium that does not exist.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from layers.export import find_chromium
from layers.views import View
from tests.conftest import REPO
from ui.report import report_file_name

needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no Chromium (apt-get install chromium)")


def _map_app(**params: str) -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=240)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def _downloads(app: AppTest) -> list[str]:
    return [b.label for b in app.get("download_button")]


@needs_chromium
def test_make_a_pdf_of_the_map_on_screen_and_see_it_go_stale() -> None:
    app = _map_app()
    assert "下载 PDF" not in _downloads(app)  # nothing made yet
    _button(app, "生成报告图").click().run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    made = app.session_state["report_made"]
    assert made["fmt"] == "pdf" and made["data"].startswith(b"%PDF-")
    assert "下载 PDF" in _downloads(app)
    # another metric is another map: the file made before is not offered for it
    app.selectbox(key="w_metric__zh").select_index(1).run()
    assert "下载 PDF" not in _downloads(app)
    assert any("地图或报告图的设置已改变" in c.value for c in app.caption)
    # only the paper changes: the file is stale too, and the note says the report's settings may be what changed
    _button(app, "生成报告图").click().run()
    assert "下载 PDF" in _downloads(app)
    app.selectbox(key="report_page__zh").select("A3-portrait").run()
    assert "下载 PDF" not in _downloads(app)
    assert any(c.value == "地图或报告图的设置已改变，请重新生成。" for c in app.caption)


@needs_chromium
def test_a_150_dpi_png_in_english_is_a4_at_that_resolution() -> None:
    app = _map_app(lang="en")
    app.radio(key="report_format__en").set_value("png150").run()
    _button(app, "Make the report map").click().run()
    assert not app.exception, app.exception
    made = app.session_state["report_made"]
    image = Image.open(io.BytesIO(made["data"]))
    assert image.size == (1754, 1240)  # A4 landscape at 150 dpi
    assert round(image.info["dpi"][0]) == 150
    assert "Download PNG" in _downloads(app)


def test_without_chromium_the_panel_says_so_and_offers_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("ATLAS_CHROMIUM", str(tmp_path / "no-such-chromium"))
    app = _map_app()
    assert any("未安装 Chromium" in i.value for i in app.info)
    assert not [b for b in app.button if b.label == "生成报告图"]


def test_the_file_names_the_years_side_by_side() -> None:
    stem = "hebei-atlas-choropleth-revenue-2027-city-ylgnbu-quantiles5-zh"
    view = View(metric="revenue", level="city", year=2027)
    assert report_file_name(stem, view, page="A4-landscape", fmt="pdf", dpi=300, years=(2023, 2025, 2027)) == (
        "hebei-atlas-choropleth-revenue-2023_2025_2027-city-ylgnbu-quantiles5-zh-a4-landscape.pdf")
    assert report_file_name(stem, view, page="A3-portrait", fmt="png", dpi=150, years=(2023, 2027)) == (
        "hebei-atlas-choropleth-revenue-2023_2027-city-ylgnbu-quantiles5-zh-a3-portrait-150dpi.png")
    assert report_file_name(stem, view, page="A4-landscape", fmt="pdf", dpi=300) == f"{stem}-a4-landscape.pdf"
    hashed = "hebei-atlas-choropleth-very-long-1a2b3c4d"  # a stem cut short and hashed: the years are added
    assert report_file_name(hashed, view, page="A4-portrait", fmt="svg", dpi=300, years=(2023, 2027)) == (
        f"{hashed}-2023_2027-a4-portrait.svg")


def _report_panel(app: AppTest):
    return next(e for e in app.expander if e.label.startswith(("报告图", "Report map")))


def test_the_report_panel_stays_open_when_the_language_changes() -> None:
    app = _map_app()
    assert not _report_panel(app).proto.expanded
    app.session_state["report_panel__zh"] = True  # the reader opens it
    app.run()
    app.toggle(key="lang_en").set_value(True).run()
    assert not app.exception, app.exception
    assert _report_panel(app).label.startswith("Report map") and _report_panel(app).proto.expanded
    app.session_state["report_panel__en"] = False  # closed in English: closed in Chinese too
    app.run()
    app.toggle(key="lang_en").set_value(False).run()
    assert not _report_panel(app).proto.expanded
