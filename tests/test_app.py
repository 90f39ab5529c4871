"""The Streamlit app, driven headless with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def _app() -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def test_app_shows_the_bundled_data_in_chinese_by_default() -> None:
    app = _app()
    assert app.title[0].value == "河北省产业集群地图"
    clusters = app.dataframe[0].value
    assert len(clusters) == 23
    assert "石家庄生物医药产业集群" in set(clusters["cluster"])
    goals = app.dataframe[1].value
    assert "超千亿元集群达到10个" in set(goals["source"])
    assert len(app.dataframe[2].value) == 1 + 11 + 167 + 1


def test_english_switch() -> None:
    app = _app()
    app.toggle[0].set_value(True).run()
    assert not app.exception
    assert app.title[0].value == "Hebei Industry Cluster Atlas"
    assert "passing CNY 250 bn" in " ".join(app.dataframe[0].value["targets"])
