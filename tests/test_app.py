"""The Streamlit app, driven headless with AppTest: every tab and the main interactions.

The map itself is inside st_folium, which AppTest cannot look into; the map's content is tested by
rendering layers (test_layers.py) and in a real browser (test_browser_app.py).
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import run_app
from ui.sidebar import widget_key


def K(name: str, lang: str = "zh") -> str:  # noqa: N802
    return widget_key(name, lang)


def _app(**params: str) -> AppTest:
    return run_app(timeout=120, **params)


def _frame_with(app: AppTest, column: str):
    """The first dataframe shown with this column (dataframes without selection carry no key)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def _texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info]
    parts += [w.value for w in app.warning] + [s.value for s in app.subheader]
    return "\n".join(str(p) for p in parts)


def test_default_run_is_chinese_with_four_tabs() -> None:
    app = _app()
    assert app.title[0].value == "河北省产业集群地图"
    assert [tab.label for tab in app.tabs] == ["地图", "区域覆盖", "目标", "来源"]
    assert [d.key for d in app.dataframe] == ["actuals_editor__zh"]  # tabs are lazy: no coverage table yet
    assert "点击地图上的县（市、区），或在地图上方查找，查看详情" in _texts(app)
    assert app.radio(key=K("kind")).value == "choropleth"
    labels = [b.label for b in app.get("download_button")]
    assert "下载当前地图（HTML，可离线打开）" in labels


def test_english_switch_translates_labels() -> None:
    app = _app()
    app.toggle(key="lang_en").set_value(True).run()
    assert not app.exception
    assert app.title[0].value == "Hebei Industry Cluster Atlas"
    assert [tab.label for tab in app.tabs] == ["Map", "Coverage", "Targets", "Sources"]
    assert app.radio(key=K("kind", "en")).label == "View"
    assert app.radio(key=K("kind", "en")).value == "choropleth"
    assert app.query_params["lang"] == "en"


def test_metric_and_year_are_discrete_steps_and_go_into_the_url() -> None:
    app = _app()
    app.selectbox(key=K("metric")).set_value("revenue").run()
    assert not app.exception
    assert app.radio(key=K("level")).value == "city"  # revenue exists by city only
    assert app.select_slider(key=K("year")).options == ["2023", "2025", "2027"]
    app.select_slider(key=K("year")).set_value(2025).run()
    assert app.query_params["metric"] == "revenue" and app.query_params["year"] == "2025"


def test_url_reopens_the_same_view_and_reports_bad_parameters() -> None:
    app = _app(view="cluster", clusters="bd-nev,nope", lang="en", county="130606")
    assert app.radio(key=K("kind", "en")).value == "cluster"
    assert app.multiselect(key=K("clusters", "en")).value == ["bd-nev"]
    assert "clusters=nope" in _texts(app).replace("\\", "")
    # the county panel is open for 莲池区, which hosts 保定经济技术开发区 (the cluster's core zone)
    text = _texts(app)
    assert "Lianchi District" in text and "保定经济技术开发区" in text


def test_county_panel_lists_clusters_targets_and_sources() -> None:
    app = _app(county="130108")  # 裕华区
    labels = [e.label for e in app.expander]
    assert "石家庄生物医药产业集群 — 核心承载区" in labels
    assert "石家庄新一代电子信息产业集群 — 辐射区域" in labels
    text = _texts(app)
    assert "2027 营业收入 **超2000亿元**" in text.replace("\\", "")
    assert "石家庄高新技术产业开发区" in text  # the development zone it hosts


def test_settings_survive_hidden_widgets_and_language_switches() -> None:
    app = _app()
    app.selectbox(key=K("metric")).set_value("projects").run()
    app.radio(key=K("kind")).set_value("coverage").run()  # the metric widget is not drawn now
    assert not app.exception
    app.toggle(key="lang_en").set_value(True).run()
    app.radio(key=K("kind", "en")).set_value("choropleth").run()
    assert not app.exception
    assert app.selectbox(key=K("metric", "en")).value == "projects"
    assert app.selectbox(key=K("metric", "en")).label == "Metric"


def test_coverage_tab_tables_and_downloads() -> None:
    app = _app(tab="coverage")
    control = app.get("button_group")[0]
    assert control.value == "matrix"
    matrix = app.dataframe(key="table_matrix").value
    assert len(matrix) == 167 and "石家庄生物医药产业集群" in matrix.columns and "县（市、区）" in matrix.columns
    control.set_value("gaps").run()
    assert not app.exception
    assert len(app.dataframe(key="table_gaps").value) == 106
    labels = [b.label for b in app.get("download_button")]
    assert "下载 CSV" in labels and "下载 XLSX" in labels


def test_tier_filter_changes_coverage() -> None:
    app = _app(tiers="key", tab="coverage")
    matrix = app.dataframe(key="table_matrix").value
    assert set(matrix.columns) >= {"石家庄生物医药产业集群"} and "承德钒钛产业集群" not in matrix.columns


def test_targets_tab_reconciles() -> None:
    app = _app(tab="targets")
    table = _frame_with(app, "由集群目标推算")
    assert "一致" in set(table["核对结果"]) and "无法核对" in set(table["核对结果"])
    assert "确定6个，最多9个" in set(table["由集群目标推算"])
    assert "按此增速，2024年约35,722亿元" in set(table["由集群目标推算"])
    assert any("确定达到：石家庄生物医药产业集群" in d for d in table["说明"])
    growth = _frame_with(app, "年均增长（%）")
    assert 22.5 in set(growth["年均增长（%）"])


def test_sources_tab_shows_every_figure_with_its_quote() -> None:
    app = _app(tab="sources")
    figures = _frame_with(app, "原文")
    assert "突破2500亿元" in set(figures["数字"])
    assert "运营服务器超500万台" in set(figures["原文"])
    zones = _frame_with(app, "依据")
    assert "沧州高新技术产业开发区" in set(zones["开发区、新区"]) and "保定白沟新城" in set(zones["开发区、新区"])


def test_a_metric_with_one_year_writes_the_year_and_the_classes_note_matches_the_legend() -> None:
    """重点项目总投资 has targets for 2023 only: the year is written, not a slider that cannot move.
    运营服务器目标 has one value a year (2025 and 2027): its classes are made from both years, so the
    note counts both values, and does not speak of merging where the class count cannot go lower."""
    app = _app()
    app.selectbox(key=K("metric")).set_value("investment").run()
    assert not app.exception
    assert not [s for s in app.select_slider if s.key == K("year")]
    assert "年份：2023" in _texts(app)
    assert app.query_params["year"] == "2023"
    app.selectbox(key=K("metric")).set_value("operating-servers").run()
    assert not app.exception
    assert app.select_slider(key=K("year")).options == ["2025", "2027"]
    texts = _texts(app)
    assert "此指标只有 2 个不同取值，每个取值一类，分级方法和分级数不起作用。" in texts
    assert "合并" not in texts
