"""The files a page offers: the check report (HTML, JSON), the facts (CSV as `yusuan facts`, XLSX),
the document rendered from what was read (PDF, as `yusuan render --to pdf`)."""
from __future__ import annotations

import csv
import io

from ..figures.facts import FACT_COLUMNS, budget_facts
from ..model import Budget

FORMATS = {
    "report.html": "text/html; charset=utf-8",
    "report.json": "application/json",
    "facts.csv": "text/csv; charset=utf-8",
    "facts.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "document.pdf": "application/pdf",
}
LABELS = {"report.html": "检查报告（HTML）", "report.json": "检查报告（JSON）", "facts.csv": "数据（CSV）",
          "facts.xlsx": "数据（XLSX）", "document.pdf": "重排文档（PDF）"}


def facts_csv(budget: Budget) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(fact.as_dict() for fact in budget_facts(budget))
    return buffer.getvalue().encode("utf-8")


def facts_xlsx(budget: Budget) -> bytes:
    """One sheet, the columns of the CSV; value_yuan and value are written as text (exact decimals)."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet.append(list(FACT_COLUMNS))
    for fact in budget_facts(budget):
        row = fact.as_dict()
        sheet.append([row[c] for c in FACT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_pdf(budget: Budget) -> bytes:
    from ..render.pdf import render
    return render(budget)
