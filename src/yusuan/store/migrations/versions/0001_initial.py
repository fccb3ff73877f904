"""The first schema: originals, budgets (model JSON, key totals, counts), facts, findings.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

from yusuan.store.schema import Money

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TOTALS = ("income_total", "expenditure_total", "fiscal_grant_total", "basic_total", "project_total",
          "personnel_total", "public_total", "three_public_total", "gov_operation_cost")


def upgrade() -> None:
    op.create_table(
        "originals",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("suffix", sa.String(16), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "budgets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("originals.sha256"), nullable=False, unique=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("unit_name", sa.Text),
        sa.Column("unit_code", sa.Text),
        sa.Column("region", sa.Text),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("layout", sa.String(64), nullable=False),
        sa.Column("layout_assumed", sa.Boolean, nullable=False),
        sa.Column("amount_unit", sa.String(8), nullable=False),
        sa.Column("title", sa.Text),
        *(sa.Column(name, Money) for name in TOTALS),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("notices", sa.Integer, nullable=False),
        sa.Column("facts_count", sa.Integer, nullable=False),
        sa.Column("findings_count", sa.Integer, nullable=False),
        sa.Column("summary_json", sa.Text, nullable=False),
        sa.Column("model_json", sa.Text, nullable=False),
        sa.Column("yusuan_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("unit_name", "year", "kind", "level", "version", name="uq_budgets_version"),
    )
    op.create_index("ix_budgets_unit_year", "budgets", ["unit_name", "year"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("budget_id", sa.Integer, sa.ForeignKey("budgets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("table_id", sa.String(64), nullable=False),
        sa.Column("code", sa.Text),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("value_yuan", Money),
        sa.Column("value", Money, nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
    )
    op.create_index("ix_facts_budget", "facts", ["budget_id", "seq"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("budget_id", sa.Integer, sa.ForeignKey("budgets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("table_id", sa.String(64)),
        sa.Column("table_title", sa.Text),
        sa.Column("row_label", sa.Text),
        sa.Column("column_label", sa.Text),
        sa.Column("section", sa.Text),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
        sa.Column("expected", sa.Text),
        sa.Column("actual", sa.Text),
    )
    op.create_index("ix_findings_budget", "findings", ["budget_id", "seq"])
    op.create_index("ix_findings_code", "findings", ["code"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("facts")
    op.drop_table("budgets")
    op.drop_table("originals")
