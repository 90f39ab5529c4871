"""The bundled plans: complete, true to the source text, and validated on load."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from geo import settings
from geo._errors import DataFileError
from geo.figures import Qualifier, parse_figures
from geo.plans import Cluster, Plan, load_plan
from tests.atlases import hebei

STRATEGIC = "strategic-emerging-2023-2027"
SPECIALTY = "specialty-2025-2027"


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {plan.id: plan for plan in hebei().plans}


def _source(plan: Plan) -> str:
    return (settings.plans_dir() / plan.source_text).read_text(encoding="utf-8")


def test_the_documents_clusters_and_industries_are_all_there(plans: dict[str, Plan]) -> None:
    strategic = plans[STRATEGIC]
    tiers = [c.tier for c in strategic.clusters]
    assert tiers.count("key") == 9 and tiers.count("cultivate") == 8
    assert len(strategic.future_industries) == 6
    specialty = plans[SPECIALTY]
    assert {c.tier for c in specialty.clusters} == {"specialty"}
    assert len(specialty.clusters) == 6  # only those the document names; the plan has 107
    assert specialty.cluster_total is not None and specialty.cluster_total.value == 107


def test_numbered_headings_of_the_source_are_all_encoded(plans: dict[str, Plan]) -> None:
    strategic = plans[STRATEGIC]
    text = _source(strategic)
    headings = re.findall(r"^\d\.(\S+?)。", text, flags=re.MULTILINE)
    names = [c.name_zh for c in strategic.clusters] + [f.name_zh for f in strategic.future_industries]
    assert sorted(headings) == sorted(names)


def _year_segments(paragraph: str) -> dict[int, str]:
    """Split a cluster paragraph at its year markers ("2023年," / "到2025年,")."""
    parts = re.split(r"(?:到)?(20\d\d)年,", paragraph)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _figure_key(value: float, unit: str, qualifier: str) -> tuple[float, str, str]:
    return (float(value), unit, str(qualifier))


def test_every_cluster_figure_matches_its_quote_and_year(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        for cluster in plan.clusters:
            segments = _year_segments(cluster.quote)
            for target in cluster.targets:
                parsed = parse_figures(target.quote)
                assert [_figure_key(p.value, p.unit, p.qualifier) for p in parsed] == [
                    _figure_key(target.value, target.unit, target.qualifier)
                ], target.quote
                assert target.quote.removeprefix(f"到{target.year}年,") in segments[target.year], (cluster.id, target)
                assert target.expected == ("预计" in target.quote)


def test_no_figure_of_a_cluster_paragraph_is_left_out(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        for cluster in plan.clusters:
            in_text = sorted(_figure_key(p.value, p.unit, p.qualifier) for p in parse_figures(cluster.quote))
            encoded = sorted(_figure_key(t.value, t.unit, t.qualifier) for t in cluster.targets)
            assert in_text == encoded, cluster.id


def _cluster(plans: dict[str, Plan], cluster_id: str) -> Cluster:
    return plans[STRATEGIC].cluster(cluster_id)


def test_hand_checked_cluster_figures(plans: dict[str, Plan]) -> None:
    biomed = _cluster(plans, "sjz-biomedicine")
    assert [(t.year, t.value, t.qualifier) for t in biomed.targets_for("revenue")] == [
        (2023, 1000, Qualifier.OVER), (2025, 1500, Qualifier.OVER), (2027, 2000, Qualifier.OVER)
    ]  # fmt: skip
    assert biomed.targets_for("investment")[0].label("zh") == "约250亿元"
    assert biomed.targets_for("projects")[0].value == 50
    nev = _cluster(plans, "bd-nev")
    assert nev.targets_for("revenue")[-1].label("zh") == "突破2500亿元"
    assert nev.targets_for("revenue")[-1].label("en") == "passing CNY 250 bn"
    servers = _cluster(plans, "zjk-big-data").targets_for("operating-servers")
    assert [(s.year, s.value, s.qualifier) for s in servers] == [
        (2025, 4_000_000, Qualifier.REACH), (2027, 5_000_000, Qualifier.OVER)
    ]  # fmt: skip
    totals = {c.id: sum(t.value for t in c.targets_for("investment")) for c in plans[STRATEGIC].clusters if c.tier == "key"}
    assert sum(totals.values()) == 250 + 158 + 900 + 118 + 250 + 168 + 230 + 271 + 278


def test_places_are_exactly_as_the_text_writes_them(plans: dict[str, Plan]) -> None:
    for cluster in plans[STRATEGIC].clusters:
        core = "、".join(cluster.core_zones)
        if cluster.id == "xa-software":
            continue  # the text names no core zone for this one
        assert re.search(f"以{re.escape(core)}(等)?为核心承载区", cluster.quote), cluster.id
        if cluster.radiating_areas:
            assert f"辐射{'、'.join(cluster.radiating_areas)}等区域" in cluster.quote, cluster.id
    assert _cluster(plans, "cd-vanadium-titanium").core_zones == ["承德市双滦区", "营子区", "兴隆县"]


def test_future_industry_hosts(plans: dict[str, Plan]) -> None:
    hosts = {f.id: f.hosts for f in plans[STRATEGIC].future_industries}
    assert hosts["harmonyos-openeuler"] == ["雄安新区"]
    assert hosts["frontier-materials"] == ["唐山市", "石家庄市", "保定市", "廊坊市", "衡水市", "邢台市"]
    assert hosts["gene-and-cell"] == ["石家庄市", "秦皇岛市", "保定市", "廊坊市", "雄安新区"]
    assert hosts["green-hydrogen"] == ["张家口市", "保定市", "衡水市", "邯郸市", "唐山市"]


def _goals(plan: Plan) -> dict[str, tuple[int, float | None, str | None, float | None]]:
    return {g.id: (g.year, g.value, g.qualifier, g.threshold) for g in plan.goals}


def test_province_goals_of_the_strategic_plan(plans: dict[str, Plan]) -> None:
    goals = _goals(plans[STRATEGIC])
    assert goals["clusters-over-100bn-2023"] == (2023, 3, "exact", 1000)
    assert goals["clusters-over-100bn-2025"] == (2025, 6, "reach", 1000)
    assert goals["clusters-over-100bn-2027"] == (2027, 7, "reach", 1000)
    assert goals["clusters-over-200bn-2027"] == (2027, 3, "exact", 2000)
    assert goals["high-tech-share-2023"][:2] == (2023, 22)
    assert goals["high-tech-share-2025"][:2] == (2025, 25)
    first = plans[STRATEGIC].goals[0]
    assert first.named_clusters == ["sjz-biomedicine", "sjz-electronics", "bd-nev"]


def test_province_goals_of_the_specialty_plan(plans: dict[str, Plan]) -> None:
    goals = _goals(plans[SPECIALTY])
    assert goals["cluster-revenue-growth-2025-2027"] == (2027, 8, "about", None)
    assert goals["cluster-revenue-2027"] == (2027, 45000, "reach", None)
    assert [goals[f"clusters-over-100bn-{y}"][1] for y in (2025, 2026, 2027)] == [8, 9, 10]
    assert goals["leading-firms-over-10bn-2026"] == (2026, 26, "reach", 100)
    assert goals["leading-firms-over-10bn-2027"] == (2027, 28, "reach", 100)
    assert goals["new-leader-firms-2027"] == (2027, 5, "exact", 10)
    assert goals["national-sme-clusters-2027"][1] is None  # stated without a number


def test_every_goal_figure_matches_its_quote(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        for goal in plan.goals:
            parsed = {_figure_key(p.value, p.unit, p.qualifier) for p in parse_figures(goal.quote)}
            if goal.value is not None:
                assert _figure_key(goal.value, goal.unit, goal.qualifier) in parsed, goal.id
            if goal.threshold is not None:
                # "百亿元龙头企业" names a class of firms: the bare number there means at least that much.
                written = "exact" if goal.metric == "leading-firms-revenue-over" else goal.threshold_qualifier
                assert _figure_key(goal.threshold, goal.threshold_unit, written) in parsed, goal.id


def test_hundred_yi_firms_have_at_least_that_revenue(plans: dict[str, Plan]) -> None:
    firms = [g for g in plans[SPECIALTY].goals if g.metric == "leading-firms-revenue-over"]
    assert len(firms) == 2 and all(g.threshold_qualifier == "at_least" for g in firms)


def test_every_quote_is_verbatim_in_the_source(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        text = "".join(_source(plan).split())
        quotes = [g.quote for g in plan.goals] + [c.quote for c in plan.clusters]
        quotes += [t.quote for c in plan.clusters for t in c.targets] + [f.quote for f in plan.future_industries]
        for quote in quotes:
            assert "".join(quote.split()) in text


# ---- broken plan files -------------------------------------------------------------------------


@pytest.fixture
def broken_plan(tmp_path: Path) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """Copy the strategic plan (with its source text) to tmp_path after applying ``edit``."""
    original = settings.plans_dir() / f"{STRATEGIC}.yaml"
    shutil.copytree(settings.plans_dir() / "sources", tmp_path / "sources")

    def make(edit: Callable[[dict[str, Any]], None]) -> Path:
        data = yaml.safe_load(original.read_text(encoding="utf-8"))
        edit(data)
        path = tmp_path / "plan.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make


def _error(path: Path) -> str:
    with pytest.raises(DataFileError) as info:
        load_plan(path, hebei().places)
    return str(info.value)


def test_wrong_type_names_file_cluster_and_field(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][2]["targets"][1].update(value="a lot"))
    message = _error(path)
    assert str(path) in message and "id: zjk-big-data" in message and "targets[1].value" in message
    assert "'a lot'" in message


def test_negative_amount_is_refused(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][4]["targets"][1].update(value=-250))
    message = _error(path)
    assert "id: ts-equipment" in message and "targets[1].value" in message and "greater than or equal to 0" in message


def test_missing_field_is_named(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][0].pop("name_en"))
    message = _error(path)
    assert "id: sjz-biomedicine" in message and "field name_en: Field required" in message


def test_unknown_city_is_refused(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][5].update(city="北京市"))
    message = _error(path)
    assert "id: lf-it-ai" in message and "field city" in message and "unknown city or area '北京市'" in message


def test_unknown_host_place_is_refused(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["future_industries"][0]["hosts"].append("天津市"))
    message = _error(path)
    assert "future_industries[0] (id: aerospace-information)" in message and "'天津市'" in message


def test_quote_not_in_source_is_refused(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][0]["targets"][1].update(quote="总投资约2500亿元"))
    assert "quote not found in the plan's source text: '总投资约2500亿元'" in _error(path)


def test_place_not_in_the_paragraph_is_refused(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][0]["radiating_areas"].append("正定县"))
    message = _error(path)
    assert "id: sjz-biomedicine" in message and "'正定县' does not appear" in message


def test_duplicate_ids_are_refused(broken_plan: Callable[..., Path]) -> None:
    path = broken_plan(lambda d: d["clusters"][1].update(id="sjz-biomedicine"))
    assert "duplicate cluster id 'sjz-biomedicine'" in _error(path)


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("id: x\nclusters: [\n  {id: a\n", encoding="utf-8")
    message = _error(path)
    assert str(path) in message and "YAML syntax error" in message and "line" in message


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("", encoding="utf-8")
    assert "empty file" in _error(path)
