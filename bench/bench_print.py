"""Benchmark: report maps (``layers.print``), time to write the A4 landscape PDF and the 300 dpi PNG.

The county choropleth of the bundled data, each file written from scratch (page built, Chromium
started, page laid out, printed, written) three times after one warm-up; the median is reported,
with the file's size. Run with ``make bench`` (needs Chromium; skipped with a note where it is missing).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.atlas import Atlas
from layers.export import find_chromium
from layers.print import print_file
from layers.views import View

RUNS = 3
CASES = [("A4 landscape PDF", "map.pdf", 300), ("A4 landscape PNG, 300 dpi", "map.png", 300)]


def main() -> None:
    if find_chromium() is None:
        print("bench_print: no Chromium here (apt-get install chromium); skipped")
        return
    atlas = Atlas.load()
    view = View()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        print_file(atlas, view, atlas.plans, Path(folder) / "warm.pdf")  # fonts, caches, the atlas's topology
        for label, name, dpi in CASES:
            path = Path(folder) / name
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                print_file(atlas, view, atlas.plans, path, page="A4-landscape", dpi=dpi)
                times.append(time.perf_counter() - start)
            rows.append((label, statistics.median(times), path.stat().st_size))
    print(f"\nReport maps: county choropleth, median of {RUNS}")
    print(f"{'output':<28}{'time (s)':>10}{'bytes':>12}")
    for label, seconds, size in rows:
        print(f"{label:<28}{seconds:>10.2f}{size:>12,}")


if __name__ == "__main__":
    main()
