"""What the pages show of a budget, taken from the core (figures.summary, render.document, the
check report): key figures with their Chinese names, the document's parts as printed, chart data.

Amounts are shown in 万元 with two decimals, computed from exact 元 with Decimal; chart data are
decimal strings (ECharts reads them), never floats."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..figures.summary import summary
from ..model import Budget, RowLevel

FIGURES = (
    ("income_total", "收入总计"),
    ("expenditure_total", "支出总计"),
    ("fiscal_grant_total", "财政拨款收入"),
    ("basic_total", "基本支出"),
    ("project_total", "项目支出"),
    ("personnel_total", "人员经费"),
    ("public_total", "公用经费"),
    ("three_public_total", "“三公”经费"),
    ("three_public_abroad", "因公出国（境）费"),
    ("three_public_vehicle_purchase", "公务用车购置费"),
    ("three_public_vehicle_operation", "公务用车运行维护费"),
    ("three_public_reception", "公务接待费"),
    ("gov_operation_cost", "机关运行经费"),
)
FIGURE_NAMES = dict(FIGURES)
THREE_PARTS = FIGURES[8:12]
WAN = Decimal(10000)
CENT = Decimal("0.01")


def wan(yuan: str | Decimal | None) -> str | None:
    """'7786400' (元) → '778.64' (万元); None stays None (not printed is not 0)."""
    if yuan is None or yuan == "":
        return None
    return str((Decimal(yuan) / WAN).quantize(CENT, rounding=ROUND_HALF_UP))


def key_figures(figures: dict) -> list[dict]:
    return [{"key": key, "name": name, "wan": wan(figures.get(key))} for key, name in FIGURES]


def _class_names(budget: Budget) -> dict[str, str]:
    names: dict[str, str] = {}
    for table_id in ("expenditure_summary", "general_budget_by_function", "income_expenditure_summary",
                     "basic_by_economic"):
        table = budget.table(table_id)
        for row in table.rows if table else ():
            if row.code and row.code not in names and row.name:
                names[row.code] = row.name
    return names


def charts(budget: Budget, figures: dict) -> dict:
    """Data of the budget page's four charts; a chart without data is left out."""
    names = _class_names(budget)
    out: dict[str, object] = {}
    # Expenditure by function class, with its 款 under each class where the 支出总表 prints them.
    classes = figures.get("expenditure_by_class") or {}
    sections: dict[str, list] = {}
    table = budget.table("expenditure_summary")
    if table is not None and not table.unit_groups():
        for row in table.rows:
            if row.level is RowLevel.SECTION and row.code and row.code[:3] in classes and row.get("total"):
                sections.setdefault(row.code[:3], []).append(
                    {"name": f"{row.code} {row.name}", "value": wan(row.value("total"))})
    tree = []
    for code, yuan in classes.items():
        node = {"name": f"{code} {names.get(code, '')}".strip(), "value": wan(yuan)}
        if sections.get(code):
            node["children"] = sections[code]
        tree.append(node)
    if tree:
        out["by_class"] = tree
    basic, project = wan(figures.get("basic_total")), wan(figures.get("project_total"))
    if basic is not None or project is not None:
        out["basic_project"] = [{"name": "基本支出", "value": basic or "0"},
                                {"name": "项目支出", "value": project or "0"}]
    economic = budget.table("basic_by_economic")
    if economic is not None:
        rows = [r for r in economic.rows if r.level is RowLevel.CLASS and r.code and r.get("total") is not None]
        if rows:
            out["economic"] = [{"name": f"{r.code} {r.name}", "value": wan(r.value("total"))} for r in rows]
    parts = [{"name": name, "value": wan(figures.get(key))} for key, name in THREE_PARTS
             if figures.get(key) is not None]
    if parts:
        out["three_public"] = parts
    return out


def budget_view(budget: Budget, report: dict | None, groups: list | None) -> dict:
    """Everything the budget page shows."""
    from ..render.document import Heading, Para, TableBlock, build_document
    from ..render.html import grid_html
    figures = summary(budget)
    parts = []
    try:
        document = build_document(budget)
    except Exception:  # a document the renderer cannot lay out still has its figures and findings
        document = None
    for part in document.parts if document else ():
        blocks = []
        for block in part.blocks:
            if isinstance(block, TableBlock):
                blocks.append({"kind": "table", "label": block.label, "anchor": block.anchor,
                               "unit_line": block.unit_line, "note": block.empty_note, "html": grid_html(block.grid)})
            elif isinstance(block, Heading):
                blocks.append({"kind": "heading", "level": block.level, "text": block.text})
            elif isinstance(block, Para):
                blocks.append({"kind": "para", "text": block.text})
        parts.append({"title": part.title, "anchor": part.anchor, "blocks": blocks})
    return {
        "title": (budget.title if budget.title and budget.unit.name and budget.unit.name in budget.title
                  else f"{budget.unit.name or '（未读出单位名称）'} {budget.year} 年{budget.level.value}{budget.kind.value}"),
        "unit": budget.unit.name, "year": budget.year, "kind": budget.kind.value, "level": budget.level.value,
        "figures": key_figures(figures), "raw_figures": figures, "charts": charts(budget, figures),
        "parts": parts, "report": report, "groups": groups or [],
        "unread": figures.get("unread") or [],
    }


def finding_boxes(finding: dict) -> tuple[int | None, list]:
    loc = finding.get("location") or {}
    return loc.get("page"), [loc["bbox"]] if loc.get("bbox") else []

