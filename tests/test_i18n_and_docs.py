"""Every label exists in both languages, and the docs cannot drift from the code."""

from __future__ import annotations

import re

from cli import build_parser
from geo.metrics import metric_specs
from i18n import LANGS, display_amount, t
from i18n.catalogue import COLUMNS, TEXT
from layers.classify import SCHEMES
from layers.views import VIEWS
from tests.atlases import hebei
from tests.conftest import REPO

ALLOWED_EMPTY = {("unit_count", "en")}  # English writes counts without a unit word


def test_every_text_has_both_languages() -> None:
    for key, texts in {**TEXT, **COLUMNS}.items():
        assert set(texts) == set(LANGS), key
        for lang in LANGS:
            assert texts[lang] or (key, lang) in ALLOWED_EMPTY, (key, lang)


def test_every_option_the_app_offers_is_labelled() -> None:
    for kind in VIEWS:
        assert t(f"view_{kind}", "en")
    for scheme in SCHEMES:
        assert t(f"scheme_{scheme}", "zh")
    for spec in metric_specs(hebei().plans).values():
        assert spec.label("zh") != spec.label("en")
        assert "2023" not in spec.label("zh")  # years are chosen, not part of a metric's name


def test_amounts_are_shown_in_each_languages_unit() -> None:
    assert display_amount(1000, "亿元", "zh") == 1000
    assert display_amount(1000, "亿元", "en") == 100  # CNY bn
    assert display_amount(50, "个", "en") == 50


def test_readme_documents_every_cli_command_and_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    commands = build_parser()._subparsers._group_actions[0].choices
    for command in commands:
        assert re.search(rf"`{command}\b", readme), f"README does not document `cli.py {command}`"


def test_changelog_names_the_issues() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    for issue in ("#2", "#3", "#4", "#5", "#6", "#9", "#10", "#11"):
        assert issue in changelog
