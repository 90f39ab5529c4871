"""Hostile and broken input: every file of the corpus, the CLI's dangerous cases, half-written files.

Nothing here may end in a traceback, read a path the input names, hang, or cost unbounded memory.
The corpus is made at test time (``tests/hostile.py``); nothing of it is committed.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cli
from geo.importer import IMPORTED_ID_PREFIX, import_bytes
from tests.atlases import hebei
from tests.conftest import REPO, run_cli
from tests.hostile import big_corpus, corpus

MAX_REPORT_CHARS = 30_000
CORPUS = corpus()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_importer_reports_every_hostile_file_clearly(name: str) -> None:
    case = CORPUS[name]
    result = import_bytes(case.data, name, hebei())
    report = result.report()
    assert len(report) < MAX_REPORT_CHARS
    if case.expect == "ok":
        assert result.ok, report
    else:
        assert not result.ok and result.plan is None, report
        assert case.expect in report, report


def test_big_files_are_refused_before_they_are_parsed() -> None:
    for name, case in big_corpus().items():
        result = import_bytes(case.data, name, hebei())
        assert not result.ok and case.expect in result.report(), (name, result.report())


def test_an_uploaded_plan_never_takes_a_bundled_plans_ids() -> None:
    plan = import_bytes(CORPUS["collide.yaml"].data, "collide.yaml", hebei()).plan
    assert plan is not None
    assert plan.id.startswith("imported-strategic-emerging-2023-2027-") and plan.short_zh.startswith("导入：")
    assert [c.id for c in plan.clusters] == [IMPORTED_ID_PREFIX + "sjz-biomedicine"]
    other = import_bytes(CORPUS["collide.yaml"].data.replace(b"900", b"901"), "collide.yaml", hebei()).plan
    assert other is not None and other.id != plan.id  # two uploads never share an id


def test_an_uploaded_plan_reads_no_file_of_the_server() -> None:
    for name in ("traversal.yaml", "absolute.yaml"):
        result = import_bytes(CORPUS[name].data, name, hebei())
        assert not result.ok and "cannot name a file on the server" in result.report()
        assert Path("/etc/hostname").read_text() not in result.report() or not Path("/etc/hostname").exists()


def test_cli_import_of_every_corpus_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In process, so a traceback would fail the test; exit 0 for a good list, 1 for a reported one."""
    for name, case in CORPUS.items():
        path = tmp_path / name
        path.write_bytes(case.data)
        code = cli.main(["import", str(path)])
        out = capsys.readouterr()
        assert code == (0 if case.expect == "ok" else 1), (name, out.out[-500:], out.err[-500:])


def test_cli_never_prints_a_traceback(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    hostile_plan = tmp_path / "traversal.yaml"
    climbing = b"source_text: ../../../../../../../etc/passwd"
    hostile_plan.write_bytes(CORPUS["traversal.yaml"].data.replace(b"source_text: ../../../../../../etc/hostname", climbing))
    inf_plan = tmp_path / "inf.yaml"
    inf_plan.write_bytes(CORPUS["inf.yaml"].data)
    cases = {
        ("import", str(folder)): "is a folder",
        ("import", str(zero)): "not a regular file",
        ("import", str(fifo)): "not a regular file",
        ("coverage", "--out", str(tmp_path)): "unsupported extension",
        ("coverage", "--table", "clusters", "--out", str(folder)): "is a folder",
        ("export", "--out", "/proc/x.html"): "/proc/x.html",
        ("export", "--out", "/dev/full"): "expected a file name ending in .html",
        ("export", "--out", str(tmp_path / "missing" / "x.html")): "folder does not exist",
        ("template", "/proc/t.csv"): "/proc/t.csv",
        ("template", str(tmp_path / "missing" / "t.csv")): "folder does not exist",
        ("reconcile", "--json", str(tmp_path / "missing" / "r.json")): "folder does not exist",
        ("reconcile", "--json", "/dev/full"): "not a regular file",
        ("export", "--scheme", "user", "--breaks", "1,inf", "--out", str(tmp_path / "b.html")): "finite",
        ("export", "--scheme", "user", "--breaks", "1e309", "--out", str(tmp_path / "b.html")): "finite",
        ("export", "--scheme", "user", "--breaks", "3,2,1", "--out", str(tmp_path / "b.html")): "must increase",
        ("check", "--plan", str(hostile_plan)): "outside the plan's folder",
        ("check", "--plan", str(inf_plan)): "finite number",
    }
    for args, words in cases.items():
        result = subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True, text=True,
                                cwd=REPO, timeout=120, check=False)  # fmt: skip
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert result.returncode == 2 or (args[0] == "import" and result.returncode == 1), (args, result.stderr)
        assert words in result.stderr + result.stdout, (args, result.stderr, result.stdout)
    assert not (tmp_path / "b.html").exists()
    assert "root:" not in subprocess.run([sys.executable, str(REPO / "cli.py"), "check", "--plan", str(hostile_plan)],
                                         capture_output=True, text=True, cwd=REPO, check=False).stderr  # fmt: skip


def test_ctrl_c_stops_cleanly_and_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "maps"
    process = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "export", "--all", str(out)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    for _ in range(600):  # wait until it is writing maps, then interrupt as Ctrl-C does
        if out.exists() and any(out.iterdir()):
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr
    assert process.returncode in (130, 0), stderr  # 0 only if it had just finished
    assert not list(out.glob(".*.part"))
    for page in out.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))


def test_a_failed_write_keeps_the_good_file_that_was_there(tmp_path: Path) -> None:
    good_html, good_xlsx = tmp_path / "out.html", tmp_path / "out.xlsx"
    assert run_cli("export", "--out", str(good_html)).returncode == 0
    assert run_cli("coverage", "--out", str(good_xlsx)).returncode == 0
    before = good_html.read_bytes(), good_xlsx.read_bytes()
    for args in (("export", "--view", "coverage", "--out", str(good_html)), ("coverage", "--out", str(good_xlsx))):
        result = subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True, text=True,
                                cwd=REPO, timeout=300, check=False, preexec_fn=_limit_file_size)  # fmt: skip
        assert result.returncode == 2 and "nothing was changed" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert (good_html.read_bytes(), good_xlsx.read_bytes()) == before
    assert not list(tmp_path.glob(".*.part"))


_PEAK = """
import resource, runpy, sys
sys.argv = ["cli.py", *sys.argv[1:]]
try:
    runpy.run_path("cli.py", run_name="__main__")
except SystemExit as done:
    print("exit", done.code)
print("peak_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_a_million_row_spreadsheet_costs_little_memory(tmp_path: Path) -> None:
    """Refused from the zip's directory: the CLI's peak memory stays that of checking a small file."""
    path = tmp_path / "million_rows.xlsx"
    path.write_bytes(big_corpus()["million_rows.xlsx"].data)
    small = tmp_path / "ok.csv"
    small.write_bytes(CORPUS["ok_bom.csv"].data)
    peaks = {}
    for name in (path, small):
        result = subprocess.run([sys.executable, "-c", _PEAK, "import", str(name)], capture_output=True, text=True,
                                cwd=REPO, timeout=300, check=False)  # fmt: skip
        peaks[name.name] = int(result.stdout.split("peak_kb")[-1])
        assert "Traceback" not in result.stderr
    assert "unpacks to" in subprocess.run([sys.executable, str(REPO / "cli.py"), "import", str(path), "--lang", "en"],
                                          capture_output=True, text=True, cwd=REPO, check=False).stdout  # fmt: skip
    assert peaks["million_rows.xlsx"] < peaks["ok.csv"] + 100_000, peaks  # within 100 MB of a 1-row list
