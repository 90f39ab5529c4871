"""Print pages to PDF, PNG and SVG with headless Chromium, the network blocked.

* **PDF**: Chromium's own print to PDF (``page.pdf``) at the page's ``@page`` size: vector paths and
  real, searchable text with the fonts embedded.
* **PNG**: a screenshot of the page at ``dpi / 96`` device pixels per CSS px, trimmed to the paper's
  exact pixel size (A4 landscape at 300 dpi: 3508 x 2480) by Pillow, which also writes the
  resolution into the file so Word and PowerPoint place it at paper size.
* **SVG**: the PDF converted by ``pdftocairo -svg`` (poppler-utils): the same vector drawing, so the
  SVG and the PDF cannot differ. Cairo writes text as glyph outlines, so the SVG looks the same on a
  machine without CJK fonts (most Windows offices have no Noto Sans CJK); the page's text is added as
  the SVG's ``<title>`` and ``<desc>`` so it stays searchable and readable by screen readers. Drawing
  the SVG ourselves from the browser's DOM would keep ``<text>`` elements but would need a second
  renderer of every legend swatch, hatch and label: two drawings to keep in step.

Chromium is Debian's (``/usr/bin/chromium``) or ``$ATLAS_CHROMIUM`` (``layers.export.find_chromium``),
driven by Playwright, which never downloads a browser of its own here (``executable_path``). Every
request the page would make is refused (the page is self-contained) and background networking is
switched off, as for the browser tests.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from geo._errors import AtlasError
from layers._escape import html_text
from layers.export import CHROMIUM_ENV, find_chromium
from layers.print.pages import Page, check_dpi

FORMATS = ("png", "pdf", "svg")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
    "--metrics-recording-only", "--no-pings", "--disable-domain-reliability",
]  # fmt: skip
READY = "html[data-atlas-print-ready]"
TIMEOUT_MS = 60_000
T = TypeVar("T")


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise AtlasError(f"unknown print format {', '.join(unknown) or 'none'}; choose from {', '.join(FORMATS)}")
    return chosen


def in_own_thread(work: Callable[[], T]) -> T:
    """Run ``work`` in a thread of its own: Playwright's synchronous API refuses to run where an
    event loop is running (an app's, or another Playwright session's, such as the tests' browser)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="atlas-print") as pool:
        return pool.submit(work).result()


def missing_tools(formats: Iterable[str]) -> list[str]:
    """What this machine lacks to print ``formats``: ``chromium`` (every format), ``pdftocairo`` (SVG).

    For a UI to offer only what will work, before anyone waits for a failure.
    """
    chosen = check_formats(formats)
    missing = [] if find_chromium() else ["chromium"]
    if "svg" in chosen and shutil.which("pdftocairo") is None:
        missing.append("pdftocairo")
    return missing


def render(html: str, page: Page, formats: Iterable[str], *, dpi: int = 300) -> dict[str, bytes]:
    """The print page ``html`` in each of ``formats`` (png, pdf, svg), from one browser session."""
    return in_own_thread(lambda: _render(html, page, formats, dpi=dpi))


def _render(html: str, page: Page, formats: Iterable[str], *, dpi: int) -> dict[str, bytes]:
    chosen = check_formats(formats)
    check_dpi(dpi)
    svg_tool = shutil.which("pdftocairo") if "svg" in chosen else None
    if "svg" in chosen and svg_tool is None:
        raise AtlasError("SVG export needs pdftocairo, which is not installed here (Debian: apt-get install poppler-utils)")
    chromium, sync_playwright, playwright_error = _browser_parts("/".join(f.upper() for f in chosen))
    out: dict[str, bytes] = {}
    try:
        with sync_playwright() as playwright:  # type: ignore[operator]
            browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
            try:
                if "png" in chosen:
                    out["png"] = _png(browser, html, page, dpi)
                if "pdf" in chosen or "svg" in chosen:
                    out["pdf"] = _pdf(browser, html, page)
            finally:
                browser.close()
    except playwright_error as error:  # type: ignore[misc]
        raise AtlasError(f"Chromium could not print the map: {str(error).strip().splitlines()[0][:300]}") from None
    if "svg" in chosen:
        out["svg"] = pdf_to_svg(out["pdf"], svg_tool or "pdftocairo", title=_title_of(html))
        if "pdf" not in chosen:
            del out["pdf"]
    return out


def _browser_parts(what: str) -> tuple[str, object, type[Exception]]:
    """Chromium's path and Playwright, or a clear ``AtlasError`` saying what to install."""
    chromium = find_chromium()
    if chromium is None:
        raise AtlasError(f"{what} export needs Chromium, which is not installed here (Debian: apt-get install chromium; "
                         f"or set {CHROMIUM_ENV})")  # fmt: skip
    try:
        from playwright.sync_api import Error as PlaywrightError  # noqa: PLC0415 (only when printing)
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        raise AtlasError(f"{what} export needs the playwright package (pip install -r requirements.txt)") from None
    return chromium, sync_playwright, PlaywrightError


HIDE_CONTROLS = ".leaflet-control-zoom, .leaflet-control-layers, .leaflet-control-attribution { display: none !important; }"


def screenshot(html_path: Path, *, width: int = 1400, height: int = 1000) -> bytes:
    """A PNG of an exported HTML map as on screen, without its zoom, layer and attribution controls."""
    return in_own_thread(lambda: _screenshot(html_path, width=width, height=height))


def _screenshot(html_path: Path, *, width: int, height: int) -> bytes:
    chromium, sync_playwright, playwright_error = _browser_parts("PNG")
    try:
        with sync_playwright() as playwright:  # type: ignore[operator]
            browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
            try:
                context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
                tab = context.new_page()
                tab.goto(html_path.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
                tab.add_style_tag(content=HIDE_CONTROLS)
                tab.wait_for_selector("html[data-atlas-drawn]", state="attached", timeout=TIMEOUT_MS)
                tab.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")
                tab.wait_for_timeout(50)  # the labels' own pass after the fonts
                return tab.screenshot(type="png")
            finally:
                browser.close()
    except playwright_error as error:  # type: ignore[misc]
        raise AtlasError(f"Chromium could not take the picture: {str(error).strip().splitlines()[0][:300]}") from None


def _open(browser: object, html: str, page: Page, *, scale: float) -> object:
    """A tab holding ``html``, every request refused, waited on until the page says it is laid out."""
    width, height = page.viewport
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,  # type: ignore[attr-defined]
                                  offline=True, java_script_enabled=True)  # fmt: skip
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("data:") else route.abort())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
    try:
        tab.wait_for_selector(READY, state="attached", timeout=TIMEOUT_MS)
    except Exception:  # Playwright's timeout, reworded
        raise AtlasError(f"the print page did not finish drawing: {'; '.join(errors)[:300] or 'timed out'}") from None
    if errors:
        raise AtlasError(f"the print page failed: {'; '.join(errors)[:300]}")
    return tab


def _pdf(browser: object, html: str, page: Page) -> bytes:
    tab = _open(browser, html, page, scale=1)
    try:
        return tab.pdf(prefer_css_page_size=True, print_background=True, display_header_footer=False)  # type: ignore[attr-defined]
    finally:
        tab.context.close()  # type: ignore[attr-defined]


def _png(browser: object, html: str, page: Page, dpi: int) -> bytes:
    from PIL import Image  # noqa: PLC0415 (Pillow comes with streamlit)

    tab = _open(browser, html, page, scale=dpi / 96)
    try:
        shot = tab.screenshot(type="png", full_page=False, scale="device")  # type: ignore[attr-defined]
    finally:
        tab.context.close()  # type: ignore[attr-defined]
    width, height = page.pixels(dpi)
    with Image.open(io.BytesIO(shot)) as image:
        picture = image.convert("RGB")
    if picture.size != (width, height):  # the viewport is whole CSS px: trim the fraction past the paper
        canvas = Image.new("RGB", (width, height), "white")
        canvas.paste(picture.crop((0, 0, min(width, picture.width), min(height, picture.height))))
        picture = canvas
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=False)
    return buffer.getvalue()


def pdf_to_svg(pdf: bytes, tool: str = "pdftocairo", *, title: str = "", text: str | None = None) -> bytes:
    """The first page of ``pdf`` as SVG (``pdftocairo -svg``), with ``title`` and the page's text
    (``pdftotext``, where installed) as its ``<title>`` and ``<desc>``."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "page.pdf", Path(folder) / "page.svg"
        source.write_bytes(pdf)
        result = subprocess.run([tool, "-svg", "-f", "1", "-l", "1", str(source), str(target)], capture_output=True,
                                text=True, timeout=120, check=False)  # fmt: skip
        if result.returncode != 0 or not target.exists():
            raise AtlasError(f"pdftocairo could not make the SVG: {result.stderr.strip()[-300:]}")
        svg = target.read_text(encoding="utf-8")
        if text is None:
            text = pdf_text(source)
    head_end = svg.index(">", svg.index("<svg")) + 1
    meta = f"\n<title>{html_text(title)}</title>\n<desc>{html_text(' '.join(text.split()))}</desc>"
    return (svg[:head_end] + meta + svg[head_end:]).encode("utf-8")


def pdf_text(path: Path) -> str:
    """The text of a PDF (``pdftotext``), or nothing where poppler is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return ""
    result = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, timeout=120, check=False)
    return result.stdout.decode("utf-8", errors="replace") if result.returncode == 0 else ""


def _title_of(html: str) -> str:
    import html as html_lib  # noqa: PLC0415

    start, end = html.find("<title>"), html.find("</title>")
    return html_lib.unescape(html[start + 7 : end]) if 0 <= start < end else ""
