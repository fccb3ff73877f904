"""`make demo` reads as a success: the published Wuhan text's three real defects are shown, the example
renders and its PDF checks clean, and make reports no ignored error."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, WUHAN_TXT


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_demo_reads_as_a_success(tmp_path):
    if not WUHAN_TXT.exists():
        pytest.skip("the published Wuhan text is not available")
    bin_dir = Path(sys.executable).parent
    # -o: never rebuild the virtualenv from here (the test runs inside one).
    result = subprocess.run(["make", "-o", ".venv/.installed", "demo", f"BIN={bin_dir}", f"PUBLISHED={WUHAN_TXT}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Error" not in output and "ignored" not in output
    published = [line for line in output.splitlines() if line.startswith(str(WUHAN_TXT) + ":")]
    assert [line.split(": ")[1].split()[0] for line in published] == ["C001", "V601", "T405"]
    assert "按定义补齐：表2 收入总表" in output
    assert "out/wuhan-gxzx-2026.pdf：错误 0，警告 0，提示 0" in output
