"""Two documents side by side: key figures, function classes, economic classes, “三公” parts, projects.

`compare(a, b)` takes two Budgets — the same unit in two years, two units in one year, or a unit's
预算 and 决算 of one year — and lines up what both print. A figure one side does not print is None
(never 0); change and percent are given only where both sides print the figure. Amounts are exact
元 (Decimal); a percentage is rounded to two places (half up).

Budget against final (A a 预算, B the 决算 of the same year): every line also carries 执行率
(决算数 / 预算数 × 100). When B is the year after A for the same unit, B's stated prior-year figures
are checked against A's (rule Y802); a 决算's stated 年初预算数 against the budget (Y803).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..check.cross import check_against
from ..check.report import finding_dict
from ..check.rules.common import norm_name
from ..check.settings import CheckSettings
from ..figures.summary import expenditure_by_class, summary, yuan_text
from ..model import Budget, DocumentKind, Finding, Row, RowLevel, Table

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Key figures, in the order shown, with their Chinese labels (the summary's keys).
FIGURE_LABELS = {
    "income_total": "收入总计", "expenditure_total": "支出总计", "fiscal_grant_total": "财政拨款收支总计",
    "basic_total": "基本支出", "project_total": "项目支出", "personnel_total": "人员经费",
    "public_total": "公用经费", "three_public_total": "“三公”经费合计", "gov_operation_cost": "机关运行经费",
}
# The 决算's own figures (summary keys of a 决算), compared where both sides print them.
FINAL_FIGURE_LABELS = {
    "income_current_total": "本年收入合计", "expenditure_current_total": "本年支出合计",
    "year_begin_balance": "年初结转和结余", "year_end_balance": "年末结转和结余",
}
THREE_PUBLIC_LABELS = {
    "three_public_total": "“三公”经费合计", "three_public_abroad": "因公出国（境）费",
    "three_public_vehicle": "公务用车购置及运行维护费", "three_public_vehicle_purchase": "其中：公务用车购置费",
    "three_public_vehicle_operation": "其中：公务用车运行维护费", "three_public_reception": "公务接待费",
}
LEVEL_LABELS = {RowLevel.CLASS: "类", RowLevel.SECTION: "款", RowLevel.ITEM: "项"}

# Tables that print spending by function code, in order of preference: all funds, then the general budget.
FUNCTION_TABLES = ("expenditure_summary", "general_budget_by_function")
ECONOMIC_TABLES = ("basic_by_economic",)


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One compared figure. `key` for a key figure or “三公” part, `code`/`name` for a classified line or
    a project; `level` 类/款/项 for a function or economic line."""

    a: Decimal | None
    b: Decimal | None
    key: str | None = None
    code: str | None = None
    name: str | None = None
    level: str | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def percent(self) -> Decimal | None:
        """Change on A, in % (2 places); None when A is 0 or either side is unknown."""
        change = self.change
        return None if change is None or not self.a else _percent(change, self.a)

    @property
    def rate(self) -> Decimal | None:
        """B as a share of A, in % (2 places): 执行率 of a 决算 on its budget."""
        return None if self.a is None or self.b is None or not self.a else _percent(self.b, self.a)

    def label(self) -> str:
        if self.key is not None:
            return {**FIGURE_LABELS, **FINAL_FIGURE_LABELS, **THREE_PUBLIC_LABELS}.get(self.key, self.key)
        return " ".join(p for p in (self.code, self.name) if p)

    def as_dict(self, with_rate: bool = False) -> dict:
        head = {"key": self.key} if self.key is not None else {"code": self.code, "name": self.name}
        if self.level is not None:
            head["level"] = self.level
        out = {**head, "a": yuan_text(self.a), "b": yuan_text(self.b), "change": yuan_text(self.change),
               "percent": None if self.percent is None else str(self.percent)}
        if with_rate:
            out["rate"] = None if self.rate is None else str(self.rate)
        return out


@dataclass(frozen=True)
class Side:
    unit: str
    year: int
    kind: str
    level: str
    amount_unit: str
    file: str | None = None
    id: str | None = None  # the store's id, when read from the store

    def as_dict(self) -> dict:
        out = {"unit": self.unit, "year": self.year, "kind": self.kind, "level": self.level,
               "amount_unit": self.amount_unit, "file": self.file}
        if self.id is not None:
            out["id"] = self.id
        return out

    @property
    def title(self) -> str:
        return f"{self.unit or '（未读出单位名称）'} {self.year} 年{self.level}{self.kind}"


# What the pair is: the same unit in two years, two units of one year, a budget and its 决算.
MODES = {"years": "同一单位不同年度", "units": "同一年度不同单位", "budget_final": "预算与决算", "other": "两份文件"}


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    mode: str
    figures: tuple[Line, ...]
    by_class: tuple[Line, ...]
    by_economic: tuple[Line, ...]
    three_public: tuple[Line, ...]
    projects: tuple[Line, ...]
    findings: tuple[Finding, ...] = ()
    # Where the lines were read from: {"by_class": table id, "by_economic": table id} (None: neither
    # document prints such a table that both share).
    tables: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # Chinese remarks: a side swapped, a rule not run and why

    @property
    def budget_final(self) -> bool:
        return self.mode == "budget_final"

    def as_dict(self) -> dict:
        rate = self.budget_final
        return {
            "a": self.a.as_dict(), "b": self.b.as_dict(), "mode": self.mode,
            "figures": [x.as_dict(rate) for x in self.figures],
            "by_class": [x.as_dict(rate) for x in self.by_class],
            "by_economic": [x.as_dict(rate) for x in self.by_economic],
            "three_public": [x.as_dict(rate) for x in self.three_public],
            "projects": [x.as_dict(rate) for x in self.projects],
            "findings": [finding_dict(f) for f in self.findings],
            "tables": dict(self.tables),
            "notes": list(self.notes),
        }


def same_unit(a: Budget, b: Budget) -> bool:
    return norm_name(a.unit.name) == norm_name(b.unit.name) or (
        bool(a.unit.code) and a.unit.code == b.unit.code)


def mode_of(a: Budget, b: Budget) -> str:
    if a.kind is DocumentKind.BUDGET and b.kind is DocumentKind.FINAL_ACCOUNTS and a.year == b.year:
        return "budget_final"
    if a.kind is b.kind and same_unit(a, b) and a.year != b.year:
        return "years"
    if a.kind is b.kind and a.year == b.year and not same_unit(a, b):
        return "units"
    return "other"


def _side(budget: Budget, file: str | None, store_id: str | None) -> Side:
    return Side(unit=budget.unit.name, year=budget.year, kind=budget.kind.value, level=budget.level.value,
                amount_unit=budget.amount_unit.value, file=file or budget.source_file, id=store_id)


def _decimal(text) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def _figure_lines(sa: dict, sb: dict, keys: dict) -> tuple[Line, ...]:
    return tuple(Line(a=_decimal(sa.get(k)), b=_decimal(sb.get(k)), key=k) for k in keys
                 if k in sa or k in sb)


def _vehicle_total(budget: Budget, s: dict) -> Decimal | None:
    """公务用车购置及运行维护费: the printed subtotal, else purchase + operation when both are printed."""
    table = budget.table("three_public")
    row = next((r for r in table.rows if r.cells), None) if table is not None else None
    amount = row.get("vehicle_total") if row is not None else None
    if amount is not None:
        return amount.value
    purchase, operation = _decimal(s.get("three_public_vehicle_purchase")), _decimal(s.get("three_public_vehicle_operation"))
    return purchase + operation if purchase is not None and operation is not None else None


def _three_public_lines(a: Budget, b: Budget, sa: dict, sb: dict) -> tuple[Line, ...]:
    out = []
    for key in THREE_PUBLIC_LABELS:
        if key == "three_public_vehicle":
            out.append(Line(a=_vehicle_total(a, sa), b=_vehicle_total(b, sb), key=key))
        else:
            out.append(Line(a=_decimal(sa.get(key)), b=_decimal(sb.get(key)), key=key))
    return tuple(out)


def _coded(table: Table | None, family: str) -> dict[str, tuple[str, RowLevel, Decimal | None]] | None:
    """code → (name, level, amount) of a table's classified lines (codes of `family`: '2' function,
    '3' economic); None when the table is absent, prints the lines per unit, or prints a code twice with
    two amounts (its lines are not one document-wide breakdown)."""
    if table is None or table.unit_groups():
        return None
    out: dict[str, tuple[str, RowLevel, Decimal | None]] = {}
    for row in table.rows:
        if row.level not in LEVEL_LABELS or not row.code or not row.code.startswith(family):
            continue
        value = _amount(row)
        if row.code in out:
            if out[row.code][2] != value:
                return None
            continue
        out[row.code] = (row.name, row.level, value)
    return out or None


def _amount(row: Row) -> Decimal | None:
    """The line's total: its 合计 (total) cell, else its one amount (budget / final); None when blank."""
    for measure in ("total", "budget", "final"):
        amount = row.get(measure)
        if amount is not None:
            return amount.value
    return None


TOTAL_CODE = ""  # the key of a table's 合计 line among its coded lines


def _with_total(table: Table, lines: dict | None) -> dict | None:
    """The coded lines and, first, the table's 合计 line (its total; None when blank)."""
    if lines is None:
        return None
    total = table.total_row()
    if total is None:
        return lines
    return {TOTAL_CODE: ("合计", RowLevel.TOTAL, _amount(total)), **lines}


def _shared_table(a: Budget, b: Budget, candidates: tuple[str, ...], family: str):
    """The first table of `candidates` both documents print with classified lines, and its lines."""
    for table_id in candidates:
        ta, tb = a.table(table_id), b.table(table_id)
        la, lb = _coded(ta, family), _coded(tb, family)
        if la is not None and lb is not None:
            return table_id, _with_total(ta, la), _with_total(tb, lb)
    return None, {}, {}


def _class_names(budget: Budget) -> dict[str, str]:
    return {r.code: r.name for t in budget.tables for r in t.rows if r.code and r.level is RowLevel.CLASS}


def _summary_classes(a: Budget, b: Budget):
    """The function classes of `yusuan summary` (its 支出总表's, else the 收支总表's expenditure lines) when
    no table by function code is shared line by line (a department's tables printed per unit): 类 only."""
    ca, cb = expenditure_by_class(a), expenditure_by_class(b)
    if not ca or not cb:
        return None, {}, {}
    na, nb = _class_names(a), _class_names(b)
    return ("expenditure_by_class",
            {code: (na.get(code, ""), RowLevel.CLASS, value) for code, value in ca.items()},
            {code: (nb.get(code, ""), RowLevel.CLASS, value) for code, value in cb.items()})


def _classified_lines(la: dict, lb: dict) -> tuple[Line, ...]:
    out = []
    for code in sorted(set(la) | set(lb), key=lambda c: (c[:3], c[3:5], len(c), c)):
        name, level, _ = lb.get(code) or la[code]
        out.append(Line(a=la[code][2] if code in la else None, b=lb[code][2] if code in lb else None,
                        code=code or None, name=name, level=LEVEL_LABELS.get(level)))
    return tuple(out)


_PROJECT_LEVELS = (RowLevel.PROJECT, RowLevel.SUBPROJECT)


def _projects(budget: Budget) -> list[Row]:
    table = budget.table("projects")
    if table is None:
        return []
    return [r for r in table.rows if r.level in _PROJECT_LEVELS or (r.level is RowLevel.LINE and r.name)]


def _project_lines(a: Budget, b: Budget) -> tuple[Line, ...]:
    """Projects matched by code, then the rest by name (a project renumbered keeps its name); each
    project of one side only is listed with the other side null."""
    pa, pb = _projects(a), _projects(b)
    used_b: set[int] = set()
    pairs: list[tuple[Row | None, Row | None]] = []
    unmatched_a: list[Row] = []
    by_code: dict[str, list[int]] = {}
    for i, r in enumerate(pb):
        if r.code:
            by_code.setdefault(r.code, []).append(i)
    for r in pa:
        j = next((j for j in by_code.get(r.code or "", ()) if j not in used_b), None) if r.code else None
        if j is None:
            unmatched_a.append(r)
            continue
        used_b.add(j)
        pairs.append((r, pb[j]))
    for r in unmatched_a:
        key = norm_name(r.name)
        j = next((j for j, s in enumerate(pb) if j not in used_b and norm_name(s.name) == key), None)
        if j is not None:
            used_b.add(j)
        pairs.append((r, pb[j] if j is not None else None))
    pairs.extend((None, s) for j, s in enumerate(pb) if j not in used_b)
    out = []
    for ra, rb in pairs:
        named = rb or ra
        out.append(Line(a=_amount(ra) if ra is not None else None, b=_amount(rb) if rb is not None else None,
                        code=(rb.code if rb is not None and rb.code else (ra.code if ra is not None else None)),
                        name=named.name))
    return tuple(out)


def compare(a: Budget, b: Budget, *, a_file: str | None = None, b_file: str | None = None,
            a_id: str | None = None, b_id: str | None = None,
            settings: CheckSettings | None = None) -> Comparison:
    """A against B. A 决算 given first with the 预算 of its year second is turned round (the budget is A)."""
    notes: list[str] = []
    if a.kind is DocumentKind.FINAL_ACCOUNTS and b.kind is DocumentKind.BUDGET and a.year == b.year:
        a, b, a_file, b_file, a_id, b_id = b, a, b_file, a_file, b_id, a_id
        notes.append("先给出的是决算、后给出的是预算：已按“预算 → 决算”比较")
    mode = mode_of(a, b)
    if mode == "budget_final" and not same_unit(a, b):
        notes.append(f"预算与决算的单位名称不同（{a.unit.name}、{b.unit.name}）")
    sa, sb = summary(a), summary(b)
    figure_keys = dict(FIGURE_LABELS)
    if a.kind is DocumentKind.FINAL_ACCOUNTS or b.kind is DocumentKind.FINAL_ACCOUNTS:
        figure_keys.update(FINAL_FIGURE_LABELS)
    class_table, ca, cb = _shared_table(a, b, FUNCTION_TABLES, "2")
    if class_table is None:
        class_table, ca, cb = _summary_classes(a, b)
    econ_table, ea, eb = _shared_table(a, b, ECONOMIC_TABLES, "3")
    findings = _findings(a, b, mode, settings, notes)
    return Comparison(
        a=_side(a, a_file, a_id), b=_side(b, b_file, b_id), mode=mode,
        figures=_figure_lines(sa, sb, figure_keys),
        by_class=_classified_lines(ca, cb),
        by_economic=_classified_lines(ea, eb),
        three_public=_three_public_lines(a, b, sa, sb),
        projects=_project_lines(a, b),
        findings=findings,
        tables={"by_class": class_table, "by_economic": econ_table},
        notes=tuple(notes),
    )


def _findings(a: Budget, b: Budget, mode: str, settings, notes: list[str]) -> tuple[Finding, ...]:
    """Y802 when B is the year after A for the same unit; Y803 for a budget and its 决算."""
    if mode == "years" and b.year == a.year + 1:
        found, skipped = check_against(b, a, settings, codes=("Y802",))
    elif mode == "years" and a.year == b.year + 1:  # the later year given first: its statements are A's
        found, skipped = check_against(a, b, settings, codes=("Y802",))
    elif mode == "budget_final" and same_unit(a, b):
        found, skipped = check_against(b, a, settings, codes=("Y803", "Y804"))
    elif mode == "years":
        notes.append(f"两个年度相隔 {abs(b.year - a.year)} 年：不检查情况说明中的上年数（Y802 只比较相邻年度）")
        return ()
    elif mode == "other":
        notes.append("两份文件不是同一单位的两个年度、同一年度的两个单位，也不是同一年度的预算与决算：只列出数字，不做跨文件检查")
        return ()
    else:
        return ()
    for s in skipped:
        notes.append(f"{s.code} 未检查：{s.reason}")
    return found
