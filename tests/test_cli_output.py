"""No command overwrites a file without --force, and none ever writes over its input."""
from __future__ import annotations

from conftest import EXAMPLES
from cli_util import run

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"


def _commands(out):
    return [
        ("render", EXAMPLE, "--to", "html", "-o", out),
        ("facts", EXAMPLE, "-o", out),
        ("extract", EXAMPLE, "-o", out),
        ("check", EXAMPLE, "--format", "json", "-o", out),
        ("new", "--unit", "某单位", "--year", "2027", "-o", out),
    ]


def test_existing_output_is_kept_unless_force(tmp_path):
    out = tmp_path / "mine.txt"
    for args in _commands(out):
        out.write_text("用户自己的内容", encoding="utf-8")
        refused = run(*args)
        assert refused.code == 2, args
        assert "已存在" in refused.err and "--force" in refused.err
        assert out.read_text(encoding="utf-8") == "用户自己的内容"
        forced = run(*args, "--force")
        assert forced.code in (0, 1), (args, forced.err)
        assert out.read_text(encoding="utf-8") != "用户自己的内容"


def test_output_never_replaces_the_input(tmp_path):
    source = tmp_path / "budget.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    for args in (("render", source, "--to", "html", "-o", source, "--force"),
                 ("facts", source, "-o", source, "--force")):
        result = run(*args)
        assert result.code == 2 and "输入文件" in result.err
        assert source.read_bytes() == EXAMPLE.read_bytes()


def test_render_default_target_next_to_the_input(tmp_path):
    source = tmp_path / "budget.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    assert run("render", source, "--to", "html").code == 0
    assert (tmp_path / "budget.html").exists()
    again = run("render", source, "--to", "html")
    assert again.code == 2 and "已存在" in again.err
