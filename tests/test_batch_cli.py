"""check, summary and facts over files and folders: CSV/JSON rows per file, unreadable files reported
with their reason without stopping the others, a roll-up, a progress bar when stderr is a terminal."""
from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from cli_util import run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wuhan-gxzx-2026.yaml"


@pytest.fixture
def folder(tmp_path) -> Path:
    """a.yaml (the example), sub/b.yaml (the example renamed), broken.pdf, notes.md (not a document)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sub" / "b.yaml").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("武汉市工业信息化中心", "武汉市某某中心"), encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "notes.md").write_text("not a budget", encoding="utf-8")
    return tmp_path


def test_check_csv_one_row_per_file(folder):
    result = run("check", folder, "--format", "csv", "--jobs", "1")
    assert result.code == 2  # a file could not be read; the others are reported
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [Path(r["file"]).name for r in rows] == ["a.yaml", "broken.pdf", "b.yaml"]
    assert rows[0] == {"file": str(folder / "a.yaml"), "unit": "武汉市工业信息化中心", "year": "2026", "kind": "预算",
                       "errors": "1", "warnings": "0", "notices": "0", "status": "findings"}
    assert rows[1]["status"] == "unreadable" and rows[1]["unit"] == ""
    assert rows[2]["unit"] == "武汉市某某中心"
    assert "broken.pdf：PDF 文件已损坏" in result.err
    assert "合计 2 个文件：错误 2，警告 0，提示 0；另有 1 个文件无法读取" in result.err


def test_check_text_rolls_up_and_keeps_going(folder):
    result = run("check", folder / "a.yaml", folder / "broken.pdf", folder / "sub", "--jobs", "2")
    assert result.code == 2
    assert "a.yaml：错误 1" in result.out and "b.yaml：错误 1" in result.out
    assert "合计 2 个文件：错误 2，警告 0，提示 0；另有 1 个文件无法读取" in result.out
    assert "Traceback" not in result.err


def test_single_file_output_is_unchanged():
    result = run("check", EXAMPLE)
    assert result.code == 1 and "合计" not in result.out
    assert json.loads(run("summary", EXAMPLE, "--json").out)["income_total"] == "7786400"


def test_summary_rows_per_file(folder):
    result = run("summary", folder, "--format", "json", "--jobs", "1")
    assert result.code == 2
    rows = json.loads(result.out)
    assert [(Path(r["file"]).name, r["status"]) for r in rows] == [("a.yaml", "ok"), ("broken.pdf", "unreadable"),
                                                                  ("b.yaml", "ok")]
    assert rows[0]["income_total"] == "7786400" and rows[0]["three_public_total"] == "30000"
    assert rows[0]["class_215"] == "5959900" and "损坏" in rows[1]["message"]
    table = list(csv.DictReader(io.StringIO(run("summary", folder, "--format", "csv", "--jobs", "1").out)))
    assert table[2]["unit_name"] == "武汉市某某中心" and table[2]["expenditure_total"] == "7786400"
    assert "合计 3 个文件：已读取 2，无法读取 1" in result.err


def test_facts_of_a_folder_name_the_file(folder):
    result = run("facts", folder, "--jobs", "1")
    assert result.code == 2
    rows = list(csv.DictReader(io.StringIO(result.out)))
    single = list(csv.DictReader(io.StringIO(run("facts", folder / "a.yaml").out)))
    assert [dict(r, file=None) for r in rows if r["file"].endswith("a.yaml")] == [dict(r, file=None) for r in single]
    assert {Path(r["file"]).name for r in rows} == {"a.yaml", "b.yaml"}


def test_an_empty_folder_is_a_clean_refusal(tmp_path):
    result = run("check", tmp_path)
    assert result.code == 2 and "没有预算文件" in result.err


def test_progress_bar_on_a_terminal_only(folder):
    args = [sys.executable, "-m", "yusuan", "check", str(folder / "a.yaml"), str(folder / "sub"), "--format", "csv",
            "--jobs", "1"]
    piped = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert "━" not in piped.stderr and "检查" not in piped.stderr
    main, secondary = pty.openpty()
    try:
        done = subprocess.run(args, stdout=subprocess.PIPE, stderr=secondary, timeout=120,
                              env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
    text = seen.decode("utf-8", "replace")
    assert done.returncode == 1
    assert "检查" in text and "2/2" in text  # the bar: label, files done of all
    assert done.stdout.decode().count("\n") == 3  # the CSV itself is untouched by the bar
