"""Report maps: any view of the atlas on a sheet of A4 or A3, as PDF, PNG or SVG.

    print_bytes(atlas, view, plans, fmt="pdf", page="A4-landscape", dpi=300, years=())  -> bytes
    print_file(atlas, view, plans, path, page=..., dpi=..., years=...)                  -> path
    print_files(atlas, view, plans, {"pdf": path, "png": path}, ...)                    -> paths

The page (``layout``) is built from the same map as the HTML export (same data, classes, colours,
labels and escaping), with title, subtitle, legend, north arrow, scale bar, sources, boundary
provenance, datum, date and the notice line (审图号, or 内部用图) around the map, never over it.
``years`` (e.g. ``(2023, 2025, 2027)``) puts one map per year side by side with one legend; the
classes are shared by every year of a yearly metric in any case, so colours compare.
``outputs`` says how each format is made. Sizes: ``pages``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from geo._errors import AtlasError
from geo.files import atomic_target, check_writable_target
from layers.print.layout import print_page
from layers.print.outputs import FORMATS, check_formats, render
from layers.print.pages import DPIS, PAGES, Page, check_dpi, page_of

if TYPE_CHECKING:
    from geo.actuals import Actual
    from geo.atlas import Atlas
    from geo.plans import Plan
    from layers.views import View

Format = Literal["png", "pdf", "svg"]
SUFFIXES = {"png": (".png",), "pdf": (".pdf",), "svg": (".svg",)}

__all__ = ["DPIS", "FORMATS", "PAGES", "Page", "page_of", "print_bytes", "print_file", "print_files", "print_html"]


def print_html(atlas: Atlas, view: View, plans: Sequence[Plan], *, page: str = "A4-landscape",
               years: Sequence[int] = (), actuals: Sequence[Actual] = ()) -> str:  # fmt: skip
    """The print page as HTML (what Chromium prints): for a look in a browser, or for tests."""
    return print_page(atlas, view, plans, page=page_of(page), years=years, actuals=actuals)


def print_bytes(atlas: Atlas, view: View, plans: Sequence[Plan], *, fmt: Format, page: str = "A4-landscape",
                dpi: int = 300, years: Sequence[int] = (), actuals: Sequence[Actual] = ()) -> bytes:  # fmt: skip
    """One print output of ``view`` over ``plans`` as bytes (for a download button).

    ``fmt``: png, pdf or svg; ``page``: A4-landscape, A4-portrait, A3-landscape or A3-portrait;
    ``dpi``: the PNG's resolution (150 or 300; 72-600 accepted); ``years``: maps of these years side
    by side (the choropleth of a yearly metric); ``actuals``: figures a user added (the progress
    view), as ``build_map`` takes them. ``AtlasError`` says what is wrong or missing
    (Chromium, pdftocairo for SVG) in words a person can act on.
    """
    check_formats([fmt])
    return _render(atlas, view, plans, [fmt], page=page, dpi=dpi, years=years, actuals=actuals)[fmt]


def print_file(atlas: Atlas, view: View, plans: Sequence[Plan], path: Path, *, page: str = "A4-landscape",
               dpi: int = 300, years: Sequence[int] = (), actuals: Sequence[Actual] = ()) -> Path:  # fmt: skip
    """Write one print output; its format is the file's extension (.png, .pdf, .svg)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise AtlasError(f"{path}: expected a file name ending in .png, .pdf or .svg")
    return print_files(atlas, view, plans, {fmt: path}, page=page, dpi=dpi, years=years, actuals=actuals)[fmt]  # type: ignore[dict-item]


def print_files(atlas: Atlas, view: View, plans: Sequence[Plan], targets: Mapping[Format, Path], *,
                page: str = "A4-landscape", dpi: int = 300, years: Sequence[int] = (),
                actuals: Sequence[Actual] = ()) -> dict[str, Path]:  # fmt: skip
    """Write several print outputs of one page, made in one browser session; each whole or not at all."""
    check_formats(targets)
    for fmt, path in targets.items():
        check_writable_target(path, SUFFIXES[fmt])
    outputs = _render(atlas, view, plans, list(targets), page=page, dpi=dpi, years=years, actuals=actuals)
    for fmt, path in targets.items():
        with atomic_target(path, suffixes=SUFFIXES[fmt]) as temporary:
            temporary.write_bytes(outputs[fmt])
    return dict(targets)


def _render(atlas: Atlas, view: View, plans: Sequence[Plan], formats: Sequence[str], *, page: str, dpi: int,
            years: Sequence[int], actuals: Sequence[Actual]) -> dict[str, bytes]:  # fmt: skip
    sheet = page_of(page)
    check_dpi(dpi)
    html = print_page(atlas, view, plans, page=sheet, years=years, actuals=actuals)
    return render(html, sheet, formats, dpi=dpi)
