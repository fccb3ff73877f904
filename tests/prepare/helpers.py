"""The Wuhan example with a few lines changed, as a preparer's mistake would change them."""
from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"

# 表4 line 100: 5.00 万元 of 公共安全支出 that no other table has (errors S107, X203).
WRONG_GRANT = {100: ("公共安全支出}", "公共安全支出, amount: 5.00}")}
# 表6 30231 公务用车运行维护费 3.10 (30299 less by as much) against the “三公” table's 3.00: warning X209 only.
VEHICLE_WARNING = {
    "30231": ("total: 3.00, public: 3.00", "total: 3.10, public: 3.10"),
    "30299": ("total: 27.68, public: 27.68", "total: 27.58, public: 27.58"),
}


def edited(folder: Path, name: str, changes: dict) -> Path:
    """`changes`: line number (1-based) or a code quoted on a line → (old, new) on that line."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for where, (old, new) in changes.items():
        i = where - 1 if isinstance(where, int) else next(
            n for n, line in enumerate(lines) if f'code: "{where}"' in line and old in line)
        assert old in lines[i], (where, lines[i])
        lines[i] = lines[i].replace(old, new)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
