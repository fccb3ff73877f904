"""Budget → the budget a renderer prints: the text that the figures determine, filled in.

A budget written by its preparer (YAML) holds figures, prior-year figures and reasons but no
prose. What the figures alone determine is written here, so the printed text agrees with the
tables by construction:
- Part 3 (情况说明), by `generate_narrative`;
- in a project's performance form, the 项目前两年预算 sentence from its `budget_history`, and a
  cost line's 测算依据 from its `basis_amounts` when the preparer gave amounts but no sentence.
A budget read from a published document keeps what it printed: rewriting its text would hide
what the checker should report. Nothing else is invented (reasons stay the preparer's).
"""
from __future__ import annotations

from ..model import Amount, Budget, CostItem, DocumentKind, ProjectPerformance
from ..reference.layouts import Layout
from .final import generate_final_narrative
from .generate import generate_narrative


def prepare(budget: Budget, layout: str | Layout | None = None) -> Budget:
    """The budget with its generated texts filled for `layout` (default: the budget's own layout)."""
    update: dict[str, object] = {}
    if not budget.narrative and budget.tables:
        target = layout.id if isinstance(layout, Layout) else (layout or budget.layout)
        # Sections and their topics belong to the layout the document is printed in.
        if budget.kind is DocumentKind.FINAL_ACCOUNTS:
            update["narrative"] = generate_final_narrative(budget)  # a 决算's 说明 (narrative/final.py)
        else:
            update["narrative"] = generate_narrative(budget.model_copy(update={"layout": target}))
    projects = tuple(_project_texts(p) for p in budget.project_performance)
    if projects != budget.project_performance:
        update["project_performance"] = projects
    return budget.model_copy(update=update) if update else budget


def amount_text(amount: Amount) -> str:
    """'138 万元': as printed, or exact when the value has more digits than the printed places."""
    shown = amount.display()
    exact = format(amount.printed.normalize(), "f")
    return f"{shown if amount.printed == type(amount.printed)(shown) else exact} {amount.unit.value}"


def _project_texts(project: ProjectPerformance) -> ProjectPerformance:
    update: dict[str, object] = {}
    if project.budget_history and not project.budget_history_text:
        update["budget_history_text"] = "，".join(
            f"{year} 年预算 {amount_text(amount)}" for year, amount in project.budget_history) + "。"
    costs = tuple(_cost_basis(c) for c in project.costs)
    if costs != project.costs:
        update["costs"] = costs
    return project.model_copy(update=update) if update else project


def _cost_basis(cost: CostItem) -> CostItem:
    if not cost.basis_amounts or cost.basis:
        return cost
    return cost.model_copy(update={"basis": "、".join(amount_text(a) for a in cost.basis_amounts)})
