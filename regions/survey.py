"""Can the atlas map every mainland province? ``python -m regions.survey [--only CODES] [--keep DIR]``.

For each province: ``init_region`` into a folder, then ``cli.py check``, ``cli.py template`` (the
import template, whose example rows are the region's own places), ``cli.py coverage`` and
``cli.py export --all OUT`` over that list, with ``ATLAS_DATA_DIR`` pointing at the folder, each as a
subprocess.
Prints one row per province (adcode, name, pass/fail, seconds per step, the first line of the
error) and exits 1 if any failed. ``make survey``; not part of ``make test`` (a few minutes).

The error shown is the exception line of a traceback (its last line), otherwise the first line
the failing step printed on stderr (or stdout).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from regions.catalogue import RegionError, accepted_codes, check_adcode, provinces
from regions.init import init_region

REPO_DIR = Path(__file__).resolve().parent.parent
STEP_TIMEOUT_S = 900
STEPS = ("init", "check", "template", "coverage", "export")


@dataclass
class Row:
    adcode: str
    name: str
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""
    failed_step: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed_step


def survey_one(adcode: str, work: Path) -> Row:
    """Init one region into ``work/ADCODE`` and run the CLI steps on it; stop at the first failure."""
    row = Row(adcode, accepted_codes().get(adcode, "?"))
    data_dir, export_dir = work / adcode, work / f"{adcode}-export"
    started = time.perf_counter()
    try:
        init_region(adcode, data_dir)
    except Exception as exc:
        row.seconds["init"] = round(time.perf_counter() - started, 1)
        row.failed_step, row.error = "init", f"{type(exc).__name__}: {exc}".splitlines()[0]
        return row
    row.seconds["init"] = round(time.perf_counter() - started, 1)
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir)}
    template = work / f"{adcode}-template.csv"  # a cluster list of the region's own places, as a planner starts
    commands = {
        "check": ["check"],
        "template": ["template", str(template)],
        "coverage": ["coverage", "--plan", str(template)],
        "export": ["export", "--all", str(export_dir), "--plan", str(template)],
    }
    for step, args in commands.items():
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, str(REPO_DIR / "cli.py"), *args],
                cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT_S, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            row.seconds[step] = round(time.perf_counter() - started, 1)
            row.failed_step, row.error = step, f"timed out after {STEP_TIMEOUT_S} s"
            return row
        row.seconds[step] = round(time.perf_counter() - started, 1)
        if done.returncode != 0:
            row.failed_step, row.error = step, f"exit {done.returncode}: {first_error_line(done.stderr, done.stdout)}"
            return row
    return row


def first_error_line(stderr: str, stdout: str = "") -> str:
    """The line that says what went wrong: a traceback's exception line, else the first line printed."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1]
    if lines:
        return lines[0]
    out = [line.strip() for line in stdout.splitlines() if line.strip()]
    return out[0] if out else "(no output)"


def format_row(row: Row) -> str:
    steps = " ".join(f"{row.seconds[s]:>8.1f}" if s in row.seconds else f"{'-':>8}" for s in STEPS)
    result = "pass" if row.ok else f"FAIL({row.failed_step})"
    return f"{row.adcode:<7} {row.name:<10}\t{result:<16} {steps}  {row.error}"


def header() -> str:
    steps = " ".join(f"{s + ' s':>8}" for s in STEPS)
    return f"{'adcode':<7} {'name':<10}\t{'result':<16} {steps}  first error line"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m regions.survey", description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated codes, e.g. 110000,440000 (default: the 31 provinces)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the folders here and keep them")
    args = parser.parse_args(argv)
    try:
        codes = [check_adcode(c) for c in args.only.split(",") if c.strip()] if args.only else list(provinces())
    except RegionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="atlas-survey-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        print(header(), flush=True)
        rows = []
        for code in codes:
            rows.append(survey_one(code, work))
            print(format_row(rows[-1]), flush=True)
    failed = [r for r in rows if not r.ok]
    kept = f"; folders kept in {args.keep}" if args.keep else ""
    print(f"survey: {len(rows) - len(failed)} of {len(rows)} regions mapped{kept}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
