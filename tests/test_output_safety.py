"""Output safety (issue 16): `-o -` is standard output; a new file is created exclusively, an existing
one replaced atomically only with --force, never through a symbolic link, never onto the input
(same inode); text from documents is escaped for where it is printed (CSS, terminal)."""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor

from conftest import EXAMPLES
from cli_util import run
from fuzz.runner import run_cli

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"


def test_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    facts = run("facts", EXAMPLE, "--format", "json", "-o", "-")
    assert facts.code == 0 and facts.out.lstrip().startswith("[")
    assert not (tmp_path / "-").exists()
    html = run_cli(["render", EXAMPLE, "--to", "html", "-o", "-"], cwd=tmp_path)
    assert html.code == 0 and html.out.startswith("<!DOCTYPE html>") and html.out.rstrip().endswith("</html>")
    assert not (tmp_path / "-").exists()
    report = run("check", EXAMPLE, "--format", "text", "-o", "-")
    assert report.code in (0, 1) and "错误" in report.out


def test_dangling_symlink_is_never_written_through(tmp_path):
    victim = tmp_path / "elsewhere" / "victim.html"
    victim.parent.mkdir()
    link = tmp_path / "out.html"
    link.symlink_to(victim)
    for extra in ((), ("--force",)):
        result = run("render", EXAMPLE, "--to", "html", "-o", link, *extra)
        assert result.code == 2 and ("符号链接" in result.err or "已存在" in result.err), result.err
        assert not victim.exists()


def test_symlink_to_a_file_is_not_overwritten_even_with_force(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("别人的文件", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    result = run("facts", EXAMPLE, "--format", "json", "-o", link, "--force")
    assert result.code == 2 and "符号链接" in result.err
    assert victim.read_text(encoding="utf-8") == "别人的文件" and link.is_symlink()


def test_hard_link_or_symlink_to_the_input_is_the_input(tmp_path):
    source = tmp_path / "budget.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    hard = tmp_path / "hard.yaml"
    os.link(source, hard)
    soft = tmp_path / "soft.yaml"
    soft.symlink_to(source)
    for target in (hard, soft):
        result = run("facts", source, "-o", target, "--force")
        assert result.code == 2 and ("输入文件" in result.err or "符号链接" in result.err), result.err
    assert source.read_bytes() == EXAMPLE.read_bytes()


def test_force_replaces_atomically_and_leaves_other_links_alone(tmp_path):
    out = tmp_path / "facts.csv"
    out.write_text("旧内容", encoding="utf-8")
    other = tmp_path / "other-link.csv"
    os.link(out, other)
    before = out.stat().st_ino
    result = run("facts", EXAMPLE, "-o", out, "--force")
    assert result.code == 0
    assert out.stat().st_ino != before  # a new file took the name: never half-written in place
    assert out.read_text(encoding="utf-8").startswith("table,")
    assert other.read_text(encoding="utf-8") == "旧内容"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_eight_concurrent_renders_to_one_new_path_one_wins(tmp_path):
    target = tmp_path / "same.html"
    with ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(lambda _: run_cli(["render", EXAMPLE, "--to", "html", "-o", target], timeout=120), range(8)))
    codes = sorted(r.code for r in runs)
    assert codes == [0] + [2] * 7, [r.describe() for r in runs]
    assert all("已存在" in r.err for r in runs if r.code == 2)
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_running_head_cannot_break_out_of_the_css_string(tmp_path):
    """The unit's name is printed in the running head, a CSS string inside <style>: a quote, a line
    break, a backslash or </style> in it stays inside the string."""
    from yusuan.render.html import css_string
    escaped = str(css_string('某单位"}\n</style><script>alert(1)</script>\\'))
    assert not set('"\n<>') & set(escaped)
    assert all(part[:1] in "0123456789abcdef" for part in escaped.split("\\")[1:])  # each backslash opens an escape
    source = tmp_path / "budget.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    source.write_text(text.replace("unit: {name: 武汉市工业信息化中心}",
                                   'unit: {name: "武汉市\\"}\\n</style><x>工业信息化中心\\\\"}', 1), encoding="utf-8")
    html = run("render", source, "--to", "html", "-o", "-")
    assert html.code == 0, html.err
    style = html.out.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<x>" not in style
    head = re.search(r'@top-center \{ content: "((?:[^"\\\n]|\\[0-9a-f]+ )*)";', style)
    assert head and "工业信息化中心" in head.group(1), style[-400:]


def test_terminal_escapes_in_names_are_shown_not_obeyed(tmp_path):
    source = tmp_path / "bad\x1b[2J\x1b]0;owned\x07name.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = run_cli(["check", source])
    assert result.code in (0, 1), result.describe()
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "\\x1b[2J" in result.out
    missing = run_cli(["check", tmp_path / "gone\x1b[31m.yaml"])
    assert missing.code == 2 and "\x1b" not in missing.err and "\\x1b[31m" in missing.err


def test_printable_keeps_text_and_escapes_controls():
    from yusuan.cli.safe_text import printable
    assert printable("一般公共服务支出\t合计\n") == "一般公共服务支出\t合计\n"
    assert printable("a\x1b[31mb\u202ec\x9b") == "a\\x1b[31mb\\u202ec\\x9b"


def test_internal_error_in_check_exits_3(monkeypatch):
    from yusuan.cli import check_cmds

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError
    monkeypatch.setattr(check_cmds, "check_of", broken)  # what `check` runs per file (yusuan/batch.py)
    result = run("check", EXAMPLE)
    assert result.code == 3 and "内部错误" in result.err and "请报告" in result.err


def test_unknown_option_is_answered_in_chinese():
    result = run_cli(["check", "--formt", "json", EXAMPLE])
    assert result.code == 2 and "没有选项 --formt" in result.err and "Possible" not in result.err


def test_symlink_loop_is_named(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.symlink_to(b)
    b.symlink_to(a)
    result = run("summary", a)
    assert result.code == 2 and "符号链接循环" in result.err


def test_unwritable_target_is_explained_in_chinese(tmp_path):
    result = run("facts", EXAMPLE, "-o", tmp_path / "no-such-dir" / "x.csv")
    assert result.code == 2 and "所在目录不存在" in result.err


def test_existing_directory_is_not_replaced(tmp_path):
    target = tmp_path / "folder"
    target.mkdir()
    assert run("facts", EXAMPLE, "-o", target).code == 2
    forced = run("facts", EXAMPLE, "-o", target, "--force")
    assert forced.code == 2 and "不是普通文件" in forced.err and target.is_dir()


def test_summary_shows_escapes_in_the_unit_name(tmp_path):
    source = tmp_path / "budget.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "unit: {name: 武汉市工业信息化中心}", 'unit: {name: "武汉市\\e]0;owned\\a工业信息化中心"}', 1), encoding="utf-8")
    result = run_cli(["summary", source])
    assert result.code == 0, result.describe()
    assert "\x1b" not in result.out and "\x07" not in result.out and "\\x1b]0;owned" in result.out


def test_lone_surrogates_never_crash_an_output(tmp_path):
    """Half a surrogate pair (MuPDF's text for a glyph a damaged font cannot map; a YAML "\\ud84e"
    escape) cannot be encoded: found by bench/fuzz.py as an exit 3 on a mutated sample PDF."""
    from yusuan.read.pdf import _encodable
    words = [(0, 0, 1, 1, "一般\ud84e支出", 0, 0, 0), (1, 0, 2, 1, "合计", 0, 0, 1)]
    assert [w[4] for w in _encodable(words)] == ["一般\ufffd支出", "合计"]
    source = tmp_path / "budget.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "unit: {name: 武汉市工业信息化中心}", 'unit: {name: "武汉市\\ud84e工业信息化中心"}', 1), encoding="utf-8")
    for args in (["check", source], ["summary", source], ["summary", source, "--json"], ["extract", source],
                 ["facts", source, "-o", tmp_path / "facts.csv"], ["check", source, "--format", "html", "-o", "-"]):
        result = run_cli(args)
        assert result.code in (0, 1), (args, result.describe())
