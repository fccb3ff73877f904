"""Issue 16's hostile shapes, each generated here, each refused: exit 2, the limit or reason named in
the message, within 10 s and 1 GB of peak memory (measured: the child's maximum resident set).

Each shape runs through the real command (`yusuan check FILE`, in a child process, through the
worker of cli/worker.py), as a user or a server would run it. Shapes that take seconds to generate
are marked slow.
"""
from __future__ import annotations

import pytest

from fuzz.runner import run_cli
from fuzz.shapes import SHAPES

SECONDS, PEAK_MB = 10.0, 1024


def _assert_refused(run, shape) -> None:
    assert run.code == 2, f"{shape.name}: {run.describe()}"
    assert any(reason in run.err for reason in shape.reason), f"{shape.name}: {run.describe()}"
    assert "Traceback" not in run.err and "内部错误" not in run.err
    assert run.seconds < SECONDS, f"{shape.name}: {run.describe()}"
    assert run.peak_mb < PEAK_MB, f"{shape.name}: {run.describe()}"


@pytest.mark.parametrize("shape", [pytest.param(s, id=s.name, marks=[pytest.mark.slow] if s.heavy else [])
                                   for s in SHAPES])
def test_hostile_shape_is_refused_within_limits(tmp_path, shape):
    path = tmp_path / f"{shape.name}{shape.suffix}"
    shape.make(path)
    _assert_refused(run_cli(["check", path], timeout=SECONDS + 20), shape)


@pytest.mark.parametrize("command", [("summary",), ("extract",), ("facts",), ("render", "--to", "html", "-o", "-")])
def test_every_reading_command_refuses_a_fifo_at_once(tmp_path, command):
    from fuzz.shapes import fifo
    path = tmp_path / "budget.pdf"
    fifo(path)
    run = run_cli([command[0], path, *command[1:]], timeout=SECONDS)
    assert run.code == 2 and "命名管道" in run.err, run.describe()
    assert run.seconds < 5


@pytest.mark.parametrize("value, words", [("NaN", "有限的数"), ("Infinity", "有限的数"), ("1e999999999", "上限 exponent"),
                                          ("1" * 100_000, "上限 digits"), ("-5", "不能为负"), ("abc", "不是金额")])
def test_tolerance_refused_cleanly(value, words):
    from conftest import EXAMPLES
    run = run_cli(["check", EXAMPLES / "wuhan-gxzx-2026.yaml", "--tolerance", value])
    assert run.code == 2 and words in run.err, run.describe()
    assert "Traceback" not in run.err


def test_pdf_over_the_page_limit_is_refused_by_its_page_count(tmp_path):
    import pymupdf
    doc = pymupdf.open()
    for _ in range(40):
        doc.new_page()
    path = tmp_path / "many.pdf"
    doc.save(path)
    run = run_cli(["summary", path, "--limit", "pages=30"])
    assert run.code == 2 and "PDF 页数 40 页，超过上限 30 页" in run.err, run.describe()


def test_time_and_memory_limits_stop_the_worker(tmp_path):
    """Work past its time or memory is stopped from outside (cli/worker.py) with the limit named: a
    text of 800,000 table lines, read with the row and cell limits lifted."""
    from fuzz.shapes import text_many_lines
    path = tmp_path / "long.txt"
    text_many_lines(path)
    lifted = ["--limit", "rows=0", "--limit", "cells=0"]
    slow = run_cli(["check", path, *lifted, "--limit", "seconds=1", "--limit", "memory_mb=0"])
    assert slow.code == 2 and "上限 seconds" in slow.err, slow.describe()
    assert slow.seconds < 5
    big = run_cli(["check", path, *lifted, "--limit", "memory_mb=200"], timeout=60)
    assert big.code == 2 and "上限 memory_mb" in big.err, big.describe()
    assert big.peak_mb < 400


@pytest.mark.parametrize("setting, words", [("pages", "名称=数值"), ("pages=x", "不是非负整数"), ("nosuch=3", "名称=数值")])
def test_bad_limit_settings_are_usage_errors(setting, words):
    run = run_cli(["summary", "x.pdf", "--limit", setting])
    assert run.code == 2 and words in run.err, run.describe()


@pytest.mark.parametrize("maker", ["yaml_exponent_small", "yaml_digits", "yaml_year"])
def test_render_and_new_refuse_hostile_numbers(tmp_path, maker):
    """`render --to pdf` of 1.0e-999999 hung in MuPDF for minutes; `new --from` read the same file."""
    from fuzz import shapes
    path = tmp_path / "budget.yaml"
    getattr(shapes, maker)(path)
    for args in (["render", path, "--to", "pdf", "-o", tmp_path / "out.pdf"], ["new", "--from", path, "--year", "2027"]):
        run = run_cli(args)
        assert run.code == 2 and ("上限 exponent" in run.err or "上限 digits" in run.err), run.describe()
        assert run.seconds < SECONDS
    assert not (tmp_path / "out.pdf").exists()


def test_a_project_row_repeated_a_thousand_times_is_checked_in_time(tmp_path):
    """bench/fuzz.py: an HTML page with one project row repeated 948 times took 24 s in `check`
    (leaf_projects compared whole rows pairwise); a few seconds now."""
    from conftest import EXAMPLES
    page = tmp_path / "seed.html"
    assert run_cli(["render", EXAMPLES / "wuhan-gxzx-2026.yaml", "--to", "html", "-o", page]).code == 0
    text = page.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("<tr><td>42010026301Y") and "电子政务" in line)
    path = tmp_path / "repeated.html"
    path.write_text(text.replace(row, "\n".join([row] * 1000), 1), encoding="utf-8")
    run = run_cli(["check", path], timeout=60)
    assert run.code in (0, 1), run.describe()
    assert run.seconds < SECONDS, run.describe()
