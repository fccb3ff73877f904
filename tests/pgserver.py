"""A throwaway PostgreSQL server for tests and bench/scale.py: Debian's postgresql (initdb + pg_ctl) in a
temporary folder, on a free port of 127.0.0.1. As root the server runs as the `postgres` user (root may
not run it). `PostgresServer.available()` says whether the binaries are installed."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self):
        self.bindir = _bindir()
        self.port = _free_port()
        self.folder: Path | None = None

    @staticmethod
    def available() -> bool:
        if _bindir() is None:
            return False
        if os.geteuid() == 0:
            try:
                import pwd
                pwd.getpwnam("postgres")
            except KeyError:
                return False
        return True

    def _as_owner(self, *args: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def start(self) -> "PostgresServer":
        self.folder = Path(tempfile.mkdtemp(prefix="yusuan-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o700)
        data = self.folder / "data"
        subprocess.run(self._as_owner(str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                      "-E", "UTF8", "--no-sync", "--no-instructions"),
                       check=True, capture_output=True, timeout=120)
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(self._as_owner(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
                                      "-o", options, "-w", "-t", "60", "start"),
                       check=True, capture_output=True, timeout=120)
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'create database "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run(self._as_owner(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                                      "-w", "stop"), capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
