"""Choropleth classes with mapclassify, and colour-blind-safe palettes.

Schemes: ``quantiles``, ``equal_interval``, ``natural_breaks`` (Fisher-Jenks) and ``user`` (breaks
given by the user). When a metric has no more distinct values than classes asked for (counts such
as 0, 1, 2 clusters), each value gets its own class, which is what a reader expects. Missing values
(NaN) get no class: the map draws them as "no data".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from branca.utilities import color_brewer

from geo._errors import AtlasError

SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "user")
# ColorBrewer sequential schemes, all marked colour-blind safe by ColorBrewer (named in i18n: palette_<name>).
PALETTES = ("YlGnBu", "Blues", "YlOrRd", "PuBuGn", "Greens")
# Qualitative colours for clusters and industries, 17 so that every cluster of a plan shown at once has
# its own: Okabe & Ito's colour-blind-safe eight first, then nine of Paul Tol's muted and light
# colours, each picked (greedily) to differ most from those before it under simulated protan, deutan
# and tritan vision as well as normal vision (tests/test_print.py checks every pair: CIE76 difference
# of at least 9). No 17 colours can all be told apart by every reader, so the maps never rely on
# colour alone: clusters are named on the map, and past the 17 colours patterns take over.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TOL_EXTRA = ("#332288", "#882255", "#FFAABB", "#99DDFF", "#117733", "#999933", "#EE8866", "#BBCC33", "#44BB99")
CATEGORICAL = OKABE_ITO + TOL_EXTRA
# Fill patterns (atlas.js ``Atlas.hatch``; swatches in atlas.css) for items past the colours: each
# round of 17 takes the next pattern, so item 18 is the first colour cross-hatched, item 35 dotted.
PATTERNS = ("cross", "dots", "horizontal", "vertical")
NO_DATA_COLOR = "#9a9a9a"
MAX_CLASSES = 9


@dataclass(frozen=True)
class Classes:
    """Upper bounds of each class, the class of each value (-1: no data), and whether classes are values."""

    bins: tuple[float, ...]
    classes: tuple[int, ...]
    distinct: bool  # one class per distinct value

    @property
    def k(self) -> int:
        return len(self.bins)


def classify(values: Sequence[float], *, scheme: str = "quantiles", k: int = 5, breaks: Sequence[float] = ()) -> Classes:
    """Classify ``values`` (NaN allowed) into at most ``k`` classes with ``scheme``."""
    if scheme not in SCHEMES:
        raise AtlasError(f"unknown classification {scheme!r}; choose from {', '.join(SCHEMES)}")
    if not 2 <= k <= MAX_CLASSES:
        raise AtlasError(f"number of classes must be between 2 and {MAX_CLASSES}, got {k}")
    array = np.asarray(values, dtype=float)
    known = ~np.isnan(array)
    data = array[known]
    if data.size == 0:
        return Classes((), tuple(-1 for _ in array), distinct=True)
    if scheme == "user":
        bins = _user_bins(breaks, data)
        distinct = False
    else:
        unique = np.unique(data)
        if unique.size <= k:
            bins, distinct = unique, True
        else:
            bins, distinct = _scheme_bins(scheme, data, k), False
    classes = np.full(array.shape, -1)
    classes[known] = np.searchsorted(bins, data, side="left")
    return Classes(tuple(float(b) for b in bins), tuple(int(c) for c in classes), distinct)


def _scheme_bins(scheme: str, data: np.ndarray, k: int) -> np.ndarray:
    import mapclassify  # noqa: PLC0415 (2 s of imports, needed only when values outnumber classes)

    make = {"quantiles": mapclassify.Quantiles, "equal_interval": mapclassify.EqualInterval,
            "natural_breaks": mapclassify.FisherJenks}[scheme]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns about duplicate quantiles and missing numba
        bins = np.unique(make(data, k=k).bins)
    return bins


MAX_BREAKS = MAX_CLASSES - 1


class BreaksError(ValueError):
    """Breaks a person typed that cannot be used; ``code`` says why, for wording it in either language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code  # empty, not_numbers, not_finite, not_increasing, too_many


def parse_breaks(text: str) -> tuple[float, ...]:
    """Class breaks as typed (``500,1000,2000``; Chinese commas too): finite, increasing, at most 8.

    ``BreaksError`` says what is wrong in words a person can act on.
    """
    parts = [part.strip() for part in text.replace("，", ",").split(",")]
    if not any(parts):
        raise BreaksError("empty", "no breaks given; type increasing numbers separated by commas, e.g. 500,1000,2000")
    try:
        breaks = tuple(float(part) for part in parts if part)
    except ValueError:
        raise BreaksError("not_numbers", f"not numbers: {text[:60]!r}; type e.g. 500,1000,2000") from None
    check_breaks(breaks)
    return breaks


def check_breaks(breaks: Sequence[float]) -> None:
    """``BreaksError`` unless the breaks are finite, strictly increasing and at most ``MAX_BREAKS``."""
    if not all(math.isfinite(b) for b in breaks):
        raise BreaksError("not_finite", "breaks must be finite numbers (no inf or nan)")
    if list(breaks) != sorted(set(breaks)):
        shown = ",".join(f"{b:g}" for b in breaks)
        raise BreaksError("not_increasing", f"breaks must increase, e.g. 500,1000,2000; got {shown}")
    if len(breaks) > MAX_BREAKS:
        raise BreaksError("too_many", f"at most {MAX_BREAKS} breaks ({MAX_CLASSES} classes)")


def _user_bins(breaks: Sequence[float], data: np.ndarray) -> np.ndarray:
    if not breaks:
        raise AtlasError("the 'user' classification needs breaks, e.g. --breaks 500,1000,2000")
    try:
        check_breaks(breaks)
    except ValueError as error:
        raise AtlasError(str(error)) from None
    bins = np.asarray(breaks, dtype=float)
    if bins[-1] < data.max():
        bins = np.append(bins, data.max())
    return bins


def palette(name: str, k: int) -> list[str]:
    """``k`` colours of a sequential ColorBrewer palette, light to dark."""
    if name not in PALETTES:
        raise AtlasError(f"unknown palette {name!r}; choose from {', '.join(PALETTES)}")
    if k <= 0:
        return []
    colours = color_brewer(name, max(k, 3))
    if k < 3:  # ColorBrewer starts at 3: take the ends, which differ most
        colours = [colours[0], colours[-1]][-k:] if k == 2 else [colours[-1]]
    return colours[:k]


def categorical(index: int) -> str:
    """The ``index``-th colour of the qualitative palette (cycling: see ``categorical_pattern``)."""
    return CATEGORICAL[index % len(CATEGORICAL)]


def categorical_pattern(index: int) -> str | None:
    """The pattern that tells the ``index``-th item from an earlier one of the same colour (None: plain)."""
    round_ = index // len(CATEGORICAL)
    return PATTERNS[(round_ - 1) % len(PATTERNS)] if round_ else None


def apply_bins(bins: Sequence[float], distinct: bool, values: Sequence[float]) -> Classes:
    """Classes of ``values`` with bins made elsewhere (e.g. over several years' values), so that the
    same value always falls in the same class. Values above the last bin join the last class."""
    array = np.asarray(values, dtype=float)
    known = ~np.isnan(array)
    classes = np.full(array.shape, -1)
    if len(bins):
        classes[known] = np.minimum(np.searchsorted(np.asarray(bins, dtype=float), array[known], side="left"), len(bins) - 1)
    return Classes(tuple(float(b) for b in bins), tuple(int(c) for c in classes), distinct)


def class_counts(classes: Classes) -> list[int]:
    """How many values fall in each class (no data left out)."""
    counts = [0] * classes.k
    for cls in classes.classes:
        if cls >= 0:
            counts[cls] += 1
    return counts
