"""The store's tables (SQLAlchemy Core). Migrations in migrations/versions create and change them.

Money is exact: `Money` is NUMERIC on PostgreSQL and the decimal's text on SQLite (whose NUMERIC
affinity would turn it into a float). Values are Decimal in Python either way."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, Numeric,
                        String, Table, Text, UniqueConstraint)
from sqlalchemy.types import TypeDecorator


class Money(TypeDecorator):
    """An exact decimal: NUMERIC (no fixed scale) on PostgreSQL, canonical text elsewhere."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(64))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        if dialect.name == "postgresql":
            return value
        return format(value, "f")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


metadata = MetaData()

# The original files, content-addressed: the bytes as read, under their SHA-256 (hex).
originals = Table(
    "originals", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("suffix", String(16), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# Key totals kept as columns for listing and sorting (summary keys, docs/facts.md).
TOTALS = ("income_total", "expenditure_total", "fiscal_grant_total", "basic_total", "project_total",
          "personnel_total", "public_total", "three_public_total", "gov_operation_cost")

budgets = Table(
    "budgets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), ForeignKey("originals.sha256"), nullable=False, unique=True),
    Column("file_name", Text, nullable=False),
    Column("unit_name", Text),  # null when the document names no unit (never a version of another)
    Column("unit_code", Text),
    Column("region", Text),
    Column("year", Integer, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("level", String(8), nullable=False),
    # 1 for the first document of a unit, year, kind and level; a later one is kept as version 2, …
    Column("version", Integer, nullable=False),
    Column("layout", String(64), nullable=False),
    Column("layout_assumed", Boolean, nullable=False),
    Column("amount_unit", String(8), nullable=False),
    Column("title", Text),
    *(Column(name, Money) for name in TOTALS),
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("notices", Integer, nullable=False),
    # Written in the same transaction as the rows: an integrity check compares them with the rows.
    Column("facts_count", Integer, nullable=False),
    Column("findings_count", Integer, nullable=False),
    Column("summary_json", Text, nullable=False),  # `yusuan summary --json` of the document
    Column("model_json", Text, nullable=False),  # the Budget model (pydantic JSON)
    Column("yusuan_version", String(32), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("unit_name", "year", "kind", "level", "version", name="uq_budgets_version"),
)
Index("ix_budgets_unit_year", budgets.c.unit_name, budgets.c.year)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("budget_id", Integer, ForeignKey("budgets.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the document (as `yusuan facts` prints it)
    Column("table_id", String(64), nullable=False),
    Column("code", Text),
    Column("item", Text, nullable=False),
    Column("measure", String(64), nullable=False),
    Column("value_yuan", Money),  # exact 元; null for shares, counts and indicator values
    Column("value", Money, nullable=False),  # as printed, in its printed unit
    Column("unit", String(32), nullable=False),
    Column("page", Integer),
    Column("line", Integer),
)
Index("ix_facts_budget", facts.c.budget_id, facts.c.seq)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("budget_id", Integer, ForeignKey("budgets.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("code", String(16), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("table_id", String(64)),
    Column("table_title", Text),
    Column("row_label", Text),
    Column("column_label", Text),
    Column("section", Text),
    Column("page", Integer),
    Column("line", Integer),
    Column("expected", Text),
    Column("actual", Text),
)
Index("ix_findings_budget", findings.c.budget_id, findings.c.seq)
Index("ix_findings_code", findings.c.code)
