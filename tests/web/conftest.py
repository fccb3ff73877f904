"""Fixtures of the web tests: an app over a fresh store, documents made from the example YAML."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "wuhan-gxzx-2026.yaml"

warnings.filterwarnings("ignore", message=".*httpx2.*")


def make_app(tmp_path: Path, **config):
    from yusuan.web import WebConfig, create_app
    config.setdefault("db", f"sqlite:///{tmp_path / 'web.sqlite'}")
    return create_app(WebConfig(**config))


@pytest.fixture
def client_for(tmp_path):
    """client_for(**config) → a TestClient of an app with those settings over a fresh store."""
    from fastapi.testclient import TestClient
    made = []

    def make(**config):
        client = TestClient(make_app(tmp_path, **config))
        made.append(client)
        return client
    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(client_for):
    return client_for()


def example_yaml(unit: str | None = None, year: int | None = None) -> bytes:
    """The example budget as YAML, with another unit name or year when given."""
    text = EXAMPLE.read_text(encoding="utf-8")
    if unit is not None:
        text = text.replace("unit: {name: 武汉市工业信息化中心}", f"unit: {{name: {json.dumps(unit, ensure_ascii=False)}}}")
    if year is not None:
        text = text.replace("year: 2026", f"year: {year}")
    return text.encode("utf-8")


@pytest.fixture(scope="session")
def example_pdf() -> bytes:
    """The example budget rendered to PDF (`yusuan render --to pdf`): a real PDF of several pages."""
    from yusuan.api import load_budget
    from yusuan.render.pdf import render
    budget, _ = load_budget(EXAMPLE)
    return render(budget)


def csrf_of(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return client.cookies.get("yusuan_csrf")
