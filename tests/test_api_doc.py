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
