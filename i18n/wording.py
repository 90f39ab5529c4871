"""Structured results worded for people, in either language, the same way in the CLI and the app.

``geo`` returns facts (a goal check's status, the clusters that certainly or possibly meet a
threshold, why a goal cannot be checked); this module turns them into sentences from the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.plans import Plan
from geo.reconcile import GoalCheck
from i18n import join, pick, sep, t


def check_row(check: GoalCheck, plans: Sequence[Plan], lang: str) -> dict[str, str | int]:
    """One goal check as the reconciliation table shows it: plan, year, goal, stated, result, implied, detail."""
    names = {c.id: c.name(lang) for p in plans for c in p.clusters}
    plan_names = {p.id: pick(p, "short", lang) for p in plans}
    if check.status == "not checkable":
        total = next((int(p.cluster_total.value) for p in plans if p.id == check.plan_id and p.cluster_total), "?")
        detail = t(f"reason_{check.reason}", lang, total=total)
        implied = ""
        if check.base_value is not None and check.base_year is not None:
            implied = t("implied_base", lang, year=check.base_year, value=f"{check.base_value:,.0f}",
                        value_bn=f"{check.base_value / 10:,.0f}")  # fmt: skip
    else:
        low, high = len(check.certain), len(check.certain) + len(check.possible)
        implied = t("implied_counts", lang, low=low, high=high)
        parts = [t("certain_list", lang, names=join((names.get(c, c) for c in check.certain), lang) or "—")]
        if check.possible:
            parts.append(t("possible_list", lang, names=join((names.get(c, c) for c in check.possible), lang)))
        detail = sep(lang).join(parts)
    return {
        "plan": plan_names.get(check.plan_id, check.plan_id),
        "year": check.year,
        "goal": pick(check, "label", lang),
        "stated": pick(check, "stated", lang),
        "result": t(f"status_{check.status}", lang),
        "implied": implied,
        "detail": detail,
    }
