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
from tests.conftest import REPO

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
    assert any("地图设置已改变" in c.value for c in app.caption)


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
