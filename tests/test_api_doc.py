"""docs/api.md: its python examples run, in order, from the repository's root."""
from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_api_doc_examples_run():
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 2
    cwd = os.getcwd()
    out = io.StringIO()
    try:
        os.chdir(ROOT)
        scope: dict = {}
        with contextlib.redirect_stdout(out):
            for block in blocks:
                exec(compile(block, "docs/api.md", "exec"), scope)
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    assert "武汉市工业信息化中心 2026 预算" in printed
    assert "1 ['C002']" in printed
    assert "stored 1" in printed and "武汉市工业信息化中心 7786400" in printed


def test_yusuan_check_stays_the_function_when_the_rules_package_is_imported():
    import yusuan
    import yusuan.check.catalog
    from yusuan.check import check as run_rules  # the rules' own entry point, from the subpackage

    assert callable(run_rules) and len(yusuan.check.catalog.CATALOG) > 50
    example = ROOT / "examples" / "wuhan-gxzx-2026.yaml"
    assert [f.code for f in yusuan.check(example).findings] == ["C002"]
    assert [f.code for f in yusuan.check(example).findings] == ["C002"]
