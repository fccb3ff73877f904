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


def test_help_screens_are_in_chinese():
    top = _run("--help")
    first = top.stdout.splitlines()[0]
    assert first.startswith("用法：") and first.endswith("yusuan [选项] 命令 [参数]...")
    assert "选项：" in top.stdout and "命令：" in top.stdout and "显示本帮助并退出。" in top.stdout
    check = _run("check", "--help")
    assert "参数：" in check.stdout and "[必填]" in check.stdout and "[默认：error]" in check.stdout
    for english in ("Usage:", "Options:", "Arguments:", "[default:", "[required]", "Show this message"):
        assert english not in top.stdout + check.stdout


def test_a_wrapped_default_note_is_reworded_whole():
    from yusuan.cli.help_zh import reword_help

    text = "Usage: yusuan check [OPTIONS] FILES...\n\nOptions:\n  --format <text>  输出格式  [default:\n                   text]\n"
    assert reword_help(text) == "用法：yusuan check [选项] FILES...\n\n选项：\n  --format <text>  输出格式  [默认：text]\n"
