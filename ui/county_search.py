"""Find a county by its Chinese name, its pinyin (full or initials) or its code; choosing one selects
it, opens its panel and brings it into view.

Streamlit's selectbox filters as the user types (in-order letters, best match first), so each
option's label carries what a planner might type: ``长安区（石家庄市）· changanqu · cag · 130102``.
The pinyin comes from ``pypinyin`` over the region's own names (made once per region), so any
region's counties can be found the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from pypinyin import Style, lazy_pinyin

from i18n import paren, t

KEY = "county_search"


def search_labels(counties: pd.DataFrame, cities: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each county's option label by code, ordered by city then code (the order of the list).

    Chinese: name, city, full pinyin, initials, code. English: name, city, code (the English names
    are pinyin already, so typing ``changan`` finds Chang'an).
    """
    city_en = dict(zip(cities["code"].astype(str), cities["name_en"].astype(str), strict=True))
    labels = {}
    for row in counties.sort_values(["city_code", "code"]).itertuples():
        code = str(row.code)
        if lang == "zh":
            name = str(row.name_zh)
            full = "".join(lazy_pinyin(name))
            initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
            labels[code] = f"{name}{paren(str(row.city_name_zh), 'zh')} · {full} · {initials} · {code}"
        else:
            city = city_en.get(str(row.city_code), "")
            labels[code] = f"{row.name_en}{paren(city, 'en') if city else ''} · {code}"
    return labels


def county_search(labels: dict[str, str], current: str | None, lang: str,
                  on_choose: Callable[[str | None], None]) -> None:  # fmt: skip
    """The search box above the map; ``on_choose(code)`` when the user picks a county, ``on_choose(None)``
    when they clear the box (no county selected)."""
    key = f"{KEY}__{lang}"
    if st.session_state.get(key) != current and current in labels:
        st.session_state[key] = current  # a county chosen on the map or from a link shows here too
    elif current is None and st.session_state.get(key) is not None:
        st.session_state[key] = None

    def chosen() -> None:
        on_choose(st.session_state.get(key))

    st.selectbox(t("county_search", lang), list(labels), index=None, format_func=labels.__getitem__, key=key,
                 placeholder=t("county_search_placeholder", lang), on_change=chosen,
                 help=t("county_search_help", lang))  # fmt: skip
