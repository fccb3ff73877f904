"""Usage errors are reported in Chinese with exit code 2, in a real process."""
from __future__ import annotations

import subprocess
import sys

import pytest

from yusuan.cli.usage_zh import reword


def _run(*args):
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True)


@pytest.mark.parametrize("args, words", [
    (("summary",), "缺少参数 file"),
    (("summary", "--bogus", "x"), "没有选项 --bogus"),
    (("nope",), "没有命令 nope"),
])
def test_usage_errors_are_chinese(args, words):
    proc = _run(*args)
    assert proc.returncode == 2
    assert words in proc.stderr and "--help" in proc.stderr
    assert "Traceback" not in proc.stderr and "Usage:" not in proc.stderr


def test_reword_choices_and_extras():
    assert reword("Invalid value for '--fail-on': Value error, 'foo' is not one of 'error', 'warning', 'notice'.") == \
        "--fail-on 的值无效：“foo”不是可选值（error、warning、notice）"
    assert reword("Got unexpected extra argument (b)") == "多余的参数：b"
    assert reword("Something new.") == "Something new"


def test_help_still_works():
    proc = _run("--help")
    assert proc.returncode == 0 and "yusuan（预算）" in proc.stdout
