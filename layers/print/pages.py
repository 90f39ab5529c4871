"""Paper sizes of report maps, in millimetres, CSS pixels and image pixels.

A page is laid out in CSS px at 96 per inch, the unit browsers print in, so a page of 297 x 210 mm
is 1122.5 x 793.7 CSS px. A PDF keeps those millimetres (``@page``); a PNG is the same page taken
at ``dpi / 96`` device pixels per CSS px and trimmed to the paper's exact pixel size (A4 landscape at
300 dpi: 3508 x 2480 px), with its resolution written into the file so word processors place it at
paper size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from geo._errors import AtlasError

CSS_PX_PER_INCH = 96
MM_PER_INCH = 25.4
PAPERS: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}  # (short, long) side, mm
PAGES = ("A4-landscape", "A4-portrait", "A3-landscape", "A3-portrait")
DPIS = (150, 300)
MIN_DPI, MAX_DPI = 72, 600
Orientation = Literal["landscape", "portrait"]


@dataclass(frozen=True)
class Page:
    """One sheet: paper name, orientation and size in mm."""

    name: str  # e.g. A4-landscape
    paper: str
    orientation: Orientation
    width_mm: float
    height_mm: float

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    @property
    def css_size(self) -> tuple[float, float]:
        """Width and height in CSS px (96 per inch)."""
        return mm_to_px(self.width_mm), mm_to_px(self.height_mm)

    @property
    def viewport(self) -> tuple[int, int]:
        """A browser viewport that holds the whole page (whole CSS px, rounded up)."""
        width, height = self.css_size
        return math.ceil(width), math.ceil(height)

    def pixels(self, dpi: int) -> tuple[int, int]:
        """The page's size in image pixels at ``dpi`` (A4 landscape, 300 dpi: 3508 x 2480)."""
        return round(self.width_mm / MM_PER_INCH * dpi), round(self.height_mm / MM_PER_INCH * dpi)

    @property
    def points(self) -> tuple[float, float]:
        """The page's size in PDF points (A4 landscape: 841.9 x 595.3)."""
        return self.width_mm / MM_PER_INCH * 72, self.height_mm / MM_PER_INCH * 72


def mm_to_px(mm: float) -> float:
    return mm / MM_PER_INCH * CSS_PX_PER_INCH


def page_of(name: str) -> Page:
    """A page by name (``A4-landscape``, ``A3-portrait`` ...); an unknown one is an error naming the known."""
    paper, _, orientation = name.partition("-")
    if paper not in PAPERS or orientation not in ("landscape", "portrait"):
        raise AtlasError(f"unknown page {name!r}; choose from {', '.join(PAGES)}")
    short, long = PAPERS[paper]
    width, height = (long, short) if orientation == "landscape" else (short, long)
    return Page(name, paper, orientation, width, height)  # type: ignore[arg-type]


def check_dpi(dpi: int) -> int:
    """The resolution of a PNG: 150 or 300 as offered, anything from 72 to 600 accepted."""
    if not isinstance(dpi, int) or not MIN_DPI <= dpi <= MAX_DPI:
        raise AtlasError(f"dpi must be a whole number from {MIN_DPI} to {MAX_DPI} (150 or 300 for reports), got {dpi!r}")
    return dpi
