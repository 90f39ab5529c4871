"""Figures as the plans state them: a number, its unit, and its qualifier (超 / 约 / 突破 ...).

A figure never loses its qualifier: "超1000亿元" is *over* 100 bn CNY, not 100 bn. This module
parses such phrases out of Chinese text and formats figures back, in Chinese or English.
1 亿 = 100 million CNY, so 1000亿元 = 100 bn CNY and 4.5万亿元 = 4.5 trillion CNY.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Qualifier(StrEnum):
    """How a figure relates to its number, as the source text says it."""

    OVER = "over"  # 超, 超过
    ABOUT = "about"  # 约, 左右
    PASSING = "passing"  # 突破
    REACH = "reach"  # 达到, 达
    AT_LEAST = "at_least"  # 以上
    EXACT = "exact"  # a bare number


QUALIFIER_LABELS: dict[Qualifier, dict[str, str]] = {
    Qualifier.OVER: {"zh": "超", "en": "over"},
    Qualifier.ABOUT: {"zh": "约", "en": "about"},
    Qualifier.PASSING: {"zh": "突破", "en": "passing"},
    Qualifier.REACH: {"zh": "达到", "en": "reaching"},
    Qualifier.AT_LEAST: {"zh": "以上", "en": "at least"},
    Qualifier.EXACT: {"zh": "", "en": ""},
}

# Units as the plans write them; money is always stored in 亿元 (100 million CNY).
UNITS = ("亿元", "个", "%", "台", "家")
# The largest figure the atlas accepts in any unit: 1e9 亿元 is 100,000 trillion CNY, far beyond any
# economy, and sums of thousands of such figures stay finite.
MAX_VALUE = 1e9

_PREFIX_QUALIFIERS = (
    ("超过", Qualifier.OVER),
    ("超", Qualifier.OVER),
    ("突破", Qualifier.PASSING),
    ("约", Qualifier.ABOUT),
    ("达到", Qualifier.REACH),
    ("达", Qualifier.REACH),
)
_FIGURE = re.compile(
    r"(?P<prefix>超过|超|突破|约|达到|达)?\s*(?P<number>\d+(?:\.\d+)?|(?<![\d.])[千百](?=亿))\s*"
    r"(?P<scale>万|千)?(?P<unit>亿元|亿级|元|个|%|台|家)?(?P<suffix>左右|以上)?"
)
_SCALE = {"": 1.0, "万": 1e4, "千": 1e3}
_CHINESE_NUMBERS = {"千": 1000.0, "百": 100.0}  # as in 千亿元 (100 bn CNY), 百亿元 (10 bn CNY)


@dataclass(frozen=True)
class ParsedFigure:
    value: float
    unit: str
    qualifier: Qualifier


def parse_figures(text: str) -> list[ParsedFigure]:
    """Every figure with a unit in ``text``, in order, with values in the stored units.

    >>> parse_figures("总投资约250亿元")
    [ParsedFigure(value=250.0, unit='亿元', qualifier=<Qualifier.ABOUT: 'about'>)]
    >>> parse_figures("集群营业收入达到4.5万亿元")[0].value
    45000.0
    """
    found = []
    for match in _FIGURE.finditer(text):
        unit, scale = match["unit"], match["scale"] or ""
        if not unit:
            continue
        number = match["number"]
        value = _CHINESE_NUMBERS[number] if number in _CHINESE_NUMBERS else float(number)
        if unit in ("亿元", "亿级"):
            value *= _SCALE[scale]
            unit = "亿元"
        elif unit == "元":
            continue  # plain 元 or 万元 amounts do not occur in plan targets
        else:
            value *= _SCALE[scale]
        found.append(ParsedFigure(value, unit, _qualifier(match)))
    return found


def _qualifier(match: re.Match[str]) -> Qualifier:
    if match["suffix"] == "左右":
        return Qualifier.ABOUT
    if match["suffix"] == "以上":
        return Qualifier.AT_LEAST
    for word, qualifier in _PREFIX_QUALIFIERS:
        if match["prefix"] == word:
            return qualifier
    return Qualifier.EXACT


def format_figure(value: float, unit: str, qualifier: Qualifier | str, lang: str = "zh") -> str:
    """A figure as a person reads it: ``超1000亿元`` in Chinese, ``over CNY 100 bn`` in English."""
    qualifier = Qualifier(qualifier)
    word = QUALIFIER_LABELS[qualifier][lang]
    amount = _format_zh(value, unit) if lang == "zh" else _format_en(value, unit)
    if qualifier is Qualifier.AT_LEAST:
        return f"{amount}{word}" if lang == "zh" else f"{word} {amount}"
    if lang == "zh":
        return f"{word}{amount}"
    return f"{word} {amount}".strip()


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def _format_zh(value: float, unit: str) -> str:
    if unit == "亿元" and value >= 1e4:
        return f"{_number(value / 1e4)}万亿元"
    if unit in ("台", "家", "个") and value >= 1e4:
        return f"{_number(value / 1e4)}万{unit}"
    return f"{_number(value).replace(',', '')}{unit}"


_EN_UNITS = {"个": "", "台": " servers", "家": " firms", "%": "%"}


def _format_en(value: float, unit: str) -> str:
    if unit == "亿元":
        bn = value / 10
        if bn >= 1000:
            return f"CNY {_number(bn / 1000)} trillion"
        return f"CNY {_number(bn)} bn"
    if unit in ("台", "家") and value >= 1e6:
        return f"{_number(value / 1e6)} million{_EN_UNITS[unit]}"
    return f"{_number(value)}{_EN_UNITS.get(unit, ' ' + unit)}"


_AMOUNT = re.compile(
    r"^(?P<prefix>超过|超|突破|约|达到|达)?\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>亿元|亿|个|%|台|家)?\s*(?P<suffix>以上|左右)?$"
)


class AmountError(ValueError):
    """A figure that cannot be read; ``code`` names why (``amount_negative``, ``amount_invalid``,
    ``amount_too_large``) for wording it in either language."""

    def __init__(self, code: str, text: str) -> None:
        self.code = code
        self.fields: dict[str, object] = {"text": text[:40]}
        if code == "amount_too_large":
            self.fields["max"] = f"{MAX_VALUE:,.0f}"
        super().__init__(f"{code}: {text[:40]!r}")


def parse_amount(text: str) -> tuple[float, Qualifier]:
    """A figure as a person types it: ``超1000`` -> (1000, over); ``约250亿元`` -> (250, about).

    Refuses anything else with ``AmountError``: negative, not a number, or above ``MAX_VALUE``.
    """
    cleaned = text.strip().replace(",", "").replace("，", "")
    if cleaned.startswith("-"):
        raise AmountError("amount_negative", text)
    match = _AMOUNT.match(cleaned)
    if not match:
        raise AmountError("amount_invalid", text)
    value = float(match["number"])
    if not value <= MAX_VALUE:  # also catches inf from a thousand-digit number
        raise AmountError("amount_too_large", text)
    if match["suffix"] == "以上":
        qualifier = Qualifier.AT_LEAST
    elif match["suffix"] == "左右":
        qualifier = Qualifier.ABOUT
    else:
        qualifier = _PREFIX_QUALIFIER_OF.get(match["prefix"] or "", Qualifier.EXACT)
    return value, qualifier


_PREFIX_QUALIFIER_OF = dict(_PREFIX_QUALIFIERS)
