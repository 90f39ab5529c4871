"""Words in Chinese (the default) and English: one catalogue and a small helper.

Every label the app, the maps and the CLI show comes from ``i18n.catalogue`` through ``t``; data
that carries both languages (``name_zh`` / ``name_en``) is read through ``pick``. Amounts are
stored in 亿元: Chinese shows 亿元, English CNY bn (1 亿元 = CNY 0.1 bn).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from i18n.catalogue import COLUMNS, PROBLEMS, TEXT

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def lang_of(value: str | None) -> Lang:
    """``value`` if it is a known language, else Chinese (the default)."""
    return "en" if value == "en" else "zh"


def t(key: str, lang: str, **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``{fields}`` filled in."""
    text = TEXT[key][lang_of(lang)]
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether the catalogue has ``key`` (for codes that may be new, such as a plan's metric)."""
    return key in TEXT


def t_or(key: str, lang: str, fallback: str) -> str:
    """The text for ``key``, or ``fallback`` (e.g. a code as written in the data) where there is none."""
    return t(key, lang) if key in TEXT else fallback


def pick(item: object, field: str, lang: str) -> str:
    """``item.<field>_zh`` or ``item.<field>_en``; English falls back to Chinese where it is empty."""
    zh = getattr(item, f"{field}_zh", "") or ""
    if lang_of(lang) == "zh":
        return zh
    return getattr(item, f"{field}_en", "") or zh


def join(items: Iterable[str], lang: str) -> str:
    """A list as each language writes it: 甲、乙 / A, B."""
    return ("、" if lang_of(lang) == "zh" else ", ").join(items)


def paren(text: str, lang: str) -> str:
    """A parenthesis as each language writes it: （x） / (x), with its leading space in English."""
    return f"（{text}）" if lang_of(lang) == "zh" else f" ({text})"


def colon(lang: str) -> str:
    """Between a label and its value: ：/ : ."""
    return "：" if lang_of(lang) == "zh" else ": "


def labelled(label: str, value: str, lang: str) -> str:
    """``label：value`` / ``label: value``."""
    return f"{label}{colon(lang)}{value}"


def sep(lang: str) -> str:
    """Between two clauses: ；/ ; ."""
    return "；" if lang_of(lang) == "zh" else "; "


def columns(frame_columns: Iterable[str], lang: str) -> dict[str, str]:
    """Display names for the columns of a table (unknown columns keep their names)."""
    return {c: COLUMNS[c][lang_of(lang)] for c in frame_columns if c in COLUMNS}


def display_amount(value: float, unit: str, lang: str) -> float:
    """An amount in the unit the language shows: 亿元 stays in Chinese, becomes CNY bn in English."""
    return value / 10 if unit == "亿元" and lang_of(lang) == "en" else value


def unit_label(unit: str, lang: str) -> str:
    """The unit as the language writes it."""
    return {"亿元": t("unit_yi", lang), "个": t("unit_count", lang), "台": t("unit_servers", lang)}.get(unit, unit)


def number(value: float) -> str:
    """A number without needless decimals: 1000 -> '1,000', 25.5 -> '25.5'."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def problem_text(code: str, fields: dict[str, object], lang: str) -> str:
    """An import or place problem in words (``i18n.catalogue.PROBLEMS``)."""
    lang = lang_of(lang)
    values = dict(fields)
    if "candidates" in values and not isinstance(values["candidates"], str):
        values["candidates"] = "; ".join(str(c) for c in values["candidates"])  # type: ignore[union-attr]
    if code in ("place_none", "place_ambiguous"):
        city = values.get("city")
        values["where"] = PROBLEMS["place_where"][lang].format(city=city) if city else ""
    if code == "mixed_separators":
        values = {k: PROBLEMS[f"sep_{v}"][lang] for k, v in values.items()}
    return PROBLEMS[code][lang].format(**values)


def where_text(row: int | None, column: str | None, lang: str) -> str:
    """Where in a file a problem is: row and column as the spreadsheet numbers them."""
    lang = lang_of(lang)
    if row and column:
        return PROBLEMS["where_row_column"][lang].format(row=row, column=column)
    if row:
        return PROBLEMS["where_row"][lang].format(row=row)
    if column:
        return PROBLEMS["where_column"][lang].format(column=column)
    return ""
