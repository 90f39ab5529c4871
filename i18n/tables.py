"""Tables in the reader's language: headers, enumerated values and names, for display and download.

The analytical tables (``geo.coverage``) hold codes (``core``, ``high``, ``zone``) and names in both
languages (``county_name_zh`` beside ``county_name_en``, ``city`` beside ``city_en``). ``localise``
keeps the names of the reader's language under one header, words every code through the catalogue,
and names the columns: a Chinese table shows no English word and an English one no Chinese label
(place and plan names aside, where the data has no English name).
"""

from __future__ import annotations

import pandas as pd

from i18n import columns, problem_text, t, t_or

# Columns holding codes, and the catalogue prefix that words them.
ENUMS = {
    "status": "cov_", "role": "role_", "kind": "kind_", "confidence": "conf_", "weakest_confidence": "conf_",
    "resolution": "res_", "matched_as": "matched_",
}  # fmt: skip
BOOLEANS = ("approximate", "partial")


def _base(column: str) -> str:
    return column.removesuffix("_zh").removesuffix("_en")


def language_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Keep, of each column that exists in both languages, the reader's (under the Chinese column's name).

    Twins are ``x_zh`` / ``x_en`` or ``x`` / ``x_en`` (``city`` / ``city_en``).
    """
    keep: dict[str, str] = {}
    for column in frame.columns:
        base = _base(column)
        zh = f"{base}_zh" if f"{base}_zh" in frame.columns else base
        en = f"{base}_en"
        if zh not in frame.columns or en not in frame.columns:  # no twin: keep as it is
            keep[column] = column
        elif column == (zh if lang == "zh" else en):
            keep[column] = zh
    return frame[list(keep)].rename(columns=keep)


def _matched(code: str, lang: str) -> str:
    return " + ".join(t_or(f"matched_{part}", lang, part) for part in str(code).split("+") if part)


def localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` for a reader of ``lang``: one language's names, codes in words, headers named."""
    out = language_columns(frame, lang).copy()
    for column, prefix in ENUMS.items():
        if column in out.columns:
            words = _matched if column == "matched_as" else (lambda v, p=prefix: t_or(f"{p}{v}", lang, str(v)))
            out[column] = [words(v, lang) if column == "matched_as" else words(v) if v else "" for v in out[column]]
    for column in BOOLEANS:
        if column in out.columns:
            out[column] = [t("yes" if v is True else "no", lang) if isinstance(v, bool) else "" for v in out[column]]
    if "reason" in out.columns:  # an unresolved place: its message, worded
        out["message"] = [
            problem_text(f"place_{r.reason}", {"query": r.place, "city": r.city, "candidates": r.candidates}, lang)
            if r.reason else "" for r in out.itertuples()
        ]  # fmt: skip
        out = out.drop(columns=["reason", "candidates"])
    return out.rename(columns=columns(list(out.columns), lang))
