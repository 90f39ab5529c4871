"""How much room a line of text takes on a print page, estimated before any browser lays it out.

The page's boxes are placed in millimetres here, in Python, so the header and footer are made tall
enough for their text before Chromium sees it: a line that would wrap gets a second line's room
instead of running through the rule above the footer. The estimate is deliberately generous:
a CJK character is one em wide, anything else ``LATIN_EM`` (Noto Sans CJK's Latin letters average
about half an em), and a wrapped line loses up to ``WRAP_SLACK`` of its width at a word break.
``tests/test_print.py`` measures the real boxes in Chromium on every page size and language.
"""

from __future__ import annotations

import math
import unicodedata

PT_MM = 25.4 / 72  # one point in mm
LATIN_EM = 0.5
WRAP_SLACK = 1.12


def text_mm(text: str, pt: float, *, spacing: float = 0.0) -> float:
    """The width of ``text`` on one line at ``pt`` points (``spacing``: letter spacing in em), in mm."""
    ems = sum((1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else LATIN_EM) + spacing for ch in text)
    return ems * pt * PT_MM


def lines(text: str, pt: float, width_mm: float, *, spacing: float = 0.0) -> int:
    """How many lines ``text`` takes in a box ``width_mm`` wide (at least one)."""
    if not text:
        return 0
    if width_mm <= 0:
        return max(1, len(text))
    one_line = text_mm(text, pt, spacing=spacing)
    return 1 if one_line <= width_mm else math.ceil(one_line * WRAP_SLACK / width_mm)


def block_mm(texts: list[str], pt: float, width_mm: float, *, line_height: float, spacing: float = 0.0) -> float:
    """The height of ``texts`` (one paragraph each) in a box ``width_mm`` wide, in mm."""
    return sum(lines(text, pt, width_mm, spacing=spacing) for text in texts) * pt * line_height * PT_MM
