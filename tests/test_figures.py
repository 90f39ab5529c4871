"""Parsing and formatting of figures with their qualifiers."""

from __future__ import annotations

import pytest

from geo.figures import ParsedFigure, Qualifier, format_figure, parse_figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资约250亿元", [ParsedFigure(250, "亿元", Qualifier.ABOUT)]),
        ("营业收入预计超1000亿元", [ParsedFigure(1000, "亿元", Qualifier.OVER)]),
        ("营业收入预计突破2500亿元", [ParsedFigure(2500, "亿元", Qualifier.PASSING)]),
        ("运营服务器达到400万台", [ParsedFigure(4_000_000, "台", Qualifier.REACH)]),
        ("集群营业收入达到4.5万亿元", [ParsedFigure(45_000, "亿元", Qualifier.REACH)]),
        ("保持年均增长8%左右", [ParsedFigure(8, "%", Qualifier.ABOUT)]),
        ("规模10亿元以上", [ParsedFigure(10, "亿元", Qualifier.AT_LEAST)]),
        ("率先突破千亿级", [ParsedFigure(1000, "亿元", Qualifier.PASSING)]),
        (
            "百亿元龙头企业达到26个",
            [ParsedFigure(100, "亿元", Qualifier.EXACT), ParsedFigure(26, "个", Qualifier.REACH)],
        ),
        ("加快推进50个重点项目建设", [ParsedFigure(50, "个", Qualifier.EXACT)]),
        ("到2025年,产业集群", []),
        ("6G等上下游产业", []),
    ],
)
def test_parse_figures(text: str, expected: list[ParsedFigure]) -> None:
    assert parse_figures(text) == expected


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "zh", "en"),
    [
        (1000, "亿元", "over", "超1000亿元", "over CNY 100 bn"),
        (250, "亿元", "about", "约250亿元", "about CNY 25 bn"),
        (2500, "亿元", "passing", "突破2500亿元", "passing CNY 250 bn"),
        (45000, "亿元", "reach", "达到4.5万亿元", "reaching CNY 4.5 trillion"),
        (4_000_000, "台", "reach", "达到400万台", "reaching 4 million servers"),
        (10, "亿元", "at_least", "10亿元以上", "at least CNY 1 bn"),
        (22, "%", "reach", "达到22%", "reaching 22%"),
        (50, "个", "exact", "50个", "50"),
    ],
)
def test_format_keeps_the_qualifier(value: float, unit: str, qualifier: str, zh: str, en: str) -> None:
    assert format_figure(value, unit, qualifier, "zh") == zh
    assert format_figure(value, unit, qualifier, "en") == en


def test_formatted_figures_parse_back() -> None:
    for value, unit, qualifier in [(1150, "亿元", "over"), (271, "亿元", "about"), (45000, "亿元", "reach")]:
        (parsed,) = parse_figures(format_figure(value, unit, qualifier, "zh"))
        assert parsed == ParsedFigure(value, unit, Qualifier(qualifier))
