"""Fixtures of the store tests: small distinct documents made from the example YAML."""
from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wuhan-gxzx-2026.yaml"


def variant(folder: Path, n: int, unit: str | None = None) -> Path:
    """A copy of the example with different bytes (a comment); `unit` renames the unit."""
    text = EXAMPLE.read_text(encoding="utf-8")
    if unit is not None:
        text = text.replace("武汉市工业信息化中心", unit)
    path = folder / f"doc-{n:03d}.yaml"
    path.write_text(text + f"\n# copy {n}\n", encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "store.sqlite")
