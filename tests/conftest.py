"""Shared fixtures: the sample documents live outside the repo, in ../shared/samples."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
EXAMPLES = ROOT / "examples"
WUHAN_TXT = SAMPLES / "wuhan-gxzx-2026-unit-budget.txt"


def sample(name: str) -> Path:
    """Path of a sample document; skips the test cleanly when ../shared/samples is absent."""
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not available (../shared/samples absent)")
    return path


@pytest.fixture
def wuhan_txt() -> Path:
    return sample("wuhan-gxzx-2026-unit-budget.txt")
