"""The store: open (migrating to the current schema), write a Record in one transaction, read back."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from typing import Sequence

from ..model import Budget, Finding
from .record import Record, make_record
from .schema import TOTALS, budgets, facts, findings, originals

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Test hook: seconds to wait between a document's facts and its findings, inside its transaction.
_TEST_WRITE_DELAY = os.environ.get("YUSUAN_TEST_WRITE_DELAY")


class StoreError(Exception):
    """A store that cannot be opened or used; the message is Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def default_db_path() -> Path:
    """$XDG_DATA_HOME/yusuan/yusuan.sqlite (~/.local/share/yusuan/yusuan.sqlite)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "yusuan" / "yusuan.sqlite"


def resolve_url(db: str | os.PathLike | None = None) -> str:
    """--db, else $YUSUAN_DB, else the default SQLite file. A plain path is a SQLite file;
    postgresql:// (or postgres://) URLs use the psycopg driver."""
    text = str(db) if db is not None else os.environ.get("YUSUAN_DB") or str(default_db_path())
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for prefix in ("postgres://", "postgresql://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    return text


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (Alembic); nothing to do when already there."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass(frozen=True)
class IngestResult:
    """One file's outcome: status is stored, duplicate or unreadable."""

    path: str
    sha256: str | None
    status: str
    budget_id: int | None = None
    message: str = ""

    def as_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "status": self.status,
                "budget_id": self.budget_id, "message": self.message}


class Store:
    """A database of budgets. Use `open_store(url)`; close() (or `with`) when done."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing

    def add(self, budget: Budget, findings: Sequence[Finding], original: str | Path | bytes,
            name: str | None = None) -> IngestResult:
        """Store an already read and checked budget with its original file (a path, or the bytes and a
        name). Reading and checking a file first: yusuan.ingest.ingest_file / ingest_paths."""
        if isinstance(original, (bytes, bytearray)):
            data, path = bytes(original), name or budget.source_file or "document"
        else:
            data, path = Path(original).read_bytes(), name or str(original)
        return self.add_record(make_record(path, data, budget, findings))

    def find_sha(self, sha256: str) -> int | None:
        """The id of the budget stored from a file with these bytes, or None."""
        with self.engine.connect() as connection:
            return connection.execute(select(budgets.c.id).where(budgets.c.sha256 == sha256)).scalar()

    def add_record(self, record: Record) -> IngestResult:
        """Write one document in one transaction: original, budget row (next version of its unit, year,
        kind and level), facts, findings. The same bytes again → duplicate, nothing written."""
        existing = self.find_sha(record.sha256)
        if existing is not None:
            return IngestResult(record.path, record.sha256, "duplicate", existing, "已入库（内容相同的文件）")
        for _attempt in range(5):
            try:
                budget_id, version = self._write(record)
            except IntegrityError:
                # Another writer stored the same bytes, or took this version number, meanwhile.
                existing = self.find_sha(record.sha256)
                if existing is not None:
                    return IngestResult(record.path, record.sha256, "duplicate", existing, "已入库（内容相同的文件）")
                continue
            message = "已入库" if version == 1 else f"已入库（同一单位、年度、类型的第 {version} 个版本）"
            return IngestResult(record.path, record.sha256, "stored", budget_id, message)
        raise StoreError(f"{record.path}：写入数据库失败（版本号冲突）")

    def _write(self, record: Record) -> tuple[int, int]:
        meta = record.meta
        with self.engine.begin() as connection:
            if connection.execute(select(originals.c.sha256).where(originals.c.sha256 == record.sha256)).first() is None:
                connection.execute(originals.insert().values(
                    sha256=record.sha256, size=len(record.original),
                    suffix=Path(record.path).suffix.lower()[:16], content=record.original))
            unit_name = (meta.get("unit_name") or "").strip() or None
            version = 1
            if unit_name is not None:  # a document naming no unit is no version of another
                version += connection.execute(
                    select(func.max(budgets.c.version)).where(
                        budgets.c.unit_name == unit_name, budgets.c.year == meta["year"],
                        budgets.c.kind == meta["kind"], budgets.c.level == meta["level"])).scalar() or 0
            values = {
                "sha256": record.sha256, "file_name": Path(record.path).name, **meta, "unit_name": unit_name,
                "version": version,
                **{k: (None if record.totals.get(k) is None else Decimal(record.totals[k])) for k in TOTALS},
                **record.counts, "facts_count": len(record.facts), "findings_count": len(record.findings),
                "summary_json": record.summary_json, "model_json": record.model_json,
                "yusuan_version": _version(), "ingested_at": datetime.now(timezone.utc),
            }
            budget_id = connection.execute(budgets.insert().values(**values)).inserted_primary_key[0]
            if record.facts:
                connection.execute(facts.insert(), [
                    {"budget_id": budget_id, "seq": i, "table_id": f["table"], "code": f["code"], "item": f["item"],
                     "measure": f["measure"],
                     "value_yuan": None if f["value_yuan"] is None else Decimal(f["value_yuan"]),
                     "value": Decimal(f["value"]), "unit": f["unit"], "page": f["page"], "line": f["line"]}
                    for i, f in enumerate(record.facts)])
            if _TEST_WRITE_DELAY:  # tests kill an ingest here, inside the transaction (tests/store)
                time.sleep(float(_TEST_WRITE_DELAY))
            if record.findings:
                connection.execute(findings.insert(), [
                    {"budget_id": budget_id, "seq": i, **f} for i, f in enumerate(record.findings)])
        return budget_id, version

    # ---- reading

    def get_budget(self, budget_id: int) -> Budget:
        """The stored model, rebuilt. KeyError when there is no such id."""
        with self.engine.connect() as connection:
            text = connection.execute(select(budgets.c.model_json).where(budgets.c.id == int(budget_id))).scalar()
        if text is None:
            raise KeyError(budget_id)
        return Budget.model_validate_json(text)

    def get_original(self, budget_id: int) -> tuple[str, bytes]:
        """(file name, bytes) of the original file a budget was read from."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(budgets.c.file_name, originals.c.content)
                .join(originals, originals.c.sha256 == budgets.c.sha256)
                .where(budgets.c.id == int(budget_id))).first()
        if row is None:
            raise KeyError(budget_id)
        return row.file_name, bytes(row.content)

    def summary(self, budget_id: int) -> dict:
        """`yusuan summary --json` of a stored budget."""
        with self.engine.connect() as connection:
            text = connection.execute(select(budgets.c.summary_json).where(budgets.c.id == int(budget_id))).scalar()
        if text is None:
            raise KeyError(budget_id)
        return json.loads(text)

    def list(self, *, unit: str | None = None, year: int | None = None, kind: str | None = None,
             region: str | None = None, latest: bool = False) -> list[dict]:
        """Stored budgets (no model, no summary): id, file_name, unit_name, unit_code, region, year, kind,
        level, version, layout, key totals (Decimal or None), errors, warnings, notices, ingested_at.
        `latest`: only the highest version of each unit, year, kind and level."""
        columns = [c for c in budgets.c if c.name not in ("model_json", "summary_json")]
        query = select(*columns).order_by(budgets.c.id)
        if unit is not None:
            query = query.where(budgets.c.unit_name == unit)
        if year is not None:
            query = query.where(budgets.c.year == int(year))
        if kind is not None:
            query = query.where(budgets.c.kind == kind)
        if region is not None:
            query = query.where(budgets.c.region == region)
        with self.engine.connect() as connection:
            rows = [dict(row._mapping) for row in connection.execute(query)]
        if latest:
            best: dict[tuple, dict] = {}
            for row in sorted(rows, key=lambda r: r["version"]):
                key = (row["unit_name"], row["year"], row["kind"], row["level"]) if row["unit_name"] else row["id"]
                best[key] = row
            rows = list(best.values())
        return rows

    def series(self, unit: str, kind: str | None = "预算") -> list[dict]:
        """A unit's stored budgets over the years, one per year (its latest version), oldest first."""
        return sorted(self.list(unit=unit, kind=kind, latest=True), key=lambda r: (r["year"], r["level"]))

    def findings(self, budget_id: int) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(
                select(findings).where(findings.c.budget_id == int(budget_id)).order_by(findings.c.seq))]

    def facts(self, budget_ids: list[int] | None = None, batch: int = 50) -> Iterator[dict]:
        """Every stored value, one dict each, in budget id then document order: budget_id, unit, region,
        year, kind, level, version, table, code, item, measure, value_yuan (Decimal or None), value,
        unit_printed, page, line."""
        if budget_ids is None:
            with self.engine.connect() as connection:
                budget_ids = list(connection.execute(select(budgets.c.id).order_by(budgets.c.id)).scalars())
        head = [budgets.c.id.label("budget_id"), budgets.c.unit_name.label("unit"), budgets.c.region,
                budgets.c.year, budgets.c.kind, budgets.c.level, budgets.c.version]
        body = [facts.c.table_id.label("table"), facts.c.code, facts.c.item, facts.c.measure, facts.c.value_yuan,
                facts.c.value, facts.c.unit.label("unit_printed"), facts.c.page, facts.c.line]
        for start in range(0, len(budget_ids), batch):
            chunk = budget_ids[start:start + batch]
            query = (select(*head, *body).join(budgets, budgets.c.id == facts.c.budget_id)
                     .where(facts.c.budget_id.in_(chunk)).order_by(facts.c.budget_id, facts.c.seq))
            with self.engine.connect() as connection:
                for row in connection.execute(query):
                    yield dict(row._mapping)

    def integrity(self) -> list[str]:
        """Problems found (empty when sound): every budget has its original, its facts and findings rows
        as counted when written, and a model that parses."""
        problems = []
        with self.engine.connect() as connection:
            fact_counts = dict(connection.execute(
                select(facts.c.budget_id, func.count()).group_by(facts.c.budget_id)).all())
            finding_counts = dict(connection.execute(
                select(findings.c.budget_id, func.count()).group_by(findings.c.budget_id)).all())
            known = set(connection.execute(select(originals.c.sha256)).scalars())
            rows = connection.execute(select(budgets.c.id, budgets.c.sha256, budgets.c.facts_count,
                                             budgets.c.findings_count, budgets.c.model_json)).all()
        for row in rows:
            if row.sha256 not in known:
                problems.append(f"budget {row.id}: original {row.sha256} missing")
            if fact_counts.get(row.id, 0) != row.facts_count:
                problems.append(f"budget {row.id}: {fact_counts.get(row.id, 0)} facts, {row.facts_count} written")
            if finding_counts.get(row.id, 0) != row.findings_count:
                problems.append(f"budget {row.id}: findings {finding_counts.get(row.id, 0)} != {row.findings_count}")
            try:
                json.loads(row.model_json)
            except ValueError:
                problems.append(f"budget {row.id}: model JSON unreadable")
        ids = {row.id for row in rows}
        for orphan in (set(fact_counts) | set(finding_counts)) - ids:
            problems.append(f"rows of a budget {orphan} that is not stored")
        return problems

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(budgets)).scalar() or 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("yusuan")
    except PackageNotFoundError:
        return "unknown"


def open_store(db: str | os.PathLike | None = None, *, migrate: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at `db`: a SQLite path or URL, a PostgreSQL URL,
    else $YUSUAN_DB, else default_db_path(). Raises StoreError with a Chinese message."""
    url = resolve_url(db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        folder = Path(url[len("sqlite:///"):]).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建数据库目录 {folder}（{exc.strerror or exc}）") from None
    try:
        engine = create_engine(url, future=True)
    except Exception as exc:  # a malformed URL or a driver that is not installed
        raise StoreError(f"无法识别的数据库地址“{db}”（{type(exc).__name__}：{exc}）") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            _migrate(engine)
        except Exception as exc:
            engine.dispose()
            raise StoreError(f"无法打开数据库 {engine.url.render_as_string(hide_password=True)}"
                             f"（{type(exc).__name__}：{str(exc).splitlines()[0] if str(exc) else ''}）") from None
    return Store(engine)
