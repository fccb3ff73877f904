"""Messages name file and line plainly: Rich must not turn ':100:' into an emoji."""
from __future__ import annotations

from cli_util import run
from conftest import EXAMPLES


def test_line_100_is_printed_as_a_number_not_an_emoji(tmp_path):
    lines = (EXAMPLES / "wuhan-gxzx-2026.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[99].strip() == '- {code: "204", name: 公共安全支出}'
    lines[99] = lines[99].replace("公共安全支出}", "公共安全支出, amount: 5.00}")
    bad = tmp_path / "filled.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", bad)
    assert result.code == 1
    assert "filled.yaml:100: X203 error" in result.out
    assert "💯" not in result.out
