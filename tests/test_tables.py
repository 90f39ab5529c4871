"""Tables written for spreadsheets do not run formulas."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from geo.tables import neutralise, write_tables


def test_neutralise() -> None:
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+1") == "'+1" and neutralise("-1") == "'-1" and neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("石家庄") == "石家庄" and neutralise(-5) == -5


def test_written_files_hold_no_formulas(tmp_path: Path) -> None:
    frame = pd.DataFrame({"name": ["=1+1", "ok"], "value": [-5, 3]})
    write_tables({"t": frame}, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -5
    write_tables({"t": frame}, tmp_path / "t.csv")
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == "'=1+1,-5"
    assert pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")["value"].tolist() == [-5, 3]
