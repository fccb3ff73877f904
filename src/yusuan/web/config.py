"""The server's settings: where the store is, who may write, how much an upload may cost."""
from __future__ import annotations

import os
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class WebConfig:
    db: str | None = None  # store URL (None: the store's default, YUSUAN_DB)
    token: str | None = None  # writes need `Authorization: Bearer TOKEN` when set
    max_bytes: int = 30 * MIB  # largest upload
    max_pages: int = 600  # most pages of an uploaded PDF
    timeout: float = 180.0  # longest reading of one upload, seconds
    workers: int = 2  # uploads read at once (others wait their turn)
    read_only: bool = False  # no writes at all (a public mirror)

    @classmethod
    def from_env(cls, **overrides) -> "WebConfig":
        values = {"token": os.environ.get("YUSUAN_TOKEN") or None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
