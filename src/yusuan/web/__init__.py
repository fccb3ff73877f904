"""`yusuan serve`: the web application — upload and check, browse the store, a budget's page,
compare, downloads and a JSON API — a thin layer over the same core as the CLI (no logic of its own)."""
from __future__ import annotations

from .app import create_app
from .config import WebConfig

__all__ = ["create_app", "WebConfig"]
