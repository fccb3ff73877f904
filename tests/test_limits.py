"""read/limits.py: the limits stated once — parsed from the environment and --limit, applied to
numbers and files, named in every refusal."""
from __future__ import annotations

import os
import time
from decimal import Decimal

import pytest

from yusuan.read import limits
from yusuan.read.raw import UnreadableError


@pytest.fixture(autouse=True)
def _defaults():
    limits.configure(limits.Limits())
    yield
    limits.configure(None)


def test_environment_and_settings_override_the_defaults():
    env = {"YUSUAN_LIMIT_PAGES": "5000", "YUSUAN_LIMIT_SECONDS": "0"}
    lim = limits.from_env(env)
    assert (lim.pages, lim.seconds, lim.columns) == (5000, 0, limits.Limits().columns)
    lim = limits.with_settings(lim, ["pages=10", "columns＝7"])
    assert (lim.pages, lim.columns) == (10, 7)
    for bad in (["pages"], ["nosuch=1"], ["pages=-1"], ["pages=1e3"]):
        with pytest.raises(ValueError):
            limits.with_settings(lim, bad)
    with pytest.raises(ValueError, match="YUSUAN_LIMIT_CELLS"):
        limits.from_env({"YUSUAN_LIMIT_CELLS": "many"})


def test_refusal_names_the_limit_and_the_value():
    err = limits.over("columns", 100000000, "合并单元格跨", "a.docx")
    assert err.message.startswith("a.docx：合并单元格跨 100000000 列，超过上限 1000 列（上限 columns")
    assert err.limit == "columns" and isinstance(err, UnreadableError)


@pytest.mark.parametrize("text, ok", [("12345678901234567890.1234", True), ("1234567890.123456789012345", False),
                                      ("1" * 21, True), ("1" * 22, False), ("1e20", True), ("1e21", False),
                                      ("1e-20", True), ("1e-21", False), ("778.64", True), ("0.000001", True),
                                      ("-99999999999999.999999", True)])
def test_number_bounds(text, ok):
    assert (limits.number_fits(Decimal(text)) is None) is ok


def test_number_text_too_long_is_refused_before_decimal():
    assert limits.text_fits("9" * 1_000_000)
    assert limits.text_fits("778.64") is None


def test_only_regular_files(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(UnreadableError, match="命名管道"):
        limits.read_regular(fifo)
    assert time.monotonic() - start < 1
    with pytest.raises(UnreadableError, match="设备文件"):
        limits.read_regular(_link(tmp_path / "zero.txt", "/dev/zero"))
    with pytest.raises(UnreadableError, match="目录"):
        limits.read_regular(tmp_path)
    with pytest.raises(UnreadableError, match="指向不存在文件的符号链接"):
        limits.read_regular(_link(tmp_path / "dangling.txt", tmp_path / "nowhere"))
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    limits.configure(limits.Limits(text_mb=2))
    with pytest.raises(limits.LimitError, match="上限 text_mb"):
        limits.read_regular(big, "text_mb")


def _link(path, target):
    path.symlink_to(target)
    return path


def test_xlsx_merge_over_the_whole_sheet_is_clamped_to_its_cells(tmp_path):
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from fuzz.shapes import xlsx_merge_everything
    from yusuan.read import xlsx
    path = tmp_path / "merged.xlsx"
    xlsx_merge_everything(path)
    start = time.monotonic()
    raw = xlsx.read(path)
    assert time.monotonic() - start < 5
    assert [line.texts for line in raw.lines()][:2] == [("表1",), ("收支总表",)]  # the sheet's name heads it
    assert max(len(line.cells) for line in raw.lines()) <= 2


def test_html_rowspan_past_the_table_costs_nothing(tmp_path):
    from yusuan.read import html
    path = tmp_path / "span.html"
    path.write_text('<table><tr><td rowspan="65534">项目</td><td>合计</td><td>100</td></tr>'
                    '<tr><td>一般公共服务支出</td><td>60</td></tr></table>', encoding="utf-8")
    raw = html.read(path)
    assert [line.texts for line in raw.lines()] == [("项目", "合计", "100"), ("", "一般公共服务支出", "60")]


def test_worker_deadline_runs_from_the_last_file_opened(tmp_path, capfd):
    """Each input file opened gives the command `seconds` more (a batch is not one deadline); work
    that opens nothing for longer is stopped with the limit named."""
    from yusuan.cli.worker import run_guarded
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    limits.configure(limits.Limits(seconds=1, memory_mb=0))

    def batch() -> int:
        for _ in range(4):
            limits.regular_file(path)
            time.sleep(0.6)
        return 0

    def stuck() -> int:
        time.sleep(3)
        return 0

    start = time.monotonic()
    assert run_guarded(batch, "check") == 0
    assert run_guarded(stuck, "check") == 2
    assert "上限 seconds" in capfd.readouterr().err
    assert time.monotonic() - start < 6
