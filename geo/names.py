"""English names for Chinese administrative divisions: pinyin plus the level word.

``鹿泉区 -> Luquan District``, ``青龙满族自治县 -> Qinglong Manchu Autonomous County``.
Readings pypinyin gets wrong are fixed by overrides kept in the region data.
"""

from __future__ import annotations

from collections.abc import Mapping

from pypinyin import lazy_pinyin

# Longest suffix first: 矿区 before 区, 自治县 before 县.
_LEVEL_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("自治县", "Autonomous County"),
    ("矿区", "Mining District"),
    ("新区", "New Area"),
    ("区", "District"),
    ("县", "County"),
    ("市", "City"),
    ("省", "Province"),
)
_ETHNIC_GROUPS: Mapping[str, str] = {
    "满族": "Manchu",
    "回族": "Hui",
    "蒙古族": "Mongol",
}
_VOWELS = "aoe"


def pinyin_word(chinese: str, context: str | None = None) -> str:
    """One capitalised pinyin word, with an apostrophe before a syllable starting with a/o/e.

    ``context`` is the full name ``chinese`` begins: readings depend on it (蔚 alone is wèi,
    蔚县 is Yù).

    >>> pinyin_word("长安")
    "Chang'an"
    """
    syllables = lazy_pinyin(context or chinese, errors="ignore")[: len(chinese)]
    word = ""
    for i, syl in enumerate(syllables):
        word += ("'" if i and syl[:1] in _VOWELS else "") + syl
    return word[:1].upper() + word[1:]


def english_name(name_zh: str, overrides: Mapping[str, str] | None = None) -> str:
    """English name of a division from its Chinese name (see module docstring)."""
    if overrides and name_zh in overrides:
        return overrides[name_zh]
    stem, level = _split_level(name_zh)
    ethnic: list[str] = []
    if level == "Autonomous County":
        stem, ethnic = _split_ethnic(stem)
    word = pinyin_word(stem, context=name_zh)
    parts = [word, " and ".join(ethnic), level]
    return " ".join(p for p in parts if p)


def _split_level(name: str) -> tuple[str, str]:
    for suffix, english in _LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], english
    return name, ""


def _split_ethnic(stem: str) -> tuple[str, list[str]]:
    groups: list[str] = []
    changed = True
    while changed:
        changed = False
        for zh, en in _ETHNIC_GROUPS.items():
            if stem.endswith(zh):
                stem, groups = stem[: -len(zh)], [en, *groups]
                changed = True
    return stem, groups
